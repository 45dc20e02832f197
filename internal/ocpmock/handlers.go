package ocpmock

import (
	"fmt"
	"net/http"
	"strconv"
)

// OCP codes the mock answers with.
const (
	codeIllegalArgument = 10001
	codeNotFound        = 10002
	codeTenantNotFound  = 60002
	codeScheduleState   = 10009
	codeNotPermitted    = 30014
)

// task is a mock asynchronous OCP task.
type task struct {
	id          int64
	name        string
	pollsLeft   int
	failMessage string
}

// FailNextTasks makes the tasks that start and stop create from now on end FAILED
// with message; an empty message makes them succeed again.
func (s *Server) FailNextTasks(message string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failTasks = message
}

func (s *Server) getCluster(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathID(w, r, "clusterId")
	if !ok {
		return
	}
	s.mu.Lock()
	cluster := s.clusters[id]
	s.mu.Unlock()
	if cluster == nil {
		s.writeError(w, http.StatusNotFound, codeNotFound, fmt.Sprintf("Cluster with id %d not found", id))
		return
	}
	s.writeData(w, map[string]any{
		"id": cluster.ID, "name": cluster.Name, "obClusterId": cluster.ID % 100000,
		"status": "RUNNING", "type": "PRIMARY", "obVersion": "4.2.1.8",
	})
}

func (s *Server) getTenant(w http.ResponseWriter, r *http.Request) {
	tenant, ok := s.lookupTenant(w, r)
	if !ok {
		return
	}
	s.writeData(w, map[string]any{
		"id": tenant.ID, "name": tenant.Name, "clusterId": tenant.ClusterID,
		"obTenantId": tenant.ID % 1000, "status": "NORMAL", "mode": "MYSQL",
	})
}

func (s *Server) getStrategy(w http.ResponseWriter, r *http.Request) {
	tenant, ok := s.lookupTenant(w, r)
	if !ok {
		return
	}
	if tenant.Strategy == nil {
		// One of the two plausible answers for "no strategy"; see the reference.
		s.writeData(w, nil)
		return
	}
	schedule := map[string]any{
		"backupScheduleMode":       tenant.Strategy.ScheduleMode,
		"backupScheduleTime":       tenant.Strategy.ScheduleTime,
		"dayAndDataBackupModelMap": map[string]string{"1": "FULL_BACKUP", "4": "INCREMENTAL_BACKUP"},
		"startLogBackup":           true,
	}
	if !s.opts.OmitScheduleEnabled {
		schedule["backupScheduleEnabled"] = tenant.Strategy.ScheduleEnabled
	}
	s.writeData(w, map[string]any{
		"id": tenant.Strategy.ID, "clusterId": tenant.ClusterID, "tenantId": tenant.ID,
		"tenantName": tenant.Name, "backupDimension": "TENANT", "type": "BACKUP",
		"backupMode": tenant.Strategy.BackupMode, "obBackupScheduleConfig": schedule,
	})
}

func (s *Server) startSchedule(w http.ResponseWriter, r *http.Request) {
	s.switchSchedule(w, r, true)
}

func (s *Server) stopSchedule(w http.ResponseWriter, r *http.Request) {
	s.switchSchedule(w, r, false)
}

// switchSchedule answers start and stop. Both are refused with 409 when scheduling
// already is in the asked state, and with 400 when there is no strategy: OCP does
// not document either case, and the provider must cope with any answer.
func (s *Server) switchSchedule(w http.ResponseWriter, r *http.Request, enable bool) {
	tenant, ok := s.lookupTenant(w, r)
	if !ok {
		return
	}
	taskType := map[bool]string{true: "START_BACKUP_SCHEDULE", false: "STOP_BACKUP_SCHEDULE"}[enable]
	if tenant.Strategy == nil {
		s.writeError(w, http.StatusBadRequest, codeIllegalArgument,
			fmt.Sprintf("Backup strategy of tenant %s does not exist", tenant.Name))
		return
	}
	s.mu.Lock()
	live := s.tenants[tenantKey{tenant.ClusterID, tenant.ID}]
	already := live == nil || live.Strategy == nil || live.Strategy.ScheduleEnabled == enable
	var taskIDs []int64
	if !already {
		live.Strategy.ScheduleEnabled = enable
		taskIDs = s.newTaskLocked(taskType)
	}
	s.mu.Unlock()
	if already {
		s.writeError(w, http.StatusConflict, codeScheduleState,
			fmt.Sprintf("Backup schedule of tenant %s is already %s", tenant.Name, map[bool]string{true: "running", false: "stopped"}[enable]))
		return
	}
	result := map[string]any{
		"beSuccessful": true,
		"obBackupObjectList": []map[string]any{
			{"backupDimension": "TENANT", "clusterId": tenant.ClusterID, "tenantId": tenant.ID},
		},
	}
	if taskIDs != nil {
		result["taskIdList"] = taskIDs
	}
	s.writeData(w, map[string]any{"obBackupTaskType": taskType, "backupObjectOpsResultList": []any{result}})
}

// newTaskLocked creates an asynchronous task when the mock is set to answer with
// tasks, and returns its id list (nil otherwise).
func (s *Server) newTaskLocked(name string) []int64 {
	if s.opts.TaskPolls <= 0 {
		return nil
	}
	s.nextID++
	s.tasks[s.nextID] = &task{id: s.nextID, name: name, pollsLeft: s.opts.TaskPolls, failMessage: s.failTasks}
	return []int64{s.nextID}
}

func (s *Server) getTask(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathID(w, r, "taskId")
	if !ok {
		return
	}
	s.mu.Lock()
	t := s.tasks[id]
	var status, failMessage, name string
	if t != nil {
		name, failMessage = t.name, t.failMessage
		status = "RUNNING"
		if t.pollsLeft--; t.pollsLeft < 0 {
			status = map[bool]string{true: "SUCCESSFUL", false: "FAILED"}[failMessage == ""]
		}
	}
	s.mu.Unlock()
	if t == nil {
		s.writeError(w, http.StatusNotFound, codeNotFound, fmt.Sprintf("Task instance %d not found", id))
		return
	}
	subtask := map[string]any{"id": id*10 + 1, "name": "Run " + name, "status": status}
	if status == "FAILED" {
		subtask["message"] = failMessage
	}
	s.writeData(w, map[string]any{"id": id, "name": name, "status": status, "subtasks": []any{subtask}})
}

// lookupTenant resolves (a copy of) the cluster and tenant of the path, answering 404 for an
// unknown cluster and 400 with OCP's tenant-not-found code for an unknown tenant, as
// OCP's framework does.
func (s *Server) lookupTenant(w http.ResponseWriter, r *http.Request) (*Tenant, bool) {
	clusterID, ok := s.pathID(w, r, "clusterId")
	if !ok {
		return nil, false
	}
	tenantID, ok := s.pathID(w, r, "tenantId")
	if !ok {
		return nil, false
	}
	s.mu.Lock()
	cluster := s.clusters[clusterID]
	tenant := s.tenants[tenantKey{clusterID, tenantID}].snapshot()
	s.mu.Unlock()
	switch {
	case cluster == nil:
		s.writeError(w, http.StatusNotFound, codeNotFound, fmt.Sprintf("Cluster with id %d not found", clusterID))
	case tenant == nil:
		s.writeError(w, http.StatusBadRequest, codeTenantNotFound, fmt.Sprintf("Tenant with id %d not found", tenantID))
	default:
		return tenant, true
	}
	return nil, false
}

// snapshot copies a tenant and its strategy so handlers can read them unlocked.
func (t *Tenant) snapshot() *Tenant {
	if t == nil {
		return nil
	}
	c := *t
	if t.Strategy != nil {
		strategy := *t.Strategy
		c.Strategy = &strategy
	}
	return &c
}

func (s *Server) pathID(w http.ResponseWriter, r *http.Request, name string) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil {
		s.writeError(w, http.StatusBadRequest, codeIllegalArgument,
			fmt.Sprintf("Failed to convert value of type 'java.lang.String' to required type 'java.lang.Long' for %s", name))
		return 0, false
	}
	return id, true
}
