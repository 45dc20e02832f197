package probe

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

const (
	testUser     = "probe"
	testPassword = "Pw-probe-4f1c-never-print"
)

// fixture is a mock OCP on loopback: cluster 1 with tenant 11 "orders" (a
// strategy, one data backup task, and the log backup task the mock lists for a
// tenant with a strategy), tenant 12 "scratch" (no strategy, so no task) and four
// more tenants with strategies, so that a page capped at three cannot hold them.
type fixture struct {
	mock *ocpmock.Server
	url  string
}

func newFixture(t *testing.T, opts ocpmock.Options) *fixture {
	t.Helper()
	return newFixtureBehind(t, opts, func(h http.Handler) http.Handler { return h })
}

// newFixtureBehind serves the mock behind wrap, for tests that intercept requests.
func newFixtureBehind(t *testing.T, opts ocpmock.Options, wrap func(http.Handler) http.Handler) *fixture {
	t.Helper()
	mock := ocpmock.New(opts)
	mock.AddUser(testUser, testPassword)
	mock.AddCluster(1, "c1")
	mock.AddTenant(1, 11, "orders", true)
	mock.AddTenant(1, 12, "scratch", false)
	for i := range int64(4) {
		mock.AddTenant(1, 20+i, fmt.Sprintf("t%d", i), true)
	}
	mock.AddDataBackupTask(1, 11, map[string]any{
		"taskId": 7, "backupSetId": 3, "status": "DONE", "dataBackupTaskType": "FULL_BACKUP", "backupMode": "PHYSICAL_BACKUP",
		"startTime": time.Now().UTC().Add(-time.Hour).Format(time.RFC3339), "backupUri": "file:///obbackup/",
	})
	srv := httptest.NewServer(wrap(mock))
	t.Cleanup(srv.Close)
	return &fixture{mock: mock, url: srv.URL}
}

// settings probes the fixture as testUser, read-only, in Markdown.
func (f *fixture) settings() Settings {
	return Settings{
		Client: ocpclient.Config{
			URL: f.url, Username: testUser, Password: testPassword, MaxRetries: 1,
			RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond, RequestTimeout: 5 * time.Second,
			TaskPollInterval: time.Millisecond,
		},
		Format: FormatMarkdown,
	}
}

// run probes the fixture with its settings changed by mutate.
func (f *fixture) run(t *testing.T, ctx context.Context, mutate ...func(*Settings)) *Report {
	t.Helper()
	settings := f.settings()
	for _, m := range mutate {
		m(&settings)
	}
	client, err := ocpclient.New(settings.Client)
	if err != nil {
		t.Fatal(err)
	}
	return Run(ctx, client, settings)
}

// inspecting names a tenant of cluster 1 with -tenant.
func inspecting(tenantID int64) func(*Settings) {
	return func(s *Settings) { s.Tenant = &ocpclient.BackupScope{ClusterID: 1, TenantID: tenantID} }
}

func writing(s *Settings) { s.Write = true }

// fact returns a fact of the report, failing the test when it is missing.
func fact(t *testing.T, r *Report, id string) Fact {
	t.Helper()
	f, ok := r.Fact(id)
	if !ok {
		t.Fatalf("the report has no fact %s", id)
	}
	return f
}

// expectation is what a test expects of one fact.
type expectation struct {
	verdict Verdict
	// tolerated applies to a difference.
	tolerated bool
	// seen must be part of what the fact saw (or why it was not observable).
	seen string
	// detail, when set, must be part of what a difference means for the provider.
	detail string
}

func (e expectation) check(t *testing.T, f Fact) {
	t.Helper()
	if f.Verdict != e.verdict {
		t.Errorf("%s: verdict %q, want %q (seen %q, why %q)", f.ID, f.Verdict, e.verdict, f.Seen, f.Why)
	}
	if e.verdict == Differs && (f.Provider == nil || f.Provider.Tolerated != e.tolerated) {
		t.Errorf("%s: consequence %+v, want tolerated=%t", f.ID, f.Provider, e.tolerated)
	}
	if !strings.Contains(f.Seen+f.Why, e.seen) {
		t.Errorf("%s: seen %q (why %q), want it to mention %q", f.ID, f.Seen, f.Why, e.seen)
	}
	if e.detail != "" && (f.Provider == nil || !strings.Contains(f.Provider.Detail, e.detail)) {
		t.Errorf("%s: consequence %+v, want it to mention %q", f.ID, f.Provider, e.detail)
	}
}

// rendered writes the report in both formats and checks that neither quotes a
// secret.
func rendered(t *testing.T, r *Report, secrets ...string) string {
	t.Helper()
	var all bytes.Buffer
	for _, format := range []Format{FormatMarkdown, FormatJSON} {
		if err := r.WriteTo(&all, format); err != nil {
			t.Fatal(err)
		}
	}
	for _, secret := range append(secrets, testPassword) {
		if strings.Contains(all.String(), secret) {
			t.Errorf("the report quotes the secret %q", secret)
		}
	}
	return all.String()
}
