package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// strategyWrites creates, updates and deletes the backup strategy a schedule
// resource carries, and settles each call whose answer failed by reading what OCP
// holds afterwards.
type strategyWrites struct {
	session
	// resourceType is the Terraform type of the resource writing, for the import
	// hint of a strategy that already exists.
	resourceType string
}

// strategyAt is what readStrategy found, as one value for settle.
type strategyAt struct {
	strategy *ocpclient.BackupStrategy
	presence presence
}

func (w strategyWrites) readStrategyAt(scope ocpclient.BackupScope) func(context.Context) (strategyAt, error) {
	return func(ctx context.Context) (strategyAt, error) {
		strategy, found, err := readStrategy(ctx, w.api, scope)
		return strategyAt{strategy, found}, err
	}
}

// create creates the planned strategy, with scheduling stopped: the schedule
// starts it. It reports whether OCP now holds the strategy; op is the task to wait
// for, nil when a settled failure stands for the create.
func (w strategyWrites) create(ctx context.Context, scope ocpclient.BackupScope, plan *strategySettings, diags *diag.Diagnostics) (*ocpclient.BackupOperation, bool) {
	body, bodyDiags := plan.toOCP(ctx, new(bool))
	diags.Append(bodyDiags...)
	if bodyDiags.HasError() {
		return nil, false
	}
	op, err := w.api.CreateBackupStrategy(ctx, scope, body)
	if err != nil && w.createHadNoEffect(ctx, scope, err) {
		// OCP refuses to create a strategy where one exists, so a second create
		// can never make two; one that finds the first's strategy after all is
		// settled below like a lost answer.
		tflog.Info(ctx, "The strategy creation failed and OCP holds no strategy; creating once more", map[string]any{"create_error": err.Error()})
		op, err = sendAgain(err, func() (*ocpclient.BackupOperation, error) { return w.api.CreateBackupStrategy(ctx, scope, body) })
	}
	if err != nil {
		return nil, w.settleFailedCreate(ctx, scope, plan, err, diags)
	}
	return op, true
}

// createHadNoEffect reports whether a failed create may simply be sent again: OCP
// did not refuse it (a refusal would come again), and OCP, read back, holds no
// strategy at the scope.
func (w strategyWrites) createHadNoEffect(ctx context.Context, scope ocpclient.BackupScope, createErr error) bool {
	if ocpclient.IsRefusal(createErr) {
		return false
	}
	held, err := settle(ctx, createErr, w.readStrategyAt(scope),
		func(at strategyAt) bool { return at.presence == presenceStrategy })
	return err == nil && held.presence == presenceNoStrategy
}

// settleFailedCreate decides what a failed create means by reading what OCP holds.
// When the create may have reached OCP without its answer coming back (a reset
// connection, a timeout, or a proxy's gateway error, perhaps followed by a retry
// that OCP refused because the strategy now existed) and OCP holds the planned
// strategy, the create took effect: it is accepted with a warning. Otherwise the
// error says what is in the way.
func (w strategyWrites) settleFailedCreate(ctx context.Context, scope ocpclient.BackupScope, plan *strategySettings, createErr error, diags *diag.Diagnostics) bool {
	held, err := settle(ctx, createErr, w.readStrategyAt(scope),
		func(at strategyAt) bool { return at.presence == presenceStrategy })
	switch {
	case err != nil:
		diags.AddError("Could not create the backup strategy", withFailedReread(errorDetail(createErr), err))
	case held.presence == presenceStrategy && w.left.take(scope):
		return w.takeOverLeftStrategy(ctx, scope, plan, held.strategy, diags)
	case held.presence == presenceStrategy && ocpclient.MaybeProcessed(createErr) && plan.heldBy(ctx, held.strategy):
		tflog.Info(ctx, "The create call's answer was lost; OCP holds the planned strategy", map[string]any{"create_error": createErr.Error()})
		diags.AddWarning("The answer to the strategy creation was lost", fmt.Sprintf(
			"The create call's own answer did not come back cleanly (a broken connection, a timeout or a proxy's "+
				"gateway error), but OCP now holds a backup strategy for the %s that matches this configuration, "+
				"so Terraform recorded it.", scope))
		return true
	case held.presence == presenceStrategy:
		diags.AddError("Backup strategy already exists", errorDetail(createErr)+fmt.Sprintf(
			"\n\nThe %s already has a backup strategy. To manage it with Terraform, import it: terraform import "+
				"%[3]s.<name> %[2]s, or an import block with id = %[2]q. Terraform then updates it to this "+
				"configuration.", scope, scopeID(scope), w.resourceType))
	case held.presence.scopeGone():
		held.presence.addNotFound(diags, scope, "OCP's answer to the create call was: "+createErr.Error())
	default:
		diags.AddError("Could not create the backup strategy", errorDetail(createErr))
	}
	return false
}

// takeOverLeftStrategy updates, to the plan, the strategy that this command's destroy
// left in OCP (stop_on_destroy = false): a replacement of the schedule (-replace,
// a taint) finds it still in OCP and takes it over instead of failing.
func (w strategyWrites) takeOverLeftStrategy(ctx context.Context, scope ocpclient.BackupScope, plan *strategySettings,
	held *ocpclient.BackupStrategy, diags *diag.Diagnostics) bool {
	op, err := w.patchToPlan(ctx, scope, plan, held, diags)
	if diags.HasError() {
		return false
	}
	if err == nil {
		err = waitForOperation(ctx, w.api, op)
	}
	if err != nil {
		diags.AddError("Could not take over the backup strategy left in OCP", errorDetail(err))
		return false
	}
	tflog.Info(ctx, "Took over the backup strategy that stop_on_destroy = false left in OCP", map[string]any{"scope": scope.String()})
	return true
}

// patchToPlan sends the planned strategy and hands a failed call back to the
// caller to settle; when nothing could be sent, diags says why. OCP's modify call
// documents backupScheduleEnabled as required on clusters and optional on tenants;
// whether leaving it out stops scheduling is not known. So the body repeats OCP's
// current value, and an update never starts or stops backups. current is OCP's
// strategy when the caller has just read it; nil reads it.
func (w strategyWrites) patchToPlan(ctx context.Context, scope ocpclient.BackupScope, plan *strategySettings,
	current *ocpclient.BackupStrategy, diags *diag.Diagnostics) (*ocpclient.BackupOperation, error) {
	if current == nil {
		var err error
		if current, err = w.api.GetBackupStrategy(ctx, scope); err != nil {
			diags.AddError("Could not read the backup strategy before updating it", errorDetail(err))
			return nil, nil
		}
	}
	var enabled *bool
	if current != nil && current.ScheduleConfig != nil {
		enabled = current.ScheduleConfig.ScheduleEnabled
	}
	body, bodyDiags := plan.toOCP(ctx, enabled)
	diags.Append(bodyDiags...)
	if bodyDiags.HasError() {
		return nil, nil
	}
	return w.api.UpdateBackupStrategy(ctx, scope, body)
}

// update sends the planned strategy in place of prior's and waits for OCP's task;
// current is OCP's strategy when the caller has just read it (nil: not). It
// reports whether the planned strategy may go into state: OCP took it, or a
// failure left it there after all (see settleFailedUpdate). record is called as
// soon as that is known, before the wait, so a failed task never loses it.
func (w strategyWrites) update(ctx context.Context, scope ocpclient.BackupScope, plan, prior *strategySettings,
	current *ocpclient.BackupStrategy, record func(), diags *diag.Diagnostics) bool {
	op, err := w.patchToPlan(ctx, scope, plan, current, diags)
	switch {
	case diags.HasError():
		return false
	case err != nil && !w.settleFailedUpdate(ctx, scope, plan, prior, err, diags):
		return false
	}
	record()
	if op != nil {
		if err := waitForOperation(ctx, w.api, op); err != nil {
			diags.AddError("OCP task of the strategy update did not succeed", errorDetail(err))
			return false
		}
	}
	return true
}

// settleFailedUpdate accepts a failed update whose answer was lost when OCP holds
// the planned strategy after all; otherwise the prior state stands. A changed
// secret cannot be confirmed (OCP does not give it back), so such an update is
// never accepted unconfirmed: the next apply sends it again.
func (w strategyWrites) settleFailedUpdate(ctx context.Context, scope ocpclient.BackupScope, plan, prior *strategySettings, updateErr error, diags *diag.Diagnostics) bool {
	if !ocpclient.MaybeProcessed(updateErr) || plan.secretChangedFrom(prior) {
		diags.AddError("Could not update the backup strategy", errorDetail(updateErr))
		return false
	}
	holdsPlan := func(at strategyAt) bool {
		return at.presence == presenceStrategy && plan.heldBy(ctx, at.strategy)
	}
	held, err := settle(ctx, updateErr, w.readStrategyAt(scope), holdsPlan)
	switch {
	case err != nil:
		diags.AddError("Could not update the backup strategy", withFailedReread(errorDetail(updateErr), err))
	case holdsPlan(held):
		tflog.Info(ctx, "The update call's answer was lost; OCP holds the planned strategy", map[string]any{"update_error": updateErr.Error()})
		diags.AddWarning("The answer to the strategy update was lost", fmt.Sprintf(
			"The update call's own answer did not come back cleanly (a broken connection, a timeout or a proxy's "+
				"gateway error), but OCP now holds the planned backup strategy for the %s, so Terraform recorded the update.", scope))
		return true
	default:
		diags.AddError("Could not update the backup strategy", errorDetail(updateErr)+
			"\n\nOCP's strategy, read afterwards, is not the planned one: the update did not take effect.")
	}
	return false
}

// delete deletes the scope's strategy and waits for OCP's task. The call is made
// whatever OCP was last seen to hold: only its outcome, settled by a read
// afterwards, decides that OCP holds no strategy.
func (w strategyWrites) delete(ctx context.Context, scope ocpclient.BackupScope, diags *diag.Diagnostics) {
	op, err := w.api.DeleteBackupStrategy(ctx, scope)
	if err != nil {
		w.settleFailedDelete(ctx, scope, err, diags)
	} else if err := waitForOperation(ctx, w.api, op); err != nil {
		diags.AddError("OCP task of the strategy deletion did not succeed", errorDetail(err))
	}
}

// settleFailedDelete accepts a failed delete when OCP holds no strategy at the
// scope afterwards: it was already gone, or the call took effect although its
// answer was lost.
func (w strategyWrites) settleFailedDelete(ctx context.Context, scope ocpclient.BackupScope, deleteErr error, diags *diag.Diagnostics) {
	held, err := settle(ctx, deleteErr, w.readStrategyAt(scope),
		func(at strategyAt) bool { return at.presence != presenceStrategy })
	switch {
	case err != nil:
		diags.AddError("Could not delete the backup strategy", withFailedReread(errorDetail(deleteErr), err))
	case held.presence == presenceStrategy:
		diags.AddError("Could not delete the backup strategy", errorDetail(deleteErr))
	default:
		tflog.Info(ctx, "No backup strategy left to delete: "+held.presence.describe(scope), map[string]any{"delete_error": deleteErr.Error()})
	}
}
