package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// ocp_tenant_backup_strategy and ocp_cluster_backup_strategy read what OCP holds;
// both are backupStrategyDataSource, and their models below differ in their ids
// and scopeKind.

// strategyDataModel holds the attributes both strategy data sources have.
type strategyDataModel struct {
	ClusterID       types.Int64              `tfsdk:"cluster_id"`
	ID              types.String             `tfsdk:"id"`
	BackupMode      types.String             `tfsdk:"backup_mode"`
	ScheduleEnabled types.Bool               `tfsdk:"schedule_enabled"`
	Schedule        *strategyScheduleModel   `tfsdk:"schedule"`
	Thresholds      *strategyThresholdsModel `tfsdk:"thresholds"`
	Storage         *strategyStorageView     `tfsdk:"storage"`
}

type tenantStrategyDataModel struct {
	strategyDataModel
	TenantID types.Int64 `tfsdk:"tenant_id"`
}

func (m *tenantStrategyDataModel) data() *strategyDataModel { return &m.strategyDataModel }

func (m *tenantStrategyDataModel) kind() scopeKind { return tenantScope }

func (m *tenantStrategyDataModel) scope() ocpclient.BackupScope {
	return ocpclient.BackupScope{ClusterID: m.ClusterID.ValueInt64(), TenantID: m.TenantID.ValueInt64()}
}

// NewTenantBackupStrategyDataSource returns the ocp_tenant_backup_strategy data source.
func NewTenantBackupStrategyDataSource() datasource.DataSource {
	return &backupStrategyDataSource[tenantStrategyDataModel, *tenantStrategyDataModel]{}
}

type clusterStrategyDataModel struct {
	strategyDataModel
}

func (m *clusterStrategyDataModel) data() *strategyDataModel { return &m.strategyDataModel }

func (m *clusterStrategyDataModel) kind() scopeKind { return clusterScope }

func (m *clusterStrategyDataModel) scope() ocpclient.BackupScope {
	return ocpclient.BackupScope{ClusterID: m.ClusterID.ValueInt64()}
}

// NewClusterBackupStrategyDataSource returns the ocp_cluster_backup_strategy data source.
func NewClusterBackupStrategyDataSource() datasource.DataSource {
	return &backupStrategyDataSource[clusterStrategyDataModel, *clusterStrategyDataModel]{}
}

// strategyDataSourceModel is a strategy data source's whole model.
type strategyDataSourceModel interface {
	data() *strategyDataModel
	scoped
}

type strategyDataSourceModelPtr[M any] interface {
	*M
	strategyDataSourceModel
}

// backupStrategyDataSource implements both strategy data sources; M is the model.
type backupStrategyDataSource[M any, P strategyDataSourceModelPtr[M]] struct {
	dataSourceAPI
}

func (d *backupStrategyDataSource[M, P]) kind() scopeKind { return kindOf[M, P]() }

func (d *backupStrategyDataSource[M, P]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.kind().noun + "_backup_strategy"
}

func (d *backupStrategyDataSource[M, P]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	kind := d.kind()
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

func (d *backupStrategyDataSource[M, P]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model M
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() || !requireAPI(d.api, &resp.Diagnostics) {
		return
	}
	scope := P(&model).scope()
	strategy, found, err := readStrategy(ctx, d.api, scope)
	switch {
	case err != nil:
		resp.Diagnostics.AddError("Could not read the backup strategy", errorDetail(err))
		return
	case found == presenceNoStrategy:
		resp.Diagnostics.AddError("No backup strategy", found.describe(scope)+
			fmt.Sprintf(" Create one with the strategy of an ocp_%s_backup_schedule, or in OCP's console.", d.kind().noun))
		return
	case found.scopeGone():
		found.addNotFound(&resp.Diagnostics, scope, "Look the ids up with the ocp_cluster and ocp_tenant data sources.")
		return
	}
	resp.Diagnostics.Append(P(&model).data().fill(ctx, scope, strategy)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
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
