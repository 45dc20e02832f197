package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

type tenantBackupStrategyModel struct {
	backupStrategyModel
	TenantID types.Int64 `tfsdk:"tenant_id"`
}

func (m *tenantBackupStrategyModel) strategy() *backupStrategyModel { return &m.backupStrategyModel }

func (m *tenantBackupStrategyModel) kind() scopeKind { return tenantScope }

func (m *tenantBackupStrategyModel) scope() ocpclient.BackupScope {
	return ocpclient.BackupScope{ClusterID: m.ClusterID.ValueInt64(), TenantID: m.TenantID.ValueInt64()}
}

// NewTenantBackupStrategyResource returns the ocp_tenant_backup_strategy resource.
func NewTenantBackupStrategyResource() resource.Resource {
	return &backupStrategyResource[tenantBackupStrategyModel, *tenantBackupStrategyModel]{}
}

var (
	_ resource.ResourceWithConfigure   = (*backupStrategyResource[tenantBackupStrategyModel, *tenantBackupStrategyModel])(nil)
	_ resource.ResourceWithImportState = (*backupStrategyResource[tenantBackupStrategyModel, *tenantBackupStrategyModel])(nil)
)
