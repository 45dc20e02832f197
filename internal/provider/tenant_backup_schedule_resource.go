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

// Default time limits; the timeouts block overrides them.
const (
	defaultScheduleCreateTimeout = 10 * time.Minute
	defaultScheduleReadTimeout   = 2 * time.Minute
	defaultScheduleDeleteTimeout = 10 * time.Minute
)

var (
	_ resource.Resource                = (*tenantBackupScheduleResource)(nil)
	_ resource.ResourceWithConfigure   = (*tenantBackupScheduleResource)(nil)
	_ resource.ResourceWithImportState = (*tenantBackupScheduleResource)(nil)
)

// NewTenantBackupScheduleResource returns the ocp_tenant_backup_schedule resource.
func NewTenantBackupScheduleResource() resource.Resource {
	return &tenantBackupScheduleResource{}
}

type tenantBackupScheduleResource struct {
	api ocpAPI
}

type tenantBackupScheduleModel struct {
	ID            types.String   `tfsdk:"id"`
	ClusterID     types.Int64    `tfsdk:"cluster_id"`
	TenantID      types.Int64    `tfsdk:"tenant_id"`
	TaskType      types.String   `tfsdk:"task_type"`
	Results       types.List     `tfsdk:"results"`
	TraceID       types.String   `tfsdk:"trace_id"`
	StartedAt     types.String   `tfsdk:"started_at"`
	StopOnDestroy types.Bool     `tfsdk:"stop_on_destroy"`
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
}

func (r *tenantBackupScheduleResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tenant_backup_schedule"
}

func (r *tenantBackupScheduleResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Starts the scheduled backups of an OCP tenant (OCP's startSchedule) and keeps them running: " +
			"if someone stops them outside Terraform, the next plan starts them again. Destroying the resource " +
			"stops them unless stop_on_destroy is false. The tenant needs a backup strategy first.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Description:   "`<cluster_id>/<tenant_id>`.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"cluster_id": tenantIDAttribute("OCP id of the cluster (not OceanBase's obClusterId)."),
			"tenant_id":  tenantIDAttribute("OCP id of the tenant (not OceanBase's obTenantId)."),
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
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Delete: true}),
		},
	}
}

func tenantIDAttribute(description string) schema.Int64Attribute {
	return schema.Int64Attribute{
		Description:   description + " Changing it replaces the resource.",
		Required:      true,
		Validators:    []validator.Int64{int64validator.AtLeast(1)},
		PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplace()},
	}
}

func (r *tenantBackupScheduleResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.api = apiFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *tenantBackupScheduleResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan tenantBackupScheduleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !r.requireAPI(&resp.Diagnostics) {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, plan.Timeouts.Create, defaultScheduleCreateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	clusterID, tenantID := plan.ClusterID.ValueInt64(), plan.TenantID.ValueInt64()
	plan.ID = types.StringValue(tenantResourceID(clusterID, tenantID))

	op, err := r.api.StartTenantBackupSchedule(ctx, clusterID, tenantID)
	if err != nil {
		if !r.adoptRunningSchedule(ctx, clusterID, tenantID, err, &resp.Diagnostics) {
			return
		}
		plan.recordAdoption()
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
		return
	}
	resp.Diagnostics.Append(plan.recordStart(ctx, op)...)
	// OCP runs the schedule from here on, so it goes into state before the wait: a
	// failed or timed-out wait then leaves a tainted resource, never an orphan.
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	if taskIDs := op.TaskIDs(); len(taskIDs) > 0 {
		if err := r.api.WaitForTasks(ctx, taskIDs); err != nil {
			resp.Diagnostics.AddError("OCP task of startSchedule did not succeed", fmt.Sprintf(
				"Scheduled backups of tenant %d in cluster %d were started, but OCP's task did not finish successfully: %s",
				tenantID, clusterID, errorDetail(err)))
		}
	}
}

// adoptRunningSchedule decides what a failed start means. When OCP shows scheduling
// running anyway (it already ran, or the call took effect before its answer was
// lost), the resource adopts it with a warning; otherwise the error explains why.
// OCP does not document how startSchedule answers in these cases, so the decision
// rests on a fresh read rather than on the error's code.
func (r *tenantBackupScheduleResource) adoptRunningSchedule(ctx context.Context, clusterID, tenantID int64, startErr error, diags *diag.Diagnostics) bool {
	state, err := observeSchedule(ctx, r.api, clusterID, tenantID)
	state = state.afterRefusal(startErr, true)
	switch {
	case err != nil:
		diags.AddError("Could not start scheduled backups", errorDetail(startErr)+
			fmt.Sprintf("\n\nReading the tenant's backup strategy afterwards failed too: %s", err))
	case state == scheduleRunning:
		diags.AddWarning("Scheduled backups were already running", state.describe(clusterID, tenantID)+
			" Terraform now manages them. OCP's answer to startSchedule was: "+startErr.Error())
		return true
	case state == scheduleNoStrategy:
		diags.AddAttributeError(path.Root("tenant_id"), "Tenant has no backup strategy", state.describe(clusterID, tenantID)+
			" Create the tenant's backup strategy in OCP (Backup and Restore > Backup Strategy) first, then run terraform apply again."+
			"\n\nOCP's answer to startSchedule was: "+startErr.Error())
	case state == scheduleTenantGone:
		diags.AddAttributeError(path.Root("tenant_id"), "Tenant not found", state.describe(clusterID, tenantID)+
			" Check cluster_id and tenant_id: they are OCP's ids as shown in the console's URL."+
			"\n\nOCP's answer to startSchedule was: "+startErr.Error())
	default:
		diags.AddError("Could not start scheduled backups", errorDetail(startErr))
	}
	return false
}

func (r *tenantBackupScheduleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state tenantBackupScheduleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if r.api == nil {
		tflog.Debug(ctx, "OCP provider configuration is not known yet; keeping the prior state")
		return
	}
	ctx, cancel, ok := withTimeout(ctx, state.Timeouts.Read, defaultScheduleReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	clusterID, tenantID := state.ClusterID.ValueInt64(), state.TenantID.ValueInt64()
	observed, err := observeSchedule(ctx, r.api, clusterID, tenantID)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the tenant's backup strategy", errorDetail(err))
		return
	}
	if observed.running() {
		// Create-time facts (task_type, results, trace_id, started_at) stay as they were.
		return
	}
	resp.Diagnostics.AddWarning("Scheduled backups are no longer running", observed.describe(clusterID, tenantID)+
		" Terraform removed "+tenantResourceID(clusterID, tenantID)+" from its state; the next apply starts the scheduled backups again.")
	resp.State.RemoveResource(ctx)
}

// Update only changes stop_on_destroy or timeouts, which live in Terraform alone.
func (r *tenantBackupScheduleResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan tenantBackupScheduleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *tenantBackupScheduleResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state tenantBackupScheduleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	clusterID, tenantID := state.ClusterID.ValueInt64(), state.TenantID.ValueInt64()
	if !state.StopOnDestroy.ValueBool() {
		resp.Diagnostics.AddWarning("Scheduled backups left running",
			fmt.Sprintf("stop_on_destroy is false, so Terraform only forgot %s; scheduled backups of tenant %d in cluster %d keep running in OCP.",
				tenantResourceID(clusterID, tenantID), tenantID, clusterID))
		return
	}
	if !r.requireAPI(&resp.Diagnostics) {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, state.Timeouts.Delete, defaultScheduleDeleteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	op, err := r.api.StopTenantBackupSchedule(ctx, clusterID, tenantID)
	if err != nil {
		r.acceptAlreadyStopped(ctx, clusterID, tenantID, err, &resp.Diagnostics)
		return
	}
	if taskIDs := op.TaskIDs(); len(taskIDs) > 0 {
		if err := r.api.WaitForTasks(ctx, taskIDs); err != nil {
			resp.Diagnostics.AddError("OCP task of stopSchedule did not succeed", errorDetail(err))
		}
	}
}

// acceptAlreadyStopped treats a failed stop as done when OCP shows nothing left to
// stop: scheduling already stopped, the strategy gone, or the tenant gone.
func (r *tenantBackupScheduleResource) acceptAlreadyStopped(ctx context.Context, clusterID, tenantID int64, stopErr error, diags *diag.Diagnostics) {
	state, err := observeSchedule(ctx, r.api, clusterID, tenantID)
	state = state.afterRefusal(stopErr, false)
	switch {
	case err != nil:
		diags.AddError("Could not stop scheduled backups", errorDetail(stopErr)+
			fmt.Sprintf("\n\nReading the tenant's backup strategy afterwards failed too: %s", err))
	case state.running():
		diags.AddError("Could not stop scheduled backups", errorDetail(stopErr))
	default:
		tflog.Info(ctx, "Nothing left to stop: "+state.describe(clusterID, tenantID), map[string]any{"stop_error": stopErr.Error()})
	}
}

func (r *tenantBackupScheduleResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	clusterID, tenantID, err := parseTenantImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return
	}
	if !r.requireAPI(&resp.Diagnostics) {
		return
	}
	observed, err := observeSchedule(ctx, r.api, clusterID, tenantID)
	switch {
	case err != nil:
		resp.Diagnostics.AddError("Could not read the tenant's backup strategy", errorDetail(err))
		return
	case !observed.running():
		resp.Diagnostics.AddError("Nothing to import", observed.describe(clusterID, tenantID)+
			" Only running scheduled backups can be imported; to start them, declare the resource and run terraform apply instead.")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), tenantResourceID(clusterID, tenantID))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("cluster_id"), clusterID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("tenant_id"), tenantID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("stop_on_destroy"), true)...)
}

func (r *tenantBackupScheduleResource) requireAPI(diags *diag.Diagnostics) bool {
	if r.api == nil {
		diags.AddError("OCP provider is not configured", unconfiguredDetail)
		return false
	}
	return true
}

// recordStart keeps the start call's answer in the model.
func (m *tenantBackupScheduleModel) recordStart(ctx context.Context, op *ocpclient.BackupOperation) diag.Diagnostics {
	var diags diag.Diagnostics
	m.TaskType = types.StringValue(op.TaskType)
	m.TraceID = stringOrNull(op.Meta.TraceID)
	m.StartedAt = stringOrNull(op.Meta.Timestamp)
	m.Results, diags = resultsValue(ctx, op.Results)
	return diags
}

// recordAdoption fills the create-time facts of a schedule that was already running:
// there was no successful start call to describe.
func (m *tenantBackupScheduleModel) recordAdoption() {
	m.TaskType = types.StringNull()
	m.TraceID = types.StringNull()
	m.StartedAt = types.StringNull()
	m.Results = types.ListNull(resultObjectType)
}

// withTimeout applies the timeouts block's value for one operation.
func withTimeout(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	fallback time.Duration, diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	timeout, d := get(ctx, fallback)
	diags.Append(d...)
	if d.HasError() {
		return ctx, nil, false
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	return ctx, cancel, true
}

func stringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}
