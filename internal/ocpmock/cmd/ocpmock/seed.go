package main

import (
	"fmt"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// seed is what the mock holds when it starts: the demo cluster always, and
// clusters more clusters of tenantsPerCluster tenants each.
type seed struct {
	clusters          int
	tenantsPerCluster int
}

// The most -clusters and -tenants-per-cluster may ask for, so that the ids spell
// the names (seededTenantID).
const (
	maxSeedClusters          = 99
	maxSeedTenantsPerCluster = 999
)

func (s seed) plant(mock *ocpmock.Server) {
	seedDemo(mock)
	for cluster := 1; cluster <= s.clusters; cluster++ {
		seedCluster(mock, cluster, s.tenantsPerCluster)
	}
}

// seedDemo creates the cluster and tenants that examples/ refer to. Examples,
// tests and the README's sample report use these ids: change none of them.
func seedDemo(mock *ocpmock.Server) {
	mock.AddCluster(1000005, "demo-cluster")
	mock.AddTenant(1000005, 1000012, "orders", true)
	mock.AddTenant(1000005, 1000013, "billing", true)
	// Without a strategy, as examples/tenant-backups expects; ocpprobe reads how OCP says so.
	mock.AddTenant(1000005, 1000014, "ledger", false)
	// Without a strategy too: examples/tenant-backups has its module create one that
	// outlives the module.
	mock.AddTenant(1000005, 1000015, "audit", false)
}

// seedCluster creates the number-th extra cluster and its tenants. Each tenant has
// a backup strategy; odd-numbered tenants' scheduled backups run and even-numbered
// ones' are stopped, so that configurations over them meet both states.
func seedCluster(mock *ocpmock.Server, number, tenants int) {
	clusterID := seededClusterID(number)
	mock.AddCluster(clusterID, fmt.Sprintf("cluster-%02d", number))
	for tenant := 1; tenant <= tenants; tenant++ {
		tenantID := seededTenantID(number, tenant)
		mock.AddTenant(clusterID, tenantID, fmt.Sprintf("tenant-%02d-%03d", number, tenant), true)
		mock.SetScheduleEnabled(clusterID, tenantID, tenant%2 == 1)
	}
}

// seededClusterID is the id of the number-th extra cluster: cluster-03 is 1003000.
func seededClusterID(number int) int64 {
	return 1_000_000 + int64(number)*1000
}

// seededTenantID is the id of a tenant of an extra cluster: tenant-03-007 is 1003007.
func seededTenantID(cluster, tenant int) int64 {
	return seededClusterID(cluster) + int64(tenant)
}
