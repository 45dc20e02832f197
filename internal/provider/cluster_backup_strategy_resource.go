package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

type clusterBackupStrategyModel struct {
	backupStrategyModel
}

func (m *clusterBackupStrategyModel) strategy() *backupStrategyModel { return &m.backupStrategyModel }

func (m *clusterBackupStrategyModel) kind() scopeKind { return clusterScope }

func (m *clusterBackupStrategyModel) scope() ocpclient.BackupScope {
	return ocpclient.BackupScope{ClusterID: m.ClusterID.ValueInt64()}
}

// NewClusterBackupStrategyResource returns the ocp_cluster_backup_strategy resource:
// the cluster-dimension twin of ocp_tenant_backup_strategy, the prerequisite of
// ocp_cluster_backup_schedule.
func NewClusterBackupStrategyResource() resource.Resource {
	return &backupStrategyResource[clusterBackupStrategyModel, *clusterBackupStrategyModel]{}
}

var (
	_ resource.ResourceWithConfigure   = (*backupStrategyResource[clusterBackupStrategyModel, *clusterBackupStrategyModel])(nil)
	_ resource.ResourceWithImportState = (*backupStrategyResource[clusterBackupStrategyModel, *clusterBackupStrategyModel])(nil)
)
