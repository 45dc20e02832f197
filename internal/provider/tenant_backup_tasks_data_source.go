package provider

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// dataBackupStatuses are the task states OCP's task filter accepts.
var dataBackupStatuses = []string{"BEGINNING", "INITIALIZING", "DOING", "DONE", "FAILED", "CANCELING", "CANCELED", "OVERDUE", "UNKNOWN"}

// NewTenantBackupTasksDataSource returns the ocp_tenant_backup_tasks data source.
func NewTenantBackupTasksDataSource() datasource.DataSource {
	return &tenantBackupTasksDataSource{}
}

type tenantBackupTasksDataSource struct {
	dataSourceAPI
}

type tenantBackupTasksDataModel struct {
	ClusterID types.Int64           `tfsdk:"cluster_id"`
	TenantID  types.Int64           `tfsdk:"tenant_id"`
	Statuses  []types.String        `tfsdk:"statuses"`
	StartTime timetypes.RFC3339     `tfsdk:"start_time"`
	EndTime   timetypes.RFC3339     `tfsdk:"end_time"`
	Limit     types.Int64           `tfsdk:"limit"`
	Tasks     []dataBackupTaskModel `tfsdk:"tasks"`
}

type dataBackupTaskModel struct {
	TaskID      types.Int64       `tfsdk:"task_id"`
	BackupSetID types.Int64       `tfsdk:"backup_set_id"`
	Status      types.String      `tfsdk:"status"`
	Kind        types.String      `tfsdk:"kind"`
	BackupMode  types.String      `tfsdk:"backup_mode"`
	StartTime   timetypes.RFC3339 `tfsdk:"start_time"`
	FinishTime  timetypes.RFC3339 `tfsdk:"finish_time"`
	ErrorMsg    types.String      `tfsdk:"error_message"`
	BackupURI   types.String      `tfsdk:"backup_uri"`
}

func (d *tenantBackupTasksDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tenant_backup_tasks"
}

func (d *tenantBackupTasksDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(description string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, Description: description}
	}
	resp.Schema = schema.Schema{
		Description: "Lists a tenant's recent data backup tasks, optionally filtered by status and start time.",
		Attributes: map[string]schema.Attribute{
			"cluster_id": schema.Int64Attribute{Required: true, Description: "OCP id of the cluster.",
				Validators: []validator.Int64{int64validator.AtLeast(1)}},
			"tenant_id": schema.Int64Attribute{Required: true, Description: "OCP id of the tenant.",
				Validators: []validator.Int64{int64validator.AtLeast(1)}},
			"statuses": schema.ListAttribute{
				ElementType: types.StringType,
				Optional:    true,
				Description: "Only tasks in these states: " + joinQuoted(dataBackupStatuses) + ".",
				Validators:  []validator.List{listvalidator.ValueStringsAre(stringvalidator.OneOf(dataBackupStatuses...))},
			},
			"start_time": schema.StringAttribute{Optional: true, CustomType: timetypes.RFC3339Type{},
				Description: "Only tasks that started at or after this time (RFC 3339, e.g. `2024-01-02T03:04:05Z`)."},
			"end_time": schema.StringAttribute{Optional: true, CustomType: timetypes.RFC3339Type{},
				Description: "Only tasks that started at or before this time (RFC 3339)."},
			"limit": schema.Int64Attribute{Optional: true, Validators: []validator.Int64{int64validator.AtLeast(1)},
				Description: "Only the newest this many tasks. Without it, every task the filters let through."},
			"tasks": schema.ListNestedAttribute{
				Computed:    true,
				Description: "The tasks, newest first (by start time, then task id).",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"task_id":       schema.Int64Attribute{Computed: true, Description: "OCP task id."},
					"backup_set_id": schema.Int64Attribute{Computed: true, Description: "Backup set id."},
					"status":        computed("Task state, e.g. `DONE` or `FAILED`."),
					"kind":          computed("`FULL_BACKUP` or `INCREMENTAL_BACKUP`."),
					"backup_mode":   computed("`PHYSICAL_BACKUP` or `LOGICAL_BACKUP`."),
					"start_time":    computedDataSourceTime("When the task started (RFC 3339, UTC)."),
					"finish_time":   computedDataSourceTime("When the task finished (RFC 3339, UTC)."),
					"error_message": computed("OCP's error message of a failed task."),
					"backup_uri":    computed("Where the backup set was written."),
				}},
			},
		},
	}
}

func (d *tenantBackupTasksDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config tenantBackupTasksDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() || !requireAPI(d.api, &resp.Diagnostics) {
		return
	}
	filter := ocpclient.DataBackupTaskFilter{}
	for _, status := range config.Statuses {
		filter.Statuses = append(filter.Statuses, status.ValueString())
	}
	filter.Start = optionalTime(config.StartTime, &resp.Diagnostics)
	filter.End = optionalTime(config.EndTime, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if !filter.Start.IsZero() && !filter.End.IsZero() && filter.End.Before(filter.Start) {
		resp.Diagnostics.AddAttributeError(path.Root("end_time"), "Empty time range", "end_time is before start_time.")
		return
	}
	tasks, err := d.api.ListTenantDataBackupTasks(ctx, config.ClusterID.ValueInt64(), config.TenantID.ValueInt64(), filter)
	if err != nil {
		resp.Diagnostics.AddError("Could not list the tenant's backup tasks", errorDetail(err))
		return
	}
	newestFirst(tasks)
	if limit := config.Limit.ValueInt64(); !config.Limit.IsNull() && int64(len(tasks)) > limit {
		tasks = tasks[:limit]
	}
	config.Tasks = make([]dataBackupTaskModel, len(tasks))
	for i, task := range tasks {
		config.Tasks[i] = dataBackupTaskModel{
			TaskID:      types.Int64Value(task.TaskID),
			BackupSetID: types.Int64Value(task.BackupSetID),
			Status:      stringOrNull(task.Status),
			Kind:        stringOrNull(task.DataBackupTaskType),
			BackupMode:  stringOrNull(task.BackupMode),
			StartTime:   timeOrNull(task.StartTime),
			FinishTime:  timeOrNull(task.FinishTime),
			ErrorMsg:    stringOrNull(task.ErrorMsg),
			BackupURI:   stringOrNull(task.BackupURI),
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}

// optionalTime is a time the configuration gives (timetypes.RFC3339 has refused
// any other at plan time); null is the zero time.
func optionalTime(value timetypes.RFC3339, diags *diag.Diagnostics) time.Time {
	if value.IsNull() {
		return time.Time{}
	}
	t, d := value.ValueRFC3339Time()
	diags.Append(d...)
	return t
}

// newestFirst orders tasks by start time, newest first, then by task id, newest
// first: OCP documents no order for the listing, and a task without a readable
// start time sorts by its id alone after those with one.
func newestFirst(tasks []ocpclient.DataBackupTask) {
	slices.SortStableFunc(tasks, func(a, b ocpclient.DataBackupTask) int {
		return cmp.Or(b.StartTime.At.Compare(a.StartTime.At), cmp.Compare(b.TaskID, a.TaskID))
	})
}
