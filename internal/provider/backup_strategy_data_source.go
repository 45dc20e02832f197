package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// ocp_tenant_backup_strategy and ocp_cluster_backup_strategy read what OCP holds;
// both are backupStrategyDataSource, told apart by their scopeKind.

// strategyDataModel holds the computed attributes of both strategy data sources:
// what Read writes beside the configured ids.
type strategyDataModel struct {
	ID              types.String             `tfsdk:"id"`
	BackupMode      types.String             `tfsdk:"backup_mode"`
	ScheduleEnabled types.Bool               `tfsdk:"schedule_enabled"`
	Schedule        *strategyScheduleModel   `tfsdk:"schedule"`
	Thresholds      *strategyThresholdsModel `tfsdk:"thresholds"`
	Storage         *strategyStorageView     `tfsdk:"storage"`
}

// NewTenantBackupStrategyDataSource returns the ocp_tenant_backup_strategy data source.
func NewTenantBackupStrategyDataSource() datasource.DataSource {
	return &backupStrategyDataSource{kind: tenantScope}
}

// NewClusterBackupStrategyDataSource returns the ocp_cluster_backup_strategy data source.
func NewClusterBackupStrategyDataSource() datasource.DataSource {
	return &backupStrategyDataSource{kind: clusterScope}
}

// backupStrategyDataSource implements both strategy data sources; kind says which.
type backupStrategyDataSource struct {
	dataSourceAPI
	kind scopeKind
}

func (d *backupStrategyDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.kind.noun + "_backup_strategy"
}

func (d *backupStrategyDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	kind := d.kind
	attributes := strategyDataSourceAttributes()
	attributes["cluster_id"] = schema.Int64Attribute{Required: true, Description: "OCP id of the cluster."}
	if kind.tenant {
		attributes["tenant_id"] = schema.Int64Attribute{Required: true, Description: "OCP id of the tenant."}
	}
	attributes["id"] = schema.StringAttribute{Computed: true, Description: "`" + kind.idForm + "`."}
	attributes["schedule_enabled"] = schema.BoolAttribute{Computed: true,
		Description: "Whether scheduled backups run (null when OCP does not say)."}
	resp.Schema = schema.Schema{
		Description: fmt.Sprintf("Reads a %s's backup strategy from OCP, without the storage secret.", kind.noun),
		Attributes:  attributes,
	}
}

func (d *backupStrategyDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	scope, _ := d.kind.scopeIn(ctx, req.Config, &resp.Diagnostics) // read with known ids only
	if resp.Diagnostics.HasError() || !requireAPI(d.api, &resp.Diagnostics) {
		return
	}
	strategy, found, err := readStrategy(ctx, d.api, scope)
	switch {
	case err != nil:
		resp.Diagnostics.AddError("Could not read the backup strategy", errorDetail(err))
		return
	case found == presenceNoStrategy:
		resp.Diagnostics.AddError("No backup strategy", found.describe(scope)+
			fmt.Sprintf(" Create one with the strategy of an ocp_%s_backup_schedule, or in OCP's console.", d.kind.noun))
		return
	case found.scopeGone():
		found.addNotFound(&resp.Diagnostics, scope, "Look the ids up with the ocp_cluster and ocp_tenant data sources.")
		return
	}
	var data strategyDataModel
	resp.Diagnostics.Append(data.fill(ctx, scope, strategy)...)
	resp.State.Raw = req.Config.Raw
	resp.Diagnostics.Append(data.writeTo(ctx, &resp.State)...)
}

// writeTo sets the data source's computed attributes in state, beside its ids.
func (m *strategyDataModel) writeTo(ctx context.Context, state *tfsdk.State) diag.Diagnostics {
	diags := state.SetAttribute(ctx, path.Root("id"), m.ID)
	diags.Append(state.SetAttribute(ctx, path.Root("backup_mode"), m.BackupMode)...)
	diags.Append(state.SetAttribute(ctx, path.Root("schedule_enabled"), m.ScheduleEnabled)...)
	diags.Append(state.SetAttribute(ctx, path.Root("schedule"), m.Schedule)...)
	diags.Append(state.SetAttribute(ctx, path.Root("thresholds"), m.Thresholds)...)
	diags.Append(state.SetAttribute(ctx, path.Root("storage"), m.Storage)...)
	return diags
}

// fill takes what OCP holds for the scope.
func (m *strategyDataModel) fill(ctx context.Context, scope ocpclient.BackupScope, strategy *ocpclient.BackupStrategy) diag.Diagnostics {
	var diags diag.Diagnostics
	m.Schedule, diags = scheduleFromOCP(ctx, strategy.ScheduleConfig, nil)
	m.ID = types.StringValue(scopeID(scope))
	m.BackupMode = stringOrNull(strategy.BackupMode)
	m.ScheduleEnabled = types.BoolNull()
	m.Thresholds = thresholdsFromOCP(strategy.ThresholdConfig)
	m.Storage = storageViewFromOCP(strategy.StorageConfig)
	if enabled, known := strategy.ScheduleEnabled(); known {
		m.ScheduleEnabled = types.BoolValue(enabled)
	}
	return diags
}
