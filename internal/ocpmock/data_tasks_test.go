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

// An immediate backup shows in the task list as DOING, without a finish time,
// while its task runs, and with its outcome once the task ends.
func TestDataBackupTasksShowABackupAsItRuns(t *testing.T) {
	s, baseURL := newTestServerWith(t, Options{TaskPolls: 5})
	admin := newCaller(t, baseURL, basicAuth("admin", "pw"))
	admin.do(http.MethodPost, "/api/v2/ob/clusters/1/tenants/11/backup/backupNow", map[string]any{
		"backupMode": "PHYSICAL_BACKUP", "dataBackupMode": "FULL_BACKUP",
		"obBackupServiceStorageConfig": map[string]any{"obBackupStorageBaseInfo": map[string]any{"storageUrl": "file:///b/"}},
	}).decode(t, &map[string]any{})
	list := func() (status, finished string) {
		var tasks []struct{ Status, FinishTime string }
		admin.do(http.MethodGet, "/api/v2/ob/clusters/1/tenants/11/backup/task/dataBackupTasks", nil).decode(t, &tasks)
		if len(tasks) != 1 {
			t.Fatalf("tasks = %+v; want the one backup", tasks)
		}
		return tasks[0].Status, tasks[0].FinishTime
	}
	if status, finished := list(); status != "DOING" || finished != "" {
		t.Errorf("while its task runs: status %q, finishTime %q; want DOING and none", status, finished)
	}
	s.FinishTasks()
	if status, finished := list(); status != "DONE" || finished == "" {
		t.Errorf("once its task ended: status %q, finishTime %q; want DONE and a time", status, finished)
	}
}
