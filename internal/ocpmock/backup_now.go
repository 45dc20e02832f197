package ocpmock

import (
	"encoding/json"
	"net/http"
	"slices"
)

// RouteBackupNow is a tenant's immediate data backup (OCP's backupNow), and
// RouteClusterBackupNow a cluster's (OCP_API.md §6, C7).
const (
	RouteBackupNow        Route = "POST backupNow"
	RouteClusterBackupNow Route = "POST cluster backupNow"
)

// backupNow starts an immediate data backup of a tenant with a strategy: it
// answers with an asynchronous task and records the data backup task that the
// task list (dataBackupTasks) then shows, under the same id, DONE or, when tasks
// are set to fail, FAILED with the failure as errorMsg. That the task instance and
// the data backup task share their id is inferred, not documented.
func (s *Server) backupNow(w http.ResponseWriter, r *http.Request) {
	key, ok := s.resolveScope(w, r)
	if !ok {
		return
	}
	var body struct {
		BackupMode     string         `json:"backupMode"`
		DataBackupMode string         `json:"dataBackupMode"`
		Storage        map[string]any `json:"obBackupServiceStorageConfig"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		s.writeError(w, http.StatusBadRequest, codeIllegalArgument, "Malformed JSON request: "+err.Error())
		return
	}
	if problem := backupNowProblem(body.BackupMode, body.DataBackupMode, body.Storage); problem != "" {
		s.writeError(w, http.StatusBadRequest, codeIllegalArgument, "Validation failed: "+problem)
		return
	}
	s.mu.Lock()
	hasStrategy := *s.slotLocked(key) != nil
	var taskIDs []int64
	if hasStrategy {
		t := s.newTaskLocked("DATA_BACKUP_NOW")
		taskIDs = t.ids()
		s.recordDataBackupLocked(key, t, body.DataBackupMode)
	}
	s.mu.Unlock()
	if !hasStrategy {
		s.writeError(w, http.StatusBadRequest, codeIllegalArgument, "Backup strategy does not exist")
		return
	}
	s.writeOperation(w, key, "DATA_BACKUP_NOW", taskIDs)
}

func backupNowProblem(backupMode, dataBackupMode string, storage map[string]any) string {
	switch {
	case !slices.Contains([]string{"PHYSICAL_BACKUP", "LOGICAL_BACKUP"}, backupMode):
		return "backupMode must be PHYSICAL_BACKUP or LOGICAL_BACKUP"
	case !slices.Contains([]string{"FULL_BACKUP", "INCREMENTAL_BACKUP"}, dataBackupMode):
		return "dataBackupMode must be FULL_BACKUP or INCREMENTAL_BACKUP"
	case lookup(storage, "obBackupStorageBaseInfo", "storageUrl") == nil:
		return "obBackupServiceStorageConfig.obBackupStorageBaseInfo.storageUrl must not be null"
	}
	return ""
}

// recordDataBackupLocked adds the data backup task of an immediate backup to the
// tenant's history: DOING, without a finish time, while its task t runs, as OCP
// shows it; DONE, or FAILED with the task's message, once t ends.
func (s *Server) recordDataBackupLocked(key scopeKey, t *task, dataBackupMode string) {
	tenant := s.tenants[key]
	if tenant == nil {
		return
	}
	backup := map[string]any{
		"taskId": t.id, "backupSetId": t.id % 1000, "clusterId": key.clusterID, "tenantId": key.tenantID,
		"tenantName": tenant.Name, "status": "DOING", "errorMsg": "", "dataBackupTaskType": dataBackupMode,
		"backupMode": "PHYSICAL_BACKUP", "startTime": s.now().UTC().Format("2006-01-02T15:04:05Z"), "finishTime": "",
	}
	t.atEnd = func(failMessage string) {
		backup["status"], backup["errorMsg"] = "DONE", failMessage
		if failMessage != "" {
			backup["status"] = "FAILED"
		}
		backup["finishTime"] = s.now().UTC().Format("2006-01-02T15:04:05Z")
	}
	tenant.BackupTasks = append(tenant.BackupTasks, backup)
}
