package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// The seeded mock is read through the provider's own client, so that what the
// flags promise is what the provider sees.

func parse(env map[string]string, args ...string) (config, error) {
	fs := flag.NewFlagSet("ocpmock", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return parseFlags(fs, args, func(name string) string { return env[name] })
}

// serve starts the mock that args and env ask for and returns its URL.
func serve(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	cfg, err := parse(env, args...)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(newMock(cfg).WithAdmin())
	t.Cleanup(srv.Close)
	return srv.URL
}

func newClient(t *testing.T, cfg ocpclient.Config) *ocpclient.Client {
	t.Helper()
	cfg.MaxRetries = -1
	c, err := ocpclient.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// clusters lists "id name" of every cluster.
func clusters(t *testing.T, c *ocpclient.Client) []string {
	t.Helper()
	list, err := c.ListClusters(context.Background(), ocpclient.ClusterFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, cluster := range list {
		got = append(got, fmt.Sprintf("%d %s", cluster.ID, cluster.Name))
	}
	return got
}

// tenants lists "id name: schedule" of a cluster's tenants, schedule saying
// whether their scheduled backups run.
func tenants(t *testing.T, c *ocpclient.Client, clusterID int64) []string {
	t.Helper()
	list, err := c.ListTenants(context.Background(), ocpclient.TenantFilter{ClusterID: clusterID})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tenant := range list {
		got = append(got, fmt.Sprintf("%d %s: %s", tenant.ID, tenant.Name, schedule(t, c, clusterID, tenant.ID)))
	}
	return got
}

func schedule(t *testing.T, c *ocpclient.Client, clusterID, tenantID int64) string {
	t.Helper()
	strategy, err := c.GetBackupStrategy(context.Background(), ocpclient.BackupScope{ClusterID: clusterID, TenantID: tenantID})
	if err != nil {
		t.Fatal(err)
	}
	if strategy == nil {
		return "no strategy"
	}
	enabled, _ := strategy.ScheduleEnabled()
	return map[bool]string{true: "running", false: "stopped"}[enabled]
}

// demoTenants is the demo seed, which examples/ and the tests rely on.
var demoTenants = []string{
	"1000012 orders: stopped", "1000013 billing: stopped", "1000014 ledger: no strategy", "1000015 audit: no strategy",
}

func TestClustersAndTenantsFlagsSeedWhatTheySay(t *testing.T) {
	url := serve(t, nil, "-password", "pw", "-clusters", "2", "-tenants-per-cluster", "3")
	c := newClient(t, ocpclient.Config{URL: url, Username: "admin", Password: "pw"})
	wantClusters := []string{"1000005 demo-cluster", "1001000 cluster-01", "1002000 cluster-02"}
	if got := clusters(t, c); !slices.Equal(got, wantClusters) {
		t.Errorf("clusters = %q, want %q", got, wantClusters)
	}
	if got := tenants(t, c, 1000005); !slices.Equal(got, demoTenants) {
		t.Errorf("demo tenants = %q, want %q", got, demoTenants)
	}
	wantTenants := []string{
		"1002001 tenant-02-001: running", "1002002 tenant-02-002: stopped", "1002003 tenant-02-003: running",
	}
	if got := tenants(t, c, 1002000); !slices.Equal(got, wantTenants) {
		t.Errorf("tenants of cluster-02 = %q, want %q", got, wantTenants)
	}
}

func TestDefaultFlagsSeedTheDemoAlone(t *testing.T) {
	url := serve(t, map[string]string{"OCP_PASSWORD": "pw"})
	c := newClient(t, ocpclient.Config{URL: url, Username: "admin", Password: "pw"})
	if got := clusters(t, c); !slices.Equal(got, []string{"1000005 demo-cluster"}) {
		t.Errorf("clusters = %q, want the demo cluster alone", got)
	}
	if got := tenants(t, c, 1000005); !slices.Equal(got, demoTenants) {
		t.Errorf("demo tenants = %q, want %q", got, demoTenants)
	}
}

func TestCredentialFlags(t *testing.T) {
	url := serve(t, map[string]string{"OCP_USERNAME": "terraform", "OCP_PASSWORD": "pw"},
		"-access-key-id", "AK", "-access-key-secret", "SK", "-readonly-username", "viewer", "-readonly-password", "vpw")
	ctx := context.Background()
	orders := ocpclient.BackupScope{ClusterID: 1000005, TenantID: 1000012}
	for name, cfg := range map[string]ocpclient.Config{
		"AccessKey":           {AccessKeyID: "AK", AccessKeySecret: "SK"},
		"user from the env":   {Username: "terraform", Password: "pw"},
		"read-only user read": {Username: "viewer", Password: "vpw"},
	} {
		cfg.URL = url
		if _, err := newClient(t, cfg).GetTenant(ctx, 1000005, 1000012); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := newClient(t, ocpclient.Config{URL: url, AccessKeyID: "AK", AccessKeySecret: "wrong"}).GetTenant(ctx, 1000005, 1000012); !ocpclient.IsUnauthorized(err) {
		t.Errorf("wrong AccessKey secret: want 401, got %v", err)
	}
	if _, err := newClient(t, ocpclient.Config{URL: url, Username: "viewer", Password: "vpw"}).StartBackupSchedule(ctx, orders); !ocpclient.IsForbidden(err) {
		t.Errorf("read-only user's start: want 403, got %v", err)
	}
}

// With an AccessKey pair alone the mock has no Basic user, so none with an empty
// password either.
func TestAccessKeyFromTheEnvironmentAlone(t *testing.T) {
	url := serve(t, map[string]string{"OCP_ACCESS_KEY_ID": "AK", "OCP_ACCESS_KEY_SECRET": "SK"})
	c := newClient(t, ocpclient.Config{URL: url, AccessKeyID: "AK", AccessKeySecret: "SK"})
	if _, err := c.GetCluster(context.Background(), 1000005); err != nil {
		t.Errorf("AccessKey from the environment: %v", err)
	}
	r, err := http.NewRequest(http.MethodGet, url+"/api/v2/ob/clusters/1000005", nil)
	if err != nil {
		t.Fatal(err)
	}
	r.SetBasicAuth("admin", "")
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("admin with an empty password: HTTP %d, want 401", resp.StatusCode)
	}
}

func TestFlagErrorsNameTheFlag(t *testing.T) {
	for want, args := range map[string][]string{
		"set -password":           {},
		"-access-key-secret":      {"-access-key-id", "AK"},
		"-readonly-password":      {"-password", "pw", "-readonly-username", "viewer"},
		"must differ":             {"-password", "pw", "-readonly-username", "admin", "-readonly-password", "x"},
		"-rate-limit":             {"-password", "pw", "-rate-limit", "-1"},
		"-clusters":               {"-password", "pw", "-clusters", "100"},
		"-tenants-per-cluster":    {"-password", "pw", "-clusters", "1", "-tenants-per-cluster", "1000"},
		"flag provided but not":   {"-password", "pw", "-tenants", "3"},
		"invalid value \"three\"": {"-password", "pw", "-clusters", "three"},
	} {
		if _, err := parse(nil, args...); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want an error with %q", args, err, want)
		}
	}
}

func TestListensOnLoopbackOnly(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", "[::]:0", "192.0.2.1:0", "example.com:0"} {
		if listener, err := listenLoopback(addr); err == nil {
			listener.Close()
			t.Errorf("listened on %s", addr)
		}
	}
	listener, err := listenLoopback("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	listener.Close()
}
