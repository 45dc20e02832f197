package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

const clusterStrategyAddr = "ocp_cluster_backup_strategy.this"

// clusterItself, as a tenant id, addresses the cluster's own strategy in the mock.
const clusterItself = 0

// clusterStrategyConfig declares cluster 1's own strategy with schedule, the cluster
// schedule that needs it, and the data source reading it back.
func clusterStrategyConfig(ocp *testOCP, schedule string) string {
	return ocp.basicProvider(testPassword) + fmt.Sprintf(`
resource "ocp_cluster_backup_strategy" "this" {
  cluster_id = %d
  schedule = {
%s
  }
  storage = {
%s
  }
}

resource "ocp_cluster_backup_schedule" "this" {
  cluster_id = ocp_cluster_backup_strategy.this.cluster_id
}

data "ocp_cluster_backup_strategy" "this" {
  cluster_id = ocp_cluster_backup_strategy.this.cluster_id
  depends_on = [ocp_cluster_backup_schedule.this]
}
`, testClusterID, schedule, fileStorage)
}

// The cluster strategy: the tenant strategy's attributes and behaviour on OCP's
// cluster-dimension endpoints, the prerequisite of the cluster schedule.
func TestAccClusterBackupStrategy_lifecycle(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{TaskPolls: 1})
	monthly := `    mode = "MONTH"
    time = "03:30+08:00"
    days = { "1" = "FULL_BACKUP" }`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: checkMock(func() error {
			if body := ocp.StrategyBody(testClusterID, 0); body != nil {
				return fmt.Errorf("the cluster strategy still exists: %v", body)
			}
			return ocp.expectCalls(ocpmock.RouteDeleteClusterStrategy, 1)
		}),
		Steps: []resource.TestStep{
			{
				Config: clusterStrategyConfig(ocp, weeklySchedule),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(clusterStrategyAddr, tfjsonpath.New("id"), knownvalue.StringExact("1")),
					statecheck.ExpectKnownValue("data.ocp_cluster_backup_strategy.this", tfjsonpath.New("schedule_enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.ocp_cluster_backup_strategy.this", tfjsonpath.New("storage").AtMapKey("url"),
						knownvalue.StringExact("/obbackup/scratch/")),
				},
				Check: checkMock(
					func() error { return ocp.expectCalls(ocpmock.RouteCreateClusterStrategy, 1) },
					func() error { return ocp.expectCalls(ocpmock.RouteStartClusterSchedule, 1) },
					ocp.expectBody(clusterItself, "WEEK", "obBackupScheduleConfig", "backupScheduleMode"),
				),
			},
			{Config: clusterStrategyConfig(ocp, weeklySchedule), PlanOnly: true},
			{
				Config: clusterStrategyConfig(ocp, monthly),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(clusterStrategyAddr, plancheck.ResourceActionUpdate),
				}},
				Check: checkMock(
					ocp.expectBody(clusterItself, "MONTH", "obBackupScheduleConfig", "backupScheduleMode"),
					func() error {
						if enabled, _ := ocp.ScheduleEnabled(testClusterID, 0); !enabled {
							return fmt.Errorf("the update stopped the cluster's scheduled backups")
						}
						return nil
					},
				),
			},
			{
				ResourceName:            clusterStrategyAddr,
				ImportState:             true,
				ImportStateId:           "1",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"schedule.time", "storage.url"},
			},
		},
	})
}
