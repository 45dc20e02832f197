package provider

import (
	"context"
	"math"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// NewTenantBackupStatusDataSource returns the ocp_tenant_backup_status data source.
func NewTenantBackupStatusDataSource() datasource.DataSource {
	return &tenantBackupStatusDataSource{now: time.Now}
}

type tenantBackupStatusDataSource struct {
	dataSourceAPI
	now func() time.Time
}

type tenantBackupStatusModel struct {
	ClusterID            types.Int64            `tfsdk:"cluster_id"`
	TenantID             types.Int64            `tfsdk:"tenant_id"`
	HasStrategy          types.Bool             `tfsdk:"has_strategy"`
	ScheduleEnabled      types.Bool             `tfsdk:"schedule_enabled"`
	LastSuccessfulBackup *successfulBackupModel `tfsdk:"last_successful_backup"`
	LastFailedBackup     *failedBackupModel     `tfsdk:"last_failed_backup"`
	LogArchive           *logArchiveModel       `tfsdk:"log_archive"`
}

type successfulBackupModel struct {
	TaskID      types.Int64       `tfsdk:"task_id"`
	BackupSetID types.Int64       `tfsdk:"backup_set_id"`
	Kind        types.String      `tfsdk:"kind"`
	BackupMode  types.String      `tfsdk:"backup_mode"`
	StartTime   timetypes.RFC3339 `tfsdk:"start_time"`
	FinishTime  timetypes.RFC3339 `tfsdk:"finish_time"`
}

type failedBackupModel struct {
	TaskID       types.Int64       `tfsdk:"task_id"`
	Kind         types.String      `tfsdk:"kind"`
	StartTime    timetypes.RFC3339 `tfsdk:"start_time"`
	FinishTime   timetypes.RFC3339 `tfsdk:"finish_time"`
	ErrorMessage types.String      `tfsdk:"error_message"`
}

type logArchiveModel struct {
	Status       types.String      `tfsdk:"status"`
	ErrorMessage types.String      `tfsdk:"error_message"`
	Checkpoint   timetypes.RFC3339 `tfsdk:"checkpoint"`
	DelaySeconds types.Int64       `tfsdk:"delay_seconds"`
}

func (d *tenantBackupStatusDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tenant_backup_status"
}

func (d *tenantBackupStatusDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computedString := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, Description: description}
	}
	statusTime := func(description string) schema.StringAttribute {
		return computedDataSourceTime(description + " RFC 3339 in UTC (as `timecmp` and `timeadd` take it); null when OCP's time cannot be read.")
	}
	resp.Schema = schema.Schema{
		Description: "Whether a tenant's backups are healthy: whether its scheduled backups run, its last successful and last " +
			"failed data backup, and how far its log archiving lags. Read on every plan, so `check` blocks can alert on it.",
		Attributes: map[string]schema.Attribute{
			"cluster_id": schema.Int64Attribute{Required: true, Description: "OCP id of the cluster.",
				Validators: []validator.Int64{int64validator.AtLeast(1)}},
			"tenant_id": schema.Int64Attribute{Required: true, Description: "OCP id of the tenant.",
				Validators: []validator.Int64{int64validator.AtLeast(1)}},
			"has_strategy": schema.BoolAttribute{Computed: true, Description: "Whether the tenant has a backup strategy."},
			"schedule_enabled": schema.BoolAttribute{Computed: true, Description: "Whether scheduled backups run: false without a " +
				"strategy, null where OCP's strategy does not report it."},
			"last_successful_backup": schema.SingleNestedAttribute{
				Computed:    true,
				Description: "The data backup task that most recently started among those that ended `DONE`; null when OCP lists none.",
				Attributes: map[string]schema.Attribute{
					"task_id":       schema.Int64Attribute{Computed: true, Description: "OCP task id."},
					"backup_set_id": schema.Int64Attribute{Computed: true, Description: "Backup set id."},
					"kind":          computedString("`FULL_BACKUP` or `INCREMENTAL_BACKUP`."),
					"backup_mode":   computedString("`PHYSICAL_BACKUP` or `LOGICAL_BACKUP`."),
					"start_time":    statusTime("When it started."),
					"finish_time":   statusTime("When it finished."),
				},
			},
			"last_failed_backup": schema.SingleNestedAttribute{
				Computed:    true,
				Description: "The data backup task that most recently started among those that ended `FAILED`; null when OCP lists none.",
				Attributes: map[string]schema.Attribute{
					"task_id":       schema.Int64Attribute{Computed: true, Description: "OCP task id."},
					"kind":          computedString("`FULL_BACKUP` or `INCREMENTAL_BACKUP`."),
					"start_time":    statusTime("When it started."),
					"finish_time":   statusTime("When it ended."),
					"error_message": computedString("OCP's `errorMsg`."),
				},
			},
			"log_archive": schema.SingleNestedAttribute{
				Computed:    true,
				Description: "The tenant's log archiving (its most recent log backup task); null when OCP lists none.",
				Attributes: map[string]schema.Attribute{
					"status":        computedString("e.g. `INPROGRESS`, `STOPPED`, `INTERRUPTED`, `FAILED`."),
					"error_message": computedString("OCP's `errorMsg`."),
					"checkpoint":    statusTime("Up to when logs are archived."),
					"delay_seconds": schema.Int64Attribute{Computed: true, Description: "How far archiving lags behind, in " +
						"seconds: OCP's `delay`, or, where OCP gives none, the time since `checkpoint`; null when neither is known."},
				},
			},
		},
	}
}

func (d *tenantBackupStatusDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model tenantBackupStatusModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() || !requireAPI(d.api, &resp.Diagnostics) {
		return
	}
	scope := ocpclient.BackupScope{ClusterID: model.ClusterID.ValueInt64(), TenantID: model.TenantID.ValueInt64()}
	if !d.readSchedule(ctx, scope, &model, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(d.readDataBackups(ctx, scope, &model)...)
	resp.Diagnostics.Append(d.readLogArchive(ctx, scope, &model)...)
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
	}
}

// readSchedule reads whether scheduled backups run; false when the tenant (or its
// cluster) is gone, with an error at the attribute holding the wrong id.
func (d *tenantBackupStatusDataSource) readSchedule(ctx context.Context, scope ocpclient.BackupScope, model *tenantBackupStatusModel, diags *diag.Diagnostics) bool {
	strategy, found, err := readStrategy(ctx, d.api, scope)
	switch {
	case err != nil:
		diags.AddError("Could not read the tenant's backup strategy", errorDetail(err))
		return false
	case found.scopeGone():
		found.addNotFound(diags, scope, "Look the ids up with the ocp_tenants data source.")
		return false
	}
	model.HasStrategy = types.BoolValue(found == presenceStrategy)
	model.ScheduleEnabled = types.BoolValue(false)
	if strategy != nil {
		enabled, known := strategy.ScheduleEnabled()
		model.ScheduleEnabled = types.BoolValue(enabled)
		if !known {
			model.ScheduleEnabled = types.BoolNull()
		}
	}
	return true
}

// readDataBackups reads the last successful and the last failed data backup from
// one listing of the tenant's DONE and FAILED tasks.
func (d *tenantBackupStatusDataSource) readDataBackups(ctx context.Context, scope ocpclient.BackupScope, model *tenantBackupStatusModel) diag.Diagnostics {
	var diags diag.Diagnostics
	tasks, err := d.api.ListTenantDataBackupTasks(ctx, scope.ClusterID, scope.TenantID,
		ocpclient.DataBackupTaskFilter{Statuses: []string{"DONE", "FAILED"}})
	if d.noHistory(model, err) {
		return diags
	}
	if err != nil {
		diags.AddError("Could not list the tenant's data backup tasks", errorDetail(err))
		return diags
	}
	// An OCP that ignores the status filter lists every task; each is picked by
	// its own status, newest first whatever order OCP lists them in.
	newestFirst(tasks)
	for i := range tasks {
		task := &tasks[i]
		switch {
		case task.Status == dataBackupDone && model.LastSuccessfulBackup == nil:
			model.LastSuccessfulBackup = &successfulBackupModel{
				TaskID: types.Int64Value(task.TaskID), BackupSetID: int64OrNull(task.BackupSetID),
				Kind: stringOrNull(task.DataBackupTaskType), BackupMode: stringOrNull(task.BackupMode),
				StartTime: timeOrNull(task.StartTime), FinishTime: timeOrNull(task.FinishTime),
			}
		case task.Status == "FAILED" && model.LastFailedBackup == nil:
			model.LastFailedBackup = &failedBackupModel{
				TaskID: types.Int64Value(task.TaskID), Kind: stringOrNull(task.DataBackupTaskType),
				StartTime: timeOrNull(task.StartTime), FinishTime: timeOrNull(task.FinishTime),
				ErrorMessage: stringOrNull(task.ErrorMsg),
			}
		}
	}
	return diags
}

// readLogArchive reads the tenant's most recent log backup task.
func (d *tenantBackupStatusDataSource) readLogArchive(ctx context.Context, scope ocpclient.BackupScope, model *tenantBackupStatusModel) diag.Diagnostics {
	var diags diag.Diagnostics
	tasks, err := d.api.ListTenantLogBackupTasks(ctx, scope.ClusterID, scope.TenantID)
	if d.noHistory(model, err) {
		return diags
	}
	if err != nil {
		diags.AddAttributeError(path.Root("log_archive"), "Could not list the tenant's log backup tasks", errorDetail(err))
		return diags
	}
	latest := latestLogTask(tasks)
	if latest == nil {
		return diags
	}
	model.LogArchive = &logArchiveModel{
		Status:       stringOrNull(latest.Status),
		ErrorMessage: stringOrNull(latest.ErrorMsg),
		Checkpoint:   timeOrNull(latest.Checkpoint),
		DelaySeconds: d.logDelay(latest),
	}
	return diags
}

// noHistory reports whether a refused task listing only means that a tenant
// without a strategy has no task history: how OCP answers that is not documented
// ([INF]), and the refusal shapes are those of a strategy read (a 400 or 404 in
// OCP's envelope). With a strategy, a refusal is an error.
func (d *tenantBackupStatusDataSource) noHistory(model *tenantBackupStatusModel, err error) bool {
	return err != nil && !model.HasStrategy.ValueBool() && ocpclient.IsNoStrategyAnswer(err)
}

// logDelay is OCP's delay, or the time since the checkpoint where OCP gives none.
func (d *tenantBackupStatusDataSource) logDelay(task *ocpclient.LogBackupTask) types.Int64 {
	switch {
	case task.Delay.Valid:
		return types.Int64Value(task.Delay.Value)
	case !task.Checkpoint.IsZero():
		return types.Int64Value(int64(math.Max(0, d.now().Sub(task.Checkpoint.At).Seconds())))
	}
	return types.Int64Null()
}

// latestLogTask is the log backup task OCP changed last (by modifyTime, then
// createTime), or the first listed when none carries a readable time.
func latestLogTask(tasks []ocpclient.LogBackupTask) *ocpclient.LogBackupTask {
	var latest *ocpclient.LogBackupTask
	for i := range tasks {
		if latest == nil || logTaskTime(&tasks[i]).After(logTaskTime(latest)) {
			latest = &tasks[i]
		}
	}
	return latest
}

func logTaskTime(task *ocpclient.LogBackupTask) time.Time {
	if !task.ModifyTime.IsZero() {
		return task.ModifyTime.At
	}
	return task.CreateTime.At
}
