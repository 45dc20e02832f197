package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// ocp_tenant_backup_schedule and ocp_cluster_backup_schedule: the one writer of a
// scope's backup scheduling and, when it carries one, of its backup strategy. Both
// are backupScheduleResource; their models below differ in their ids and scopeKind.

// Default time limits; the timeouts block overrides them. A carried strategy's
// writes run as OCP tasks, which can take minutes, and add their own.
const (
	defaultScheduleCreateTimeout = 10 * time.Minute
	defaultScheduleReadTimeout   = 2 * time.Minute
	defaultScheduleDeleteTimeout = 10 * time.Minute
	defaultStrategyWriteTimeout  = 20 * time.Minute
)

// backupScheduleModel holds the attributes both schedule resources have.
type backupScheduleModel struct {
	ID            types.String `tfsdk:"id"`
	ClusterID     types.Int64  `tfsdk:"cluster_id"`
	TaskType      types.String `tfsdk:"task_type"`
	Results       types.List   `tfsdk:"results"`
	TraceID       types.String `tfsdk:"trace_id"`
	StartedAt     types.String `tfsdk:"started_at"`
	StopOnDestroy types.Bool   `tfsdk:"stop_on_destroy"`
	Enabled       types.Bool   `tfsdk:"enabled"`
	// Strategy, when set, is the strategy this resource creates and keeps.
	Strategy *strategySettings `tfsdk:"strategy"`
	Timeouts timeouts.Value    `tfsdk:"timeouts"`
}

// strategyPath is where a schedule carries its strategy.
var strategyPath = path.Root("strategy")

// carriedStoragePath is the carried strategy's storage, where its write-only secret
// is configured.
var carriedStoragePath = strategyPath.AtName("storage")

// carriesStrategy reports whether the resource creates and keeps its strategy.
func (m *backupScheduleModel) carriesStrategy() bool { return m.Strategy != nil }

// writeTimeout is the default time limit of a create or update (fallback) or of a
// delete, plus a strategy write's when the resource carries its strategy.
func (m *backupScheduleModel) writeTimeout(fallback time.Duration) time.Duration {
	if m.carriesStrategy() {
		return fallback + defaultStrategyWriteTimeout
	}
	return fallback
}

type tenantBackupScheduleModel struct {
	backupScheduleModel
	TenantID types.Int64 `tfsdk:"tenant_id"`
}

func (m *tenantBackupScheduleModel) shared() *backupScheduleModel { return &m.backupScheduleModel }

func (m *tenantBackupScheduleModel) kind() scopeKind { return tenantScope }

func (m *tenantBackupScheduleModel) scope() ocpclient.BackupScope {
	return ocpclient.BackupScope{ClusterID: m.ClusterID.ValueInt64(), TenantID: m.TenantID.ValueInt64()}
}

type clusterBackupScheduleModel struct {
	backupScheduleModel
}

func (m *clusterBackupScheduleModel) shared() *backupScheduleModel { return &m.backupScheduleModel }

func (m *clusterBackupScheduleModel) kind() scopeKind { return clusterScope }

func (m *clusterBackupScheduleModel) scope() ocpclient.BackupScope {
	return ocpclient.BackupScope{ClusterID: m.ClusterID.ValueInt64()}
}

// NewTenantBackupScheduleResource returns the ocp_tenant_backup_schedule resource.
func NewTenantBackupScheduleResource() resource.Resource {
	return &backupScheduleResource[tenantBackupScheduleModel, *tenantBackupScheduleModel]{}
}

// NewClusterBackupScheduleResource returns the ocp_cluster_backup_schedule resource:
// the cluster-dimension twin of ocp_tenant_backup_schedule.
func NewClusterBackupScheduleResource() resource.Resource {
	return &backupScheduleResource[clusterBackupScheduleModel, *clusterBackupScheduleModel]{}
}

var (
	_ resource.ResourceWithConfigure   = (*backupScheduleResource[tenantBackupScheduleModel, *tenantBackupScheduleModel])(nil)
	_ resource.ResourceWithImportState = (*backupScheduleResource[tenantBackupScheduleModel, *tenantBackupScheduleModel])(nil)
	_ resource.ResourceWithModifyPlan  = (*backupScheduleResource[tenantBackupScheduleModel, *tenantBackupScheduleModel])(nil)
	_ resource.ResourceWithIdentity    = (*backupScheduleResource[tenantBackupScheduleModel, *tenantBackupScheduleModel])(nil)
	_ resource.ResourceWithConfigure   = (*backupScheduleResource[clusterBackupScheduleModel, *clusterBackupScheduleModel])(nil)
	_ resource.ResourceWithImportState = (*backupScheduleResource[clusterBackupScheduleModel, *clusterBackupScheduleModel])(nil)
	_ resource.ResourceWithModifyPlan  = (*backupScheduleResource[clusterBackupScheduleModel, *clusterBackupScheduleModel])(nil)
	_ resource.ResourceWithIdentity    = (*backupScheduleResource[clusterBackupScheduleModel, *clusterBackupScheduleModel])(nil)
)

// scheduleModel is a schedule resource's whole model: the shared attributes, the
// scope its ids name, and the kind of that scope.
type scheduleModel interface {
	shared() *backupScheduleModel
	scoped
}

// scheduleModelPtr lets the generic resource call scheduleModel methods on *M.
type scheduleModelPtr[M any] interface {
	*M
	scheduleModel
}

// backupScheduleResource implements both schedule resources; M is the model, whose
// kind says which of them it is.
type backupScheduleResource[M any, P scheduleModelPtr[M]] struct {
	resourceAPI
}

func (r *backupScheduleResource[M, P]) kind() scopeKind { return kindOf[M, P]() }

func (r *backupScheduleResource[M, P]) noun() string { return r.kind().noun }

func (r *backupScheduleResource[M, P]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + r.noun() + "_backup_schedule"
}

func (r *backupScheduleResource[M, P]) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	noun := r.noun()
	attributes := map[string]schema.Attribute{
		"task_type": schema.StringAttribute{
			Description:   "Operation OCP reported for the start call (`START_BACKUP_SCHEDULE`).",
			Computed:      true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"results": schema.ListNestedAttribute{
			Description:   "Per-object results of the start call, from OCP's backupObjectOpsResultList.",
			Computed:      true,
			PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()},
			NestedObject:  schema.NestedAttributeObject{Attributes: resultAttributes()},
		},
		"trace_id": schema.StringAttribute{
			Description:   "OCP trace id of the start call, to quote to OCP support.",
			Computed:      true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"started_at": schema.StringAttribute{
			Description:   "OCP's timestamp of the start call (ISO 8601 with offset).",
			Computed:      true,
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
	for name, attribute := range r.kind().idAttributes() {
		attributes[name] = attribute
	}
	attributes["id"] = schema.StringAttribute{
		Description:   "`" + r.kind().idForm + "`.",
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

func (r *backupScheduleResource[M, P]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan M
	ctx, cancel, ok := r.beginWrite(ctx, req.Plan, req.Config, &plan, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	model := P(&plan).shared()
	model.ID = types.StringValue(scopeID(P(&plan).scope()))
	resp.Diagnostics.Append(setScopeIdentity(ctx, resp.Identity, P(&plan).scope())...)
	if model.carriesStrategy() && !r.createStrategy(ctx, &plan, &resp.State, &resp.Diagnostics) {
		return
	}
	if !model.Enabled.ValueBool() {
		r.createStopped(ctx, &plan, &resp.State, &resp.Diagnostics)
		return
	}
	r.start(ctx, &plan, &resp.State, &resp.Diagnostics)
}

// beginWrite reads the planned model into plan, with the write-only secret of a
// carried strategy from the configuration (it is in nothing else), and prepares
// ctx for a create or update: the strategy's secrets masked in logs, and the
// create timeout applied (an update's is the create one: enabling is a start call).
func (r *backupScheduleResource[M, P]) beginWrite(ctx context.Context, planned tfsdk.Plan, config tfsdk.Config, plan *M, diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	diags.Append(planned.Get(ctx, plan)...)
	if diags.HasError() || !requireAPI(r.api, diags) {
		return ctx, nil, false
	}
	model := P(plan).shared()
	if model.carriesStrategy() {
		diags.Append(model.Strategy.takeWriteOnlySecret(ctx, config, carriedStoragePath)...)
		ctx = model.Strategy.withSecretsMasked(ctx)
	}
	if diags.HasError() {
		return ctx, nil, false
	}
	return withTimeout(ctx, model.Timeouts.Create, model.writeTimeout(defaultScheduleCreateTimeout), diags)
}

// createStrategy creates the strategy the resource carries, with scheduling
// stopped, and waits for OCP's task; it reports whether the create goes on to
// start the schedule. From the strategy's creation on, the resource is in state,
// as stopped, so a failure after it leaves a tainted resource, never an orphaned
// strategy.
func (r *backupScheduleResource[M, P]) createStrategy(ctx context.Context, plan *M, state *tfsdk.State, diags *diag.Diagnostics) bool {
	model, scope := P(plan).shared(), P(plan).scope()
	op, created := r.writes().create(ctx, scope, model.Strategy, diags)
	if !created {
		return false
	}
	recorded := *plan
	P(&recorded).shared().Enabled = types.BoolValue(false)
	P(&recorded).shared().recordNoStartCall()
	diags.Append(state.Set(ctx, &recorded)...)
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
func (r *backupScheduleResource[M, P]) writes() strategyWrites {
	return strategyWrites{session: r.session, resourceType: "ocp_" + r.noun() + "_backup_schedule"}
}

// start starts the scope's scheduled backups and records the start call (or the
// adoption of backups that already ran) in model, which goes into state.
func (r *backupScheduleResource[M, P]) start(ctx context.Context, plan *M, state *tfsdk.State, diags *diag.Diagnostics) {
	model, scope := P(plan).shared(), P(plan).scope()
	op, err := r.api.StartBackupSchedule(ctx, scope)
	if err != nil && r.startHadNoEffect(ctx, scope, err) {
		// OCP refuses to start scheduling that runs, so a second start can never
		// start it twice: at worst it is refused, and adopted below.
		tflog.Info(ctx, "startSchedule failed and scheduling is still stopped; starting once more", map[string]any{"start_error": err.Error()})
		op, err = sendAgain(err, func() (*ocpclient.BackupOperation, error) { return r.api.StartBackupSchedule(ctx, scope) })
	}
	if err != nil {
		if r.adoptRunningSchedule(ctx, scope, err, diags) {
			model.recordNoStartCall()
			diags.Append(state.Set(ctx, plan)...)
		}
		return
	}
	diags.Append(model.recordStart(ctx, op)...)
	// OCP runs the schedule from here on, so it goes into state before the wait: a
	// failed or timed-out wait then leaves a tainted resource, never an orphan.
	diags.Append(state.Set(ctx, plan)...)
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
func (r *backupScheduleResource[M, P]) startHadNoEffect(ctx context.Context, scope ocpclient.BackupScope, startErr error) bool {
	if ocpclient.IsRefusal(startErr) {
		return false
	}
	state, err := observeAfterAction(ctx, r.api, scope, startErr, true)
	return err == nil && (state == scheduleStopped || state == scheduleUndetermined)
}

// stop stops the scope's scheduled backups; it reports whether they are stopped.
func (r *backupScheduleResource[M, P]) stop(ctx context.Context, scope ocpclient.BackupScope, diags *diag.Diagnostics) bool {
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
func (r *backupScheduleResource[M, P]) adoptRunningSchedule(ctx context.Context, scope ocpclient.BackupScope, startErr error, diags *diag.Diagnostics) bool {
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

func (r *backupScheduleResource[M, P]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	model, scope := P(&state).shared(), P(&state).scope()
	// Whatever Read finds, the framework wants the identity of what it read; state
	// written by a CLI without identities has none yet.
	resp.Diagnostics.Append(setScopeIdentity(ctx, resp.Identity, scope)...)
	if !r.canRefresh(ctx) {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, model.Timeouts.Read, defaultScheduleReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	if model.carriesStrategy() {
		ctx = model.Strategy.withSecretsMasked(ctx)
	}
	strategy, found, err := readStrategy(ctx, r.api, scope)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the backup strategy", errorDetail(err))
		return
	}
	observed := scheduleStateOf(ctx, scope, strategy, found)
	switch observed {
	case scheduleUndetermined, scheduleRunning, scheduleStopped:
		r.refreshFrom(ctx, model, scope, strategy, observed, &resp.Diagnostics)
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		return
	}
	resp.Diagnostics.AddWarning("Scheduled backups are gone", observed.describe(scope)+
		" The schedule leaves Terraform's state (a plan only shows it; apply or refresh carries it out). "+
		r.afterRemoval(observed, model.carriesStrategy()))
	resp.State.RemoveResource(ctx)
}

// refreshFrom takes into model what OCP's strategy says: whether its scheduled
// backups run, and the carried strategy's attributes. The start call's facts
// (task_type, results, trace_id, started_at) stay as they were; a schedule stopped
// outside Terraform plans enabled back to true.
func (r *backupScheduleResource[M, P]) refreshFrom(ctx context.Context, model *backupScheduleModel, scope ocpclient.BackupScope,
	strategy *ocpclient.BackupStrategy, observed scheduleState, diags *diag.Diagnostics,
) {
	if model.carriesStrategy() {
		diags.Append(model.Strategy.refreshFrom(ctx, strategy)...)
	}
	if observed != scheduleUndetermined {
		model.Enabled = types.BoolValue(observed == scheduleRunning)
		return
	}
	diags.AddWarning("OCP does not report whether scheduled backups run", fmt.Sprintf(
		"OCP's backup strategy of the %s has no obBackupScheduleConfig.backupScheduleEnabled field, so Terraform "+
			"keeps the schedule as it is in state. On this OCP, scheduled backups stopped or started outside "+
			"Terraform (for example in OCP's console) cannot be detected.", scope))
}

// addMissing reports a scope without a strategy, or without the tenant or cluster
// itself, at the attribute holding its id; answer is what OCP answered to the call.
func (r *backupScheduleResource[M, P]) addMissing(state scheduleState, scope ocpclient.BackupScope, answer string, diags *diag.Diagnostics) {
	if state.scopeGone() {
		state.presence().addNotFound(diags, scope, answer)
		return
	}
	diags.AddAttributeError(r.kind().idAttribute, fmt.Sprintf("%s has no backup strategy", capitalized(r.noun())), state.describe(scope)+
		" Give this resource a strategy, or create one in OCP's console (Backup and Restore > Backup Strategy), "+
		"then run terraform apply again.\n\n"+answer)
}

// createStopped declares scheduled backups that are to stay stopped (enabled =
// false): running ones are stopped.
func (r *backupScheduleResource[M, P]) createStopped(ctx context.Context, plan *M, state *tfsdk.State, diags *diag.Diagnostics) {
	model, scope := P(plan).shared(), P(plan).scope()
	observed, err := observeSchedule(ctx, r.api, scope)
	switch {
	case err != nil:
		diags.AddError("Could not read the backup strategy", errorDetail(err))
		return
	case observed.presence() != presenceStrategy:
		r.addMissing(observed, scope, "", diags)
		return
	case observed.running() && !r.stop(ctx, scope, diags):
		return
	}
	model.recordNoStartCall()
	diags.Append(state.Set(ctx, plan)...)
}

// afterRemoval says what the next apply does about a schedule Read removed;
// carried tells whether the schedule carries its strategy.
func (r *backupScheduleResource[M, P]) afterRemoval(state scheduleState, carried bool) string {
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
func (r *backupScheduleResource[M, P]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior M
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, ok := r.beginWrite(ctx, req.Plan, req.Config, &plan, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	model, scope := P(&plan).shared(), P(&plan).scope()
	resp.Diagnostics.Append(setScopeIdentity(ctx, resp.Identity, scope)...)
	if !r.updateStrategy(ctx, &plan, prior, &resp.State, &resp.Diagnostics) {
		return
	}
	switch {
	case model.Enabled.Equal(P(&prior).shared().Enabled):
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	case model.Enabled.ValueBool():
		r.start(ctx, &plan, &resp.State, &resp.Diagnostics)
	case r.stop(ctx, scope, &resp.Diagnostics):
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
}

// updateStrategy brings OCP's strategy to the carried one when it changed, and
// records it in state over prior as soon as OCP holds it; it reports whether the
// update goes on. A strategy carried for the first time (after an import) is the
// one OCP has, updated in place. One no longer carried is left in OCP as it is.
func (r *backupScheduleResource[M, P]) updateStrategy(ctx context.Context, plan *M, prior M, state *tfsdk.State, diags *diag.Diagnostics) bool {
	planned, before := P(plan).shared().Strategy, P(&prior).shared().Strategy
	if planned == nil || before != nil && planned.sameInOCP(ctx, before) {
		return true
	}
	scope := P(plan).scope()
	if before == nil {
		// Refresh found the strategy moments ago (else the resource would be gone
		// from state and planned for creation); this read catches its deletion since.
		held, found, err := readStrategy(ctx, r.api, scope)
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
			recordStrategy[M, P](ctx, state, planned, prior, diags)
			return !diags.HasError()
		}
		// A strategy carried for the first time is compared with no secret: a
		// failed update is never taken as done unseen.
		before = &strategySettings{}
	}
	return r.writes().update(ctx, scope, planned, before, func() { recordStrategy[M, P](ctx, state, planned, prior, diags) }, diags)
}

// recordStrategy puts into state prior with the carried strategy OCP now holds.
func recordStrategy[M any, P scheduleModelPtr[M]](ctx context.Context, state *tfsdk.State, strategy *strategySettings, prior M, diags *diag.Diagnostics) {
	P(&prior).shared().Strategy = strategy
	diags.Append(state.Set(ctx, &prior)...)
}

// IdentitySchema is the scope's ids: Terraform 1.12 and later import by it and
// show it; terraform query lists schedules by it.
func (r *backupScheduleResource[M, P]) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = scopeIdentitySchema(r.kind().tenant)
}

// ModifyPlan warns when a strategy carried for the first time is going to replace
// OCP's (warnOfTakeover), and marks the start call's facts unknown when enabled
// turns true: the update makes a new start call, whose answer they then record.
func (r *backupScheduleResource[M, P]) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var plan, prior M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	planned, before := P(&plan).shared(), P(&prior).shared()
	if planned.carriesStrategy() && !before.carriesStrategy() {
		r.warnOfTakeover(ctx, req, planned.Strategy, P(&plan).scope(), &resp.Diagnostics)
	}
	// An enabled known only at apply time may turn out true as well.
	startsAgain := planned.Enabled.IsUnknown() || planned.Enabled.ValueBool() && !before.Enabled.ValueBool()
	if !startsAgain {
		return
	}
	planned.TaskType, planned.TraceID, planned.StartedAt = types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
	planned.Results = types.ListUnknown(resultObjectType)
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
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
func (r *backupScheduleResource[M, P]) warnOfTakeover(ctx context.Context, req resource.ModifyPlanRequest, planned *strategySettings,
	scope ocpclient.BackupScope, diags *diag.Diagnostics) {
	var carried types.Object
	if r.api == nil || req.Plan.GetAttribute(ctx, strategyPath, &carried).HasError() || !fullyKnown(ctx, carried) {
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

func (r *backupScheduleResource[M, P]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	model, scope := P(&state).shared(), P(&state).scope()
	stopped := !model.Enabled.IsNull() && !model.Enabled.ValueBool()
	switch {
	case !model.StopOnDestroy.ValueBool():
		r.warnLeftInOCP(model, scope, stopped, &resp.Diagnostics)
		if model.carriesStrategy() {
			// A replacement in this command creates the strategy again: it takes
			// over the one left in OCP (see session.left).
			r.left.remember(scope)
		}
		return
	case stopped && !model.carriesStrategy():
		tflog.Info(ctx, "Scheduled backups are stopped already (enabled = false); nothing to stop")
		return
	case !requireAPI(r.api, &resp.Diagnostics):
		return
	}
	ctx, cancel, ok := withTimeout(ctx, model.Timeouts.Delete, model.writeTimeout(defaultScheduleDeleteTimeout), &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	if !stopped && !r.stop(ctx, scope, &resp.Diagnostics) {
		return
	}
	if model.carriesStrategy() {
		r.writes().delete(ctx, scope, &resp.Diagnostics)
	}
}

// warnLeftInOCP says what a destroy with stop_on_destroy = false leaves in OCP.
func (r *backupScheduleResource[M, P]) warnLeftInOCP(model *backupScheduleModel, scope ocpclient.BackupScope, stopped bool, diags *diag.Diagnostics) {
	var left []string
	if !stopped {
		left = append(left, fmt.Sprintf("scheduled backups of the %s keep running in OCP", scope))
	}
	if model.carriesStrategy() {
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
func (r *backupScheduleResource[M, P]) acceptAlreadyStopped(ctx context.Context, scope ocpclient.BackupScope, stopErr error, diags *diag.Diagnostics) bool {
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
func (r *backupScheduleResource[M, P]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	scope, diags := scopeFromImport(ctx, req, r.kind().tenant)
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
	diags.Append(into.SetAttribute(ctx, path.Root("stop_on_destroy"), true)...)
	diags.Append(into.SetAttribute(ctx, path.Root("enabled"), observed != scheduleStopped)...)
	if carried != nil {
		settings := &strategySettings{}
		diags.Append(settings.refreshFrom(ctx, carried)...)
		diags.Append(into.SetAttribute(ctx, strategyPath, settings)...)
	}
	return diags
}

// recordStart keeps the start call's answer in the model.
func (m *backupScheduleModel) recordStart(ctx context.Context, op *ocpclient.BackupOperation) diag.Diagnostics {
	var diags diag.Diagnostics
	m.TaskType = types.StringValue(op.TaskType)
	m.TraceID = stringOrNull(op.Meta.TraceID)
	m.StartedAt = stringOrNull(op.Meta.Timestamp)
	m.Results, diags = resultsValue(ctx, op.Results)
	return diags
}

// recordNoStartCall empties the start call's facts of a schedule created without
// one: adopted because it already ran, or declared stopped (enabled = false).
func (m *backupScheduleModel) recordNoStartCall() {
	m.TaskType = types.StringNull()
	m.TraceID = types.StringNull()
	m.StartedAt = types.StringNull()
	m.Results = types.ListNull(resultObjectType)
}
