package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// Default time limits; the timeouts block overrides them. Strategy changes run as
// OCP tasks, which can take minutes.
const (
	defaultStrategyWriteTimeout = 20 * time.Minute
	defaultStrategyReadTimeout  = 2 * time.Minute
)

// Backup strategies of a tenant and of a whole cluster work alike; this file holds
// their CRUD. tenant_backup_strategy_resource.go and
// cluster_backup_strategy_resource.go define what differs: the model's ids and its
// scopeKind. The attributes are in backup_strategy_schema.go, the model and its
// mapping to OCP's body in backup_strategy_model.go.

// strategyModel is a strategy resource's whole model: the shared attributes, the
// scope its ids name, and the kind of that scope.
type strategyModel interface {
	strategy() *backupStrategyModel
	scoped
}

// strategyModelPtr lets the generic resource call strategyModel methods on *M.
type strategyModelPtr[M any] interface {
	*M
	strategyModel
}

// backupStrategyResource implements both strategy resources; M is the model, whose
// kind says which of them it is.
type backupStrategyResource[M any, P strategyModelPtr[M]] struct {
	resourceAPI
}

func (r *backupStrategyResource[M, P]) kind() scopeKind { return kindOf[M, P]() }

func (r *backupStrategyResource[M, P]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + r.kind().noun + "_backup_strategy"
}

func (r *backupStrategyResource[M, P]) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	kind := r.kind()
	attributes := strategyResourceAttributes()
	attributes["id"] = schema.StringAttribute{
		Description:   "`" + kind.idForm + "`.",
		Computed:      true,
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
	attributes["delete_on_destroy"] = schema.BoolAttribute{
		Description: "Delete the strategy in OCP when the resource is destroyed (default `true`). With `false`, " +
			"destroy only removes it from Terraform, and the strategy, with any scheduled backups it runs, stays in OCP.",
		Optional: true,
		Computed: true,
		Default:  booldefault.StaticBool(true),
	}
	for name, attribute := range kind.idAttributes() {
		attributes[name] = attribute
	}
	resp.Schema = schema.Schema{
		Description: fmt.Sprintf("A %[1]s's backup strategy in OCP: when data backups run (full or incremental), whether "+
			"log archiving starts, cleanup of expired backups, alert thresholds, and where backups are stored. "+
			"Scheduling runs only once started, with ocp_%[1]s_backup_schedule.", kind.noun),
		Attributes: attributes,
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

// begin reads the planned model, with the write-only secret from the configuration
// (it is in nothing else), and prepares ctx for a write: credentials masked in
// logs, and the operation's timeout (timeouts.Value.Create or .Update) applied.
func (r *backupStrategyResource[M, P]) begin(ctx context.Context, plan tfsdk.Plan, config tfsdk.Config, diags *diag.Diagnostics,
	timeout func(timeouts.Value, context.Context, time.Duration) (time.Duration, diag.Diagnostics),
) (context.Context, context.CancelFunc, P, bool) {
	var model M
	diags.Append(plan.Get(ctx, &model)...)
	if diags.HasError() || !requireAPI(r.api, diags) {
		return ctx, nil, nil, false
	}
	strategy := P(&model).strategy()
	diags.Append(strategy.takeWriteOnlySecret(ctx, config, path.Root("storage"))...)
	if diags.HasError() {
		return ctx, nil, nil, false
	}
	configured := func(ctx context.Context, fallback time.Duration) (time.Duration, diag.Diagnostics) {
		return timeout(strategy.Timeouts, ctx, fallback)
	}
	ctx, cancel, ok := withTimeout(strategy.withSecretsMasked(ctx), configured, defaultStrategyWriteTimeout, diags)
	return ctx, cancel, &model, ok
}

func (r *backupStrategyResource[M, P]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel, plan, ok := r.begin(ctx, req.Plan, req.Config, &resp.Diagnostics, timeouts.Value.Create)
	if !ok {
		return
	}
	defer cancel()
	scope := plan.scope()
	// A new strategy starts with scheduling stopped; the schedule resource starts it.
	op, created := r.writes().create(ctx, scope, &plan.strategy().strategySettings, &resp.Diagnostics)
	if !created {
		return
	}
	plan.strategy().ID = types.StringValue(scopeID(scope))
	// The strategy exists from here on: keep it in state even if the task fails.
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	if op != nil {
		if err := waitForOperation(ctx, r.api, op); err != nil {
			resp.Diagnostics.AddError("OCP task of the strategy creation did not succeed", errorDetail(err))
			return
		}
	}
	r.restartReplacedSchedule(ctx, scope, &resp.Diagnostics)
}

// writes sends this resource's strategies to OCP.
func (r *backupStrategyResource[M, P]) writes() strategyWrites {
	return strategyWrites{session: r.session, resourceType: "ocp_" + r.kind().noun + "_backup_strategy"}
}

func (r *backupStrategyResource[M, P]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var model M
	resp.Diagnostics.Append(req.State.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !r.canRefresh(ctx) {
		return
	}
	state, scope := P(&model).strategy(), P(&model).scope()
	ctx = state.withSecretsMasked(ctx)
	ctx, cancel, ok := withTimeout(ctx, state.Timeouts.Read, defaultStrategyReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	// The schedule's refresh reads the same strategy; they share one GET.
	strategy, found, err := readStrategy(ctx, r.refresh, scope)
	switch {
	case err != nil:
		resp.Diagnostics.AddError("Could not read the backup strategy", errorDetail(err))
		return
	case found == presenceNoStrategy:
		resp.Diagnostics.AddWarning("Backup strategy no longer exists", fmt.Sprintf(
			"OCP has no backup strategy for the %s any more (it was deleted outside Terraform). "+
				"Terraform removed it from its state; the next apply creates it again.", scope))
		resp.State.RemoveResource(ctx)
		return
	case found.scopeGone():
		resp.Diagnostics.AddWarning(fmt.Sprintf("Backup strategy's %s no longer exists", found.missingNoun()), found.describe(scope)+
			fmt.Sprintf(" Terraform removed the strategy from its state. The next apply cannot create it again while the %[1]s "+
				"is missing: if it was deleted on purpose, remove the resource from the configuration.", found.missingNoun()))
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(state.refreshFrom(ctx, strategy)...)
	if state.DeleteOnDestroy.IsNull() {
		// State written before delete_on_destroy existed behaves as its default.
		state.DeleteOnDestroy = types.BoolValue(true)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

func (r *backupStrategyResource[M, P]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, cancel, plan, ok := r.begin(ctx, req.Plan, req.Config, &resp.Diagnostics, timeouts.Value.Update)
	if !ok {
		return
	}
	defer cancel()
	var prior M
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	planned, before := &plan.strategy().strategySettings, &P(&prior).strategy().strategySettings
	if planned.sameInOCP(ctx, before) {
		// Only delete_on_destroy or timeouts changed; they live in Terraform alone.
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
		return
	}
	r.writes().update(ctx, plan.scope(), planned, before,
		func() { resp.Diagnostics.Append(resp.State.Set(ctx, plan)...) }, &resp.Diagnostics)
}

func (r *backupStrategyResource[M, P]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var model M
	resp.Diagnostics.Append(req.State.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	state, scope := P(&model).strategy(), P(&model).scope()
	if !state.DeleteOnDestroy.IsNull() && !state.DeleteOnDestroy.ValueBool() {
		resp.Diagnostics.AddWarning("Backup strategy left in OCP", fmt.Sprintf(
			"delete_on_destroy is false, so Terraform only forgot the backup strategy of the %s; it stays in OCP, "+
				"with any scheduled backups it runs.", scope))
		// A replacement in this command creates it again: see settleFailedCreate.
		r.memory.rememberForgotten(scope)
		return
	}
	if !requireAPI(r.api, &resp.Diagnostics) {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, state.Timeouts.Delete, defaultStrategyWriteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	// OCP stops the scheduled backups with the strategy. When the strategy is being
	// replaced, the same command creates it again and starts them again; see
	// restartReplacedSchedule.
	before, err := observeSchedule(ctx, r.api, scope)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the backup strategy before deleting it", errorDetail(err))
		return
	}
	r.writes().delete(ctx, scope, &resp.Diagnostics)
	if !resp.Diagnostics.HasError() && (before == scheduleRunning || before == scheduleUndetermined) {
		r.memory.rememberStoppedByDelete(scope, before)
	}
}

// restartReplacedSchedule starts the scheduled backups again that this command
// stopped by deleting the scope's previous strategy. A replaced strategy (taint,
// -replace) is deleted and created again within one apply, and OCP ends scheduling
// with the old strategy, while the schedule resource in state still says it
// runs and has no change planned. The start gets time of its own, like a settling
// read: the create may have used up the operation's.
func (r *backupStrategyResource[M, P]) restartReplacedSchedule(ctx context.Context, scope ocpclient.BackupScope, diags *diag.Diagnostics) {
	switch r.memory.takeStoppedByDelete(scope) {
	case scheduleRunning:
	case scheduleUndetermined:
		diags.AddWarning("Scheduled backups may have stopped with the replaced strategy", fmt.Sprintf(
			"OCP ends scheduled backups when their strategy is deleted, and this OCP does not report whether those of "+
				"the %s ran. If they did, start them again: terraform apply -replace=<address of its ocp_%s_backup_schedule>.",
			scope, r.kind().noun))
		return
	default:
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleBudget)
	defer cancel()
	op, err := r.api.StartBackupSchedule(ctx, scope)
	if err == nil {
		err = waitForOperation(ctx, r.api, op)
	} else if state, readErr := observeAfterAction(ctx, r.api, scope, err, true); readErr == nil && state.running() {
		err = nil
	}
	if err != nil {
		diags.AddError("Could not restart scheduled backups after replacing the strategy", fmt.Sprintf(
			"Replacing the backup strategy of the %s stopped its scheduled backups, and starting them again failed: %s\n\n"+
				"Run terraform apply again: the schedule resource then finds them stopped and starts them.", scope, errorDetail(err)))
		return
	}
	diags.AddWarning("Scheduled backups restarted after replacing the strategy", fmt.Sprintf(
		"OCP stops scheduled backups when their strategy is deleted. The backup strategy of the %s was replaced, "+
			"so Terraform started its scheduled backups again, as they were before.", scope))
}

// ImportState takes the scope's id; Read then fills in the strategy. The storage
// secret cannot be read from OCP, so it stays empty until the next apply sends the
// configured one.
func (r *backupStrategyResource[M, P]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	scope, err := scopeImportID(req.ID, r.kind().tenant)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return
	}
	resp.Diagnostics.Append(setScopeAttributes(ctx, &resp.State, scope)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("delete_on_destroy"), true)...)
}
