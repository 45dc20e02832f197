package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

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
