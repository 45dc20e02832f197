package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

type tenantBackupScheduleModel struct {
	backupScheduleModel
	TenantID types.Int64 `tfsdk:"tenant_id"`
}

func (m *tenantBackupScheduleModel) shared() *backupScheduleModel { return &m.backupScheduleModel }

func (m *tenantBackupScheduleModel) kind() scopeKind { return tenantScope }

func (m *tenantBackupScheduleModel) scope() ocpclient.BackupScope {
	return ocpclient.BackupScope{ClusterID: m.ClusterID.ValueInt64(), TenantID: m.TenantID.ValueInt64()}
}

// NewTenantBackupScheduleResource returns the ocp_tenant_backup_schedule resource.
func NewTenantBackupScheduleResource() resource.Resource {
	return &backupScheduleResource[tenantBackupScheduleModel, *tenantBackupScheduleModel]{}
}

var (
	_ resource.ResourceWithConfigure    = (*backupScheduleResource[tenantBackupScheduleModel, *tenantBackupScheduleModel])(nil)
	_ resource.ResourceWithImportState  = (*backupScheduleResource[tenantBackupScheduleModel, *tenantBackupScheduleModel])(nil)
	_ resource.ResourceWithUpgradeState = (*backupScheduleResource[tenantBackupScheduleModel, *tenantBackupScheduleModel])(nil)
	_ resource.ResourceWithModifyPlan   = (*backupScheduleResource[tenantBackupScheduleModel, *tenantBackupScheduleModel])(nil)
)
