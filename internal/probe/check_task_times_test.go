package probe

import (
	"context"
	"net/http"
	"testing"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// taskStartedAt gives tenant 21 a data backup task that started at startTime, as
// OCP wrote it.
func taskStartedAt(startTime any) func(*fixture) {
	return func(f *fixture) {
		f.mock.AddDataBackupTask(1, 21, map[string]any{
			"taskId": 8, "backupSetId": 4, "status": "DONE", "dataBackupTaskType": "FULL_BACKUP", "startTime": startTime,
		})
	}
}

// logTasksAnswer makes the next log backup task list answer these tasks (JSON).
func logTasksAnswer(tasks string) func(*fixture) {
	return func(f *fixture) {
		f.mock.InjectFault(ocpmock.RouteLogBackupTasks, ocpmock.Fault{Status: http.StatusOK,
			Body: `{"successful":true,"status":200,"traceId":"t","data":` + tasks + `}`})
	}
}

// Task times and log progress in forms the mock does not write: read in another
// way, or not read at all, and what that means for ocp_tenant_backup_status.
func TestTaskTimesInOtherForms(t *testing.T) {
	tests := map[string]struct {
		setup func(*fixture)
		id    string
		want  expectation
	}{
		"start time with a space and an offset": {taskStartedAt("2024-01-02 11:04:05+08:00"), "tasks.time_form",
			expectation{verdict: Differs, tolerated: true, seen: "(ISO 8601 with an offset, not RFC 3339), read as 2024-01-02T03:04:05Z",
				detail: "show the same instant"}},
		"start time as epoch seconds in a string": {taskStartedAt("1704164645"), "tasks.time_form",
			expectation{verdict: Differs, tolerated: true, seen: `"1704164645" (a count since the epoch), read as 2024-01-02T03:04:05Z`}},
		"start time unreadable": {taskStartedAt("yesterday 10:00"), "tasks.time_form",
			expectation{verdict: Differs, seen: `"yesterday 10:00" (not a time the client reads)`, detail: "`timecmp`"}},
		"start time absent": {taskStartedAt(nil), "tasks.time_form",
			expectation{verdict: NotObservable, seen: "the first task has no `startTime`"}},
		"checkpoint an SCN in nanoseconds": {logTasksAnswer(`[{"status":"INPROGRESS","checkpoint":1704164645123456789,"delay":3}]`),
			"tasks.log_progress", expectation{verdict: Differs, tolerated: true, seen: "read as 2024-01-02T03:04:05Z, `delay` 3",
				detail: "`log_archive.checkpoint` shows 2024-01-02T03:04:05Z"}},
		"checkpoint unreadable, delay given": {logTasksAnswer(`[{"status":"INPROGRESS","checkpoint":"soon","delay":3}]`),
			"tasks.log_progress", expectation{verdict: Differs, seen: `"soon" (not a time the client reads), ` + "`delay` 3",
				detail: "`log_archive.checkpoint` of data source ocp_tenant_backup_status shows OCP's text"}},
		"checkpoint absent, delay given": {logTasksAnswer(`[{"status":"INPROGRESS","delay":3}]`),
			"tasks.log_progress", expectation{verdict: Differs, tolerated: true, seen: "no `checkpoint`, `delay` 3",
				detail: "is null"}},
		"neither checkpoint nor delay readable": {logTasksAnswer(`[{"status":"INPROGRESS","checkpoint":"soon","delay":"lagging"}]`),
			"tasks.log_progress", expectation{verdict: Differs, seen: "`delay` \"lagging\" (not seconds the client reads)",
				detail: "leaves `log_archive.delay_seconds` null"}},
		"log task not an object": {logTasksAnswer(`["INPROGRESS"]`),
			"tasks.log_progress", expectation{verdict: NotObservable, seen: "a task is not an object"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t, ocpmock.Options{})
			tt.setup(f)
			r := f.run(t, context.Background(), inspecting(21))
			tt.want.check(t, fact(t, r, tt.id))
			rendered(t, r)
		})
	}
}

// A tenant without a strategy has no tasks, so neither form can be seen.
func TestTaskTimesNotObservableWithoutTasks(t *testing.T) {
	r := newFixture(t, ocpmock.Options{}).run(t, context.Background(), inspecting(12))
	expectation{verdict: NotObservable, seen: "the tenant has no data backup tasks"}.check(t, fact(t, r, "tasks.time_form"))
	expectation{verdict: NotObservable, seen: "the tenant has no log backup tasks"}.check(t, fact(t, r, "tasks.log_progress"))
}
