package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// ocp_tenant_backup_schedule and ocp_cluster_backup_schedule: the one writer of a
// scope's backup scheduling and, when it carries one, of its backup strategy. Both
// are backupScheduleResource, told apart by their scopeKind.

// Default time limits; the timeouts block overrides them. A carried strategy's
// writes run as OCP tasks, which can take minutes, and add their own.
const (
	defaultScheduleCreateTimeout = 10 * time.Minute
	defaultScheduleReadTimeout   = 2 * time.Minute
	defaultScheduleDeleteTimeout = 10 * time.Minute
	defaultStrategyWriteTimeout  = 20 * time.Minute
)

// strategyPath is where a schedule carries its strategy.
var strategyPath = path.Root("strategy")

// carriedStoragePath is the carried strategy's storage, where its write-only secret
// is configured.
var carriedStoragePath = strategyPath.AtName("storage")

// timeoutsPath holds the timeouts block; enabledPath and stopOnDestroyPath the
// attributes of those names.
var (
	timeoutsPath      = path.Root("timeouts")
	traceIDPath       = path.Root("trace_id")
	startedAtPath     = path.Root("started_at")
	enabledPath       = path.Root("enabled")
	stopOnDestroyPath = path.Root("stop_on_destroy")
)

// writeTimeout is the default time limit of a create or update (fallback) or of a
// delete, plus a strategy write's when the resource carries its strategy.
func writeTimeout(fallback time.Duration, carried bool) time.Duration {
	if carried {
		return fallback + defaultStrategyWriteTimeout
	}
	return fallback
}

// NewTenantBackupScheduleResource returns the ocp_tenant_backup_schedule resource.
func NewTenantBackupScheduleResource() resource.Resource {
	return &backupScheduleResource{kind: tenantScope}
}

// NewClusterBackupScheduleResource returns the ocp_cluster_backup_schedule resource:
// the cluster-dimension twin of ocp_tenant_backup_schedule.
func NewClusterBackupScheduleResource() resource.Resource {
	return &backupScheduleResource{kind: clusterScope}
}

var (
	_ resource.ResourceWithConfigure   = (*backupScheduleResource)(nil)
	_ resource.ResourceWithImportState = (*backupScheduleResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*backupScheduleResource)(nil)
	_ resource.ResourceWithIdentity    = (*backupScheduleResource)(nil)
)

// backupScheduleResource implements both schedule resources; kind says which.
type backupScheduleResource struct {
	resourceAPI
	kind scopeKind
}

func (r *backupScheduleResource) noun() string { return r.kind.noun }

func (r *backupScheduleResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + r.noun() + "_backup_schedule"
}

func (r *backupScheduleResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	noun := r.noun()
	attributes := map[string]schema.Attribute{
		"trace_id": schema.StringAttribute{
			Description:   "OCP trace id of the start call, to quote to OCP support.",
			Computed:      true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"started_at": schema.StringAttribute{
			Description:   "OCP's timestamp of the start call (RFC 3339, UTC).",
			Computed:      true,
			CustomType:    timetypes.RFC3339Type{},
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"enabled": schema.BoolAttribute{
			Description: "Whether the scheduled backups run (default `true`). `false` stops them (OCP's stopSchedule) " +
				"and keeps the resource; `true` starts them again. Scheduled backups stopped outside Terraform show " +
				"as `enabled` changing back to `true`.",
			Optional: true,
			Computed: true,
			Default:  booldefault.StaticBool(true),
		},
		"strategy": schema.SingleNestedAttribute{
			Description: fmt.Sprintf("The %[1]s's backup strategy, when this resource is to create it and keep it as "+
				"configured; the ocp_%[1]s_backup_strategy data source shows the same attributes as OCP holds them. "+
				"Create creates the strategy and starts its scheduled backups in one step; an update sends a changed "+
				"strategy; destroy stops the scheduled backups and deletes the strategy, unless stop_on_destroy is "+
				"false. Without it, the strategy belongs to OCP's console (Backup and Restore > Backup Strategy) and "+
				"must exist before the resource is created; this resource then only starts and stops the backups, and "+
				"removing strategy from the configuration leaves the strategy in OCP as it is, no longer managed. Added "+
				"to a resource whose %[1]s already has a strategy (after an import), the next apply takes that strategy "+
				"over and updates it to the configuration; the plan warns when that replaces what OCP holds.", noun),
			Optional:   true,
			Attributes: strategyResourceAttributes(),
		},
		"stop_on_destroy": schema.BoolAttribute{
			Description: "Stop the scheduled backups when the resource is destroyed, and delete the strategy it " +
				"carries (`strategy`), if any (default `true`). With `false`, destroy only removes the resource from " +
				"Terraform, and the backups keep running with their strategy.",
			Optional: true,
			Computed: true,
			Default:  booldefault.StaticBool(true),
		},
	}
	for name, attribute := range r.kind.idAttributes() {
		attributes[name] = attribute
	}
	attributes["id"] = schema.StringAttribute{
		Description:   "`" + r.kind.idForm + "`.",
		Computed:      true,
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
	resp.Schema = schema.Schema{
		Description: fmt.Sprintf("Starts the scheduled backups of an OCP %[1]s (OCP's startSchedule) and keeps them running, "+
			"or stopped with enabled = false: if someone changes that outside Terraform, the next plan changes it "+
			"back. Destroying the resource stops them unless stop_on_destroy is false. The %[1]s's backup strategy "+
			"is either carried by this resource (strategy) or made in OCP's console first.", noun),
		Attributes: attributes,
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Delete: true}),
		},
	}
}

// Create creates the carried strategy, if any, then starts the scheduled backups,
// or keeps them stopped (enabled = false).
func (r *backupScheduleResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	w, ctx, cancel, ok := r.beginWrite(ctx, req.Plan, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	resp.Diagnostics.Append(setScopeIdentity(ctx, resp.Identity, w.scope)...)
	if w.carried != nil && !r.createStrategy(ctx, w, &resp.State, &resp.Diagnostics) {
		return
	}
	if !w.enabled {
		r.createStopped(ctx, w, &resp.State, &resp.Diagnostics)
		return
	}
	r.start(ctx, w, &resp.State, &resp.Diagnostics)
}

// scheduleWrite is what a create or an update works from: the plan, and the
// attributes of it that the calls need, read one by one rather than as a whole
// model (bench/results.md).
type scheduleWrite struct {
	planned tftypes.Value
	scope   ocpclient.BackupScope
	enabled bool
	// carried is the strategy the resource carries, with its write-only secret;
	// nil when it carries none.
	carried *strategySettings
}

// beginWrite reads what a create or update needs from the plan, with the
// write-only secret of a carried strategy from the configuration (it is in nothing
// else), and prepares ctx: the strategy's secrets masked in logs, and the create
// timeout applied (an update's is the create one: enabling is a start call).
func (r *backupScheduleResource) beginWrite(ctx context.Context, plan tfsdk.Plan, config tfsdk.Config,
	diags *diag.Diagnostics) (scheduleWrite, context.Context, context.CancelFunc, bool) {
	w := scheduleWrite{planned: plan.Raw}
	w.scope, _ = r.kind.scopeIn(ctx, plan, diags) // known: Terraform applies known values only
	var enabled types.Bool
	var limits timeouts.Value
	diags.Append(plan.GetAttribute(ctx, enabledPath, &enabled)...)
	diags.Append(plan.GetAttribute(ctx, strategyPath, &w.carried)...)
	diags.Append(plan.GetAttribute(ctx, timeoutsPath, &limits)...)
	if diags.HasError() || !requireAPI(r.api, diags) {
		return w, ctx, nil, false
	}
	w.enabled = enabled.ValueBool()
	if w.carried != nil {
		diags.Append(w.carried.takeWriteOnlySecret(ctx, config, carriedStoragePath)...)
		ctx = w.carried.withSecretsMasked(ctx)
	}
	if diags.HasError() {
		return w, ctx, nil, false
	}
	ctx, cancel, ok := withTimeout(ctx, limits.Create, writeTimeout(defaultScheduleCreateTimeout, w.carried != nil), diags)
	return w, ctx, cancel, ok
}

// record puts the planned schedule into state, with its id and what OCP answered
// to the start call, start. Without one, the start call's facts the plan left to
// the apply (an enabled known only then) are prior's, the state before an update
// that turned out to make no start call, or null.
func (w scheduleWrite) record(ctx context.Context, state *tfsdk.State, start *ocpclient.BackupOperation, prior *tfsdk.State) diag.Diagnostics {
	state.Raw = w.planned
	diags := state.SetAttribute(ctx, path.Root("id"), scopeID(w.scope))
	if start != nil {
		diags.Append(state.SetAttribute(ctx, traceIDPath, stringOrNull(start.Meta.TraceID))...)
		diags.Append(state.SetAttribute(ctx, startedAtPath, timeOrNull(ocpclient.ParseTimestamp(start.Meta.Timestamp)))...)
		return diags
	}
	traceID, startedAt := types.StringNull(), timetypes.NewRFC3339Null()
	if prior != nil {
		diags.Append(prior.GetAttribute(ctx, traceIDPath, &traceID)...)
		diags.Append(prior.GetAttribute(ctx, startedAtPath, &startedAt)...)
	}
	var planned types.String
	if diags.Append(state.GetAttribute(ctx, traceIDPath, &planned)...); planned.IsUnknown() {
		diags.Append(state.SetAttribute(ctx, traceIDPath, traceID)...)
		diags.Append(state.SetAttribute(ctx, startedAtPath, startedAt)...)
	}
	return diags
}

// createStrategy creates the strategy the resource carries, with scheduling
// stopped, and waits for OCP's task; it reports whether the create goes on to
// start the schedule. From the strategy's creation on, the resource is in state,
// as stopped, so a failure after it leaves a tainted resource, never an orphaned
// strategy.
func (r *backupScheduleResource) createStrategy(ctx context.Context, w scheduleWrite, state *tfsdk.State, diags *diag.Diagnostics) bool {
	op, created := r.writes().create(ctx, w.scope, w.carried, diags)
	if !created {
		return false
	}
	diags.Append(w.record(ctx, state, nil, nil)...)
	diags.Append(state.SetAttribute(ctx, enabledPath, false)...)
	if op == nil {
		return !diags.HasError()
	}
	if err := waitForOperation(ctx, r.api, op); err != nil {
		diags.AddError("OCP task of the strategy creation did not succeed", errorDetail(err))
		return false
	}
	return !diags.HasError()
}

// writes sends this resource's carried strategies to OCP.
func (r *backupScheduleResource) writes() strategyWrites {
	return strategyWrites{session: r.session, resourceType: "ocp_" + r.noun() + "_backup_schedule"}
}

// start starts the scope's scheduled backups and records the start call (or the
// adoption of backups that already ran) in state.
func (r *backupScheduleResource) start(ctx context.Context, w scheduleWrite, state *tfsdk.State, diags *diag.Diagnostics) {
	scope := w.scope
	op, err := r.api.StartBackupSchedule(ctx, scope)
	if err != nil && r.startHadNoEffect(ctx, scope, err) {
		// OCP refuses to start scheduling that runs, so a second start can never
		// start it twice: at worst it is refused, and adopted below.
		tflog.Info(ctx, "startSchedule failed and scheduling is still stopped; starting once more", map[string]any{"start_error": err.Error()})
		op, err = sendAgain(err, func() (*ocpclient.BackupOperation, error) { return r.api.StartBackupSchedule(ctx, scope) })
	}
	if err != nil {
		if r.adoptRunningSchedule(ctx, scope, err, diags) {
			diags.Append(w.record(ctx, state, nil, nil)...)
		}
		return
	}
	// OCP runs the schedule from here on, so it goes into state before the wait: a
	// failed or timed-out wait then leaves a tainted resource, never an orphan.
	diags.Append(w.record(ctx, state, op, nil)...)
	if err := waitForOperation(ctx, r.api, op); err != nil {
		diags.AddError("OCP task of startSchedule did not succeed", fmt.Sprintf(
			"Scheduled backups of the %s were started, but OCP's task did not finish successfully: %s", scope, errorDetail(err)))
	}
}

// startHadNoEffect reports whether a failed start may simply be sent again: OCP did
// not refuse it (a refusal would come again), and scheduling, read back, is still
// stopped, or cannot be read back at all (an OCP without backupScheduleEnabled).
// In the second case the start may have taken effect; sending it again is what
// tells, as OCP refuses to start scheduling that runs.
func (r *backupScheduleResource) startHadNoEffect(ctx context.Context, scope ocpclient.BackupScope, startErr error) bool {
	if ocpclient.IsRefusal(startErr) {
		return false
	}
	state, err := observeAfterAction(ctx, r.api, scope, startErr, true)
	return err == nil && (state == scheduleStopped || state == scheduleUndetermined)
}

// stop stops the scope's scheduled backups; it reports whether they are stopped.
func (r *backupScheduleResource) stop(ctx context.Context, scope ocpclient.BackupScope, diags *diag.Diagnostics) bool {
	op, err := r.api.StopBackupSchedule(ctx, scope)
	if err != nil {
		return r.acceptAlreadyStopped(ctx, scope, err, diags)
	}
	if err := waitForOperation(ctx, r.api, op); err != nil {
		diags.AddError("OCP task of stopSchedule did not succeed", errorDetail(err))
		return false
	}
	return true
}

// adoptRunningSchedule decides what a failed start means. When OCP shows scheduling
// running anyway (it already ran, or the call took effect before its answer was
// lost), the resource adopts it with a warning; otherwise the error explains why.
// OCP does not document how startSchedule answers in these cases, so the decision
// rests on a fresh read rather than on the error's code. On an OCP that does not
// report whether scheduling runs, only its refusal of a start (409: already
// running) shows it; without that, nothing is recorded unseen.
func (r *backupScheduleResource) adoptRunningSchedule(ctx context.Context, scope ocpclient.BackupScope, startErr error, diags *diag.Diagnostics) bool {
	state, err := observeAfterAction(ctx, r.api, scope, startErr, true)
	switch {
	case err != nil:
		diags.AddError("Could not start scheduled backups", withFailedReread(errorDetail(startErr), err))
	case state == scheduleUndetermined:
		diags.AddError("Could not start scheduled backups", errorDetail(startErr)+fmt.Sprintf(
			"\n\nOCP's backup strategy of the %s does not report whether scheduled backups run "+
				"(no backupScheduleEnabled), so Terraform cannot tell whether they started, and recorded nothing. "+
				"Run terraform apply again: OCP refuses to start backups that run, which settles it.", scope))
	case state.running() && ocpclient.MaybeProcessed(startErr):
		diags.AddWarning("The answer to startSchedule was lost", fmt.Sprintf(
			"OCP shows the scheduled backups of the %s running, so Terraform recorded the resource, although "+
				"the start call's own answer did not come back: %s", scope, startErr))
		return true
	case state.running():
		tflog.Info(ctx, "startSchedule refused; scheduling already runs", map[string]any{"start_answer": startErr.Error()})
		diags.AddWarning("Scheduled backups were already running", state.describe(scope)+" Terraform now manages them.")
		return true
	case state.presence() != presenceStrategy:
		r.addMissing(state, scope, "OCP's answer to startSchedule was: "+startErr.Error(), diags)
	default:
		diags.AddError("Could not start scheduled backups", errorDetail(startErr))
	}
	return false
}

// Read refreshes the schedule from OCP's strategy. It reads from state and
// writes to it only the attributes it needs, not the whole model: for the many
// schedules without a carried strategy, that conversion cost more than the
// refresh itself (bench/results.md).
func (r *backupScheduleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	scope, _ := r.kind.scopeIn(ctx, req.State, &resp.Diagnostics) // state holds known values only
	var carried *strategySettings
	var limits timeouts.Value
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, strategyPath, &carried)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, timeoutsPath, &limits)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Whatever Read finds, the framework wants the identity of what it read; state
	// written by a CLI without identities has none yet.
	resp.Diagnostics.Append(setScopeIdentity(ctx, resp.Identity, scope)...)
	if !r.canRefresh(ctx) {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, limits.Read, defaultScheduleReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	if carried != nil {
		ctx = carried.withSecretsMasked(ctx)
	}
	strategy, found, err := readStrategy(ctx, r.api, scope)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the backup strategy", errorDetail(err))
		return
	}
	observed := scheduleStateOf(ctx, scope, strategy, found)
	switch observed {
	case scheduleUndetermined, scheduleRunning, scheduleStopped:
		r.refreshFrom(ctx, &resp.State, carried, scope, strategy, observed, &resp.Diagnostics)
		return
	}
	resp.Diagnostics.AddWarning("Scheduled backups are gone", observed.describe(scope)+
		" The schedule leaves Terraform's state (a plan only shows it; apply or refresh carries it out). "+
		r.afterRemoval(observed, carried != nil))
	resp.State.RemoveResource(ctx)
}

// refreshFrom writes into state what OCP's strategy says: whether its scheduled
// backups run, and the carried strategy's attributes, if it carries one. The
// start call's facts (trace_id, started_at) stay as they were;
// a schedule stopped outside Terraform plans enabled back to true.
func (r *backupScheduleResource) refreshFrom(ctx context.Context, state *tfsdk.State, carried *strategySettings,
	scope ocpclient.BackupScope, strategy *ocpclient.BackupStrategy, observed scheduleState, diags *diag.Diagnostics,
) {
	if carried != nil {
		diags.Append(carried.refreshFrom(ctx, strategy)...)
		diags.Append(state.SetAttribute(ctx, strategyPath, carried)...)
	}
	if observed != scheduleUndetermined {
		diags.Append(state.SetAttribute(ctx, enabledPath, observed == scheduleRunning)...)
		return
	}
	diags.AddWarning("OCP does not report whether scheduled backups run", fmt.Sprintf(
		"OCP's backup strategy of the %s has no obBackupScheduleConfig.backupScheduleEnabled field, so Terraform "+
			"keeps the schedule as it is in state. On this OCP, scheduled backups stopped or started outside "+
			"Terraform (for example in OCP's console) cannot be detected.", scope))
}

// addMissing reports a scope without a strategy, or without the tenant or cluster
// itself, at the attribute holding its id; answer is what OCP answered to the call.
func (r *backupScheduleResource) addMissing(state scheduleState, scope ocpclient.BackupScope, answer string, diags *diag.Diagnostics) {
	if state.scopeGone() {
		state.presence().addNotFound(diags, scope, answer)
		return
	}
	diags.AddAttributeError(r.kind.idAttribute, fmt.Sprintf("%s has no backup strategy", capitalized(r.noun())), state.describe(scope)+
		" Give this resource a strategy, or create one in OCP's console (Backup and Restore > Backup Strategy), "+
		"then run terraform apply again.\n\n"+answer)
}

// createStopped declares scheduled backups that are to stay stopped (enabled =
// false): running ones are stopped.
func (r *backupScheduleResource) createStopped(ctx context.Context, w scheduleWrite, state *tfsdk.State, diags *diag.Diagnostics) {
	observed, err := observeSchedule(ctx, r.api, w.scope)
	switch {
	case err != nil:
		diags.AddError("Could not read the backup strategy", errorDetail(err))
		return
	case observed.presence() != presenceStrategy:
		r.addMissing(observed, w.scope, "", diags)
		return
	case observed.running() && !r.stop(ctx, w.scope, diags):
		return
	}
	diags.Append(w.record(ctx, state, nil, nil)...)
}

// afterRemoval says what the next apply does about a schedule Read removed;
// carried tells whether the schedule carries its strategy.
func (r *backupScheduleResource) afterRemoval(state scheduleState, carried bool) string {
	switch {
	case state.scopeGone():
		return fmt.Sprintf("The next apply cannot start them again while the %s is missing: if it was deleted on purpose, "+
			"remove the resource from the configuration.", r.noun())
	case carried:
		return "The next apply creates the configured backup strategy again and starts them."
	default:
		return fmt.Sprintf("The next apply starts them again only once the %s has a backup strategy again: give this "+
			"resource a strategy, or create one in OCP's console.", r.noun())
	}
}

// Update sends a changed carried strategy, then starts or stops the scheduled
// backups when enabled changes; the other updatable attributes (stop_on_destroy,
// timeouts) live in Terraform alone.
func (r *backupScheduleResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var wasEnabled types.Bool
	var before *strategySettings
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, enabledPath, &wasEnabled)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, strategyPath, &before)...)
	if resp.Diagnostics.HasError() {
		return
	}
	w, ctx, cancel, ok := r.beginWrite(ctx, req.Plan, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	resp.Diagnostics.Append(setScopeIdentity(ctx, resp.Identity, w.scope)...)
	if !r.updateStrategy(ctx, w, before, &resp.State, &resp.Diagnostics) {
		return
	}
	switch {
	case w.enabled == wasEnabled.ValueBool():
		resp.Diagnostics.Append(w.record(ctx, &resp.State, nil, &req.State)...)
	case w.enabled:
		r.start(ctx, w, &resp.State, &resp.Diagnostics)
	case r.stop(ctx, w.scope, &resp.Diagnostics):
		resp.Diagnostics.Append(w.record(ctx, &resp.State, nil, &req.State)...)
	}
}

// updateStrategy brings OCP's strategy to the carried one when it changed, and
// records it in state (which holds the prior state until the update records the
// plan) as soon as OCP holds it; it reports whether the update goes on. A strategy
// carried for the first time (after an import) is the one OCP has, updated in
// place. One no longer carried is left in OCP as it is.
func (r *backupScheduleResource) updateStrategy(ctx context.Context, w scheduleWrite, before *strategySettings,
	state *tfsdk.State, diags *diag.Diagnostics) bool {
	planned := w.carried
	if planned == nil || before != nil && planned.sameInOCP(ctx, before) {
		return true
	}
	scope := w.scope
	recordStrategy := func() { diags.Append(state.SetAttribute(ctx, strategyPath, planned)...) }
	var held *ocpclient.BackupStrategy
	if before == nil {
		// Refresh found the strategy moments ago (else the resource would be gone
		// from state and planned for creation); this read catches its deletion since.
		var found presence
		var err error
		held, found, err = readStrategy(ctx, r.api, scope)
		switch {
		case err != nil:
			diags.AddError("Could not read the backup strategy", errorDetail(err))
			return false
		case found != presenceStrategy:
			diags.AddAttributeError(strategyPath, "Backup strategy gone since the plan", found.describe(scope)+
				" Run terraform apply again: its plan then creates the configured strategy and starts its scheduled backups.")
			return false
		case !planned.hasSecret() && planned.heldBy(ctx, held):
			// OCP holds it already: nothing to send. A secret, which OCP does not give back, is always sent.
			recordStrategy()
			return !diags.HasError()
		}
		// A strategy carried for the first time is compared with no secret: a
		// failed update is never taken as done unseen.
		before = &strategySettings{}
	}
	return r.writes().update(ctx, scope, planned, before, held, recordStrategy, diags)
}

// IdentitySchema is the scope's ids: Terraform 1.12 and later import by it and
// show it; terraform query lists schedules by it.
func (r *backupScheduleResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = scopeIdentitySchema(r.kind.tenant)
}

// ModifyPlan warns when a strategy carried for the first time is going to replace
// OCP's (warnOfTakeover), and marks the start call's facts unknown when enabled
// turns true: the update makes a new start call, whose answer they then record.
// It reads only enabled and whether strategy is set, as most plans change neither.
func (r *backupScheduleResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var planned, prior struct {
		enabled  types.Bool
		strategy types.Object
	}
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, enabledPath, &planned.enabled)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, strategyPath, &planned.strategy)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, enabledPath, &prior.enabled)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, strategyPath, &prior.strategy)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !planned.strategy.IsNull() && prior.strategy.IsNull() {
		r.warnOfTakeover(ctx, req, planned.strategy, &resp.Diagnostics)
	}
	// An enabled known only at apply time may turn out true as well.
	startsAgain := planned.enabled.IsUnknown() || planned.enabled.ValueBool() && !prior.enabled.ValueBool()
	if !startsAgain {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, traceIDPath, types.StringUnknown())...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, startedAtPath, timetypes.NewRFC3339Unknown())...)
}

// warnOfTakeover says at plan what taking over OCP's strategy will do, when the
// resource carries a strategy for the first time (after an import): the plan
// itself shows only strategy going from null to the configuration, whether or not
// OCP already holds it. It reads OCP's strategy once more (the refresh kept only
// the schedule's state, since the prior state carried no strategy; this happens
// once per takeover) and decides as updateStrategy will; the apply reads OCP again
// before it decides. Nothing is said when OCP's strategy cannot be read or
// compared now (the refresh or the apply reports why), nor while the configured
// strategy holds values known only at apply time.
func (r *backupScheduleResource) warnOfTakeover(ctx context.Context, req resource.ModifyPlanRequest, carried types.Object, diags *diag.Diagnostics) {
	if r.api == nil || !fullyKnown(ctx, carried) {
		return
	}
	scope, known := r.kind.scopeIn(ctx, req.Plan, diags)
	planned := &strategySettings{}
	diags.Append(carried.As(ctx, planned, basetypes.ObjectAsOptions{})...)
	if !known || diags.HasError() {
		return
	}
	diags.Append(planned.takeWriteOnlySecret(ctx, req.Config, carriedStoragePath)...)
	held, found, err := readStrategy(ctx, r.api, scope)
	if err != nil || found != presenceStrategy || diags.HasError() {
		return
	}
	differing, compared := planned.differencesFromHeld(ctx, held)
	switch {
	case !compared:
		return
	case len(differing) > 0:
		diags.AddAttributeWarning(strategyPath, "OCP's backup strategy will be replaced",
			fmt.Sprintf("OCP's backup strategy for %s differs from the configured strategy in %s. This resource takes it over, "+
				"and the apply sends the configured strategy, replacing what OCP holds. To keep OCP's settings, copy them into "+
				"strategy first: the ocp_%s_backup_strategy data source shows them.", scope, strings.Join(differing, ", "), r.noun()))
	case planned.hasSecret():
		diags.AddAttributeWarning(strategyPath, "OCP's backup strategy will be sent again",
			fmt.Sprintf("OCP's backup strategy for %s matches the configured strategy, but the configuration sets a storage "+
				"secret, which OCP never shows, so this resource takes it over by sending the configured strategy again.", scope))
	}
}

// Delete stops the scheduled backups and deletes the carried strategy, unless
// stop_on_destroy is false. It reads only the attributes it needs from state.
func (r *backupScheduleResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	scope, _ := r.kind.scopeIn(ctx, req.State, &resp.Diagnostics) // state holds known values only
	var stopOnDestroy, enabled types.Bool
	var strategy types.Object
	var limits timeouts.Value
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, stopOnDestroyPath, &stopOnDestroy)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, enabledPath, &enabled)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, strategyPath, &strategy)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, timeoutsPath, &limits)...)
	if resp.Diagnostics.HasError() {
		return
	}
	carried := !strategy.IsNull()
	stopped := !enabled.IsNull() && !enabled.ValueBool()
	switch {
	case !stopOnDestroy.ValueBool():
		r.warnLeftInOCP(scope, stopped, carried, &resp.Diagnostics)
		if carried {
			// A replacement in this command creates the strategy again: it takes
			// over the one left in OCP (see session.left).
			r.left.remember(scope)
		}
		return
	case stopped && !carried:
		tflog.Info(ctx, "Scheduled backups are stopped already (enabled = false); nothing to stop")
		return
	case !requireAPI(r.api, &resp.Diagnostics):
		return
	}
	ctx, cancel, ok := withTimeout(ctx, limits.Delete, writeTimeout(defaultScheduleDeleteTimeout, carried), &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	if !stopped && !r.stop(ctx, scope, &resp.Diagnostics) {
		return
	}
	if carried {
		r.writes().delete(ctx, scope, &resp.Diagnostics)
	}
}

// warnLeftInOCP says what a destroy with stop_on_destroy = false leaves in OCP;
// carried tells whether the schedule carries its strategy.
func (r *backupScheduleResource) warnLeftInOCP(scope ocpclient.BackupScope, stopped, carried bool, diags *diag.Diagnostics) {
	var left []string
	if !stopped {
		left = append(left, fmt.Sprintf("scheduled backups of the %s keep running in OCP", scope))
	}
	if carried {
		left = append(left, fmt.Sprintf("the %s's backup strategy stays in OCP", r.noun()))
	}
	if len(left) == 0 {
		return
	}
	diags.AddWarning("Scheduled backups left in OCP", "stop_on_destroy is false, so Terraform only forgot the schedule; "+
		strings.Join(left, ", and ")+".")
}

// acceptAlreadyStopped treats a failed stop as done when OCP shows nothing left to
// stop: scheduling already stopped, the strategy gone, or the tenant or cluster gone.
func (r *backupScheduleResource) acceptAlreadyStopped(ctx context.Context, scope ocpclient.BackupScope, stopErr error, diags *diag.Diagnostics) bool {
	state, err := observeAfterAction(ctx, r.api, scope, stopErr, false)
	switch {
	case err != nil:
		diags.AddError("Could not stop scheduled backups", withFailedReread(errorDetail(stopErr), err))
	case state.running():
		diags.AddError("Could not stop scheduled backups", errorDetail(stopErr))
	default:
		tflog.Info(ctx, "Nothing left to stop: "+state.describe(scope), map[string]any{"stop_error": stopErr.Error()})
		return true
	}
	return false
}

// ImportState imports the scheduled backups of a scope with a strategy. An import
// by ID leaves strategy empty: a configuration that carries one then takes OCP's
// over in the next apply (see warnOfTakeover). An import by identity, which is what
// terraform query's generated configuration uses, imports OCP's strategy too, as
// that configuration carries it, so that it plans nothing beyond the import.
func (r *backupScheduleResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	scope, diags := scopeFromImport(ctx, req, r.kind)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() || !requireAPI(r.api, &resp.Diagnostics) {
		return
	}
	strategy, found, err := readStrategy(ctx, r.api, scope)
	observed := scheduleStateOf(ctx, scope, strategy, found)
	switch {
	case err != nil:
		resp.Diagnostics.AddError("Could not read the backup strategy", errorDetail(err))
		return
	case observed.presence() != presenceStrategy:
		resp.Diagnostics.AddError("Nothing to import", observed.describe(scope)+
			" Only the scheduled backups of a backup strategy can be imported. To create the strategy with this "+
			"resource instead, drop the import (the import block, or terraform import) and give the resource a strategy.")
		return
	}
	resp.Diagnostics.Append(setScopeIdentity(ctx, resp.Identity, scope)...)
	var carried *ocpclient.BackupStrategy
	if req.ID == "" {
		carried = strategy
	}
	resp.Diagnostics.Append(setAsOCPHolds(ctx, &resp.State, scope, observed, carried)...)
}

// attributeSetter is state, or a listed resource: what setAsOCPHolds writes into.
type attributeSetter interface {
	SetAttribute(ctx context.Context, attribute path.Path, value any) diag.Diagnostics
}

// setAsOCPHolds writes the schedule of scope as OCP holds it, as an import and
// terraform query see it: its ids, enabled as observed, the default
// stop_on_destroy, and, when carried is set, that strategy in the form a user
// writes (without its storage secret, which OCP never gives back).
func setAsOCPHolds(ctx context.Context, into attributeSetter, scope ocpclient.BackupScope, observed scheduleState,
	carried *ocpclient.BackupStrategy) diag.Diagnostics {
	diags := into.SetAttribute(ctx, path.Root("id"), scopeID(scope))
	diags.Append(into.SetAttribute(ctx, path.Root("cluster_id"), scope.ClusterID)...)
	if scope.IsTenant() {
		diags.Append(into.SetAttribute(ctx, path.Root("tenant_id"), scope.TenantID)...)
	}
	diags.Append(into.SetAttribute(ctx, stopOnDestroyPath, true)...)
	diags.Append(into.SetAttribute(ctx, enabledPath, observed != scheduleStopped)...)
	if carried != nil {
		settings := &strategySettings{}
		diags.Append(settings.refreshFrom(ctx, carried)...)
		diags.Append(into.SetAttribute(ctx, strategyPath, settings)...)
	}
	return diags
}
