package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// Default time limits of an on-demand backup; a full backup of a large tenant
// takes a while.
const (
	defaultBackupCreateTimeout = 60 * time.Minute
	defaultBackupReadTimeout   = 2 * time.Minute
)

var _ resource.ResourceWithConfigure = (*tenantBackupResource)(nil)

// NewTenantBackupResource returns the ocp_tenant_backup resource: one on-demand data
// backup of a tenant (OCP's backupNow).
func NewTenantBackupResource() resource.Resource {
	return &tenantBackupResource{}
}

type tenantBackupResource struct {
	resourceAPI
}

type tenantBackupModel struct {
	ID             types.String      `tfsdk:"id"`
	ClusterID      types.Int64       `tfsdk:"cluster_id"`
	TenantID       types.Int64       `tfsdk:"tenant_id"`
	DataBackupMode types.String      `tfsdk:"data_backup_mode"`
	Triggers       types.Map         `tfsdk:"triggers"`
	TaskID         types.Int64       `tfsdk:"task_id"`
	BackupSetID    types.Int64       `tfsdk:"backup_set_id"`
	Status         types.String      `tfsdk:"status"`
	StartedAt      timetypes.RFC3339 `tfsdk:"started_at"`
	FinishedAt     timetypes.RFC3339 `tfsdk:"finished_at"`
	Timeouts       timeouts.Value    `tfsdk:"timeouts"`
}

func (m *tenantBackupModel) scope() ocpclient.BackupScope {
	return ocpclient.BackupScope{ClusterID: m.ClusterID.ValueInt64(), TenantID: m.TenantID.ValueInt64()}
}

func (r *tenantBackupResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tenant_backup"
}

func (r *tenantBackupResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attributes := tenantScope.idAttributes()
	attributes["data_backup_mode"] = schema.StringAttribute{
		Description:   "`FULL_BACKUP` (default) or `INCREMENTAL_BACKUP`. Changing it takes a new backup.",
		Optional:      true,
		Computed:      true,
		Default:       stringdefault.StaticString(fullBackup),
		Validators:    []validator.String{stringvalidator.OneOf(fullBackup, incrementalBackup)},
		PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
	}
	attributes["triggers"] = schema.MapAttribute{
		Description: "Any values; a change takes a new backup (like terraform_data's triggers_replace), e.g. " +
			"`{ release = var.release }` for a backup before each release.",
		ElementType:   types.StringType,
		Optional:      true,
		PlanModifiers: []planmodifier.Map{mapplanmodifier.RequiresReplace()},
	}
	attributes["id"] = computedString("`<cluster_id>/<tenant_id>/<task_id>`.")
	attributes["task_id"] = schema.Int64Attribute{
		Description:   "OCP's task id of the backup.",
		Computed:      true,
		PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
	}
	attributes["backup_set_id"] = schema.Int64Attribute{
		Description:   "OceanBase's backup set id, once OCP's data backup task list shows the backup.",
		Computed:      true,
		PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
	}
	attributes["status"] = computedString("Status of OCP's data backup task (`DONE`, `FAILED`, `DOING`, …), refreshed on " +
		"every read; `RUNNING` or `SUCCESSFUL` (the task's own) while the task list does not show it.")
	attributes["started_at"] = computedResourceTime("When the backup started, as OCP reports it (RFC 3339, UTC).")
	attributes["finished_at"] = computedResourceTime("When the backup finished, as OCP reports it (RFC 3339, UTC).")
	resp.Schema = schema.Schema{
		Description: "An on-demand data backup of a tenant (OCP's backupNow), with the backup mode and destination of " +
			"the tenant's backup strategy. Create waits until the backup is done; destroy only forgets it.",
		Attributes: attributes,
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true}),
		},
	}
}

func computedString(description string) schema.StringAttribute {
	return schema.StringAttribute{
		Description:   description,
		Computed:      true,
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

// computedResourceTime is a computed time, kept from state until a call records it.
func computedResourceTime(description string) schema.StringAttribute {
	attribute := computedString(description)
	attribute.CustomType = timetypes.RFC3339Type{}
	return attribute
}

func (r *tenantBackupResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan tenantBackupModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !requireAPI(r.api, &resp.Diagnostics) {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, plan.Timeouts.Create, defaultBackupCreateTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	scope := plan.scope()
	body, ok := backupNowRequest(ctx, r.api, scope, plan.DataBackupMode.ValueString(), &resp.Diagnostics)
	if !ok {
		return
	}
	sent := time.Now()
	taskID, ok := sendBackupNow(ctx, r.api, scope, body, &resp.Diagnostics)
	if !ok {
		return
	}
	plan.recordStart(scope, taskID)
	// The backup runs from here on: it goes into state before the wait, so that
	// whatever ends the wait, no later apply takes it again unseen.
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	waitErr := r.api.WaitForTasks(ctx, []int64{taskID})
	task, readErr := backupOutcome(ctx, r.api, scope, taskID, sent)
	switch {
	case readErr != nil:
		resp.Diagnostics.AddWarning("Could not read the backup's outcome", errorDetail(readErr))
	case task != nil:
		plan.refreshFrom(task)
	case waitErr == nil:
		plan.Status = types.StringValue(ocpclient.TaskSuccessful)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	switch {
	case waitErr == nil:
	case backupFailed(waitErr, task):
		// Tainted: the next apply takes a new backup.
		resp.Diagnostics.AddError("The data backup did not succeed", backupFailureDetail(waitErr, task)+
			"\n\nThe backup stays in state as tainted; the next apply takes a new one.")
	default:
		resp.Diagnostics.AddWarning("The data backup is still running", fmt.Sprintf(
			"Terraform stopped waiting for OCP's data backup of the %s (task %d): %s\n\nThe backup goes on in OCP and "+
				"is recorded in state with its status, so no later apply takes it again. terraform refresh (or the next "+
				"plan) updates its status; the ocp_tenant_backup_tasks data source and OCP's console (task %d) follow it "+
				"meanwhile. To wait longer next time, raise timeouts.create.", scope, taskID, waitErr, taskID))
	}
}

func (r *tenantBackupResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state tenantBackupModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !r.canRefresh(ctx) || state.TaskID.IsNull() {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, state.Timeouts.Read, defaultBackupReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	task, err := findDataBackupTask(ctx, r.api, state.scope(), state.TaskID.ValueInt64(), state.startedNear(), !state.finished())
	switch {
	case err != nil && r.tenantGone(ctx, state.scope(), err):
		resp.Diagnostics.AddWarning("The backup's tenant no longer exists", fmt.Sprintf(
			"OCP has no tenant %d in cluster %d any more; Terraform removed the backup from its state.",
			state.TenantID.ValueInt64(), state.ClusterID.ValueInt64()))
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		resp.Diagnostics.AddError("Could not read the tenant's data backup tasks", errorDetail(err))
		return
	case task == nil:
		// OCP's history no longer lists it (its retention removed it): the record stays.
		tflog.Debug(ctx, "The data backup task list no longer shows the backup", map[string]any{"task_id": state.TaskID.ValueInt64()})
		return
	}
	state.refreshFrom(task)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// tenantGone reports whether a refused task listing means that the tenant (or its
// cluster) is gone, which only a read of them tells.
func (r *tenantBackupResource) tenantGone(ctx context.Context, scope ocpclient.BackupScope, listErr error) bool {
	if !ocpclient.IsNoStrategyAnswer(listErr) {
		return false
	}
	found, err := scopePresence(ctx, r.api, scope)
	return err == nil && found.scopeGone()
}

// Update changes only timeouts; every other attribute takes a new backup.
func (r *tenantBackupResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan tenantBackupModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete forgets the backup: OCP's retention (the strategy's cleanup) removes
// backup sets, not Terraform.
func (r *tenantBackupResource) Delete(ctx context.Context, _ resource.DeleteRequest, _ *resource.DeleteResponse) {
	tflog.Info(ctx, "Forgetting an on-demand backup; its backup set stays until OCP's retention removes it")
}

// startedNear is when the backup started, as far as state knows; zero before OCP's
// task list showed it.
func (m *tenantBackupModel) startedNear() time.Time {
	started, _ := m.StartedAt.ValueRFC3339Time() // null, or a time the provider wrote
	return started
}

// finished reports whether OCP's task list showed the backup ended: its record
// changes no more.
func (m *tenantBackupModel) finished() bool {
	status := m.Status.ValueString()
	return status == dataBackupDone || status == dataBackupFailed
}

// recordStart keeps what is known of a backup as soon as OCP started it.
func (m *tenantBackupModel) recordStart(scope ocpclient.BackupScope, taskID int64) {
	m.ID = types.StringValue(fmt.Sprintf("%s/%d", scopeID(scope), taskID))
	m.TaskID = types.Int64Value(taskID)
	m.BackupSetID = types.Int64Null()
	m.Status = types.StringValue("RUNNING")
	m.StartedAt, m.FinishedAt = timetypes.NewRFC3339Null(), timetypes.NewRFC3339Null()
}

// refreshFrom takes the data backup task's outcome.
func (m *tenantBackupModel) refreshFrom(task *ocpclient.DataBackupTask) {
	m.BackupSetID = int64OrNull(task.BackupSetID)
	m.Status = stringOrNull(task.Status)
	m.StartedAt = timeOrNull(task.StartTime)
	m.FinishedAt = timeOrNull(task.FinishTime)
}
