package ocpmock

import (
	"net/http"
	"net/url"
	"testing"
)

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
