package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// Backup scheduling of a tenant and of a whole cluster work alike; this file holds
// what they share. tenant_backup_schedule_resource.go and
// cluster_backup_schedule_resource.go define what differs: the model's ids and its
// scopeKind.

// Default time limits; the timeouts block overrides them.
const (
	defaultScheduleCreateTimeout = 10 * time.Minute
	defaultScheduleReadTimeout   = 2 * time.Minute
	defaultScheduleDeleteTimeout = 10 * time.Minute
)

// backupScheduleModel holds the attributes both schedule resources have.
type backupScheduleModel struct {
	ID            types.String   `tfsdk:"id"`
	ClusterID     types.Int64    `tfsdk:"cluster_id"`
	TaskType      types.String   `tfsdk:"task_type"`
	Results       types.List     `tfsdk:"results"`
	TraceID       types.String   `tfsdk:"trace_id"`
	StartedAt     types.String   `tfsdk:"started_at"`
	StopOnDestroy types.Bool     `tfsdk:"stop_on_destroy"`
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
}

// scheduleModel is a schedule resource's whole model: the shared attributes, the
// scope its ids name, and the kind of that scope.
type scheduleModel interface {
	shared() *backupScheduleModel
	scope() ocpclient.BackupScope
	kind() scopeKind
}

// scopeKind is what tells a tenant's schedule resource from a cluster's.
type scopeKind struct {
	tenant bool
	noun   string
	// idAttribute holds the scope's own id: where errors about the ids point.
	idAttribute path.Path
	// strategyHowTo says where the scope's backup strategy is created.
	strategyHowTo string
}

var (
	tenantScope = scopeKind{tenant: true, noun: "tenant", idAttribute: path.Root("tenant_id"),
		strategyHowTo: "with ocp_tenant_backup_strategy, or in OCP's console: Backup and Restore > Backup Strategy"}
	clusterScope = scopeKind{noun: "cluster", idAttribute: path.Root("cluster_id"),
		strategyHowTo: "in OCP's console: Backup and Restore > Backup Strategy"}
)

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

func (r *backupScheduleResource[M, P]) kind() scopeKind {
	var model M
	return P(&model).kind()
}

func (r *backupScheduleResource[M, P]) noun() string { return r.kind().noun }

func (r *backupScheduleResource[M, P]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + r.noun() + "_backup_schedule"
}

func (r *backupScheduleResource[M, P]) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	noun := r.noun()
	idForm := "`<cluster_id>`"
	attributes := map[string]schema.Attribute{
		"cluster_id": scopeIDAttribute("OCP id of the cluster (not OceanBase's obClusterId)."),
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
		"stop_on_destroy": schema.BoolAttribute{
			Description: "Stop the scheduled backups when the resource is destroyed (default `true`). " +
				"With `false`, destroy only removes the resource from Terraform and the backups keep running.",
			Optional: true,
			Computed: true,
			Default:  booldefault.StaticBool(true),
		},
	}
	if r.kind().tenant {
		idForm = "`<cluster_id>/<tenant_id>`"
		attributes["tenant_id"] = scopeIDAttribute("OCP id of the tenant (not OceanBase's obTenantId).")
	}
	attributes["id"] = schema.StringAttribute{
		Description:   idForm + ".",
		Computed:      true,
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
	resp.Schema = schema.Schema{
		Description: fmt.Sprintf("Starts the scheduled backups of an OCP %[1]s (OCP's startSchedule) and keeps them running: "+
			"if someone stops them outside Terraform, the next plan starts them again. Destroying the resource "+
			"stops them unless stop_on_destroy is false. The %[1]s needs a backup strategy first.", noun),
		Attributes: attributes,
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Delete: true}),
		},
	}
}

func scopeIDAttribute(description string) schema.Int64Attribute {
	return schema.Int64Attribute{
		Description:   description + " Changing it replaces the resource.",
		Required:      true,
		Validators:    []validator.Int64{int64validator.AtLeast(1)},
		PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplace()},
	}
}

func (r *backupScheduleResource[M, P]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireAPI(r.api, &resp.Diagnostics) {
		return
	}
	model, scope := P(&plan).shared(), P(&plan).scope()
	ctx, cancel, ok := withTimeout(ctx, model.Timeouts.Create, defaultScheduleCreateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	model.ID = types.StringValue(scopeID(scope))

	op, err := r.api.StartBackupSchedule(ctx, scope)
	if err != nil {
		if !r.adoptRunningSchedule(ctx, scope, err, &resp.Diagnostics) {
			return
		}
		model.recordAdoption()
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		return
	}
	resp.Diagnostics.Append(model.recordStart(ctx, op)...)
	// OCP runs the schedule from here on, so it goes into state before the wait: a
	// failed or timed-out wait then leaves a tainted resource, never an orphan.
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	if err := waitForOperation(ctx, r.api, op); err != nil {
		resp.Diagnostics.AddError("OCP task of startSchedule did not succeed", fmt.Sprintf(
			"Scheduled backups of the %s were started, but OCP's task did not finish successfully: %s", scope, errorDetail(err)))
	}
}

// adoptRunningSchedule decides what a failed start means. When OCP shows scheduling
// running anyway (it already ran, or the call took effect before its answer was
// lost), the resource adopts it with a warning; otherwise the error explains why.
// OCP does not document how startSchedule answers in these cases, so the decision
// rests on a fresh read rather than on the error's code.
func (r *backupScheduleResource[M, P]) adoptRunningSchedule(ctx context.Context, scope ocpclient.BackupScope, startErr error, diags *diag.Diagnostics) bool {
	state, err := observeAfterAction(ctx, r.api, scope, startErr, true)
	idAttribute := r.kind().idAttribute
	switch {
	case err != nil:
		diags.AddError("Could not start scheduled backups", withFailedReread(errorDetail(startErr), err))
	case state.running() && ocpclient.MaybeProcessed(startErr):
		diags.AddWarning("The answer to startSchedule was lost", fmt.Sprintf(
			"OCP shows the scheduled backups of the %s running, so Terraform recorded the resource, although "+
				"the start call's own answer did not come back: %s", scope, startErr))
		return true
	case state.running():
		tflog.Info(ctx, "startSchedule refused; scheduling already runs", map[string]any{"start_answer": startErr.Error()})
		diags.AddWarning("Scheduled backups were already running", state.describe(scope)+" Terraform now manages them.")
		return true
	case state == scheduleNoStrategy:
		diags.AddAttributeError(idAttribute, fmt.Sprintf("%s has no backup strategy", capitalized(r.noun())), state.describe(scope)+
			" Create its backup strategy first ("+r.kind().strategyHowTo+"), then run terraform apply again."+
			"\n\nOCP's answer to startSchedule was: "+startErr.Error())
	case state.scopeGone():
		state.presence().addNotFound(diags, scope, "OCP's answer to startSchedule was: "+startErr.Error())
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
	if !r.canRefresh(ctx) {
		return
	}
	model, scope := P(&state).shared(), P(&state).scope()
	ctx, cancel, ok := withTimeout(ctx, model.Timeouts.Read, defaultScheduleReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	observed, err := observeSchedule(ctx, r.api, scope)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the backup strategy", errorDetail(err))
		return
	}
	switch {
	case observed == scheduleUndetermined:
		resp.Diagnostics.AddWarning("OCP does not report whether scheduled backups run", fmt.Sprintf(
			"OCP's backup strategy of the %s has no obBackupScheduleConfig.backupScheduleEnabled field, so Terraform "+
				"keeps the schedule as it is in state. On this OCP, scheduled backups stopped outside Terraform "+
				"(for example in OCP's console) cannot be detected.", scope))
		return
	case observed.running():
		// Create-time facts (task_type, results, trace_id, started_at) stay as they were.
		return
	}
	resp.Diagnostics.AddWarning("Scheduled backups are no longer running", observed.describe(scope)+
		" Terraform removed the schedule from its state. "+r.afterRemoval(observed))
	resp.State.RemoveResource(ctx)
}

// afterRemoval says what the next apply does about a schedule Read removed.
func (r *backupScheduleResource[M, P]) afterRemoval(state scheduleState) string {
	switch {
	case state.scopeGone():
		return fmt.Sprintf("The next apply cannot start them again while the %s is missing: if it was deleted on purpose, "+
			"remove the resource from the configuration.", r.noun())
	case state == scheduleNoStrategy:
		return fmt.Sprintf("The next apply starts them again only once the %s has a backup strategy (%s).", r.noun(), r.kind().strategyHowTo)
	default:
		return "The next apply starts the scheduled backups again."
	}
}

// Update only changes stop_on_destroy or timeouts, which live in Terraform alone.
func (r *backupScheduleResource[M, P]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *backupScheduleResource[M, P]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	model, scope := P(&state).shared(), P(&state).scope()
	if !model.StopOnDestroy.ValueBool() {
		resp.Diagnostics.AddWarning("Scheduled backups left running", fmt.Sprintf(
			"stop_on_destroy is false, so Terraform only forgot the schedule; scheduled backups of the %s keep running in OCP.", scope))
		return
	}
	if !requireAPI(r.api, &resp.Diagnostics) {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, model.Timeouts.Delete, defaultScheduleDeleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	op, err := r.api.StopBackupSchedule(ctx, scope)
	if err != nil {
		r.acceptAlreadyStopped(ctx, scope, err, &resp.Diagnostics)
		return
	}
	if err := waitForOperation(ctx, r.api, op); err != nil {
		resp.Diagnostics.AddError("OCP task of stopSchedule did not succeed", errorDetail(err))
	}
}

// acceptAlreadyStopped treats a failed stop as done when OCP shows nothing left to
// stop: scheduling already stopped, the strategy gone, or the tenant or cluster gone.
func (r *backupScheduleResource[M, P]) acceptAlreadyStopped(ctx context.Context, scope ocpclient.BackupScope, stopErr error, diags *diag.Diagnostics) {
	state, err := observeAfterAction(ctx, r.api, scope, stopErr, false)
	switch {
	case err != nil:
		diags.AddError("Could not stop scheduled backups", withFailedReread(errorDetail(stopErr), err))
	case state.running():
		diags.AddError("Could not stop scheduled backups", errorDetail(stopErr))
	default:
		tflog.Info(ctx, "Nothing left to stop: "+state.describe(scope), map[string]any{"stop_error": stopErr.Error()})
	}
}

func (r *backupScheduleResource[M, P]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	scope, err := scopeImportID(req.ID, r.kind().tenant)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return
	}
	if !requireAPI(r.api, &resp.Diagnostics) {
		return
	}
	observed, err := observeSchedule(ctx, r.api, scope)
	switch {
	case err != nil:
		resp.Diagnostics.AddError("Could not read the backup strategy", errorDetail(err))
		return
	case !observed.running():
		resp.Diagnostics.AddError("Nothing to import", observed.describe(scope)+
			" Only running scheduled backups can be imported; to start them, declare the resource and run terraform apply instead.")
		return
	}
	resp.Diagnostics.Append(setScopeAttributes(ctx, &resp.State, scope)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("stop_on_destroy"), true)...)
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

// recordAdoption fills the create-time facts of a schedule that was already running:
// there was no successful start call to describe.
func (m *backupScheduleModel) recordAdoption() {
	m.TaskType = types.StringNull()
	m.TraceID = types.StringNull()
	m.StartedAt = types.StringNull()
	m.Results = types.ListNull(resultObjectType)
}
