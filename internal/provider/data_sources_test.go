package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccClusterAndTenantDataSources(t *testing.T) {
	ocp := newLookupOCP(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: ocp.basicProvider(testPassword) + `
data "ocp_cluster" "by_name" {
  name = "prod"
}

data "ocp_cluster" "by_id" {
  id = 4
}

data "ocp_tenant" "by_name" {
  cluster_id = data.ocp_cluster.by_name.id
  name       = "orders"
}

data "ocp_tenant" "by_id" {
  cluster_id = 3
  id         = 32
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.ocp_cluster.by_name", tfjsonpath.New("id"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue("data.ocp_cluster.by_name", tfjsonpath.New("status"), knownvalue.StringExact("RUNNING")),
				statecheck.ExpectKnownValue("data.ocp_cluster.by_id", tfjsonpath.New("name"), knownvalue.StringExact("prod-dr")),
				statecheck.ExpectKnownValue("data.ocp_tenant.by_name", tfjsonpath.New("id"), knownvalue.Int64Exact(31)),
				statecheck.ExpectKnownValue("data.ocp_tenant.by_name", tfjsonpath.New("cluster_name"), knownvalue.StringExact("prod")),
				statecheck.ExpectKnownValue("data.ocp_tenant.by_id", tfjsonpath.New("name"), knownvalue.StringExact("orders_archive")),
				statecheck.ExpectKnownValue("data.ocp_tenant.by_id", tfjsonpath.New("mode"), knownvalue.StringExact("MYSQL")),
			},
		}},
	})
}

func TestAccLookupErrors(t *testing.T) {
	ocp := newLookupOCP(t)
	tests := map[string]struct {
		config string
		want   []string
	}{
		"no such cluster": {`data "ocp_cluster" "x" { name = "pro" }`,
			[]string{"Cluster not found", `no cluster named exactly "pro"`, `"prod" (id 3)`}},
		"two clusters of one name": {`data "ocp_cluster" "x" { name = "twin" }`,
			[]string{"more than one cluster is named \"twin\"", "ids 5, 6"}},
		"both id and name": {`data "ocp_cluster" "x" {
  id   = 3
  name = "prod"
}`, []string{"Invalid Attribute Combination"}},
		"unknown cluster id": {`data "ocp_cluster" "x" { id = 77 }`, []string{"Cluster not found", "HTTP 404"}},
		"no such tenant": {`data "ocp_tenant" "x" {
  cluster_id = 3
  name       = "order"
}`, []string{"Tenant not found", `"orders" (id 31)`}},
		"no strategy": {`data "ocp_tenant_backup_strategy" "x" {
  cluster_id = 3
  tenant_id  = 32
}`, []string{"No backup strategy", "tenant 32 in cluster 3"}},
		"bad time filter": {`data "ocp_tenant_backup_tasks" "x" {
  cluster_id = 3
  tenant_id  = 31
  start_time = "yesterday"
}`, []string{"Invalid RFC3339 String Value", "start_time", "yesterday"}},
		// The type refuses at validation a date that only looks like one.
		"impossible date": {`data "ocp_tenant_backup_tasks" "x" {
  cluster_id = 3
  tenant_id  = 31
  end_time   = "2024-13-45T00:00:00Z"
}`, []string{"Invalid RFC3339 String Value", "end_time", "2024-13-45"}},
		"bad status filter": {`data "ocp_tenant_backup_tasks" "x" {
  cluster_id = 3
  tenant_id  = 31
  statuses   = ["SUCCESS"]
}`, []string{"statuses", "DONE"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      ocp.basicProvider(testPassword) + tt.config,
					ExpectError: errorParts(tt.want...),
				}},
			})
		})
	}
}

func TestAccTenantBackupStrategyAndTasksDataSources(t *testing.T) {
	ocp := newLookupOCP(t)
	ocp.SetScheduleEnabled(3, 31, true)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: ocp.basicProvider(testPassword) + `
data "ocp_tenant_backup_strategy" "orders" {
  cluster_id = 3
  tenant_id  = 31
}

data "ocp_tenant_backup_tasks" "all" {
  cluster_id = 3
  tenant_id  = 31
}

data "ocp_tenant_backup_tasks" "failed_recently" {
  cluster_id = 3
  tenant_id  = 31
  statuses   = ["FAILED"]
  start_time = "2026-11-21T00:00:00Z"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.ocp_tenant_backup_strategy.orders", tfjsonpath.New("schedule_enabled"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.ocp_tenant_backup_strategy.orders", tfjsonpath.New("schedule"), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"mode": knownvalue.StringExact("WEEK"),
					"time": knownvalue.StringExact("02:00+08:00"),
					"days": knownvalue.MapExact(map[string]knownvalue.Check{
						"1": knownvalue.StringExact("FULL_BACKUP"), "4": knownvalue.StringExact("INCREMENTAL_BACKUP"),
					}),
				})),
				statecheck.ExpectKnownValue("data.ocp_tenant_backup_strategy.orders", tfjsonpath.New("storage"), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"type": knownvalue.StringExact("FILE"),
					"url":  knownvalue.StringExact("/obbackup"),
				})),
				statecheck.ExpectKnownValue("data.ocp_tenant_backup_tasks.all", tfjsonpath.New("tasks"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.ocp_tenant_backup_tasks.failed_recently", tfjsonpath.New("tasks"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"task_id":       knownvalue.Int64Exact(902),
						"status":        knownvalue.StringExact("FAILED"),
						"kind":          knownvalue.StringExact("INCREMENTAL_BACKUP"),
						"error_message": knownvalue.StringExact("disk quota exceeded"),
					}),
				})),
			},
		}},
	})
}

// The whole lifecycle by name: look up the cluster and tenant, create the strategy,
// start its schedule, and read the tenant's recent tasks.
func TestAccComposition_byName(t *testing.T) {
	ocp := newLookupOCP(t)
	config := ocp.basicProvider(testPassword) + fmt.Sprintf(`
data "ocp_cluster" "prod" {
  name = "prod"
}

data "ocp_tenant" "archive" {
  cluster_id = data.ocp_cluster.prod.id
  name       = "orders_archive"
}

resource "ocp_tenant_backup_schedule" "archive" {
  cluster_id = data.ocp_tenant.archive.cluster_id
  tenant_id  = data.ocp_tenant.archive.id
  strategy = {
    schedule = {
%s
    }
    storage = {
%s
    }
  }
}

data "ocp_tenant_backup_tasks" "archive" {
  cluster_id = ocp_tenant_backup_schedule.archive.cluster_id
  tenant_id  = ocp_tenant_backup_schedule.archive.tenant_id
}
`, weeklySchedule, fileStorage)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: checkMock(func() error {
			if body := ocp.StrategyBody(3, 32); body != nil {
				return fmt.Errorf("strategy left behind: %v", body)
			}
			return nil
		}),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("ocp_tenant_backup_schedule.archive", tfjsonpath.New("id"), knownvalue.StringExact("3/32")),
					statecheck.ExpectKnownValue("data.ocp_tenant_backup_tasks.archive", tfjsonpath.New("tasks"), knownvalue.ListSizeExact(0)),
				},
				Check: checkMock(func() error {
					if enabled, _ := ocp.ScheduleEnabled(3, 32); !enabled {
						return fmt.Errorf("the archive tenant's backups do not run")
					}
					return nil
				}),
			},
			{Config: config, PlanOnly: true},
		},
	})
}
