package provider

import (
	"context"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// API is what the resources and data sources need of OCP; *ocpclient.Client
// implements it. NewWithAPI serves the provider on another implementation, and the
// unit tests on fakes.
type API interface {
	StartBackupSchedule(ctx context.Context, scope ocpclient.BackupScope) (*ocpclient.BackupOperation, error)
	StopBackupSchedule(ctx context.Context, scope ocpclient.BackupScope) (*ocpclient.BackupOperation, error)
	GetBackupStrategy(ctx context.Context, scope ocpclient.BackupScope) (*ocpclient.BackupStrategy, error)
	CreateBackupStrategy(ctx context.Context, scope ocpclient.BackupScope, strategy ocpclient.BackupStrategyConfig) (*ocpclient.BackupOperation, error)
	UpdateBackupStrategy(ctx context.Context, scope ocpclient.BackupScope, strategy ocpclient.BackupStrategyConfig) (*ocpclient.BackupOperation, error)
	DeleteBackupStrategy(ctx context.Context, scope ocpclient.BackupScope) (*ocpclient.BackupOperation, error)
	WaitForTasks(ctx context.Context, taskIDs []int64) error
	GetCluster(ctx context.Context, clusterID int64) (*ocpclient.Cluster, error)
	ListClusters(ctx context.Context, filter ocpclient.ClusterFilter) ([]ocpclient.Cluster, error)
	GetTenant(ctx context.Context, clusterID, tenantID int64) (*ocpclient.Tenant, error)
	ListTenants(ctx context.Context, filter ocpclient.TenantFilter) ([]ocpclient.Tenant, error)
	ListTenantDataBackupTasks(ctx context.Context, clusterID, tenantID int64, filter ocpclient.DataBackupTaskFilter) ([]ocpclient.DataBackupTask, error)
	ListTenantLogBackupTasks(ctx context.Context, clusterID, tenantID int64) ([]ocpclient.LogBackupTask, error)
	BackupNow(ctx context.Context, scope ocpclient.BackupScope, req ocpclient.BackupNowRequest) (*ocpclient.BackupOperation, error)
}

// waitForOperation waits for the asynchronous OCP tasks an operation lists, if any.
func waitForOperation(ctx context.Context, api API, op *ocpclient.BackupOperation) error {
	if taskIDs := op.TaskIDs(); len(taskIDs) > 0 {
		return api.WaitForTasks(ctx, taskIDs)
	}
	return nil
}
