package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// scheduleState is what OCP says about a scope's backup scheduling.
type scheduleState int

const (
	// scheduleClusterGone, scheduleTenantGone: OCP has no such cluster or tenant.
	scheduleClusterGone scheduleState = iota
	scheduleTenantGone
	// scheduleNoStrategy: the cluster or tenant exists but has no backup strategy.
	scheduleNoStrategy
	scheduleStopped
	scheduleRunning
	// scheduleUndetermined: OCP's strategy lacks backupScheduleEnabled. The field is
	// inferred, not documented, so its absence must never count as "stopped".
	scheduleUndetermined
)

// observeSchedule reads the scope's backup strategy and classifies it; every shape
// of "no strategy" or "no such tenant or cluster" is a state, never an error (see
// readStrategy).
func observeSchedule(ctx context.Context, api API, scope ocpclient.BackupScope) (scheduleState, error) {
	strategy, found, err := readStrategy(ctx, api, scope)
	if err != nil {
		return 0, err
	}
	return scheduleStateOf(ctx, scope, strategy, found), nil
}

// scheduleStateOf classifies what readStrategy found at scope.
func scheduleStateOf(ctx context.Context, scope ocpclient.BackupScope, strategy *ocpclient.BackupStrategy, found presence) scheduleState {
	switch found {
	case presenceClusterGone:
		return scheduleClusterGone
	case presenceTenantGone:
		return scheduleTenantGone
	case presenceNoStrategy:
		return scheduleNoStrategy
	}
	enabled, known := strategy.ScheduleEnabled()
	switch {
	case !known:
		tflog.Debug(ctx, "OCP's backup strategy has no backupScheduleEnabled field; assuming scheduling still runs",
			map[string]any{"scope": scope.String()})
		return scheduleUndetermined
	case enabled:
		return scheduleRunning
	default:
		return scheduleStopped
	}
}

// describe says, for a diagnostic, what the state means for scope.
func (s scheduleState) describe(scope ocpclient.BackupScope) string {
	switch s {
	case scheduleClusterGone, scheduleTenantGone:
		return s.presence().describe(scope)
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

// scopeGone reports whether the cluster or tenant itself no longer exists.
func (s scheduleState) scopeGone() bool {
	return s.presence().scopeGone()
}

// presence is what OCP holds at the scope, as far as the state says.
func (s scheduleState) presence() presence {
	switch s {
	case scheduleClusterGone:
		return presenceClusterGone
	case scheduleTenantGone:
		return presenceTenantGone
	case scheduleNoStrategy:
		return presenceNoStrategy
	default:
		return presenceStrategy
	}
}

// running reports whether the state counts as running for the provider.
func (s scheduleState) running() bool {
	return s == scheduleRunning || s == scheduleUndetermined
}

// observeAfterAction reads the state a failed start (wantRunning) or stop left,
// settling a lost answer. A 409 Conflict settles an undetermined state: scheduling
// already was where the call wanted it.
func observeAfterAction(ctx context.Context, api API, scope ocpclient.BackupScope, actionErr error, wantRunning bool) (scheduleState, error) {
	state, err := settle(ctx, actionErr,
		func(ctx context.Context) (scheduleState, error) { return observeSchedule(ctx, api, scope) },
		func(s scheduleState) bool { return !s.opposes(wantRunning) })
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
