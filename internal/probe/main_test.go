package probe

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// env is a fake environment for Main.
type env map[string]string

func (e env) get(name string) string { return e[name] }

func credentialsFor(url string) env {
	return env{envURL: url, envUsername: testUser, envPassword: testPassword}
}

func runMain(e env, args ...string) (code int, stdout, stderr string) {
	var out, errs bytes.Buffer
	code = Main(context.Background(), "test", args, e.get, &out, &errs)
	return code, out.String(), errs.String()
}

// Settings that cannot work stop the probe before it sends anything.
func TestMainRefusesSettingsThatCannotWork(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { requests.Add(1) }))
	t.Cleanup(srv.Close)
	with := func(extra env) env {
		e := credentialsFor(srv.URL)
		for k, v := range extra {
			e[k] = v
		}
		return e
	}
	tests := map[string]struct {
		env     env
		args    []string
		wantErr string
	}{
		"-write without -tenant": {with(nil), []string{"-write"}, "-write changes a tenant's scheduled backups, so it needs -tenant C/T"},
		"no OCP_URL":             {env{envUsername: "u", envPassword: "p"}, nil, "OCP_URL is not set"},
		"bad request timeout":    {with(env{envRequestTimeout: "-1s"}), nil, `OCP_REQUEST_TIMEOUT is "-1s"`},
		"bad retry count":        {with(env{envMaxRetries: "11"}), nil, `OCP_MAX_RETRIES is "11"`},
		"bad TLS switch":         {with(env{envInsecure: "maybe"}), nil, `OCP_INSECURE_SKIP_VERIFY is "maybe"`},
		"both credential pairs":  {with(env{envAccessKeyID: "AK", envAccessKeySecret: "SK-secret"}), nil, "give only one of them"},
		"no credentials":         {env{envURL: srv.URL}, nil, "no credentials are set"},
		"bad tenant":             {with(nil), []string{"-tenant", "1000005"}, `"1000005" is not C/T`},
		"bad format":             {with(nil), []string{"-format", "xml"}, `-format "xml"`},
		"stray argument":         {with(nil), []string{"now"}, "unexpected arguments"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			code, stdout, stderr := runMain(tt.env, tt.args...)
			if code != ExitCannotRun || !strings.Contains(stderr, tt.wantErr) || stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d and %q", code, stdout, stderr, ExitCannotRun, tt.wantErr)
			}
			if strings.Contains(stderr, testPassword) || strings.Contains(stderr, "SK-secret") {
				t.Errorf("stderr quotes a secret: %q", stderr)
			}
		})
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("%d requests reached OCP", n)
	}
}

func TestMainExitStatus(t *testing.T) {
	documented := newFixture(t, ocpmock.Options{})
	tests := map[string]struct {
		env      env
		args     []string
		wantCode int
		wantOut  string
	}{
		"every fact holds": {credentialsFor(documented.url), nil, ExitHolds, "| Result | 21 hold, 0 differ, 7 not observable |"},
		"a fact differs": {credentialsFor(newFixture(t, ocpmock.Options{NoStrategy: ocpmock.NoStrategyNotFound}).url), nil,
			ExitDiffers, "(the provider copes with every difference)"},
		"bad credentials": {env{envURL: documented.url, envUsername: testUser, envPassword: "wrong-password"}, nil,
			ExitCannotRun, "HTTP 401 in OCP's envelope, error code 0: Bad credentials. Check OCP_USERNAME"},
		"OCP unreachable": {env{envURL: "http://127.0.0.1:1", envUsername: "u", envPassword: "p", envMaxRetries: "0"}, nil,
			ExitCannotRun, "OCP could not be reached"},
		"help": {credentialsFor(documented.url), []string{"-h"}, ExitHolds, ""},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			code, stdout, _ := runMain(tt.env, tt.args...)
			if code != tt.wantCode || !strings.Contains(stdout, tt.wantOut) {
				t.Errorf("exit %d, want %d; stdout:\n%s\nwant it to contain %q", code, tt.wantCode, stdout, tt.wantOut)
			}
		})
	}
}

func TestMainWritesJSON(t *testing.T) {
	f := newFixture(t, ocpmock.Options{})
	code, stdout, stderr := runMain(credentialsFor(f.url), "-format", "json", "-tenant", "1/11", "-write")
	var report Report
	if err := json.Unmarshal([]byte(stdout), &report); err != nil {
		t.Fatalf("not JSON (%v): %s %s", err, stdout, stderr)
	}
	if code != ExitHolds || report.Mode != modeWrite || len(report.Write.Steps) != 4 || len(report.Facts) == 0 {
		t.Errorf("exit %d, report %+v", code, report)
	}
}
