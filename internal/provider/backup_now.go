package provider

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// Taking an on-demand backup (OCP's backupNow), for the ocp_tenant_backup resource
// and the backup-now actions: the request built from the scope's strategy, the
// call sent once and its lost answer settled, and the backup's outcome read from
// the tenant's data backup tasks.

// backupFailed reports whether OCP says that the backup failed: its task ended
// FAILED, or the data backup task list shows it so. Any other end of the wait (the
// create timeout, an interruption, a read that failed) leaves the backup running.
func backupFailed(waitErr error, task *ocpclient.DataBackupTask) bool {
	var taskFailed *ocpclient.TaskFailedError
	return errors.As(waitErr, &taskFailed) || task != nil && task.Status == dataBackupFailed
}

// The statuses of a finished data backup in OCP's task list.
const (
	dataBackupDone   = "DONE"
	dataBackupFailed = "FAILED"
)

// sendBackupNow sends backupNow, which the client never sends twice, and returns the
// task id of the backup OCP started. OCP starts a backup for each call it
// receives, so an answer that may have come after OCP acted (a proxy's error page,
// a timeout, a connection reset after sending) is settled by the tenant's data
// backup tasks, read for a while: a task of the requested mode that started since
// just before the call, and that was not there before it, is this backup,
// recorded with a warning. Finding none, or more than one, fails and records
// nothing.
func sendBackupNow(ctx context.Context, api API, scope ocpclient.BackupScope, body ocpclient.BackupNowRequest, diags *diag.Diagnostics) (int64, bool) {
	since := time.Now().Add(-backupClockMargin)
	earlier, ok := backupsBefore(ctx, api, scope, body.DataBackupMode, since, diags)
	if !ok {
		return 0, false
	}
	op, err := api.BackupNow(ctx, scope, body)
	switch {
	case err == nil && len(op.TaskIDs()) == 0:
		diags.AddError("OCP started no backup task",
			fmt.Sprintf("OCP accepted backupNow for the %s but listed no task to follow (traceId %s).", scope, op.Meta.TraceID))
		return 0, false
	case err == nil:
		return op.TaskIDs()[0], true
	case !ocpclient.MaybeProcessed(err):
		diags.AddError("Could not start the data backup", errorDetail(err))
		return 0, false
	case !scope.IsTenant():
		diags.AddError("The answer to backupNow was lost", errorDetail(err)+fmt.Sprintf(
			"\n\nOCP may have started a backup of the %s although its answer did not come back, and OCP lists no data "+
				"backup tasks of a cluster to tell. The call is not sent again: check OCP's console (Backup and Restore) "+
				"before taking another backup.", scope))
		return 0, false
	}
	started, readErr := settle(ctx, err,
		func(ctx context.Context) ([]ocpclient.DataBackupTask, error) {
			tasks, err := backupsSince(ctx, api, scope, body.DataBackupMode, since)
			return slices.DeleteFunc(tasks, func(task ocpclient.DataBackupTask) bool { return earlier[task.TaskID] }), err
		},
		func(started []ocpclient.DataBackupTask) bool { return len(started) > 0 })
	switch {
	case readErr != nil:
		diags.AddError("Could not start the data backup", errorDetail(err)+
			"\n\nReading the tenant's data backup tasks afterwards, to tell whether OCP started the backup, failed too: "+
			readErr.Error()+"\n\nTerraform recorded nothing. Check OCP's console before running terraform apply again, "+
			"which takes a new backup.")
	case len(started) == 0:
		diags.AddError("Could not start the data backup", errorDetail(err)+fmt.Sprintf(
			"\n\nOCP's data backup tasks of the %s, read afterwards, show no new %s since the call: OCP did not "+
				"start the backup, and Terraform recorded nothing. Run terraform apply again to take it.", scope, body.DataBackupMode))
	case len(started) > 1:
		diags.AddError("Could not tell which backup is this one", errorDetail(err)+fmt.Sprintf(
			"\n\nThe answer to backupNow for the %s was lost, and OCP's data backup tasks show %d new %ss since the call "+
				"(tasks %s): someone else started one at the same time. Terraform recorded nothing; check OCP's console "+
				"before running terraform apply again, which takes a new backup.", scope, len(started), body.DataBackupMode, taskIDList(started)))
	default:
		diags.AddWarning("The answer to backupNow was lost", fmt.Sprintf(
			"The answer to backupNow for the %s did not come back cleanly (%s), but OCP's data backup tasks show a new %s "+
				"since the call (task %d): Terraform recorded it as this backup instead of taking another.",
			scope, err, body.DataBackupMode, started[0].TaskID))
		return started[0].TaskID, true
	}
	return 0, false
}

// backupClockMargin is how long before the call a task may seem to have started
// and still be the call's: OCP's clock and this machine's may differ a little.
const backupClockMargin = time.Minute

// backupsBefore reads, before a tenant's backupNow, the backups of mode already in
// the window since, so that a lost answer is never settled by one of them. A
// tenant whose tasks cannot be read gets no backup: its answer, if lost, could not
// be settled.
func backupsBefore(ctx context.Context, api API, scope ocpclient.BackupScope, mode string, since time.Time, diags *diag.Diagnostics) (map[int64]bool, bool) {
	if !scope.IsTenant() {
		return nil, true
	}
	tasks, err := backupsSince(ctx, api, scope, mode, since)
	if err != nil {
		diags.AddError("Could not read the tenant's data backup tasks", errorDetail(err)+
			"\n\nThey tell this backup from earlier ones should backupNow's answer be lost, so no backup was started.")
		return nil, false
	}
	earlier := map[int64]bool{}
	for _, task := range tasks {
		earlier[task.TaskID] = true
	}
	return earlier, true
}

// backupsSince lists the tenant's data backup tasks of mode that started at since
// or later.
func backupsSince(ctx context.Context, api API, scope ocpclient.BackupScope, mode string, since time.Time) ([]ocpclient.DataBackupTask, error) {
	tasks, err := api.ListTenantDataBackupTasks(ctx, scope.ClusterID, scope.TenantID, ocpclient.DataBackupTaskFilter{Start: since})
	return slices.DeleteFunc(tasks, func(task ocpclient.DataBackupTask) bool {
		return task.DataBackupTaskType != mode || task.StartTime.At.Before(since)
	}), err
}

// taskIDList lists the tasks' ids for a message.
func taskIDList(tasks []ocpclient.DataBackupTask) string {
	ids := make([]string, len(tasks))
	for i, task := range tasks {
		ids[i] = strconv.FormatInt(task.TaskID, 10)
	}
	return strings.Join(ids, ", ")
}

// backupNowRequest takes the backup mode and destination from the tenant's
// strategy, as OCP's console does. OCP's strategy read masks the destination's
// secret; that backupNow identifies the destination by the rest of it (as the
// console's "back up now" needs no secret either) is inferred.
func backupNowRequest(ctx context.Context, api API, scope ocpclient.BackupScope, mode string, diags *diag.Diagnostics) (ocpclient.BackupNowRequest, bool) {
	strategy, found, err := readStrategy(ctx, api, scope)
	switch {
	case err != nil:
		diags.AddError("Could not read the backup strategy", errorDetail(err))
	case found.scopeGone():
		found.addNotFound(diags, scope, "")
	case found == presenceNoStrategy:
		kind := kindOfScope(scope)
		diags.AddAttributeError(kind.idAttribute, capitalized(kind.noun)+" has no backup strategy", found.describe(scope)+fmt.Sprintf(
			" An on-demand backup uses the strategy's backup mode and destination: create it first, with the strategy "+
				"of an ocp_%s_backup_schedule or in OCP's console (Backup and Restore > Backup Strategy).", kind.noun))
	default:
		return ocpclient.BackupNowRequest{
			BackupMode:     cmp.Or(strategy.BackupMode, defaultBackupMode),
			DataBackupMode: mode,
			StorageConfig:  strategy.StorageConfig,
		}, true
	}
	return ocpclient.BackupNowRequest{}, false
}

// backupOutcome is a just-waited-for backup, sent at sent, as the tenant's task list
// shows it. It is read on time of its own: the wait may have used up the
// operation's, and what OCP shows must still be reported (and, for the resource,
// land in state).
func backupOutcome(ctx context.Context, api API, scope ocpclient.BackupScope, taskID int64, sent time.Time) (*ocpclient.DataBackupTask, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleBudget)
	defer cancel()
	return findDataBackupTask(ctx, api, scope, taskID, sent, true)
}

// backupFailureDetail explains a failed backup with OCP's errorMsg when the data
// backup task list has one.
func backupFailureDetail(waitErr error, task *ocpclient.DataBackupTask) string {
	detail := errorDetail(waitErr)
	if task != nil && task.ErrorMsg != "" {
		detail = fmt.Sprintf("OCP's data backup task %d ended %s: %s\n\n%s", task.TaskID, task.Status, task.ErrorMsg, detail)
	}
	return detail
}

// startWindow is how far around a backup's recorded start time a refresh asks
// OCP for its task.
const startWindow = 5 * time.Minute

// findDataBackupTask looks the backup up in the tenant's data backup task list by
// its task id; nil when the list does not show it (yet, or any more). When the
// time it started near is known (zero: not), only the tasks started around then
// are asked for, so that a refresh does not read a tenant's whole backup history.
// With wholeListIfMissing, the whole list is read when that finds nothing, as it
// would where OCP reads the time filter otherwise than the provider (its semantics
// are not documented); a finished backup, whose record no listing changes, is not
// worth that read on every refresh once OCP's retention has dropped it.
func findDataBackupTask(ctx context.Context, api API, scope ocpclient.BackupScope, taskID int64, startedNear time.Time,
	wholeListIfMissing bool) (*ocpclient.DataBackupTask, error) {
	if !startedNear.IsZero() {
		window := ocpclient.DataBackupTaskFilter{Start: startedNear.Add(-startWindow), End: startedNear.Add(startWindow)}
		if task, err := findInTaskList(ctx, api, scope, taskID, window); err != nil || task != nil || !wholeListIfMissing {
			return task, err
		}
	}
	return findInTaskList(ctx, api, scope, taskID, ocpclient.DataBackupTaskFilter{})
}

// findInTaskList lists the tenant's data backup tasks filter lets through and
// picks the one with taskID.
func findInTaskList(ctx context.Context, api API, scope ocpclient.BackupScope, taskID int64, filter ocpclient.DataBackupTaskFilter) (*ocpclient.DataBackupTask, error) {
	tasks, err := api.ListTenantDataBackupTasks(ctx, scope.ClusterID, scope.TenantID, filter)
	if err != nil {
		return nil, err
	}
	for _, task := range tasks {
		if task.TaskID == taskID {
			return &task, nil
		}
	}
	return nil, nil
}
