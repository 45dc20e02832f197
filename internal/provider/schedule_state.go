package provider

import (
	"context"
	"fmt"

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
func observeSchedule(ctx context.Context, api ocpAPI, scope ocpclient.BackupScope) (scheduleState, error) {
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

// afterRefusal settles an undetermined state after OCP refused a start or stop: a
// 409 Conflict then means scheduling already was where the call wanted it.
func (s scheduleState) afterRefusal(actionErr error, wantedRunning bool) scheduleState {
	if s != scheduleUndetermined || !ocpclient.IsConflict(actionErr) {
		return s
	}
	if wantedRunning {
		return scheduleRunning
	}
	return scheduleStopped
}
