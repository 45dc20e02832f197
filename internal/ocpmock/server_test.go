package ocpmock

import (
	"fmt"
	"net/http"
	"net/url"
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

func TestScheduleStateMachine(t *testing.T) {
	s, baseURL := newTestServer(t)
	admin := newCaller(t, baseURL, basicAuth("admin", "pw"))
	start, stop := tenantStrategy+"/startSchedule", tenantStrategy+"/stopSchedule"
	if got := admin.do(http.MethodPost, start, nil); !got.ok() {
		t.Fatalf("start: %v", got)
	}
	var strategy map[string]any
	admin.do(http.MethodGet, tenantStrategy, nil).decode(t, &strategy)
	if enabled := lookup(strategy, "obBackupScheduleConfig", "backupScheduleEnabled"); enabled != true {
		t.Fatalf("after start: backupScheduleEnabled = %v", enabled)
	}
	if got := admin.do(http.MethodPost, start, nil); !got.refused(http.StatusConflict) {
		t.Errorf("second start: want 409, got %v", got)
	}
	if got := admin.do(http.MethodPost, stop, nil); !got.ok() {
		t.Fatalf("stop: %v", got)
	}
	if enabled, _ := s.ScheduleEnabled(1, 11); enabled {
		t.Error("stop did not stop")
	}
	s.DeleteStrategy(1, 11)
	if got := admin.do(http.MethodGet, tenantStrategy, nil); !got.ok() || string(got.env.Data) != "null" {
		t.Errorf("deleted strategy: want data null, got %v", got)
	}
	s.DeleteTenant(1, 11)
	if got := admin.do(http.MethodGet, tenantStrategy, nil); !got.gone() {
		t.Errorf("deleted tenant: want not found, got %v", got)
	}
	if got := s.Calls(RouteStartSchedule); got != 2 {
		t.Errorf("start calls = %d, want 2", got)
	}
	if got := s.StartCallsOf(1, 11); got != (StartCalls{Started: 1, AlreadyRunning: 1}) {
		t.Errorf("start calls of tenant 11 = %+v, want one that started and one refused as already running", got)
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

func TestInventoryLookups(t *testing.T) {
	_, baseURL := newTestServer(t)
	admin := newCaller(t, baseURL, basicAuth("admin", "pw"))
	var cluster struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	}
	admin.do(http.MethodGet, "/api/v2/ob/clusters/1", nil).decode(t, &cluster)
	if cluster.ID != 1 || cluster.Name != "c" {
		t.Fatalf("cluster = %+v", cluster)
	}
	var tenant struct {
		ID        int64  `json:"id"`
		Name      string `json:"name"`
		ClusterID int64  `json:"clusterId"`
	}
	admin.do(http.MethodGet, "/api/v2/ob/clusters/1/tenants/11", nil).decode(t, &tenant)
	if tenant.ID != 11 || tenant.Name != "orders" || tenant.ClusterID != 1 {
		t.Fatalf("tenant = %+v", tenant)
	}
	if got := admin.do(http.MethodGet, "/api/v2/ob/clusters/2", nil); !got.gone() {
		t.Errorf("unknown cluster: want not found, got %v", got)
	}
	if got := admin.do(http.MethodGet, "/api/v2/ob/clusters/1/tenants/99", nil); !got.gone() {
		t.Errorf("unknown tenant: want not found, got %v", got)
	}
}

// newStrategyBody is a create body as a client sends it, with an OSS destination
// whose secret OCP must not echo.
func newStrategyBody(scheduleTime string) map[string]any {
	return map[string]any{
		"backupMode": "PHYSICAL_BACKUP",
		"obBackupScheduleConfig": map[string]any{
			"backupScheduleEnabled": false, "backupScheduleMode": "WEEK", "backupScheduleTime": scheduleTime,
			"dayAndDataBackupModelMap": map[string]any{"1": "FULL_BACKUP"},
		},
		"obBackupThresholdConfig": map[string]any{
			"dataBackupTimeoutMinutes": 1, "noSuccessfulDataBackupAlarmDays": 1, "logBackupDelaySeconds": 1,
		},
		"obBackupServiceStorageConfig": map[string]any{
			"configName": "x", "alarmStoragePercentageThreshold": 80,
			"obBackupStorageBaseInfo": map[string]any{
				"backupStorageType": "BACKUP_STORAGE_OSS", "storageUrl": "bucket/a",
				"ossAccessKey": map[string]any{"endpoint": "e", "accessKeyId": "id", "accessKeySecret": "secret"},
			},
		},
	}
}

func TestStrategyCreateUpdateDeleteNormalisesAndMasks(t *testing.T) {
	s, baseURL := newTestServer(t)
	s.AddTenant(1, 12, "scratch", false)
	admin := newCaller(t, baseURL, basicAuth("admin", "pw"))
	const path = "/api/v2/ob/clusters/1/tenants/12/backup/config/backupStrategy"
	body := newStrategyBody("02:00+08:00")
	var op struct {
		TaskType string `json:"obBackupTaskType"`
		Results  []struct {
			TaskIDs []int64 `json:"taskIdList"`
		} `json:"backupObjectOpsResultList"`
	}
	admin.do(http.MethodPost, path, body).decode(t, &op)
	if op.TaskType != "CREATE_BACKUP_STRATEGY" || len(op.Results) != 1 || len(op.Results[0].TaskIDs) != 1 {
		t.Fatalf("create: %+v", op)
	}
	// Options.TaskPolls is zero, so the first read of the task already shows its end.
	var task struct {
		Status string `json:"status"`
	}
	admin.do(http.MethodGet, fmt.Sprintf("/api/v2/tasks/instances/%d", op.Results[0].TaskIDs[0]), nil).decode(t, &task)
	if task.Status != "SUCCESSFUL" {
		t.Fatalf("task status = %q, want SUCCESSFUL", task.Status)
	}
	if got := admin.do(http.MethodPost, path, body); !got.refused(http.StatusConflict) {
		t.Errorf("second create: want 409, got %v", got)
	}
	var stored map[string]any
	admin.do(http.MethodGet, path, nil).decode(t, &stored)
	storage := []string{"obBackupServiceStorageConfig", "obBackupStorageBaseInfo"}
	if lookup(stored, "obBackupScheduleConfig", "backupScheduleTime") != "02:00:00.000+08:00" ||
		lookup(stored, append(storage, "storageUrl")...) != "bucket/a/" {
		t.Errorf("not normalised: %+v", stored)
	}
	if secret := lookup(stored, append(storage, "ossAccessKey", "accessKeySecret")...); secret != "******" {
		t.Errorf("secret echoed as %q", secret)
	}
	if got := admin.do(http.MethodPatch, path, newStrategyBody("bad")); !got.refused(http.StatusBadRequest) || !strings.Contains(got.env.Error.Message, "backupScheduleTime") {
		t.Errorf("invalid update: want a validation error naming the field, got %v", got)
	}
	if got := admin.do(http.MethodDelete, path, nil); !got.ok() {
		t.Fatalf("delete: %v", got)
	}
	if got := admin.do(http.MethodDelete, path, nil); !got.gone() {
		t.Errorf("second delete: want 404, got %v", got)
	}
}

// The mock serves tenants in pages of the size asked and filters them by name.
func TestListsFilterByNameAcrossPages(t *testing.T) {
	s, baseURL := newTestServer(t)
	for i := int64(0); i < 1200; i++ {
		s.AddTenant(1, 100+i, fmt.Sprintf("t%04d", i), false)
	}
	admin := newCaller(t, baseURL, basicAuth("admin", "pw"))
	var total int
	for page, want := range []int{500, 500, 201} {
		got := listTenants(t, admin, url.Values{"page": {fmt.Sprint(page + 1)}, "size": {"500"}})
		total += len(got.Contents)
		if len(got.Contents) != want || got.Page.TotalElements != 1201 || got.Page.TotalPages != 3 {
			t.Errorf("page %d: %d tenants of %+v, want %d of 1201 in 3 pages", page+1, len(got.Contents), got.Page, want)
		}
	}
	if total != 1201 {
		t.Fatalf("%d tenants over three pages, want 1201", total)
	}
	if got := s.Calls(RouteListTenants); got != 3 {
		t.Errorf("list calls = %d, want 3", got)
	}
	if some := listTenants(t, admin, url.Values{"name": {"T011"}, "size": {"500"}}); len(some.Contents) != 10 {
		t.Errorf("name filter T011 = %d tenants; want 10 (case-insensitive substring)", len(some.Contents))
	}
}

// tenantPage is one page of a tenant listing, as far as the tests read it.
type tenantPage struct {
	Contents []struct {
		Name string `json:"name"`
	} `json:"contents"`
	Page struct {
		TotalElements int `json:"totalElements"`
		TotalPages    int `json:"totalPages"`
	} `json:"page"`
}

func listTenants(t *testing.T, c caller, query url.Values) tenantPage {
	t.Helper()
	var page tenantPage
	c.do(http.MethodGet, "/api/v2/ob/clusters/1/tenants?"+query.Encode(), nil).decode(t, &page)
	return page
}

func TestDataBackupTasksFilter(t *testing.T) {
	s, baseURL := newTestServer(t)
	s.AddDataBackupTask(1, 11, map[string]any{"taskId": 1, "status": "DONE", "startTime": "2026-01-01T00:00:00Z"})
	s.AddDataBackupTask(1, 11, map[string]any{"taskId": 2, "status": "FAILED", "startTime": "2026-01-03T00:00:00Z"})
	admin := newCaller(t, baseURL, basicAuth("admin", "pw"))
	query := url.Values{"startTime": {"2026-01-02T00:00:00Z"}, "status": {"FAILED", "DONE"}}
	var tasks []struct {
		TaskID int64 `json:"taskId"`
	}
	admin.do(http.MethodGet, "/api/v2/ob/clusters/1/tenants/11/backup/task/dataBackupTasks?"+query.Encode(), nil).decode(t, &tasks)
	if len(tasks) != 1 || tasks[0].TaskID != 2 {
		t.Fatalf("tasks = %+v; want only task 2", tasks)
	}
}
