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

func (d *tenantBackupStrategyDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := strategyDataSourceAttributes()
	attributes["cluster_id"] = schema.Int64Attribute{Required: true, Description: "OCP id of the cluster."}
	attributes["tenant_id"] = schema.Int64Attribute{Required: true, Description: "OCP id of the tenant."}
	attributes["id"] = schema.StringAttribute{Computed: true, Description: "`<cluster_id>/<tenant_id>`."}
	attributes["schedule_enabled"] = schema.BoolAttribute{Computed: true,
		Description: "Whether scheduled backups run (null when OCP does not say)."}
	resp.Schema = schema.Schema{
		Description: "Reads a tenant's backup strategy from OCP, without storage credentials.",
		Attributes:  attributes,
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
		found.addNotFound(&resp.Diagnostics, scope, "Look the ids up with the ocp_cluster and ocp_tenant data sources.")
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
