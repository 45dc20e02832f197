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

const clusterScheduleAddr = "ocp_cluster_backup_schedule.this"

// expectClusterSchedule fails unless the cluster's own scheduled backups run
// (want) or do not.
func (o *testOCP) expectClusterSchedule(clusterID int64, want bool) func() error {
	return func() error {
		if enabled, _ := o.ScheduleEnabled(clusterID, 0); enabled != want {
			return fmt.Errorf("cluster %d schedule enabled = %v, want %v", clusterID, enabled, want)
		}
		return nil
	}
}

func clusterScheduleConfig(ocp *testOCP, clusterID int64) string {
	return ocp.basicProvider(testPassword) + fmt.Sprintf(`
resource "ocp_cluster_backup_schedule" "this" {
  cluster_id = %d
}
`, clusterID)
}

func TestAccClusterBackupSchedule_lifecycle(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	config := clusterScheduleConfig(ocp, testStrategyClusterID)
	expectRunning := func(want bool) func() error { return ocp.expectClusterSchedule(testStrategyClusterID, want) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: checkMock(expectRunning(false),
			func() error { return ocp.expectCalls(ocpmock.RouteStopClusterSchedule, 1) }),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(clusterScheduleAddr, tfjsonpath.New("id"), knownvalue.StringExact("2")),
					statecheck.ExpectKnownValue(clusterScheduleAddr, tfjsonpath.New("task_type"), knownvalue.StringExact("START_BACKUP_SCHEDULE")),
					statecheck.ExpectKnownValue(clusterScheduleAddr, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("objects"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
							"backup_dimension": knownvalue.StringExact("CLUSTER"),
							"cluster_id":       knownvalue.Int64Exact(testStrategyClusterID),
							"tenant_id":        knownvalue.Null(),
						})})),
				},
				Check: checkMock(expectRunning(true),
					func() error { return ocp.expectCalls(ocpmock.RouteStartClusterSchedule, 1) },
					// The tenant endpoints are not touched.
					func() error { return ocp.expectCalls(ocpmock.RouteStartSchedule, 0) }),
			},
			{Config: config, PlanOnly: true},
			{
				ResourceName:            clusterScheduleAddr,
				ImportState:             true,
				ImportStateId:           "2",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"task_type", "results", "trace_id", "started_at"},
			},
			{
				PreConfig: func() { ocp.SetScheduleEnabled(testStrategyClusterID, 0, false) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(clusterScheduleAddr, plancheck.ResourceActionUpdate),
				}},
				Check: checkMock(expectRunning(true),
					func() error { return ocp.expectCalls(ocpmock.RouteStartClusterSchedule, 2) }),
			},
		},
	})
}

func TestAccClusterBackupSchedule_errors(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      clusterScheduleConfig(ocp, testClusterID),
				ExpectError: errorParts("Cluster has no backup strategy", "The cluster 1 has no backup strategy"),
			},
			{
				Config:        clusterScheduleConfig(ocp, testStrategyClusterID),
				ResourceName:  clusterScheduleAddr,
				ImportState:   true,
				ImportStateId: "2/11",
				ExpectError:   errorParts("<cluster_id>", `"2/11"`),
			},
			{
				Config:      clusterScheduleConfig(ocp, 99),
				ExpectError: errorParts("Cluster not found", "OCP has no cluster 99"),
			},
		},
	})
}

// The cluster twin carries its strategy too: one create makes the cluster's
// strategy and starts its backups; destroy stops them and deletes the strategy.
func TestAccClusterBackupSchedule_carriedStrategy(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	config := ocp.basicProvider(testPassword) + fmt.Sprintf(`
resource "ocp_cluster_backup_schedule" "this" {
  cluster_id = %d
%s}
`, testClusterID, carriedStrategy("/obbackup/cluster", ""))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: checkMock(
			func() error { return ocp.expectCalls(ocpmock.RouteStopClusterSchedule, 1) },
			func() error { return ocp.expectCalls(ocpmock.RouteDeleteClusterStrategy, 1) },
			ocp.expectNoStrategy(0),
		),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: checkMock(
					func() error { return ocp.expectCalls(ocpmock.RouteCreateClusterStrategy, 1) },
					func() error { return ocp.expectCalls(ocpmock.RouteStartClusterSchedule, 1) },
					ocp.expectClusterSchedule(testClusterID, true),
					// The tenant endpoints are not touched.
					func() error { return ocp.expectCalls(ocpmock.RouteCreateStrategy, 0) },
				),
			},
			{Config: config, PlanOnly: true},
		},
	})
}
