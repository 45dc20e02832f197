package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

type clusterBackupScheduleModel struct {
	backupScheduleModel
}

func (m *clusterBackupScheduleModel) shared() *backupScheduleModel { return &m.backupScheduleModel }

func (m *clusterBackupScheduleModel) kind() scopeKind { return clusterScope }

func (m *clusterBackupScheduleModel) scope() ocpclient.BackupScope {
	return ocpclient.BackupScope{ClusterID: m.ClusterID.ValueInt64()}
}

// NewClusterBackupScheduleResource returns the ocp_cluster_backup_schedule resource:
// the cluster-dimension twin of ocp_tenant_backup_schedule.
func NewClusterBackupScheduleResource() resource.Resource {
	return &backupScheduleResource[clusterBackupScheduleModel, *clusterBackupScheduleModel]{}
}

var (
	_ resource.ResourceWithConfigure    = (*backupScheduleResource[clusterBackupScheduleModel, *clusterBackupScheduleModel])(nil)
	_ resource.ResourceWithImportState  = (*backupScheduleResource[clusterBackupScheduleModel, *clusterBackupScheduleModel])(nil)
	_ resource.ResourceWithUpgradeState = (*backupScheduleResource[clusterBackupScheduleModel, *clusterBackupScheduleModel])(nil)
	_ resource.ResourceWithModifyPlan   = (*backupScheduleResource[clusterBackupScheduleModel, *clusterBackupScheduleModel])(nil)
)
