package ocpmock

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

func newTestServer(t *testing.T) (*Server, string) {
	t.Helper()
	s := New(Options{})
	s.AddUser("admin", "pw")
	s.AddReadOnlyUser("viewer", "pw")
	s.AddAccessKey("AK", "SK")
	s.AddCluster(1, "c")
	s.AddTenant(1, 11, "orders", true)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv.URL
}

func client(t *testing.T, url string, cfg ocpclient.Config) *ocpclient.Client {
	t.Helper()
	cfg.URL = url
	cfg.MaxRetries = -1
	c, err := ocpclient.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestAuthentication(t *testing.T) {
	_, url := newTestServer(t)
	tests := map[string]struct {
		cfg    ocpclient.Config
		wantOK bool
	}{
		"basic":          {ocpclient.Config{Username: "admin", Password: "pw"}, true},
		"wrong password": {ocpclient.Config{Username: "admin", Password: "nope"}, false},
		"unknown user":   {ocpclient.Config{Username: "eve", Password: "pw"}, false},
		"access key":     {ocpclient.Config{AccessKeyID: "AK", AccessKeySecret: "SK"}, true},
		"wrong secret":   {ocpclient.Config{AccessKeyID: "AK", AccessKeySecret: "bad"}, false},
		"unknown key":    {ocpclient.Config{AccessKeyID: "XX", AccessKeySecret: "SK"}, false},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := client(t, url, tt.cfg).GetBackupStrategy(context.Background(), testScope)
			if tt.wantOK && err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			if !tt.wantOK && !ocpclient.IsUnauthorized(err) {
				t.Fatalf("want 401, got %v", err)
			}
		})
	}
}

func TestSignedRequestWithStaleDateIsRejected(t *testing.T) {
	s, url := newTestServer(t)
	s.now = func() time.Time { return time.Now().Add(16 * time.Minute) }
	_, err := client(t, url, ocpclient.Config{AccessKeyID: "AK", AccessKeySecret: "SK"}).GetBackupStrategy(context.Background(), testScope)
	if !ocpclient.IsUnauthorized(err) || !strings.Contains(err.Error(), "15 minutes") {
		t.Fatalf("want a 401 about the Date, got %v", err)
	}
}

func TestScheduleStateMachine(t *testing.T) {
	s, url := newTestServer(t)
	c := client(t, url, ocpclient.Config{Username: "admin", Password: "pw"})
	ctx := context.Background()
	if _, err := c.StartBackupSchedule(ctx, testScope); err != nil {
		t.Fatal(err)
	}
	strategy, err := c.GetBackupStrategy(ctx, testScope)
	if enabled, ok := strategy.ScheduleEnabled(); err != nil || !ok || !enabled {
		t.Fatalf("after start: enabled=%v ok=%v err=%v", enabled, ok, err)
	}
	if _, err := c.StartBackupSchedule(ctx, testScope); !ocpclient.IsConflict(err) {
		t.Errorf("second start: want 409, got %v", err)
	}
	if _, err := c.StopBackupSchedule(ctx, testScope); err != nil {
		t.Fatal(err)
	}
	if enabled, _ := s.ScheduleEnabled(1, 11); enabled {
		t.Error("stop did not stop")
	}
	s.DeleteStrategy(1, 11)
	if strategy, err := c.GetBackupStrategy(ctx, testScope); strategy != nil || err != nil {
		t.Errorf("deleted strategy: got %+v, %v", strategy, err)
	}
	s.DeleteTenant(1, 11)
	if _, err := c.GetBackupStrategy(ctx, testScope); !ocpclient.IsNotFound(err) {
		t.Errorf("deleted tenant: want not found, got %v", err)
	}
	if got := s.Calls(RouteStartSchedule); got != 2 {
		t.Errorf("start calls = %d, want 2", got)
	}
}

func TestFaultsApplyInOrderForTheirCount(t *testing.T) {
	s, url := newTestServer(t)
	s.InjectFault(RouteGetStrategy, Fault{Status: http.StatusInternalServerError, Times: 2})
	s.InjectFault(RouteGetStrategy, Fault{MalformedJSON: true})
	c := client(t, url, ocpclient.Config{Username: "admin", Password: "pw"})
	for i, want := range []string{"HTTP 500", "HTTP 500", "malformed", ""} {
		_, err := c.GetBackupStrategy(context.Background(), testScope)
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("call %d: error %v, want %q", i+1, err, want)
		}
	}
}

func TestRateLimitAnswers429WithHeaders(t *testing.T) {
	s, url := newTestServer(t)
	frozen := time.Date(2026, 1, 1, 0, 0, 0, 400*int(time.Millisecond), time.UTC)
	s.now = func() time.Time { return frozen }
	s.SetRateLimit(2)
	var statuses []int
	for range 3 {
		req, _ := http.NewRequest(http.MethodGet, url+"/api/v2/ob/clusters/1", nil)
		req.SetBasicAuth("admin", "pw")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		statuses = append(statuses, resp.StatusCode)
		if resp.StatusCode == http.StatusTooManyRequests && resp.Header.Get("RateLimit-Reset") == "" {
			t.Error("429 without RateLimit-Reset")
		}
	}
	if statuses[0] != 200 || statuses[1] != 200 || statuses[2] != http.StatusTooManyRequests {
		t.Errorf("statuses = %v, want [200 200 429]", statuses)
	}
}

func TestReadOnlyUserMayReadButNotAct(t *testing.T) {
	_, url := newTestServer(t)
	c := client(t, url, ocpclient.Config{Username: "viewer", Password: "pw"})
	if _, err := c.GetBackupStrategy(context.Background(), testScope); err != nil {
		t.Fatalf("read: %v", err)
	}
	_, err := c.StartBackupSchedule(context.Background(), testScope)
	if !strings.Contains(err.Error(), "HTTP 403") || !strings.Contains(err.Error(), "OCP error code 30014") {
		t.Fatalf("want 403 with code 30014, got %v", err)
	}
}

func TestInventoryLookups(t *testing.T) {
	_, url := newTestServer(t)
	c := client(t, url, ocpclient.Config{Username: "admin", Password: "pw"})
	ctx := context.Background()
	cluster, err := c.GetCluster(ctx, 1)
	if err != nil || cluster.ID != 1 || cluster.Name != "c" {
		t.Fatalf("GetCluster = %+v, %v", cluster, err)
	}
	tenant, err := c.GetTenant(ctx, 1, 11)
	if err != nil || tenant.ID != 11 || tenant.Name != "orders" || tenant.ClusterID != 1 {
		t.Fatalf("GetTenant = %+v, %v", tenant, err)
	}
	if _, err := c.GetCluster(ctx, 2); !ocpclient.IsNotFound(err) {
		t.Errorf("unknown cluster: want not found, got %v", err)
	}
	if _, err := c.GetTenant(ctx, 1, 99); !ocpclient.IsNotFound(err) {
		t.Errorf("unknown tenant: want not found, got %v", err)
	}
}

var testScope = ocpclient.BackupScope{ClusterID: 1, TenantID: 11}

func TestStrategyCreateUpdateDeleteNormalisesAndMasks(t *testing.T) {
	s, url := newTestServer(t)
	s.AddTenant(1, 12, "scratch", false)
	c := client(t, url, ocpclient.Config{Username: "admin", Password: "pw"})
	ctx := context.Background()
	scope := ocpclient.BackupScope{ClusterID: 1, TenantID: 12}
	enabled := false
	body := ocpclient.BackupStrategyConfig{
		BackupMode: "PHYSICAL_BACKUP",
		ScheduleConfig: &ocpclient.BackupScheduleConfig{
			ScheduleEnabled: &enabled, ScheduleMode: "WEEK", ScheduleTime: "02:00+08:00", Days: map[string]string{"1": "FULL_BACKUP"},
		},
		ThresholdConfig: &ocpclient.BackupThresholds{DataBackupTimeoutMinutes: 1, NoSuccessfulDataBackupAlarmDays: 1, LogBackupDelaySeconds: 1},
		StorageConfig: &ocpclient.BackupStorageConfig{ConfigName: "x", AlarmStoragePercentageThreshold: 80,
			StorageBaseInfo: ocpclient.BackupStorageInfo{BackupStorageType: ocpclient.StorageOSS, StorageURL: "bucket/a",
				OSSAccessKey: &ocpclient.StorageAccessKey{Endpoint: "e", AccessKeyID: "id", AccessKeySecret: "secret"}}},
	}
	op, err := c.CreateBackupStrategy(ctx, scope, body)
	if err != nil || op.TaskType != "CREATE_BACKUP_STRATEGY" || len(op.TaskIDs()) != 1 {
		t.Fatalf("create: %+v, %v", op, err)
	}
	if err := c.WaitForTasks(ctx, op.TaskIDs()); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateBackupStrategy(ctx, scope, body); !ocpclient.IsConflict(err) {
		t.Errorf("second create: want 409, got %v", err)
	}
	got, err := c.GetBackupStrategy(ctx, scope)
	if err != nil {
		t.Fatal(err)
	}
	if got.ScheduleConfig.ScheduleTime != "02:00:00.000+08:00" || got.StorageConfig.StorageBaseInfo.StorageURL != "bucket/a/" {
		t.Errorf("not normalised: %+v", got.ScheduleConfig)
	}
	if secret := got.StorageConfig.StorageBaseInfo.OSSAccessKey.AccessKeySecret; secret != "******" {
		t.Errorf("secret echoed as %q", secret)
	}
	body.ScheduleConfig.ScheduleTime = "bad"
	if _, err := c.UpdateBackupStrategy(ctx, scope, body); err == nil || !strings.Contains(err.Error(), "backupScheduleTime") {
		t.Errorf("invalid update: want a validation error naming the field, got %v", err)
	}
	if _, err := c.DeleteBackupStrategy(ctx, scope); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteBackupStrategy(ctx, scope); !ocpclient.IsNotFound(err) {
		t.Errorf("second delete: want 404, got %v", err)
	}
}

func TestListsFilterByNameAcrossPages(t *testing.T) {
	s, url := newTestServer(t)
	for i := int64(0); i < 1200; i++ {
		s.AddTenant(1, 100+i, fmt.Sprintf("t%04d", i), false)
	}
	c := client(t, url, ocpclient.Config{Username: "admin", Password: "pw"})
	all, err := c.ListTenants(context.Background(), 1, "")
	if err != nil || len(all) != 1201 {
		t.Fatalf("ListTenants = %d tenants, %v; want 1201 over three pages", len(all), err)
	}
	if got := s.Calls(RouteListTenants); got != 3 {
		t.Errorf("list calls = %d, want 3", got)
	}
	some, err := c.ListTenants(context.Background(), 1, "T011")
	if err != nil || len(some) != 10 {
		t.Errorf("name filter T011 = %d tenants, %v; want 10 (case-insensitive substring)", len(some), err)
	}
}

func TestDataBackupTasksFilter(t *testing.T) {
	s, url := newTestServer(t)
	s.AddDataBackupTask(1, 11, map[string]any{"taskId": 1, "status": "DONE", "startTime": "2026-01-01T00:00:00Z"})
	s.AddDataBackupTask(1, 11, map[string]any{"taskId": 2, "status": "FAILED", "startTime": "2026-01-03T00:00:00Z"})
	c := client(t, url, ocpclient.Config{Username: "admin", Password: "pw"})
	tasks, err := c.ListTenantDataBackupTasks(context.Background(), 1, 11, ocpclient.DataBackupTaskFilter{
		Start: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), Statuses: []string{"FAILED", "DONE"},
	})
	if err != nil || len(tasks) != 1 || tasks[0].TaskID != 2 {
		t.Fatalf("tasks = %+v, %v; want only task 2", tasks, err)
	}
}
