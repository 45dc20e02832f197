package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// scheduleState is what OCP says about a tenant's backup scheduling.
type scheduleState int

const (
	// scheduleScopeGone: OCP answered "not found" for the tenant or its cluster.
	scheduleScopeGone scheduleState = iota
	// scheduleNoStrategy: the cluster or tenant exists but has no backup strategy.
	scheduleNoStrategy
	scheduleStopped
	scheduleRunning
	// scheduleUndetermined: OCP's strategy lacks backupScheduleEnabled. The field is
	// inferred, not documented, so its absence must never count as "stopped".
	scheduleUndetermined
)

// observeSchedule reads the tenant's backup strategy and classifies it. OCP may say
// "no strategy" as data null or as a not-found error; both are scheduleNoStrategy or
// scheduleTenantGone, never an error.
func observeSchedule(ctx context.Context, api API, scope ocpclient.BackupScope) (scheduleState, error) {
	strategy, err := api.GetBackupStrategy(ctx, scope)
	switch {
	case ocpclient.IsNotFound(err):
		tflog.Debug(ctx, "OCP answered not found for the backup strategy", map[string]any{"error": err.Error()})
		return scheduleScopeGone, nil
	case err != nil:
		return 0, err
	case strategy == nil:
		return scheduleNoStrategy, nil
	}
	enabled, known := strategy.ScheduleEnabled()
	switch {
	case !known:
		tflog.Debug(ctx, "OCP's backup strategy has no backupScheduleEnabled field; assuming scheduling still runs",
			map[string]any{"scope": scope.String()})
		return scheduleUndetermined, nil
	case enabled:
		return scheduleRunning, nil
	default:
		return scheduleStopped, nil
	}
}

// describe says, for a diagnostic, what the state means for scope.
func (s scheduleState) describe(scope ocpclient.BackupScope) string {
	switch s {
	case scheduleScopeGone:
		return fmt.Sprintf("OCP has no %s (it was deleted, or the ids are wrong).", scope)
	case scheduleNoStrategy:
		return fmt.Sprintf("The %s has no backup strategy, so there are no scheduled backups to run.", scope)
	case scheduleStopped:
		return fmt.Sprintf("Scheduled backups of the %s are stopped in OCP.", scope)
	case scheduleRunning:
		return fmt.Sprintf("Scheduled backups of the %s are running in OCP.", scope)
	default:
		return fmt.Sprintf("OCP does not say whether scheduled backups of the %s run.", scope)
	}
}

// running reports whether the state counts as running for the provider.
func (s scheduleState) running() bool {
	return s == scheduleRunning || s == scheduleUndetermined
}

// How long, and how often, a schedule is re-read after a start or stop whose answer
// was lost in flight: OCP may still be carrying the call out.
const (
	settleWindow = 5 * time.Second
	settlePoll   = 500 * time.Millisecond
)

// observeAfterAction reads the state a failed start (wantRunning) or stop left.
// When the call may have reached OCP without an answer coming back (a timeout or a
// reset connection), it re-reads for a while until the wanted state shows. A 409
// Conflict settles an undetermined state: scheduling already was where the call
// wanted it.
func observeAfterAction(ctx context.Context, api API, scope ocpclient.BackupScope, actionErr error, wantRunning bool) (scheduleState, error) {
	state, err := observeSchedule(ctx, api, scope)
	if err == nil && ocpclient.MaybeProcessed(actionErr) {
		deadline := time.Now().Add(settleWindow)
		for err == nil && state.opposes(wantRunning) && time.Now().Before(deadline) {
			select {
			case <-ctx.Done():
				return state, nil
			case <-time.After(settlePoll):
			}
			state, err = observeSchedule(ctx, api, scope)
		}
	}
	if state == scheduleUndetermined && ocpclient.IsConflict(actionErr) {
		state = map[bool]scheduleState{true: scheduleRunning, false: scheduleStopped}[wantRunning]
	}
	return state, err
}

// opposes reports whether the schedule is in the other state than wanted (rather
// than gone, or without a strategy, which waiting does not change).
func (s scheduleState) opposes(wantRunning bool) bool {
	if wantRunning {
		return s == scheduleStopped
	}
	return s.running()
}
