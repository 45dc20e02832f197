package provider

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// taskHistoryAPI lists a long task history, filtered by start time as OCP's task
// filter would be, and records the filters it was asked with.
type taskHistoryAPI struct {
	API
	tasks   []ocpclient.DataBackupTask
	filters []ocpclient.DataBackupTaskFilter
}

func (a *taskHistoryAPI) ListTenantDataBackupTasks(_ context.Context, _, _ int64, filter ocpclient.DataBackupTaskFilter) ([]ocpclient.DataBackupTask, error) {
	a.filters = append(a.filters, filter)
	var listed []ocpclient.DataBackupTask
	for _, task := range a.tasks {
		started := task.StartTime.At
		if (filter.Start.IsZero() || !started.Before(filter.Start)) && (filter.End.IsZero() || !started.After(filter.End)) {
			listed = append(listed, task)
		}
	}
	return listed, nil
}

// A refresh asks only for the tasks started around the backup's start, and reads
// the whole history only when that finds nothing (before the start is known, or
// where OCP's time filter means something else).
func TestFindDataBackupTaskAsksAroundItsStart(t *testing.T) {
	base := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
	history := &taskHistoryAPI{}
	for day := range 30 {
		history.tasks = append(history.tasks, ocpclient.DataBackupTask{TaskID: int64(100 + day), StartTime: ocpclient.Timestamp{At: base.AddDate(0, 0, day)}})
	}
	scope := ocpclient.BackupScope{ClusterID: 1, TenantID: 11}
	for name, tt := range map[string]struct {
		startedAt   time.Time
		wantFilters int
	}{
		"start known":                      {time.Date(2026, 11, 21, 2, 0, 0, 0, time.UTC), 1},
		"start not known yet":              {time.Time{}, 1},
		"start off by the server's offset": {time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC), 2},
	} {
		t.Run(name, func(t *testing.T) {
			history.filters = nil
			task, err := findDataBackupTask(context.Background(), history, scope, 120, tt.startedAt, true)
			if err != nil || task == nil || task.TaskID != 120 {
				t.Fatalf("task = %+v, %v; want task 120", task, err)
			}
			if len(history.filters) != tt.wantFilters {
				t.Fatalf("listed %d times (%+v), want %d", len(history.filters), history.filters, tt.wantFilters)
			}
			if first := history.filters[0]; !tt.startedAt.IsZero() && (first.Start.IsZero() || first.End.Sub(first.Start) > time.Hour) {
				t.Errorf("first listing %+v, want a window around the start", first)
			}
			if last := history.filters[len(history.filters)-1]; tt.wantFilters == 2 && !last.Start.IsZero() {
				t.Errorf("fallback listing %+v, want the whole history", last)
			}
		})
	}
}

// A finished backup that OCP's retention dropped is not worth the whole history on
// every refresh: its record changes no more.
func TestFindDataBackupTaskLeavesAFinishedBackupOnceGone(t *testing.T) {
	history := &taskHistoryAPI{}
	started := time.Date(2026, 11, 21, 2, 0, 0, 0, time.UTC)
	task, err := findDataBackupTask(context.Background(), history, unitScope, 120, started, false)
	if err != nil || task != nil {
		t.Fatalf("task = %+v, %v; want none", task, err)
	}
	if len(history.filters) != 1 || history.filters[0].Start.IsZero() {
		t.Fatalf("listed %+v, want one listing around the start", history.filters)
	}
}

// A lost backupNow answer is settled by the backups that appeared since the call:
// never by one that was there before it, never by a guess among two.
func TestSendBackupNow_settlesALostAnswerByNewBackupsOnly(t *testing.T) {
	recent := ocpclient.DataBackupTask{TaskID: 7, DataBackupTaskType: fullBackup, StartTime: ocpclient.Timestamp{At: time.Now().Add(-10 * time.Second)}}
	for name, tc := range map[string]struct {
		api         *fakeAPI
		wantTask    int64
		wantBackups int
		want        string
	}{
		"lost after OCP started it, beside a backup just before": {api: &fakeAPI{tasks: []ocpclient.DataBackupTask{recent},
			backupNowErr: lostAnswer, actsFirst: true}, wantTask: 1001, wantBackups: 1, want: "The answer to backupNow was lost"},
		"lost before OCP acted, beside a backup just before": {api: &fakeAPI{tasks: []ocpclient.DataBackupTask{recent},
			backupNowErr: lostAnswer}, wantBackups: 1, want: "Could not start the data backup"},
		"lost, and someone else started one too": {api: &fakeAPI{backupNowErr: lostAnswer, actsFirst: true, concurrent: true},
			wantBackups: 1, want: "Could not tell which backup is this one"},
		"the tasks cannot be read first": {api: &fakeAPI{tasksErr: ocpError(http.StatusInternalServerError, "10010")},
			want: "Could not read the tenant's data backup tasks"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var diags diag.Diagnostics
			taskID, _ := sendBackupNow(context.Background(), tc.api, unitScope, ocpclient.BackupNowRequest{DataBackupMode: fullBackup}, &diags)
			if taskID != tc.wantTask || tc.api.count("BackupNow") != tc.wantBackups {
				t.Errorf("task %d after %d backupNow calls, want task %d after %d: %v", taskID, tc.api.count("BackupNow"),
					tc.wantTask, tc.wantBackups, diags)
			}
			expectSummary(t, diags, tc.want)
		})
	}
}

// Only OCP's word fails a backup: its task ended FAILED, or its task list says so.
// A wait that ended otherwise (the create timeout, an interruption, a read that
// failed) leaves the backup running, recorded, not tainted.
func TestBackupFailed_onlyOnOCPsWord(t *testing.T) {
	running := &ocpclient.DataBackupTask{TaskID: 3, Status: "DOING"}
	failedTask := &ocpclient.DataBackupTask{TaskID: 3, Status: dataBackupFailed}
	for name, tc := range map[string]struct {
		waitErr error
		task    *ocpclient.DataBackupTask
		want    bool
	}{
		"task ended FAILED":          {waitErr: &ocpclient.TaskFailedError{TaskID: 3, Message: "disk full"}, want: true},
		"task list says FAILED":      {waitErr: context.DeadlineExceeded, task: failedTask, want: true},
		"create timeout, still runs": {waitErr: context.DeadlineExceeded, task: running},
		"interrupted, still runs":    {waitErr: context.Canceled, task: running},
		"the wait's read failed":     {waitErr: ocpError(http.StatusBadGateway, "0")},
	} {
		if got := backupFailed(tc.waitErr, tc.task); got != tc.want {
			t.Errorf("%s: backupFailed = %v, want %v", name, got, tc.want)
		}
	}
}
