// Command noopprovider serves the OCP provider with an API that answers at once and
// does no I/O: the floor any terraform-plugin-framework provider with this schema
// can reach. The benchmark compares the real provider against it.
package main

import (
	"context"
	"log"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
	"github.com/ocp-tf/terraform-provider-ocp/internal/process"
	"github.com/ocp-tf/terraform-provider-ocp/internal/provider"
)

func main() {
	process.Prepare()
	// Served as main serves the provider, so that the floor has the same plugin machinery.
	err := process.Serve("registry.terraform.io/ocp-tf/ocp", provider.NewWithAPI("bench", noopAPI{}), false)
	if err != nil {
		log.Fatal(err)
	}
}

// noopAPI reports every schedule as started and running.
type noopAPI struct{}

func (noopAPI) StartBackupSchedule(_ context.Context, scope ocpclient.BackupScope) (*ocpclient.BackupOperation, error) {
	return operation("START_BACKUP_SCHEDULE", scope), nil
}

func (noopAPI) StopBackupSchedule(_ context.Context, scope ocpclient.BackupScope) (*ocpclient.BackupOperation, error) {
	return operation("STOP_BACKUP_SCHEDULE", scope), nil
}

func (noopAPI) GetBackupStrategy(context.Context, ocpclient.BackupScope) (*ocpclient.BackupStrategy, error) {
	running := true
	return &ocpclient.BackupStrategy{BackupStrategyConfig: ocpclient.BackupStrategyConfig{
		ScheduleConfig: &ocpclient.BackupScheduleConfig{ScheduleEnabled: &running},
	}}, nil
}

func (noopAPI) CreateBackupStrategy(_ context.Context, scope ocpclient.BackupScope, _ ocpclient.BackupStrategyConfig) (*ocpclient.BackupOperation, error) {
	return operation("CREATE_BACKUP_STRATEGY", scope), nil
}

func (noopAPI) UpdateBackupStrategy(_ context.Context, scope ocpclient.BackupScope, _ ocpclient.BackupStrategyConfig) (*ocpclient.BackupOperation, error) {
	return operation("UPDATE_BACKUP_STRATEGY", scope), nil
}

func (noopAPI) DeleteBackupStrategy(_ context.Context, scope ocpclient.BackupScope) (*ocpclient.BackupOperation, error) {
	return operation("DELETE_BACKUP_STRATEGY", scope), nil
}

func (noopAPI) WaitForTasks(context.Context, []int64) error { return nil }

func (noopAPI) BackupNow(_ context.Context, scope ocpclient.BackupScope, _ ocpclient.BackupNowRequest) (*ocpclient.BackupOperation, error) {
	return operation("DATA_BACKUP_NOW", scope), nil
}

func (noopAPI) GetCluster(_ context.Context, id int64) (*ocpclient.Cluster, error) {
	return &ocpclient.Cluster{ID: id}, nil
}

func (noopAPI) ListClusters(context.Context, ocpclient.ClusterFilter) ([]ocpclient.Cluster, error) {
	return nil, nil
}

func (noopAPI) GetTenant(_ context.Context, clusterID, tenantID int64) (*ocpclient.Tenant, error) {
	return &ocpclient.Tenant{ID: tenantID, ClusterID: clusterID}, nil
}

func (noopAPI) ListTenants(context.Context, ocpclient.TenantFilter) ([]ocpclient.Tenant, error) {
	return nil, nil
}

func (noopAPI) ListTenantDataBackupTasks(context.Context, int64, int64, ocpclient.DataBackupTaskFilter) ([]ocpclient.DataBackupTask, error) {
	return nil, nil
}

func (noopAPI) ListTenantLogBackupTasks(context.Context, int64, int64) ([]ocpclient.LogBackupTask, error) {
	return nil, nil
}

func operation(taskType string, scope ocpclient.BackupScope) *ocpclient.BackupOperation {
	return &ocpclient.BackupOperation{BackupCommonResponse: ocpclient.BackupCommonResponse{
		TaskType: taskType,
		Results: []ocpclient.BackupObjectOpsResult{{Successful: true, Objects: []ocpclient.BackupObject{
			{BackupDimension: "TENANT", ClusterID: scope.ClusterID, TenantID: scope.TenantID},
		}}},
	}}
}
