package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// NewTenantBackupStrategyDataSource returns the ocp_tenant_backup_strategy data source.
func NewTenantBackupStrategyDataSource() datasource.DataSource {
	return &tenantBackupStrategyDataSource{}
}

type tenantBackupStrategyDataSource struct {
	dataSourceAPI
}

type tenantBackupStrategyDataModel struct {
	ClusterID       types.Int64              `tfsdk:"cluster_id"`
	TenantID        types.Int64              `tfsdk:"tenant_id"`
	ID              types.String             `tfsdk:"id"`
	BackupMode      types.String             `tfsdk:"backup_mode"`
	ScheduleEnabled types.Bool               `tfsdk:"schedule_enabled"`
	Schedule        *strategyScheduleModel   `tfsdk:"schedule"`
	Thresholds      *strategyThresholdsModel `tfsdk:"thresholds"`
	Storage         *strategyStorageView     `tfsdk:"storage"`
}

func (d *tenantBackupStrategyDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tenant_backup_strategy"
}

func computedAttributes(descriptions map[string]string, kinds map[string]schema.Attribute) map[string]schema.Attribute {
	for name, description := range descriptions {
		switch a := kinds[name].(type) {
		case schema.StringAttribute:
			a.Description, a.Computed = description, true
			kinds[name] = a
		case schema.Int64Attribute:
			a.Description, a.Computed = description, true
			kinds[name] = a
		case schema.BoolAttribute:
			a.Description, a.Computed = description, true
			kinds[name] = a
		case schema.MapAttribute:
			a.Description, a.Computed = description, true
			kinds[name] = a
		}
	}
	return kinds
}

func (d *tenantBackupStrategyDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Reads a tenant's backup strategy from OCP, without storage credentials.",
		Attributes: map[string]schema.Attribute{
			"cluster_id":       schema.Int64Attribute{Required: true, Description: "OCP id of the cluster."},
			"tenant_id":        schema.Int64Attribute{Required: true, Description: "OCP id of the tenant."},
			"id":               schema.StringAttribute{Computed: true, Description: "`<cluster_id>/<tenant_id>`."},
			"backup_mode":      schema.StringAttribute{Computed: true, Description: "`PHYSICAL_BACKUP` or `LOGICAL_BACKUP`."},
			"schedule_enabled": schema.BoolAttribute{Computed: true, Description: "Whether scheduled backups run (null when OCP does not say)."},
			"schedule": schema.SingleNestedAttribute{
				Computed:    true,
				Description: "When data backups run.",
				Attributes: computedAttributes(map[string]string{
					"mode":                "`WEEK` or `MONTH`.",
					"time":                "Time of day backups start, with its UTC offset.",
					"days":                "Backup kind (`FULL_BACKUP` or `INCREMENTAL_BACKUP`) by day number.",
					"start_log_backup":    "Whether log archiving starts with the strategy.",
					"clean_enabled":       "Whether expired backups are deleted.",
					"data_retention_days": "Days backups are kept.",
					"clean_time":          "Time of day expired backups are deleted.",
				}, map[string]schema.Attribute{
					"mode":                schema.StringAttribute{},
					"time":                schema.StringAttribute{CustomType: offsetTimeType},
					"days":                schema.MapAttribute{ElementType: types.StringType},
					"start_log_backup":    schema.BoolAttribute{},
					"clean_enabled":       schema.BoolAttribute{},
					"data_retention_days": schema.Int64Attribute{},
					"clean_time":          schema.StringAttribute{CustomType: offsetTimeType},
				}),
			},
			"thresholds": schema.SingleNestedAttribute{
				Computed:    true,
				Description: "When OCP raises backup alerts.",
				Attributes: computedAttributes(map[string]string{
					"data_backup_timeout_minutes":     "Alert when a data backup runs longer than this many minutes.",
					"no_successful_backup_alarm_days": "Alert after this many days without a successful data backup.",
					"log_backup_delay_seconds":        "Alert when log archiving lags by more than this many seconds.",
				}, map[string]schema.Attribute{
					"data_backup_timeout_minutes":     schema.Int64Attribute{},
					"no_successful_backup_alarm_days": schema.Int64Attribute{},
					"log_backup_delay_seconds":        schema.Int64Attribute{},
				}),
			},
			"storage": schema.SingleNestedAttribute{
				Computed:    true,
				Description: "Where backups are stored (credentials are not shown).",
				Attributes: computedAttributes(map[string]string{
					"type":                    "`FILE`, `OSS`, `COS` or `S3`.",
					"url":                     "Directory of the backups.",
					"config_name":             "Name of the storage configuration.",
					"alarm_threshold_percent": "Alert when the storage is this full, in percent.",
					"endpoint":                "Object storage endpoint.",
					"app_id":                  "COS app id.",
					"region":                  "S3 region.",
				}, map[string]schema.Attribute{
					"type":                    schema.StringAttribute{},
					"url":                     schema.StringAttribute{CustomType: directoryType},
					"config_name":             schema.StringAttribute{},
					"alarm_threshold_percent": schema.Int64Attribute{},
					"endpoint":                schema.StringAttribute{},
					"app_id":                  schema.StringAttribute{},
					"region":                  schema.StringAttribute{},
				}),
			},
		},
	}
}

func (d *tenantBackupStrategyDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config tenantBackupStrategyDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() || !requireAPI(d.api, &resp.Diagnostics) {
		return
	}
	scope := ocpclient.BackupScope{ClusterID: config.ClusterID.ValueInt64(), TenantID: config.TenantID.ValueInt64()}
	strategy, found, err := readStrategy(ctx, d.api, scope)
	switch {
	case err != nil:
		resp.Diagnostics.AddError("Could not read the backup strategy", errorDetail(err))
		return
	case found == presenceNoStrategy:
		resp.Diagnostics.AddError("No backup strategy", found.describe(scope)+" Create one with ocp_tenant_backup_strategy.")
		return
	case found.scopeGone():
		resp.Diagnostics.AddError("Tenant not found", found.describe(scope))
		return
	}
	model, diags := strategyDataModel(ctx, scope, strategy)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, model)...)
}

func strategyDataModel(ctx context.Context, scope ocpclient.BackupScope, strategy *ocpclient.BackupStrategy) (*tenantBackupStrategyDataModel, diag.Diagnostics) {
	schedule, diags := scheduleFromOCP(ctx, strategy.ScheduleConfig, nil)
	model := &tenantBackupStrategyDataModel{
		ClusterID:       types.Int64Value(scope.ClusterID),
		TenantID:        types.Int64Value(scope.TenantID),
		ID:              types.StringValue(scopeID(scope)),
		BackupMode:      stringOrNull(strategy.BackupMode),
		ScheduleEnabled: types.BoolNull(),
		Schedule:        schedule,
		Thresholds:      thresholdsFromOCP(strategy.ThresholdConfig),
		Storage:         storageViewFromOCP(strategy.StorageConfig),
	}
	if enabled, known := strategy.ScheduleEnabled(); known {
		model.ScheduleEnabled = types.BoolValue(enabled)
	}
	return model, diags
}
