package ocpmock

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

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
