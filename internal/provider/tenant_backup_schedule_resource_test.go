package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// startedScheduleChecks are the state of a schedule created by a start call.
func startedScheduleChecks(tenantID int64) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("id"),
			knownvalue.StringExact(fmt.Sprintf("%d/%d", testClusterID, tenantID))),
		statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("task_type"),
			knownvalue.StringExact("START_BACKUP_SCHEDULE")),
		statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("results"), knownvalue.ListExact([]knownvalue.Check{
			knownvalue.ObjectExact(map[string]knownvalue.Check{
				"successful": knownvalue.Bool(true),
				"objects": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
					"backup_dimension": knownvalue.StringExact("TENANT"),
					"cluster_id":       knownvalue.Int64Exact(testClusterID),
					"tenant_id":        knownvalue.Int64Exact(tenantID),
				})}),
				"task_ids":   knownvalue.ListSizeExact(0),
				"error_code": knownvalue.Null(),
				"hint":       knownvalue.Null(),
			}),
		})),
		statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("trace_id"),
			knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{16}$`))),
		statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("started_at"),
			knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$`))),
		statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("stop_on_destroy"), knownvalue.Bool(true)),
	}
}

// checkMock adapts a mock assertion to a TestCheckFunc.
func checkMock(checks ...func() error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, check := range checks {
			if err := check(); err != nil {
				return err
			}
		}
		return nil
	}
}

func TestAccTenantBackupSchedule_lifecycle(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	config := ocp.scheduleConfig(testTenantID, "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: checkMock(
			func() error { return ocp.expectSchedule(testTenantID, false) },
			func() error { return ocp.expectCalls(ocpmock.RouteStopSchedule, 1) },
		),
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: startedScheduleChecks(testTenantID),
				Check: checkMock(
					func() error { return ocp.expectCalls(ocpmock.RouteStartSchedule, 1) },
					func() error { return ocp.expectSchedule(testTenantID, true) },
				),
			},
			{
				// Re-plan: nothing to do, and no further start call.
				Config:   config,
				PlanOnly: true,
			},
			{
				ResourceName:      scheduleResourceAddr,
				ImportState:       true,
				ImportStateId:     fmt.Sprintf("%d/%d", testClusterID, testTenantID),
				ImportStateVerify: true,
				// Create-time facts describe a start call; an import made none.
				ImportStateVerifyIgnore: []string{"task_type", "results", "trace_id", "started_at"},
			},
			{
				// Drift: a DBA stops the schedule in the console; the plan turns enabled
				// back to true in place, and the apply starts them again.
				PreConfig: func() { ocp.SetScheduleEnabled(testClusterID, testTenantID, false) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(scheduleResourceAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: startedScheduleChecks(testTenantID),
				Check: checkMock(
					func() error { return ocp.expectCalls(ocpmock.RouteStartSchedule, 2) },
					func() error { return ocp.expectSchedule(testTenantID, true) },
				),
			},
		},
	})
}

func TestAccTenantBackupSchedule_importBlockAdoptsRunningSchedule(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	ocp.SetScheduleEnabled(testClusterID, testTenantID, true)
	config := ocp.scheduleConfig(testTenantID, "") + fmt.Sprintf(`
import {
  to = ocp_tenant_backup_schedule.this
  id = "%d/%d"
}
`, testClusterID, testTenantID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(scheduleResourceAddr, plancheck.ResourceActionNoop),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("id"), knownvalue.StringExact("1/11")),
				statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("stop_on_destroy"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("task_type"), knownvalue.Null()),
			},
			Check: checkMock(func() error { return ocp.expectCalls(ocpmock.RouteStartSchedule, 0) }),
		}},
	})
}

func TestAccTenantBackupSchedule_importErrors(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	tests := map[string]struct {
		id   string
		want *regexp.Regexp
	}{
		"not two ids":    {id: "11", want: errorParts("<cluster_id>/<tenant_id>", `"11"`)},
		"not numbers":    {id: "one/eleven", want: errorParts("<cluster_id>/<tenant_id>", `"one/eleven"`)},
		"zero id":        {id: "1/0", want: errorParts("positive integers", `"1/0"`)},
		"no strategy":    {id: "1/12", want: errorParts("Nothing to import", "has no backup strategy")},
		"tenant unknown": {id: "1/99", want: errorParts("Nothing to import", "OCP has no tenant 99")},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:        ocp.scheduleConfig(testTenantID, ""),
					ResourceName:  scheduleResourceAddr,
					ImportState:   true,
					ImportStateId: tt.id,
					ExpectError:   tt.want,
				}},
			})
		})
	}
}

func TestAccTenantBackupSchedule_stopOnDestroyFalseLeavesScheduleRunning(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: checkMock(
			func() error { return ocp.expectSchedule(testTenantID, true) },
			func() error { return ocp.expectCalls(ocpmock.RouteStopSchedule, 0) },
		),
		Steps: []resource.TestStep{
			{Config: ocp.scheduleConfig(testTenantID, "")},
			{
				// Updated in place: no new start call.
				Config: ocp.scheduleConfig(testTenantID, "  stop_on_destroy = false"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(scheduleResourceAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("stop_on_destroy"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("task_type"), knownvalue.StringExact("START_BACKUP_SCHEDULE")),
				},
				Check: checkMock(func() error { return ocp.expectCalls(ocpmock.RouteStartSchedule, 1) }),
			},
		},
	})
}

func TestAccTenantBackupSchedule_missingStrategy(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      ocp.scheduleConfig(testTenantNoStrategy, ""),
			ExpectError: errorParts("Tenant has no backup strategy", "Create its backup strategy first", "ocp_tenant_backup_strategy"),
		}},
	})
}

func TestAccTenantBackupSchedule_alreadyRunningIsAdopted(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	ocp.SetScheduleEnabled(testClusterID, testTenantID, true)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: ocp.scheduleConfig(testTenantID, ""),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("id"), knownvalue.StringExact("1/11")),
				statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("task_type"), knownvalue.Null()),
			},
			Check: checkMock(
				func() error { return ocp.expectCalls(ocpmock.RouteStartSchedule, 1) },
				func() error { return ocp.expectSchedule(testTenantID, true) },
			),
		}},
	})
}

func TestAccTenantBackupSchedule_wrongCredentials(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	const wrongPassword = "Wrong-7c1d-never-print"
	expectation := expectErrorWithout(t, errorParts("HTTP 401", "Bad credentials", "OCP rejected the credentials"),
		wrongPassword, testPassword)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		ErrorCheck:               expectation.check,
		Steps: []resource.TestStep{{
			Config: ocp.basicProvider(wrongPassword) + scheduleBlock(testTenantID, ""),
		}},
	})
	if err := ocp.expectSchedule(testTenantID, false); err != nil {
		t.Error(err)
	}
}

func TestAccTenantBackupSchedule_permissionDenied(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: ocp.basicProviderFor(testViewer, testPassword) + scheduleBlock(testTenantID, ""),
			ExpectError: errorParts("Could not start scheduled backups", "HTTP 403", "OCP error code 30014",
				"lacks permission"),
		}},
	})
}

func TestAccTenantBackupSchedule_throttledThenSucceeds(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	ocp.InjectFault(ocpmock.RouteStartSchedule, ocpmock.Fault{
		Status: http.StatusTooManyRequests, Header: http.Header{"Ratelimit-Reset": {"1"}}, Times: 2,
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            ocp.scheduleConfig(testTenantID, ""),
			ConfigStateChecks: startedScheduleChecks(testTenantID),
			Check: checkMock(
				func() error { return ocp.expectCalls(ocpmock.RouteStartSchedule, 3) },
				func() error { return ocp.expectSchedule(testTenantID, true) },
			),
		}},
	})
}

func TestAccTenantBackupSchedule_objectFailureShowsHint(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	ocp.InjectFault(ocpmock.RouteStartSchedule, ocpmock.Fault{Status: http.StatusOK, Body: `{
  "successful": true, "status": 200, "duration": 12, "server": "mock-ocp-1",
  "timestamp": "2026-11-24T10:07:58.026+08:00", "traceId": "feedc0de00000001",
  "data": {"obBackupTaskType": "START_BACKUP_SCHEDULE", "backupObjectOpsResultList": [{
    "beSuccessful": false, "hint": "Backup destination /obbackup/orders is not writable",
    "errorCode": {"code": 83018, "name": "BACKUP_DEST_NOT_WRITABLE"},
    "obBackupObjectList": [{"backupDimension": "TENANT", "clusterId": 1, "tenantId": 11}]}]}}`})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: ocp.scheduleConfig(testTenantID, ""),
			ExpectError: errorParts("Could not start scheduled backups", "/obbackup/orders is not writable",
				"BACKUP_DEST_NOT_WRITABLE", "traceId feedc0de00000001"),
		}},
	})
}

func TestAccTenantBackupSchedule_tenantDeletedOutOfBand(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	config := ocp.scheduleConfig(testTenantID, "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		// The tenant is gone, so destroy has nothing to stop and must not try.
		CheckDestroy: checkMock(func() error { return ocp.expectCalls(ocpmock.RouteStopSchedule, 0) }),
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig:          func() { ocp.DeleteTenant(testClusterID, testTenantID) },
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				RefreshPlanChecks: resource.RefreshPlanChecks{PostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(scheduleResourceAddr, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

func TestAccTenantBackupSchedule_strategyWithoutScheduleFieldIsKept(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{OmitScheduleEnabled: true})
	config := ocp.scheduleConfig(testTenantID, "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		// stopSchedule answers 409 "already stopped": destroy must accept that.
		CheckDestroy: checkMock(func() error { return ocp.expectCalls(ocpmock.RouteStopSchedule, 1) }),
		Steps: []resource.TestStep{
			{Config: config},
			{
				// OCP's answer cannot say it stopped, so no re-create may be planned.
				PreConfig: func() { ocp.SetScheduleEnabled(testClusterID, testTenantID, false) },
				Config:    config,
				PlanOnly:  true,
			},
		},
	})
}

func TestAccTenantBackupSchedule_accessKeyAuth(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkMock(func() error { return ocp.expectSchedule(testOtherTenantID, false) }),
		Steps: []resource.TestStep{{
			Config:            ocp.accessKeyProvider() + scheduleBlock(testOtherTenantID, ""),
			ConfigStateChecks: startedScheduleChecks(testOtherTenantID),
			Check:             checkMock(func() error { return ocp.expectSchedule(testOtherTenantID, true) }),
		}},
	})
}

func TestAccTenantBackupSchedule_asyncTasks(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{TaskPolls: 2})
	config := ocp.scheduleConfig(testTenantID, "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: checkMock(
			func() error { return ocp.expectSchedule(testTenantID, false) },
			// Two reads while RUNNING and one SUCCESSFUL, for start and for stop.
			func() error { return ocp.expectCalls(ocpmock.RouteGetTask, 6) },
		),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("task_ids"),
					knownvalue.ListSizeExact(1)),
			},
			Check: checkMock(func() error { return ocp.expectCalls(ocpmock.RouteGetTask, 3) }),
		}},
	})
}

func TestAccTenantBackupSchedule_failedTaskTaintsButKeepsSchedule(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{TaskPolls: 1})
	ocp.FailNextTasks("archive log destination full")
	config := ocp.scheduleConfig(testTenantID, "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: errorParts("were started, but OCP's task did not finish", "archive log destination full"),
			},
			{
				// The started schedule is in state, tainted: the next apply replaces it.
				PreConfig: func() { ocp.FailNextTasks("") },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(scheduleResourceAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: checkMock(
					func() error { return ocp.expectCalls(ocpmock.RouteStopSchedule, 1) },
					func() error { return ocp.expectCalls(ocpmock.RouteStartSchedule, 2) },
					func() error { return ocp.expectSchedule(testTenantID, true) },
				),
			},
		},
	})
}

func TestAccTenantBackupSchedule_rejectsNonPositiveIDsAtPlan(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      ocp.scheduleConfig(0, ""),
			PlanOnly:    true,
			ExpectError: errorParts("tenant_id", "must be at least 1"),
		}},
	})
	if err := ocp.expectCalls(ocpmock.RouteStartSchedule, 0); err != nil {
		t.Error(err)
	}
}

// enabled = false stops the scheduled backups and keeps the resource; true starts
// them again and records that start call; a stopped schedule imports as disabled.
func TestAccTenantBackupSchedule_enabledPausesInPlace(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	ocp.SetScheduleEnabled(testClusterID, testTenantID, true)
	paused := ocp.scheduleConfig(testTenantID, "  enabled = false")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkMock(func() error { return ocp.expectSchedule(testTenantID, false) }),
		Steps: []resource.TestStep{
			{
				// Declared paused while OCP runs them: the create stops them.
				Config: paused,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("enabled"), knownvalue.Bool(false)),
				},
				Check: checkMock(
					func() error { return ocp.expectSchedule(testTenantID, false) },
					func() error { return ocp.expectCalls(ocpmock.RouteStartSchedule, 0) },
				),
			},
			{Config: paused, PlanOnly: true},
			{
				ResourceName:      scheduleResourceAddr,
				ImportState:       true,
				ImportStateId:     fmt.Sprintf("%d/%d", testClusterID, testTenantID),
				ImportStateVerify: true,
			},
			{
				Config: ocp.scheduleConfig(testTenantID, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(scheduleResourceAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: startedScheduleChecks(testTenantID),
				Check: checkMock(
					func() error { return ocp.expectSchedule(testTenantID, true) },
					func() error { return ocp.expectCalls(ocpmock.RouteStartSchedule, 1) },
				),
			},
			{
				Config: paused,
				Check: checkMock(
					func() error { return ocp.expectSchedule(testTenantID, false) },
					func() error { return ocp.expectCalls(ocpmock.RouteStopSchedule, 2) },
				),
			},
		},
	})
}
