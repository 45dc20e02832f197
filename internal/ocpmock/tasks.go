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
	// atEnd, if set, is what the task does when it ends: failMessage is empty when
	// it succeeded.
	atEnd func(failMessage string)
}

// endLocked ends the task, doing its work once.
func (t *task) endLocked() {
	t.pollsLeft = -1
	if t.atEnd != nil {
		t.atEnd(t.failMessage)
	}
	t.atEnd = nil
}

// ids is the task's id as an operation's taskIdList.
func (t *task) ids() []int64 { return []int64{t.id} }

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
func (s *Server) newTaskLocked(name string) *task {
	s.nextID++
	t := &task{id: s.nextID, name: name, pollsLeft: s.opts.TaskPolls, failMessage: s.failTasks}
	s.tasks[s.nextID] = t
	return t
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
