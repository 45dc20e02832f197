package ocpmock

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

const tenantBackup = "/api/v2/ob/clusters/1/tenants/11/backup"

// The tenant overview exists only where Options.TenantOverview says so, and then
// follows the schedule.
func TestTenantOverviewIsOptional(t *testing.T) {
	_, baseURL := newTestServer(t)
	got := newCaller(t, baseURL, basicAuth("admin", "pw")).do(http.MethodGet, tenantBackup+"/overview", nil)
	if !got.refusedWith(http.StatusNotFound, codeNotFound) {
		t.Fatalf("without the option: want OCP's 404 for an unknown path, got %v", got)
	}
	s, admin := serveOrders(t, Options{TenantOverview: true})
	var overview struct {
		Status string `json:"backupScheduleStatus"`
	}
	admin.do(http.MethodGet, tenantBackup+"/overview", nil).decode(t, &overview)
	if overview.Status != "PAUSED" {
		t.Errorf("stopped schedule: status %q, want PAUSED", overview.Status)
	}
	s.SetScheduleEnabled(1, 11, true)
	admin.do(http.MethodGet, tenantBackup+"/overview", nil).decode(t, &overview)
	if overview.Status != "NORMAL" {
		t.Errorf("running schedule: status %q, want NORMAL", overview.Status)
	}
}

// serveOrders serves a mock with opts holding tenant 11 "orders" with a strategy,
// and a caller for it.
func serveOrders(t *testing.T, opts Options) (*Server, caller) {
	t.Helper()
	s := New(opts)
	s.AddUser("admin", "pw")
	s.AddCluster(1, "c")
	s.AddTenant(1, 11, "orders", true)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, newCaller(t, srv.URL, basicAuth("admin", "pw"))
}

func TestLogBackupTasksInEitherShape(t *testing.T) {
	for name, paged := range map[string]bool{"plain list": false, "page shape": true} {
		t.Run(name, func(t *testing.T) {
			_, admin := serveOrders(t, Options{PagedTasks: paged})
			got := admin.do(http.MethodGet, tenantBackup+"/task/logBackupTasks", nil)
			var tasks []map[string]any
			if paged {
				var page struct {
					Contents []map[string]any `json:"contents"`
				}
				got.decode(t, &page)
				tasks = page.Contents
			} else {
				got.decode(t, &tasks)
			}
			if len(tasks) != 1 || tasks[0]["status"] != "STOPPED" {
				t.Errorf("tasks = %v, want one STOPPED archive task", tasks)
			}
		})
	}
}
