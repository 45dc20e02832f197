package provider

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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
	ID             types.String   `tfsdk:"id"`
	ClusterID      types.Int64    `tfsdk:"cluster_id"`
	TenantID       types.Int64    `tfsdk:"tenant_id"`
	DataBackupMode types.String   `tfsdk:"data_backup_mode"`
	Triggers       types.Map      `tfsdk:"triggers"`
	TaskID         types.Int64    `tfsdk:"task_id"`
	BackupSetID    types.Int64    `tfsdk:"backup_set_id"`
	Status         types.String   `tfsdk:"status"`
	StartedAt      types.String   `tfsdk:"started_at"`
	FinishedAt     types.String   `tfsdk:"finished_at"`
	Timeouts       timeouts.Value `tfsdk:"timeouts"`
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
	attributes["started_at"] = computedString("When the backup started, as OCP reports it.")
	attributes["finished_at"] = computedString("When the backup finished, as OCP reports it.")
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
	body, ok := r.backupNowRequest(ctx, scope, plan.DataBackupMode.ValueString(), &resp.Diagnostics)
	if !ok {
		return
	}
	taskID, ok := r.backupNow(ctx, scope, body, &resp.Diagnostics)
	if !ok {
		return
	}
	plan.recordStart(scope, taskID)
	// The backup runs from here on: it goes into state before the wait, so that
	// whatever ends the wait, no later apply takes it again unseen.
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	waitErr := r.api.WaitForTasks(ctx, []int64{taskID})
	// The outcome is read on time of its own: the wait may have used up the
	// create timeout, and what OCP shows must still land in state.
	readCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleBudget)
	defer cancel()
	task, readErr := r.findDataBackupTask(readCtx, scope, taskID, types.StringNull())
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
		resp.Diagnostics.AddError("The data backup did not succeed", backupFailureDetail(waitErr, task))
	default:
		resp.Diagnostics.AddWarning("The data backup is still running", fmt.Sprintf(
			"Terraform stopped waiting for OCP's data backup of the %s (task %d): %s\n\nThe backup goes on in OCP and "+
				"is recorded in state with its status, so no later apply takes it again. terraform refresh (or the next "+
				"plan) updates its status; the ocp_tenant_backup_tasks data source and OCP's console (task %d) follow it "+
				"meanwhile. To wait longer next time, raise timeouts.create.", scope, taskID, waitErr, taskID))
	}
}

// backupFailed reports whether OCP says that the backup failed: its task ended
// FAILED, or the data backup task list shows it so. Any other end of the wait (the
// create timeout, an interruption, a read that failed) leaves the backup running.
func backupFailed(waitErr error, task *ocpclient.DataBackupTask) bool {
	var taskFailed *ocpclient.TaskFailedError
	return errors.As(waitErr, &taskFailed) || task != nil && task.Status == dataBackupFailed
}

// dataBackupFailed is the status of a failed data backup in OCP's task list.
const dataBackupFailed = "FAILED"

// backupNow sends backupNow, which the client never sends twice, and returns the
// task id of the backup OCP started. OCP starts a backup for each call it
// receives, so an answer that may have come after OCP acted (a proxy's error page,
// a timeout, a connection reset after sending) is settled by the tenant's data
// backup tasks, read for a while: a task of the requested mode started since just
// before the call is this backup, recorded with a warning. Finding none fails and
// records nothing.
func (r *tenantBackupResource) backupNow(ctx context.Context, scope ocpclient.BackupScope, body ocpclient.BackupNowRequest, diags *diag.Diagnostics) (int64, bool) {
	sent := time.Now()
	op, err := r.api.BackupNow(ctx, scope, body)
	switch {
	case err == nil && len(op.TaskIDs()) == 0:
		diags.AddError("OCP started no backup task",
			fmt.Sprintf("OCP accepted backupNow for the %s but listed no task to follow (traceId %s).", scope, op.Meta.TraceID))
		return 0, false
	case err == nil:
		return op.TaskIDs()[0], true
	case !ocpclient.MaybeProcessed(err):
		diags.AddError("Could not start the data backup", errorDetail(err))
		return 0, false
	}
	task, readErr := settle(ctx, err,
		func(ctx context.Context) (*ocpclient.DataBackupTask, error) {
			return r.backupStartedSince(ctx, scope, body.DataBackupMode, sent.Add(-backupClockMargin))
		},
		func(task *ocpclient.DataBackupTask) bool { return task != nil })
	switch {
	case readErr != nil:
		diags.AddError("Could not start the data backup", errorDetail(err)+
			"\n\nReading the tenant's data backup tasks afterwards, to tell whether OCP started the backup, failed too: "+
			readErr.Error()+"\n\nTerraform recorded nothing. Check OCP's console before running terraform apply again, "+
			"which takes a new backup.")
	case task == nil:
		diags.AddError("Could not start the data backup", errorDetail(err)+fmt.Sprintf(
			"\n\nOCP's data backup tasks of the %s, read afterwards, show no %s started since the call: OCP did not "+
				"start the backup, and Terraform recorded nothing. Run terraform apply again to take it.", scope, body.DataBackupMode))
	default:
		diags.AddWarning("The answer to backupNow was lost", fmt.Sprintf(
			"The answer to backupNow for the %s did not come back cleanly (%s), but OCP's data backup tasks show a %s "+
				"started since the call (task %d): Terraform recorded it as this backup instead of taking another.",
			scope, err, body.DataBackupMode, task.TaskID))
		return task.TaskID, true
	}
	return 0, false
}

// backupClockMargin is how long before the call a task may seem to have started
// and still be the call's: OCP's clock and this machine's may differ a little.
const backupClockMargin = time.Minute

// backupStartedSince is the tenant's earliest data backup task of mode that
// started at since or later, if any.
func (r *tenantBackupResource) backupStartedSince(ctx context.Context, scope ocpclient.BackupScope, mode string, since time.Time) (*ocpclient.DataBackupTask, error) {
	tasks, err := r.api.ListTenantDataBackupTasks(ctx, scope.ClusterID, scope.TenantID, ocpclient.DataBackupTaskFilter{Start: since})
	if err != nil {
		return nil, err
	}
	var earliest *ocpclient.DataBackupTask
	for _, task := range tasks {
		started := task.StartTime.At
		if task.DataBackupTaskType != mode || started.Before(since) || earliest != nil && !started.Before(earliest.StartTime.At) {
			continue
		}
		earliest = &task
	}
	return earliest, nil
}

// backupNowRequest takes the backup mode and destination from the tenant's
// strategy, as OCP's console does. OCP's strategy read masks the destination's
// secret; that backupNow identifies the destination by the rest of it (as the
// console's "back up now" needs no secret either) is inferred.
func (r *tenantBackupResource) backupNowRequest(ctx context.Context, scope ocpclient.BackupScope, mode string, diags *diag.Diagnostics) (ocpclient.BackupNowRequest, bool) {
	strategy, found, err := readStrategy(ctx, r.api, scope)
	switch {
	case err != nil:
		diags.AddError("Could not read the backup strategy", errorDetail(err))
	case found.scopeGone():
		found.addNotFound(diags, scope, "")
	case found == presenceNoStrategy:
		diags.AddAttributeError(tenantScope.idAttribute, "Tenant has no backup strategy", found.describe(scope)+
			" An on-demand backup uses the strategy's backup mode and destination: create it first, with the strategy of an ocp_tenant_backup_schedule or in OCP's console (Backup and Restore > Backup Strategy).")
	default:
		return ocpclient.BackupNowRequest{
			BackupMode:     cmp.Or(strategy.BackupMode, defaultBackupMode),
			DataBackupMode: mode,
			StorageConfig:  strategy.StorageConfig,
		}, true
	}
	return ocpclient.BackupNowRequest{}, false
}

// backupFailureDetail explains a failed backup with OCP's errorMsg when the data
// backup task list has one.
func backupFailureDetail(waitErr error, task *ocpclient.DataBackupTask) string {
	detail := errorDetail(waitErr)
	if task != nil && task.ErrorMsg != "" {
		detail = fmt.Sprintf("OCP's data backup task %d ended %s: %s\n\n%s", task.TaskID, task.Status, task.ErrorMsg, detail)
	}
	return detail + "\n\nThe backup stays in state as tainted; the next apply takes a new one."
}

// startWindow is how far around a backup's recorded start time a refresh asks
// OCP for its task.
const startWindow = 5 * time.Minute

// findDataBackupTask looks the backup up in the tenant's data backup task list by
// its task id; nil when the list does not show it (yet, or any more). Once its
// start time is known, only the tasks started around then are asked for, so that a
// refresh does not read a tenant's whole backup history; the whole list is read
// when that finds nothing, as it would where OCP reads the time filter otherwise
// than the provider (its semantics are not documented).
func (r *tenantBackupResource) findDataBackupTask(ctx context.Context, scope ocpclient.BackupScope, taskID int64, startedAt types.String) (*ocpclient.DataBackupTask, error) {
	if started := ocpclient.ParseTimestamp(startedAt.ValueString()); !started.IsZero() {
		window := ocpclient.DataBackupTaskFilter{Start: started.At.Add(-startWindow), End: started.At.Add(startWindow)}
		if task, err := r.findInTaskList(ctx, scope, taskID, window); err != nil || task != nil {
			return task, err
		}
	}
	return r.findInTaskList(ctx, scope, taskID, ocpclient.DataBackupTaskFilter{})
}

// findInTaskList lists the tenant's data backup tasks filter lets through and
// picks the one with taskID.
func (r *tenantBackupResource) findInTaskList(ctx context.Context, scope ocpclient.BackupScope, taskID int64, filter ocpclient.DataBackupTaskFilter) (*ocpclient.DataBackupTask, error) {
	tasks, err := r.api.ListTenantDataBackupTasks(ctx, scope.ClusterID, scope.TenantID, filter)
	if err != nil {
		return nil, err
	}
	for _, task := range tasks {
		if task.TaskID == taskID {
			return &task, nil
		}
	}
	return nil, nil
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
	task, err := r.findDataBackupTask(ctx, state.scope(), state.TaskID.ValueInt64(), state.StartedAt)
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

// recordStart keeps what is known of a backup as soon as OCP started it.
func (m *tenantBackupModel) recordStart(scope ocpclient.BackupScope, taskID int64) {
	m.ID = types.StringValue(fmt.Sprintf("%s/%d", scopeID(scope), taskID))
	m.TaskID = types.Int64Value(taskID)
	m.BackupSetID = types.Int64Null()
	m.Status = types.StringValue("RUNNING")
	m.StartedAt, m.FinishedAt = types.StringNull(), types.StringNull()
}

// refreshFrom takes the data backup task's outcome.
func (m *tenantBackupModel) refreshFrom(task *ocpclient.DataBackupTask) {
	m.BackupSetID = int64OrNull(task.BackupSetID)
	m.Status = stringOrNull(task.Status)
	m.StartedAt = timeOrNull(task.StartTime)
	m.FinishedAt = timeOrNull(task.FinishTime)
}
