package ocpclient

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// The final states of OCP's TaskInstance; any other (RUNNING) means wait.
const (
	TaskFailed     = "FAILED"
	TaskSuccessful = "SUCCESSFUL"
)

// TaskInstance is the part of OCP's task instance the provider reads.
type TaskInstance struct {
	ID       int64     `json:"id"`
	Name     string    `json:"name"`
	Status   string    `json:"status"`
	Subtasks []Subtask `json:"subtasks"`
}

// Subtask is one step of a task instance.
type Subtask struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Status    string `json:"status"`
	ErrorCode string `json:"errorCode"`
	Message   string `json:"message"`
}

// GetTaskInstance reads one asynchronous task.
func (c *Client) GetTaskInstance(ctx context.Context, taskID int64) (*TaskInstance, error) {
	var task TaskInstance
	path := fmt.Sprintf("/api/v2/tasks/instances/%d", taskID)
	if _, err := c.do(ctx, call{method: http.MethodGet, path: path}, &task); err != nil {
		return nil, err
	}
	return &task, nil
}

// WaitForTasks polls each task until it succeeds, fails or ctx ends. The first failed
// task is returned as a *TaskFailedError.
func (c *Client) WaitForTasks(ctx context.Context, taskIDs []int64) error {
	for _, id := range taskIDs {
		if err := c.waitForTask(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// firstTaskPoll is the first pause between task reads; it doubles up to the client's
// poll interval, so short tasks are seen finished quickly and long ones polled rarely.
const firstTaskPoll = 500 * time.Millisecond

func (c *Client) waitForTask(ctx context.Context, taskID int64) error {
	pause := min(firstTaskPoll, c.taskInterval)
	for {
		task, err := c.GetTaskInstance(ctx, taskID)
		if err != nil {
			return fmt.Errorf("waiting for OCP task %d: %w", taskID, err)
		}
		switch task.Status {
		case TaskSuccessful:
			return nil
		case TaskFailed:
			return &TaskFailedError{TaskID: taskID, Name: task.Name, Message: task.failureMessage()}
		}
		tflog.Debug(ctx, "OCP task still running", map[string]any{"task_id": taskID, "status": task.Status})
		select {
		case <-ctx.Done():
			return fmt.Errorf("OCP task %d did not finish in time (last status %s): %w", taskID, task.Status, ctx.Err())
		case <-time.After(pause):
		}
		pause = min(2*pause, c.taskInterval)
	}
}

// failureMessage picks the message of the first failed subtask.
func (t *TaskInstance) failureMessage() string {
	for _, sub := range t.Subtasks {
		if sub.Status == TaskFailed {
			return joinNonEmpty(": ", sub.Name, sub.Message)
		}
	}
	return ""
}
