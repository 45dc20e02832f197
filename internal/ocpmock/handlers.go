package ocpmock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"time"
)

// OCP codes the mock answers with.
const (
	codeIllegalArgument = 10001
	codeNotFound        = 10002
	codeScheduleState   = 10009
	codeNotPermitted    = 30014
	codeTenantNotFound  = 60002
	// codeBackupStrategyAbsent is made up: OCP documents no backup error codes, and
	// the provider must not depend on any.
	codeBackupStrategyAbsent = 70013
)

// task is a mock asynchronous OCP task.
type task struct {
	id          int64
	name        string
	pollsLeft   int
	failMessage string
}

// FailNextTasks makes the tasks created from now on end FAILED with message; an
// empty message makes them succeed again.
func (s *Server) FailNextTasks(message string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failTasks = message
}

func clusterJSON(c *Cluster) map[string]any {
	return map[string]any{
		"id": c.ID, "name": c.Name, "obClusterId": c.ID % 100000,
		"status": c.Status, "type": "PRIMARY", "obVersion": "4.2.1.8",
	}
}

func tenantJSON(t *Tenant, clusterName string) map[string]any {
	return map[string]any{
		"id": t.ID, "name": t.Name, "clusterId": t.ClusterID, "clusterName": clusterName,
		"obTenantId": t.ID % 1000, "status": t.Status, "mode": t.Mode,
		"locked": t.Locked, "readonly": t.ReadOnly,
	}
}

func (s *Server) getCluster(w http.ResponseWriter, r *http.Request) {
	key, ok := s.resolveScope(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	body := clusterJSON(s.clusters[key.clusterID])
	s.mu.Unlock()
	s.writeData(w, body)
}

func (s *Server) getTenant(w http.ResponseWriter, r *http.Request) {
	key, ok := s.resolveScope(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	body := tenantJSON(s.tenants[key], s.clusters[key.clusterID].Name)
	s.mu.Unlock()
	s.writeData(w, body)
}

func (s *Server) listClusters(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	var items []map[string]any
	for _, c := range s.clusters {
		if s.listFilter(r).clusterMatches(c) {
			items = append(items, clusterJSON(c))
		}
	}
	s.mu.Unlock()
	s.writePage(w, r, items)
}

func (s *Server) listTenants(w http.ResponseWriter, r *http.Request) {
	key, ok := s.resolveScope(w, r)
	if !ok {
		return
	}
	s.writeTenants(w, r, func(t *Tenant) bool { return t.ClusterID == key.clusterID })
}

// writePage answers a list in OCP's page shape, ordered by id, honouring page/size.
func (s *Server) writePage(w http.ResponseWriter, r *http.Request, items []map[string]any) {
	sort.Slice(items, func(i, j int) bool { return fmt.Sprint(items[i]["id"]) < fmt.Sprint(items[j]["id"]) })
	s.writePageAsGiven(w, r, items)
}

func queryInt(r *http.Request, name string, fallback int) int {
	if n, err := strconv.Atoi(r.URL.Query().Get(name)); err == nil && n > 0 {
		return n
	}
	return fallback
}

func (s *Server) getStrategy(w http.ResponseWriter, r *http.Request) {
	key, ok := s.resolveScope(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	strategy := *s.slotLocked(key)
	var body map[string]any
	if strategy != nil {
		body = s.strategyAnswerLocked(key, strategy)
	}
	s.mu.Unlock()
	if body == nil {
		s.writeNoStrategy(w)
		return
	}
	s.writeData(w, body)
}

// strategyAnswerLocked is a stored strategy as OCP's GET shows it.
func (s *Server) strategyAnswerLocked(key scopeKey, strategy *Strategy) map[string]any {
	body := echoed(strategy.Body)
	body["id"], body["clusterId"], body["type"] = strategy.ID, key.clusterID, "BACKUP"
	body["backupDimension"] = "CLUSTER"
	if key.tenantID != 0 {
		body["tenantId"], body["tenantName"], body["backupDimension"] = key.tenantID, s.tenants[key].Name, "TENANT"
	}
	if schedule, ok := body["obBackupScheduleConfig"].(map[string]any); ok && !s.opts.OmitScheduleEnabled {
		schedule["backupScheduleEnabled"] = strategy.ScheduleEnabled
	}
	if s.opts.Sparse {
		sparsen(body)
	}
	return body
}

// writeNoStrategy answers a strategy read of a cluster or tenant without one in
// the shape Options.NoStrategy picks; the reference allows each of them.
func (s *Server) writeNoStrategy(w http.ResponseWriter) {
	switch s.opts.NoStrategy {
	case NoStrategyNotFound:
		s.writeError(w, http.StatusNotFound, codeNotFound, "Backup strategy not found")
	case NoStrategyBadRequest:
		s.writeError(w, http.StatusBadRequest, codeBackupStrategyAbsent, "The tenant has not configured a backup strategy")
	default:
		s.writeData(w, nil)
	}
}

func (s *Server) createStrategy(w http.ResponseWriter, r *http.Request) {
	s.writeStrategy(w, r, "CREATE_BACKUP_STRATEGY", false)
}

func (s *Server) updateStrategy(w http.ResponseWriter, r *http.Request) {
	s.writeStrategy(w, r, "UPDATE_BACKUP_STRATEGY", true)
}

// writeStrategy creates (must not exist) or replaces (must exist) a strategy. Both
// answer with an asynchronous task, as OCP's samples show for create.
func (s *Server) writeStrategy(w http.ResponseWriter, r *http.Request, taskType string, replace bool) {
	key, ok := s.resolveScope(w, r)
	if !ok {
		return
	}
	var body map[string]any
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		s.writeError(w, http.StatusBadRequest, codeIllegalArgument, "Malformed JSON request: "+err.Error())
		return
	}
	enabled, hasEnabled := lookup(body, "obBackupScheduleConfig", "backupScheduleEnabled").(bool)
	if schedule, ok := body["obBackupScheduleConfig"].(map[string]any); ok {
		delete(schedule, "backupScheduleEnabled")
	}
	if err := validateAndNormalise(body); err != nil {
		s.writeError(w, http.StatusBadRequest, codeIllegalArgument, "Validation failed: "+err.Error())
		return
	}
	if refusal := s.destinationRefusal(body); refusal != "" {
		s.writeError(w, http.StatusBadRequest, codeIllegalArgument, refusal)
		return
	}
	s.mu.Lock()
	slot := s.slotLocked(key)
	exists := *slot != nil
	if exists == replace {
		if replace {
			*slot = &Strategy{ID: (*slot).ID, ScheduleEnabled: (*slot).ScheduleEnabled, Body: body}
		} else {
			*slot = s.newStrategyLocked(body)
		}
		if hasEnabled {
			(*slot).ScheduleEnabled = enabled
		}
	}
	taskIDs := s.newTaskLocked(taskType)
	s.mu.Unlock()
	switch {
	case exists && !replace:
		s.writeError(w, http.StatusConflict, codeScheduleState, "Backup strategy already exists")
	case !exists && replace:
		s.writeError(w, http.StatusNotFound, codeNotFound, "Backup strategy not found")
	default:
		s.writeOperation(w, key, taskType, taskIDs)
	}
}

func (s *Server) deleteStrategy(w http.ResponseWriter, r *http.Request) {
	key, ok := s.resolveScope(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	slot := s.slotLocked(key)
	existed := *slot != nil
	*slot = nil
	s.mu.Unlock()
	if !existed {
		s.writeError(w, http.StatusNotFound, codeNotFound, "Backup strategy not found")
		return
	}
	s.writeOperation(w, key, "DELETE_BACKUP_STRATEGY", []int64{})
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
	key, ok := s.resolveScope(w, r)
	if !ok {
		return
	}
	taskType := map[bool]string{true: "START_BACKUP_SCHEDULE", false: "STOP_BACKUP_SCHEDULE"}[enable]
	s.mu.Lock()
	strategy := *s.slotLocked(key)
	already := strategy != nil && strategy.ScheduleEnabled == enable
	var taskIDs []int64
	if strategy != nil && !already {
		strategy.ScheduleEnabled = enable
		if s.opts.TaskPolls > 0 {
			taskIDs = s.newTaskLocked(taskType)
		}
	}
	if enable && strategy != nil {
		s.countStartLocked(key, already)
	}
	s.mu.Unlock()
	switch {
	case strategy == nil:
		s.writeError(w, http.StatusBadRequest, codeIllegalArgument, "Backup strategy does not exist")
	case already:
		s.writeError(w, http.StatusConflict, codeScheduleState,
			"Backup schedule is already "+map[bool]string{true: "running", false: "stopped"}[enable])
	default:
		s.writeOperation(w, key, taskType, taskIDs)
	}
}

// StartCalls is how the startSchedule calls of one scope were answered.
type StartCalls struct {
	// Started is how many started scheduling that was stopped.
	Started int
	// AlreadyRunning is how many were refused because scheduling already ran.
	AlreadyRunning int
}

// StartCallsOf returns how the scope's startSchedule calls were answered; tenantID
// zero means the cluster's own schedule.
func (s *Server) StartCallsOf(clusterID, tenantID int64) StartCalls {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.starts[scopeKey{clusterID, tenantID}]
}

func (s *Server) countStartLocked(key scopeKey, alreadyRunning bool) {
	calls := s.starts[key]
	if alreadyRunning {
		calls.AlreadyRunning++
	} else {
		calls.Started++
	}
	s.starts[key] = calls
}

// writeOperation answers a BackupCommonResponse for the scope.
func (s *Server) writeOperation(w http.ResponseWriter, key scopeKey, taskType string, taskIDs []int64) {
	object := map[string]any{"backupDimension": "CLUSTER", "clusterId": key.clusterID}
	if key.tenantID != 0 {
		object["backupDimension"], object["tenantId"] = "TENANT", key.tenantID
	}
	result := map[string]any{"beSuccessful": true, "obBackupObjectList": []any{object}}
	if taskIDs != nil {
		result["taskIdList"] = taskIDs
	}
	s.writeData(w, map[string]any{"obBackupTaskType": taskType, "backupObjectOpsResultList": []any{result}})
}

// newTaskLocked creates an asynchronous task that reports RUNNING for
// Options.TaskPolls reads, and returns its id list.
func (s *Server) newTaskLocked(name string) []int64 {
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

// listDataBackupTasks answers a tenant's task history, filtered by status and by
// start time (UTC, YYYY-MM-DDThh:mm:ssZ), as a plain list as documented, or in
// OCP's page shape with Options.PagedTasks.
func (s *Server) listDataBackupTasks(w http.ResponseWriter, r *http.Request) {
	key, ok := s.resolveScope(w, r)
	if !ok {
		return
	}
	from, fromErr := parseQueryTime(r, "startTime")
	to, toErr := parseQueryTime(r, "endTime")
	if fromErr != nil || toErr != nil {
		s.writeError(w, http.StatusBadRequest, codeIllegalArgument, "startTime and endTime must look like 2024-01-02T03:04:05Z")
		return
	}
	statuses := r.URL.Query()["status"]
	if s.opts.IgnoreListFilters {
		statuses = nil
	}
	s.mu.Lock()
	tasks := []map[string]any{}
	for _, task := range s.tenants[key].BackupTasks {
		started, _ := time.Parse(time.RFC3339, fmt.Sprint(task["startTime"]))
		if (len(statuses) == 0 || slices.Contains(statuses, fmt.Sprint(task["status"]))) &&
			(from.IsZero() || !started.Before(from)) && (to.IsZero() || !started.After(to)) {
			tasks = append(tasks, s.withTaskTimes(task, "startTime", "finishTime"))
		}
	}
	s.mu.Unlock()
	if s.opts.PagedTasks {
		s.writePageAsGiven(w, r, tasks)
		return
	}
	s.writeData(w, tasks)
}

func parseQueryTime(r *http.Request, name string) (time.Time, error) {
	raw := r.URL.Query().Get(name)
	if raw == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.RFC3339, raw)
}

// resolveScope reads the cluster (and tenant, on tenant routes) of the path, answering
// 404 for an unknown cluster and, for an unknown tenant, 400 with OCP's
// tenant-not-found code as OCP's framework does (or 404, see Options).
func (s *Server) resolveScope(w http.ResponseWriter, r *http.Request) (scopeKey, bool) {
	clusterID, ok := s.pathID(w, r, "clusterId")
	if !ok {
		return scopeKey{}, false
	}
	key := scopeKey{clusterID: clusterID}
	if r.PathValue("tenantId") != "" {
		if key.tenantID, ok = s.pathID(w, r, "tenantId"); !ok {
			return scopeKey{}, false
		}
	}
	s.mu.Lock()
	clusterKnown := s.clusters[key.clusterID] != nil
	tenantKnown := key.tenantID == 0 || s.tenants[key] != nil
	s.mu.Unlock()
	switch {
	case !clusterKnown:
		s.writeError(w, http.StatusNotFound, codeNotFound, fmt.Sprintf("Cluster with id %d not found", key.clusterID))
	case !tenantKnown && s.opts.MissingTenantStatus == http.StatusNotFound:
		s.writeError(w, http.StatusNotFound, codeNotFound, fmt.Sprintf("Tenant with id %d not found", key.tenantID))
	case !tenantKnown:
		s.writeError(w, http.StatusBadRequest, codeTenantNotFound, fmt.Sprintf("Tenant with id %d not found", key.tenantID))
	default:
		return key, true
	}
	return scopeKey{}, false
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
