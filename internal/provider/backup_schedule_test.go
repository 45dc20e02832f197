package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

func TestScheduleRead_warningsSayWhatTheNextApplyDoes(t *testing.T) {
	stopped := false
	cases := map[string]struct {
		api         fakeAPI
		wantRemoved bool
		want        []string
		forbidden   []string
	}{
		// Kept, with enabled = false: the plan shows enabled going back to true.
		"stopped in the console": {api: fakeAPI{strategy: strategyWithFlag(&stopped)}},
		"strategy deleted": {api: fakeAPI{strategyErr: ocpError(404, "10002")}, wantRemoved: true,
			want: []string{"has no backup strategy", "only once the tenant has a backup strategy"}},
		"tenant deleted": {api: fakeAPI{strategyErr: ocpError(400, "60002"), tenantErr: ocpError(400, "60002")}, wantRemoved: true,
			want:      []string{"OCP has no tenant 11 in cluster 1", "remove the resource from the configuration"},
			forbidden: []string{"starts the scheduled backups again"}},
		"flag not reported": {api: fakeAPI{strategy: strategyWithFlag(nil)},
			want: []string{"backupScheduleEnabled", "cannot be detected"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resp := readSchedule(t, &tc.api)
			if resp.Diagnostics.HasError() {
				t.Fatalf("unexpected error: %v", resp.Diagnostics)
			}
			if removed := resp.State.Raw.IsNull(); removed != tc.wantRemoved {
				t.Errorf("removed from state = %v, want %v", removed, tc.wantRemoved)
			}
			warnings := warningsOf(resp.Diagnostics)
			for _, part := range tc.want {
				if !strings.Contains(warnings, part) {
					t.Errorf("warnings lack %q:\n%s", part, warnings)
				}
			}
			for _, part := range tc.forbidden {
				if strings.Contains(warnings, part) {
					t.Errorf("warnings say %q:\n%s", part, warnings)
				}
			}
		})
	}
}

func TestAdoptRunningSchedule_warningsDoNotReadAsFailures(t *testing.T) {
	running := true
	cases := map[string]struct {
		startErr error
		want     string
	}{
		"already running": {startErr: ocpError(http.StatusConflict, "10009"), want: "already running"},
		"answer lost": {startErr: &ocpclient.NoAnswerError{Method: "POST", Path: "/startSchedule", Reason: "got no answer",
			MaybeProcessed: true, Err: errors.New("connection reset")}, want: "did not come back"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r, _ := tenantScheduleOn(t, &fakeAPI{strategy: strategyWithFlag(&running)})
			var diags diag.Diagnostics
			if !r.adoptRunningSchedule(context.Background(), unitScope, tc.startErr, &diags) {
				t.Fatalf("not adopted: %v", diags)
			}
			warnings := warningsOf(diags)
			if !strings.Contains(warnings, tc.want) || strings.Contains(warnings, "failed: HTTP") {
				t.Errorf("warning should say %q and quote no failure:\n%s", tc.want, warnings)
			}
		})
	}
}

// On an OCP that does not report whether scheduling runs, a failed start is
// adopted only on OCP's own refusal (409: already running); a lost answer alone
// records nothing.
func TestAdoptRunningSchedule_anOCPThatDoesNotTellIsNeverTakenAsRunning(t *testing.T) {
	for name, tc := range map[string]struct {
		startErr  error
		wantAdopt bool
	}{
		"refused as running": {startErr: ocpError(http.StatusConflict, "10009"), wantAdopt: true},
		"answer lost":        {startErr: lostAnswer},
	} {
		t.Run(name, func(t *testing.T) {
			r, _ := tenantScheduleOn(t, &fakeAPI{strategy: strategyWithFlag(nil)})
			var diags diag.Diagnostics
			if adopted := r.adoptRunningSchedule(context.Background(), unitScope, tc.startErr, &diags); adopted != tc.wantAdopt {
				t.Errorf("adopted %v, want %v: %v", adopted, tc.wantAdopt, diags)
			}
		})
	}
}

func TestScheduleRead_stoppedOutsideTerraformKeepsTheResourceDisabled(t *testing.T) {
	stopped := false
	resp := readSchedule(t, &fakeAPI{strategy: strategyWithFlag(&stopped)})
	var enabled types.Bool
	resp.Diagnostics.Append(resp.State.GetAttribute(context.Background(), path.Root("enabled"), &enabled)...)
	if resp.Diagnostics.HasError() || resp.State.Raw.IsNull() || !enabled.Equal(types.BoolValue(false)) {
		t.Fatalf("want the resource kept with enabled = false; got enabled %v, removed %v, %v", enabled, resp.State.Raw.IsNull(), resp.Diagnostics)
	}
}

// An enabled known only at apply time may start the backups again, so the start
// call's facts must not be planned as they were.
func TestScheduleModifyPlan_unknownEnabledMayRestart(t *testing.T) {
	ctx := context.Background()
	r, schema := tenantScheduleOn(t, &fakeAPI{})
	state := scheduleInState(t, schema)
	var diags diag.Diagnostics
	diags.Append(state.SetAttribute(ctx, path.Root("enabled"), false)...)
	diags.Append(state.SetAttribute(ctx, path.Root("trace_id"), "t-old")...)
	plan := tfsdk.Plan{Schema: state.Schema, Raw: state.Raw.Copy()}
	diags.Append(plan.SetAttribute(ctx, path.Root("enabled"), types.BoolUnknown())...)
	if diags.HasError() {
		t.Fatal(diags)
	}
	resp := fwresource.ModifyPlanResponse{Plan: plan}
	r.ModifyPlan(ctx, fwresource.ModifyPlanRequest{State: state, Plan: plan}, &resp)
	var traceID types.String
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("trace_id"), &traceID)...)
	if resp.Diagnostics.HasError() || !traceID.IsUnknown() {
		t.Fatalf("trace_id planned as %v, want unknown (%v)", traceID, resp.Diagnostics)
	}
}

// A plan of N schedules reads N strategies, one per tenant, whether a schedule
// carries its strategy or leaves it to OCP's console: each refresh reads its own
// scope's strategy once, and nothing else in the plan reads one.
func TestAccTenantBackupSchedule_oneStrategyReadPerTenantPerPlan(t *testing.T) {
	const carried, consoles, firstCarried, firstConsole = 3, 3, 1000040, 1000050
	ocp := newExampleOCP(t)
	ocp.addExampleTenants(firstCarried, carried, false)
	ocp.addExampleTenants(firstConsole, consoles, true)
	cli := newCLITest(t)
	tf := cli.root("one-read-per-tenant", fleetConfig("carried", firstCarried, carried, true)+
		fleetSchedules("console", firstConsole, consoles, false))
	cli.initAndApply(tf)
	if err := ocp.expectCalls(ocpmock.RouteStartSchedule, carried+consoles); err != nil {
		t.Fatal(err)
	}
	cli.expectOneStrategyReadPerTenant(tf, ocp, firstCarried, carried+consoles)
}

// expectOneStrategyReadPerTenant plans the applied configuration in tf, whose
// tenants firstTenant onwards have their backups running: the plan is empty and
// reads each tenant's strategy from OCP once. A schedule stopped in OCP's console
// after that plan shows in the next: nothing read in one command stands in for
// another's read (the provider served in-process here lives through all of them).
func (c *cliTest) expectOneStrategyReadPerTenant(tf *tfexec.Terraform, ocp *testOCP, firstTenant, tenants int64) {
	c.t.Helper()
	ctx := context.Background()
	before := ocp.Calls(ocpmock.RouteGetStrategy)
	changes, err := tf.Plan(ctx, tfexec.Reattach(c.reattach))
	if err != nil || changes {
		c.t.Fatalf("plan: changes=%v err=%v, want an empty plan", changes, err)
	}
	if got := ocp.Calls(ocpmock.RouteGetStrategy) - before; int64(got) != tenants {
		c.t.Errorf("the plan read strategies %d times for %d tenants, want once per tenant", got, tenants)
	}

	ocp.SetScheduleEnabled(exampleClusterID, firstTenant, false)
	changes, err = tf.Plan(ctx, tfexec.Reattach(c.reattach))
	if err != nil || !changes {
		c.t.Errorf("plan after scheduled backups were stopped in OCP: changes=%v err=%v, want the schedule to start again", changes, err)
	}
}

// startedScheduleChecks are the state of a schedule created by a start call.
func startedScheduleChecks(tenantID int64) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("id"),
			knownvalue.StringExact(fmt.Sprintf("%d/%d", testClusterID, tenantID))),
		statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("trace_id"),
			knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{16}$`))),
		statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("started_at"),
			knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))),
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
			ocp.sawSchedule(testTenantID, false),
			ocp.sawCalls(ocpmock.RouteStopSchedule, 1),
		),
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: startedScheduleChecks(testTenantID),
				Check: checkMock(
					ocp.sawCalls(ocpmock.RouteStartSchedule, 1),
					ocp.sawSchedule(testTenantID, true),
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
				ImportStateVerifyIgnore: []string{"trace_id", "started_at"},
			},
			{
				// Drift: a DBA stops the schedule in the console; the plan turns enabled
				// back to true in place, and the apply starts them again.
				PreConfig:         func() { ocp.SetScheduleEnabled(testClusterID, testTenantID, false) },
				Config:            config,
				ConfigPlanChecks:  plannedAction(scheduleResourceAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: startedScheduleChecks(testTenantID),
				Check: checkMock(
					ocp.sawCalls(ocpmock.RouteStartSchedule, 2),
					ocp.sawSchedule(testTenantID, true),
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
			Config:           config,
			ConfigPlanChecks: plannedAction(scheduleResourceAddr, plancheck.ResourceActionNoop),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("id"), knownvalue.StringExact("1/11")),
				statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("stop_on_destroy"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("started_at"), knownvalue.Null()),
			},
			Check: checkMock(ocp.sawCalls(ocpmock.RouteStartSchedule, 0)),
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
			ocp.sawSchedule(testTenantID, true),
			ocp.sawCalls(ocpmock.RouteStopSchedule, 0),
		),
		Steps: []resource.TestStep{
			{Config: ocp.scheduleConfig(testTenantID, "")},
			{
				// Updated in place: no new start call.
				Config:           ocp.scheduleConfig(testTenantID, "  stop_on_destroy = false"),
				ConfigPlanChecks: plannedAction(scheduleResourceAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("stop_on_destroy"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("started_at"), knownvalue.NotNull()),
				},
				Check: checkMock(ocp.sawCalls(ocpmock.RouteStartSchedule, 1)),
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
			ExpectError: errorParts("Tenant has no backup strategy", "Give this resource a strategy", "OCP's console"),
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
				statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("started_at"), knownvalue.Null()),
			},
			Check: checkMock(
				ocp.sawCalls(ocpmock.RouteStartSchedule, 1),
				ocp.sawSchedule(testTenantID, true),
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
				ocp.sawCalls(ocpmock.RouteStartSchedule, 3),
				ocp.sawSchedule(testTenantID, true),
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
		CheckDestroy: checkMock(ocp.sawCalls(ocpmock.RouteStopSchedule, 0)),
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
		CheckDestroy: checkMock(ocp.sawCalls(ocpmock.RouteStopSchedule, 1)),
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
		CheckDestroy:             checkMock(ocp.sawSchedule(testOtherTenantID, false)),
		Steps: []resource.TestStep{{
			Config:            ocp.accessKeyProvider() + scheduleBlock(testOtherTenantID, ""),
			ConfigStateChecks: startedScheduleChecks(testOtherTenantID),
			Check:             checkMock(ocp.sawSchedule(testOtherTenantID, true)),
		}},
	})
}

func TestAccTenantBackupSchedule_asyncTasks(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{TaskPolls: 2})
	config := ocp.scheduleConfig(testTenantID, "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: checkMock(
			ocp.sawSchedule(testTenantID, false),
			// Two reads while RUNNING and one SUCCESSFUL, for start and for stop.
			ocp.sawCalls(ocpmock.RouteGetTask, 6),
		),
		Steps: []resource.TestStep{{
			Config: config,
			Check:  checkMock(ocp.sawCalls(ocpmock.RouteGetTask, 3)),
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
				PreConfig:        func() { ocp.FailNextTasks("") },
				Config:           config,
				ConfigPlanChecks: plannedAction(scheduleResourceAddr, plancheck.ResourceActionDestroyBeforeCreate),
				Check: checkMock(
					ocp.sawCalls(ocpmock.RouteStopSchedule, 1),
					ocp.sawCalls(ocpmock.RouteStartSchedule, 2),
					ocp.sawSchedule(testTenantID, true),
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
		CheckDestroy:             checkMock(ocp.sawSchedule(testTenantID, false)),
		Steps: []resource.TestStep{
			{
				// Declared paused while OCP runs them: the create stops them.
				Config: paused,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("enabled"), knownvalue.Bool(false)),
				},
				Check: checkMock(
					ocp.sawSchedule(testTenantID, false),
					ocp.sawCalls(ocpmock.RouteStartSchedule, 0),
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
				Config:            ocp.scheduleConfig(testTenantID, ""),
				ConfigPlanChecks:  plannedAction(scheduleResourceAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: startedScheduleChecks(testTenantID),
				Check: checkMock(
					ocp.sawSchedule(testTenantID, true),
					ocp.sawCalls(ocpmock.RouteStartSchedule, 1),
				),
			},
			{
				Config: paused,
				Check: checkMock(
					ocp.sawSchedule(testTenantID, false),
					ocp.sawCalls(ocpmock.RouteStopSchedule, 2),
				),
			},
		},
	})
}

func TestAccClusterBackupSchedule_lifecycle(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	config := clusterScheduleConfig(ocp, testStrategyClusterID)
	expectRunning := func(want bool) func() error { return ocp.expectClusterSchedule(testStrategyClusterID, want) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: checkMock(expectRunning(false),
			ocp.sawCalls(ocpmock.RouteStopClusterSchedule, 1)),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(clusterScheduleAddr, tfjsonpath.New("id"), knownvalue.StringExact("2")),
					statecheck.ExpectKnownValue(clusterScheduleAddr, tfjsonpath.New("started_at"), knownvalue.NotNull()),
				},
				Check: checkMock(expectRunning(true),
					ocp.sawCalls(ocpmock.RouteStartClusterSchedule, 1),
					// The tenant endpoints are not touched.
					ocp.sawCalls(ocpmock.RouteStartSchedule, 0)),
			},
			{Config: config, PlanOnly: true},
			{
				ResourceName:            clusterScheduleAddr,
				ImportState:             true,
				ImportStateId:           "2",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"trace_id", "started_at"},
			},
			{
				PreConfig:        func() { ocp.SetScheduleEnabled(testStrategyClusterID, 0, false) },
				Config:           config,
				ConfigPlanChecks: plannedAction(clusterScheduleAddr, plancheck.ResourceActionUpdate),
				Check: checkMock(expectRunning(true),
					ocp.sawCalls(ocpmock.RouteStartClusterSchedule, 2)),
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
			ocp.sawCalls(ocpmock.RouteStopClusterSchedule, 1),
			ocp.sawCalls(ocpmock.RouteDeleteClusterStrategy, 1),
			ocp.expectNoStrategy(0),
		),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: checkMock(
					ocp.sawCalls(ocpmock.RouteCreateClusterStrategy, 1),
					ocp.sawCalls(ocpmock.RouteStartClusterSchedule, 1),
					ocp.expectClusterSchedule(testClusterID, true),
					// The tenant endpoints are not touched.
					ocp.sawCalls(ocpmock.RouteCreateStrategy, 0),
				),
			},
			{Config: config, PlanOnly: true},
			{
				// The data source reads back what the schedule carries.
				Config: config + fmt.Sprintf(`
data "ocp_cluster_backup_strategy" "this" {
  cluster_id = %d
  depends_on = [ocp_cluster_backup_schedule.this]
}
`, testClusterID),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.ocp_cluster_backup_strategy.this", tfjsonpath.New("id"), knownvalue.StringExact("1")),
					statecheck.ExpectKnownValue("data.ocp_cluster_backup_strategy.this", tfjsonpath.New("schedule_enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.ocp_cluster_backup_strategy.this", tfjsonpath.New("storage").AtMapKey("url"),
						knownvalue.StringExact("/obbackup/cluster")),
				},
			},
		},
	})
}

// A failed stop counts as done when OCP, read back, shows nothing left to stop.
func TestScheduleStop_settlesEveryAnswer(t *testing.T) {
	running := true
	for name, tc := range map[string]struct {
		api         *fakeAPI
		wantStopped bool
		want        string
	}{
		"stopped":                       {api: &fakeAPI{strategy: strategyWithFlag(&running)}, wantStopped: true},
		"answer lost after OCP stopped": {api: &fakeAPI{strategy: strategyWithFlag(&running), stopErr: lostAnswer, actsFirst: true}, wantStopped: true},
		"refused, still running": {api: &fakeAPI{strategy: strategyWithFlag(&running), stopErr: ocpError(http.StatusBadRequest, "10001")},
			want: "Could not stop scheduled backups"},
		"strategy gone": {api: &fakeAPI{stopErr: ocpError(http.StatusBadRequest, "10001")}, wantStopped: true},
	} {
		t.Run(name, func(t *testing.T) {
			r, _ := tenantScheduleOn(t, tc.api)
			var diags diag.Diagnostics
			if stopped := r.stop(context.Background(), unitScope, &diags); stopped != tc.wantStopped {
				t.Errorf("stopped %v, want %v: %v", stopped, tc.wantStopped, diags)
			}
			expectSummary(t, diags, tc.want)
		})
	}
}

// A failed start is sent again only when OCP did not refuse it and, read back,
// still shows the backups stopped: a second start can then never start them twice.
func TestScheduleStartHadNoEffect(t *testing.T) {
	running, stopped := true, false
	for name, tc := range map[string]struct {
		api      *fakeAPI
		startErr error
		want     bool
	}{
		"failed, still stopped":   {api: &fakeAPI{strategy: strategyWithFlag(&stopped)}, startErr: ocpError(http.StatusInternalServerError, "10010"), want: true},
		"refused by OCP":          {api: &fakeAPI{strategy: strategyWithFlag(&stopped)}, startErr: ocpError(http.StatusBadRequest, "10001")},
		"lost, OCP started them":  {api: &fakeAPI{strategy: strategyWithFlag(&running)}, startErr: lostAnswer},
		"failed, reread fails":    {api: &fakeAPI{strategyErr: ocpError(http.StatusInternalServerError, "10010")}, startErr: ocpError(http.StatusInternalServerError, "10010")},
		"failed, OCP not telling": {api: &fakeAPI{strategy: strategyWithFlag(nil)}, startErr: ocpError(http.StatusInternalServerError, "10010"), want: true},
	} {
		t.Run(name, func(t *testing.T) {
			r, _ := tenantScheduleOn(t, tc.api)
			if got := r.startHadNoEffect(context.Background(), unitScope, tc.startErr); got != tc.want {
				t.Errorf("startHadNoEffect = %v, want %v (calls %v)", got, tc.want, tc.api.calls)
			}
		})
	}
}

// On an OCP that does not report whether scheduling runs, a start whose
// connection broke is sent again, and only what OCP answers to that is recorded:
// backups started once, never recorded as running while they are stopped.
func TestAccTenantBackupSchedule_lostStartOnAnOCPThatDoesNotTell(t *testing.T) {
	for name, fault := range map[string]ocpmock.Fault{
		"broken before OCP acted": {Drop: true},
		"broken after OCP acted":  {Drop: true, Passthrough: true},
	} {
		t.Run(name, func(t *testing.T) {
			ocp := newTestOCP(t, ocpmock.Options{OmitScheduleEnabled: true})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					PreConfig: func() { ocp.InjectFault(ocpmock.RouteStartSchedule, fault) },
					Config:    ocp.scheduleConfig(testTenantID, ""),
					Check: checkMock(
						ocp.sawSchedule(testTenantID, true),
						ocp.sawCalls(ocpmock.RouteStartSchedule, 2),
						func() error {
							if starts := ocp.StartCallsOf(testClusterID, testTenantID); starts.Started != 1 {
								return fmt.Errorf("OCP started the backups %d times, want once", starts.Started)
							}
							return nil
						},
					),
				}},
			})
		})
	}
}

// The schedule resource's example, as its documentation shows it, applies against
// the tenants the mock seeds: ledger's strategy is created with its schedule, and
// destroy does what each block says.
func TestAccTenantBackupScheduleExample(t *testing.T) {
	ocp := newExampleOCP(t)
	cli := newCLITest(t)
	example := readFile(t, filepath.Join(cli.examples, "resources", "ocp_tenant_backup_schedule", "resource.tf"))
	tf := cli.root("schedule-example", requiredProviders+"provider \"ocp\" {}\n"+example)
	cli.initAndApply(tf)
	for _, id := range []int64{exampleOrdersID, exampleBillingID, exampleLedgerID} {
		if !ocp.exampleScheduleEnabled(id) {
			t.Errorf("apply did not start tenant %d's backups", id)
		}
	}
	if got := ocp.storageURL(exampleClusterID, exampleLedgerID); got != "/obbackup/ledger/" {
		t.Errorf("ledger's strategy stores backups at %v, want /obbackup/ledger/", got)
	}
	if err := tf.Destroy(context.Background(), tfexec.Reattach(cli.reattach)); err != nil {
		t.Fatalf("destroy: %v", err)
	}
	if ocp.exampleScheduleEnabled(exampleOrdersID) || !ocp.exampleScheduleEnabled(exampleBillingID) {
		t.Error("destroy must stop orders' backups and leave billing's (stop_on_destroy = false) running")
	}
	if ocp.StrategyBody(exampleClusterID, exampleLedgerID) != nil {
		t.Error("destroy left ledger's strategy, which its schedule carried")
	}
}

// A plan that imports a schedule and gives it a strategy says nothing when OCP
// holds the configured strategy already (the apply writes nothing), and warns,
// naming what differs, when the apply is going to replace OCP's strategy, or that
// it sends a configured secret again.
func TestAccTenantBackupSchedule_takeoverPlanSaysWhetherOCPIsReplaced(t *testing.T) {
	elsewhere := strings.Replace(fileStorage, "/obbackup/scratch", "/obbackup/elsewhere", 1)
	for _, c := range []struct {
		name, held, carried string
		want                *regexp.Regexp // nil: no warning
		// updates is how many strategy updates the apply sends, as the warning said.
		updates int
	}{
		{name: "held as configured", held: fileStorage, carried: fileStorage},
		{name: "storage differs", held: fileStorage, carried: elsewhere, updates: 1,
			want: regexp.MustCompile(`(?s)^OCP's backup strategy will be replaced: OCP's backup strategy for tenant 12 in cluster 1 differs from the configured strategy in storage\. .*ocp_tenant_backup_strategy data source`)},
		{name: "secret configured", held: ossStorage, carried: ossStorage, updates: 1,
			want: regexp.MustCompile(`(?s)^OCP's backup strategy will be sent again: .*matches the configured strategy, but the configuration sets a storage secret`)},
	} {
		t.Run(c.name, func(t *testing.T) {
			ocp := newTestOCP(t, ocpmock.Options{})
			tenant := int64(testTenantNoStrategy)
			cli := newCLITest(t)
			// OCP holds the strategy c.held, and Terraform does not manage it.
			tf := cli.root("takeover", ocp.strategyConfig(tenant, weeklySchedule, c.held))
			cli.initAndApply(tf)
			if err := tf.StateRm(context.Background(), scheduleResourceAddr); err != nil {
				t.Fatal(err)
			}

			tf = cli.root("takeover", ocp.strategyConfig(tenant, weeklySchedule, c.carried)+importBlock(tenant))
			before := ocp.Calls(ocpmock.RouteGetStrategy)
			warnings := cli.planWarnings(tf)
			// The import (which refuses to import nothing), the refresh, and the
			// takeover's warning each read the strategy once: the one plan in a
			// schedule's life that reads its strategy more than once.
			if got := ocp.Calls(ocpmock.RouteGetStrategy) - before; got != 3 {
				t.Errorf("the plan read the strategy %d times, want 3", got)
			}
			switch {
			case c.want == nil && len(warnings) > 0:
				t.Errorf("plan of a takeover that writes nothing warned: %q", warnings)
			case c.want != nil && (len(warnings) != 1 || !c.want.MatchString(warnings[0])):
				t.Errorf("plan warned %q, want one warning matching %s", warnings, c.want)
			}
			if err := ocp.expectCalls(ocpmock.RouteUpdateStrategy, 0); err != nil {
				t.Error(err)
			}

			// The apply does what the plan said: it sends the strategy only when OCP's
			// differs or a secret is configured, and carries it from then on.
			ctx := context.Background()
			if err := tf.Apply(ctx, tfexec.Reattach(cli.reattach)); err != nil {
				t.Fatalf("apply: %v", err)
			}
			if err := ocp.expectCalls(ocpmock.RouteUpdateStrategy, c.updates); err != nil {
				t.Error(err)
			}
			if changes, err := tf.Plan(ctx, tfexec.Reattach(cli.reattach)); err != nil || changes {
				t.Errorf("plan after the takeover: changes=%v err=%v, want none", changes, err)
			}
		})
	}
}

// An import by identity into a configuration without strategy takes OCP's strategy
// in, and plans one in-place change that stops carrying it: the apply writes
// nothing to OCP, and a destroy stops the backups but leaves the console's
// strategy in OCP.
func TestAccBackupSchedule_importByIdentityWithoutStrategyLeavesOCPsStrategy(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	ocp.SetScheduleEnabled(testClusterID, testTenantID, true)
	cli := newCLITest(t)
	tf := cli.root("identity-without-strategy", ocp.scheduleConfig(testTenantID, "")+fmt.Sprintf(`
import {
  to       = ocp_tenant_backup_schedule.this
  identity = { cluster_id = %d, tenant_id = %d }
}
`, testClusterID, testTenantID))
	skipUnlessTerraform(t, tf, "1.12.0", "import by identity")
	cli.init(tf)
	for _, change := range cli.plan(tf).ResourceChanges {
		if change.Change.Importing == nil || !change.Change.Actions.Update() {
			t.Errorf("%s: %v, want an import with an in-place update (strategy no longer carried)", change.Address, change.Change.Actions)
		}
	}
	ctx := context.Background()
	if err := tf.Apply(ctx, tfexec.Reattach(cli.reattach)); err != nil {
		t.Fatalf("apply: %v", err)
	}
	if err := tf.Destroy(ctx, tfexec.Reattach(cli.reattach)); err != nil {
		t.Fatalf("destroy: %v", err)
	}
	for route, want := range map[ocpmock.Route]int{ocpmock.RouteUpdateStrategy: 0, ocpmock.RouteDeleteStrategy: 0, ocpmock.RouteStopSchedule: 1} {
		if err := ocp.expectCalls(route, want); err != nil {
			t.Error(err)
		}
	}
	if ocp.StrategyBody(testClusterID, testTenantID) == nil {
		t.Error("destroy deleted the console's strategy, which the configuration does not carry")
	}
}

// Both schedule resources have an identity, OCP's ids, and import by it with an
// import block's identity (Terraform 1.12 or later). Such an import takes the
// strategy OCP holds too, in the form the configuration writes it: no change.
func TestAccBackupSchedule_importByIdentity(t *testing.T) {
	skipOnOpenTofu(t, "resource identity")
	ocp := newTestOCP(t, ocpmock.Options{})
	for name, tc := range map[string]struct {
		config, address string
		identity        map[string]knownvalue.Check
	}{
		"tenant": {ocp.strategyConfig(testTenantNoStrategy, weeklySchedule, fileStorage), scheduleResourceAddr,
			map[string]knownvalue.Check{"cluster_id": knownvalue.Int64Exact(testClusterID), "tenant_id": knownvalue.Int64Exact(testTenantNoStrategy)}},
		"cluster": {ocp.basicProvider(testPassword) + fmt.Sprintf("\nresource \"ocp_cluster_backup_schedule\" \"this\" {\n  cluster_id = %d\n%s}\n",
			testClusterID, carriedStrategy("/obbackup/cluster", "")), clusterScheduleAddr,
			map[string]knownvalue.Check{"cluster_id": knownvalue.Int64Exact(testClusterID)}},
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
				Steps: []resource.TestStep{
					{Config: tc.config, ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectIdentity(tc.address, tc.identity)}},
					{
						Config:          tc.config,
						ResourceName:    tc.address,
						ImportState:     true,
						ImportStateKind: resource.ImportBlockWithResourceIdentity,
					},
				},
			})
		})
	}
}
