package ocpmock

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestAuthentication(t *testing.T) {
	_, baseURL := newTestServer(t)
	tests := map[string]struct {
		authorize authorizer
		wantOK    bool
	}{
		"basic":          {basicAuth("admin", "pw"), true},
		"wrong password": {basicAuth("admin", "nope"), false},
		"unknown user":   {basicAuth("eve", "pw"), false},
		"access key":     {accessKey("AK", "SK"), true},
		"wrong secret":   {accessKey("AK", "bad"), false},
		"unknown key":    {accessKey("XX", "SK"), false},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			got := newCaller(t, baseURL, tt.authorize).do(http.MethodGet, tenantStrategy, nil)
			if tt.wantOK && !got.ok() {
				t.Fatalf("unexpected answer %v", got)
			}
			if !tt.wantOK && !got.refused(http.StatusUnauthorized) {
				t.Fatalf("want 401, got %v", got)
			}
		})
	}
}

func TestSignedRequestWithStaleDateIsRejected(t *testing.T) {
	s, baseURL := newTestServer(t)
	s.now = func() time.Time { return time.Now().Add(16 * time.Minute) }
	got := newCaller(t, baseURL, accessKey("AK", "SK")).do(http.MethodGet, tenantStrategy, nil)
	if !got.refused(http.StatusUnauthorized) || !strings.Contains(got.env.Error.Message, "15 minutes") {
		t.Fatalf("want a 401 about the Date, got %v", got)
	}
}

func TestFaultsApplyInOrderForTheirCount(t *testing.T) {
	s, baseURL := newTestServer(t)
	s.InjectFault(RouteGetStrategy, Fault{Status: http.StatusInternalServerError, Times: 2})
	s.InjectFault(RouteGetStrategy, Fault{MalformedJSON: true})
	admin := newCaller(t, baseURL, basicAuth("admin", "pw"))
	failed := func(r reply) bool { return r.refused(http.StatusInternalServerError) }
	malformed := func(r reply) bool { return r.status == http.StatusOK && r.env == nil }
	for i, want := range []struct {
		what  string
		holds func(reply) bool
	}{{"HTTP 500", failed}, {"HTTP 500", failed}, {"malformed JSON", malformed}, {"success", reply.ok}} {
		if got := admin.do(http.MethodGet, tenantStrategy, nil); !want.holds(got) {
			t.Errorf("call %d: got %v, want %s", i+1, got, want.what)
		}
	}
}

func TestRateLimitAnswers429WithHeaders(t *testing.T) {
	s, baseURL := newTestServer(t)
	frozen := time.Date(2026, 1, 1, 0, 0, 0, 400*int(time.Millisecond), time.UTC)
	s.now = func() time.Time { return frozen }
	s.SetRateLimit(2)
	admin := newCaller(t, baseURL, basicAuth("admin", "pw"))
	var statuses []int
	for range 3 {
		got := admin.do(http.MethodGet, "/api/v2/ob/clusters/1", nil)
		statuses = append(statuses, got.status)
		if got.status == http.StatusTooManyRequests && got.header.Get("RateLimit-Reset") == "" {
			t.Error("429 without RateLimit-Reset")
		}
	}
	if statuses[0] != 200 || statuses[1] != 200 || statuses[2] != http.StatusTooManyRequests {
		t.Errorf("statuses = %v, want [200 200 429]", statuses)
	}
}

func TestReadOnlyUserMayReadButNotAct(t *testing.T) {
	_, baseURL := newTestServer(t)
	viewer := newCaller(t, baseURL, basicAuth("viewer", "pw"))
	if got := viewer.do(http.MethodGet, tenantStrategy, nil); !got.ok() {
		t.Fatalf("read: %v", got)
	}
	if got := viewer.do(http.MethodPost, tenantStrategy+"/startSchedule", nil); !got.refusedWith(http.StatusForbidden, 30014) {
		t.Fatalf("want 403 with code 30014, got %v", got)
	}
}
