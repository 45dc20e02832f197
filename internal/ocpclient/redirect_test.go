package ocpclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// Credentials are added below net/http's redirect handling, so a followed
// redirect would hand them to wherever Location points. The client must stop at
// the redirect and say where it pointed.
func TestRedirectsAreNotFollowed(t *testing.T) {
	modes := map[string]func(*Config){
		"basic": func(*Config) {},
		"access key": func(c *Config) {
			c.Username, c.Password, c.AccessKeyID, c.AccessKeySecret = "", "", testKeyID, testSecret
		},
	}
	origins := map[string]func(http.Handler) *httptest.Server{
		"http":          httptest.NewServer,
		"https to http": httptest.NewTLSServer,
	}
	statuses := []int{http.StatusMovedPermanently, http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect}
	for modeName, mode := range modes {
		for originName, newOrigin := range origins {
			for _, status := range statuses {
				t.Run(fmt.Sprintf("%s/%s/%d", modeName, originName, status), func(t *testing.T) {
					var reached, gotAuthorization atomic.Bool
					target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						reached.Store(true)
						gotAuthorization.Store(r.Header.Get("Authorization") != "")
						w.WriteHeader(http.StatusOK)
						_, _ = w.Write([]byte(`{"data":{"id":5},"successful":true,"status":200}`))
					}))
					t.Cleanup(target.Close)
					origin := newOrigin(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						http.Redirect(w, r, target.URL+r.URL.Path, status)
					}))
					t.Cleanup(origin.Close)
					c := testClient(t, origin.URL, mode, func(c *Config) { c.InsecureSkipVerify = true })

					_, err := c.GetBackupStrategy(context.Background(), testScope)
					if gotAuthorization.Load() {
						t.Fatal("the redirect target received the credentials")
					}
					if reached.Load() {
						t.Error("the redirect was followed")
					}
					var apiErr *APIError
					if !errors.As(err, &apiErr) || apiErr.HTTPStatus != status {
						t.Fatalf("want an *APIError with HTTP %d, got %v", status, err)
					}
					for _, want := range []string{target.URL + strategyPath, "does not follow redirects", "set url to " + target.URL} {
						if !strings.Contains(err.Error(), want) {
							t.Errorf("error %q lacks %q", err, want)
						}
					}
				})
			}
		}
	}
}

// A redirect elsewhere (a login page) names its target and suggests no url.
func TestRedirectToAnotherPathNamesLocation(t *testing.T) {
	srv := newScriptedServer(t, answer{status: http.StatusFound, header: http.Header{"Location": {"/sso/login?next=x"}}})
	_, err := testClient(t, srv.URL).StartBackupSchedule(context.Background(), testScope)
	for _, want := range []string{"HTTP 302", srv.URL + "/sso/login?next=x", "does not follow redirects", "set url to the address"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}
	if got := srv.calls.Load(); got != 1 {
		t.Errorf("calls = %d, want 1: a redirect is not retried", got)
	}
}
