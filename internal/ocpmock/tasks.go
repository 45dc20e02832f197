package ocpmock

import (
	"fmt"
	"net/http"
)

// task is a mock asynchronous OCP task.
type task struct {
	id          int64
	name        string
	pollsLeft   int
	failMessage string
	// atEnd, if set, is what the task does when it ends successfully.
	atEnd func()
}

// endLocked ends the task, doing its work once.
func (t *task) endLocked() {
	t.pollsLeft = -1
	if t.atEnd != nil && t.failMessage == "" {
		t.atEnd()
	}
	t.atEnd = nil
}

// FailNextTasks makes the tasks created from now on end FAILED with message; an
// empty message makes them succeed again.
func (s *Server) FailNextTasks(message string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failTasks = message
}

// FinishTasks ends every task that still runs, as OCP does when the work is done
// however long nobody asked.
func (s *Server) FinishTasks() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range s.tasks {
		t.endLocked()
	}
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
			t.endLocked()
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
