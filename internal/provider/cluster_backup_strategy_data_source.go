package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

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
