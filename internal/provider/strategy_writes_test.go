package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// A schedule carrying its strategy creates the strategy and starts its backups in
// one create, updates the strategy in place, shows drift of both, imports with
// its strategy left empty (see importTakesTheStrategyOver for what follows), and
// destroy stops the backups and deletes the strategy.
func TestAccTenantBackupSchedule_carriedStrategyLifecycle(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	tenant := int64(testTenantNoStrategy)
	first := ocp.scheduleConfig(tenant, carriedStrategy("/obbackup/first", ""))
	second := ocp.scheduleConfig(tenant, carriedStrategy("/obbackup/second", ""))
	storageURL := tfjsonpath.New("strategy").AtMapKey("storage").AtMapKey("url")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: checkMock(
			ocp.expectNoStrategy(tenant),
			ocp.sawCalls(ocpmock.RouteStopSchedule, 1),
			ocp.sawCalls(ocpmock.RouteDeleteStrategy, 1),
		),
		Steps: []resource.TestStep{
			{
				Config: first,
				ConfigStateChecks: append(startedScheduleChecks(tenant),
					statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(scheduleResourceAddr, storageURL, knownvalue.StringExact("/obbackup/first")),
					statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("strategy").AtMapKey("thresholds").
						AtMapKey("data_backup_timeout_minutes"), knownvalue.Int64Exact(defaultDataBackupTimeoutMinutes)),
				),
				Check: checkMock(
					ocp.sawCalls(ocpmock.RouteCreateStrategy, 1),
					ocp.sawCalls(ocpmock.RouteStartSchedule, 1),
					ocp.sawSchedule(tenant, true),
					func() error { return ocp.expectStorageURL(tenant, "/obbackup/first") },
				),
			},
			{Config: first, PlanOnly: true},
			{
				// A changed strategy is updated in place; the backups keep running and
				// no start call is made.
				Config:           second,
				ConfigPlanChecks: plannedAction(scheduleResourceAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scheduleResourceAddr, storageURL, knownvalue.StringExact("/obbackup/second")),
				},
				Check: checkMock(
					ocp.sawCalls(ocpmock.RouteUpdateStrategy, 1),
					ocp.sawCalls(ocpmock.RouteStartSchedule, 1),
					ocp.sawSchedule(tenant, true),
					func() error { return ocp.expectStorageURL(tenant, "/obbackup/second") },
				),
			},
			{
				// Drift of both: the console moves the backups to another time and
				// stops them; one update puts the strategy back and starts them again.
				PreConfig: func() {
					ocp.ModifyStrategy(testClusterID, tenant, func(body map[string]any) {
						if schedule, ok := body["obBackupScheduleConfig"].(map[string]any); ok {
							schedule["backupScheduleTime"] = "05:00:00.000+08:00"
						}
					})
					ocp.SetScheduleEnabled(testClusterID, tenant, false)
				},
				Config:           second,
				ConfigPlanChecks: plannedAction(scheduleResourceAddr, plancheck.ResourceActionUpdate),
				Check: checkMock(
					ocp.sawCalls(ocpmock.RouteUpdateStrategy, 2),
					ocp.sawCalls(ocpmock.RouteStartSchedule, 2),
					ocp.sawSchedule(tenant, true),
					ocp.expectBody(tenant, "02:00:00.000+08:00", "obBackupScheduleConfig", "backupScheduleTime"),
				),
			},
			{
				// An import cannot know the configuration carries the strategy; the
				// next plan takes it over in place.
				ResourceName:            scheduleResourceAddr,
				ImportState:             true,
				ImportStateId:           fmt.Sprintf("%d/%d", testClusterID, tenant),
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"trace_id", "started_at", "strategy"},
			},
		},
	})
}

// With stop_on_destroy = false, destroying a schedule that carries its strategy
// leaves both in OCP.
func TestAccTenantBackupSchedule_carriedStrategyOutlivesTheResource(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	tenant := int64(testTenantNoStrategy)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: checkMock(
			ocp.sawSchedule(tenant, true),
			ocp.sawCalls(ocpmock.RouteDeleteStrategy, 0),
			ocp.sawCalls(ocpmock.RouteStopSchedule, 0),
		),
		Steps: []resource.TestStep{
			{Config: ocp.scheduleConfig(tenant, carriedStrategy("/obbackup/kept", "  stop_on_destroy = false"))},
		},
	})
}

// The carried strategy's creation task fails: the resource is in state, stopped
// and tainted, never an orphaned strategy; the next apply replaces it. With
// stop_on_destroy, the replacement deletes the failed strategy (nothing to stop)
// and creates both again; without, it leaves the strategy in OCP and takes it
// over, updating it in place.
func TestAccTenantBackupSchedule_carriedStrategyTaskFails(t *testing.T) {
	for _, stopOnDestroy := range []bool{true, false} {
		t.Run(fmt.Sprintf("stop_on_destroy=%v", stopOnDestroy), func(t *testing.T) {
			replaced := []func(*testOCP) error{
				func(ocp *testOCP) error { return ocp.expectCalls(ocpmock.RouteDeleteStrategy, 1) },
				func(ocp *testOCP) error { return ocp.expectCalls(ocpmock.RouteUpdateStrategy, 0) },
			}
			if !stopOnDestroy {
				replaced = []func(*testOCP) error{
					func(ocp *testOCP) error { return ocp.expectCalls(ocpmock.RouteDeleteStrategy, 0) },
					func(ocp *testOCP) error { return ocp.expectCalls(ocpmock.RouteUpdateStrategy, 1) },
				}
			}
			testCarriedStrategyTaskFails(t, fmt.Sprintf("  stop_on_destroy = %v\n", stopOnDestroy), replaced)
		})
	}
}

func testCarriedStrategyTaskFails(t *testing.T, extra string, replaced []func(*testOCP) error) {
	ocp := newTestOCP(t, ocpmock.Options{})
	ocp.FailNextTasks("backup destination /obbackup/ledger is not mounted")
	tenant := int64(testTenantNoStrategy)
	config := ocp.scheduleConfig(tenant, carriedStrategy("/obbackup/ledger", extra))
	checks := []func() error{
		ocp.sawCalls(ocpmock.RouteStopSchedule, 0),
		ocp.sawCalls(ocpmock.RouteCreateStrategy, 2),
		ocp.sawCalls(ocpmock.RouteStartSchedule, 1),
		ocp.sawSchedule(tenant, true),
	}
	for _, check := range replaced {
		checks = append(checks, func() error { return check(ocp) })
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: errorParts("OCP task of the strategy creation did not succeed", "CREATE_BACKUP_STRATEGY", "is not mounted"),
			},
			{
				PreConfig:        func() { ocp.FailNextTasks("") },
				Config:           config,
				ConfigPlanChecks: plannedAction(scheduleResourceAddr, plancheck.ResourceActionDestroyBeforeCreate),
				Check:            checkMock(checks...),
			},
			{Config: config, PlanOnly: true},
		},
	})
}

// The answer to the carried strategy's creation is lost after OCP created it: the
// create settles it by reading OCP, finds the planned strategy, and goes on to
// start the backups, all in one apply and with one create call.
func TestAccTenantBackupSchedule_carriedStrategyAnswerLost(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	ocp.InjectFault(ocpmock.RouteCreateStrategy, ocpmock.Fault{Drop: true, Passthrough: true})
	tenant := int64(testTenantNoStrategy)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: ocp.scheduleConfig(tenant, carriedStrategy("/obbackup/ledger", "")),
			Check: checkMock(
				ocp.sawCalls(ocpmock.RouteCreateStrategy, 1),
				ocp.sawCalls(ocpmock.RouteStartSchedule, 1),
				ocp.sawSchedule(tenant, true),
				func() error { return ocp.expectStorageURL(tenant, "/obbackup/ledger") },
			),
		}},
	})
}

// An import block brings running backups under a schedule that carries the
// strategy: the plan imports and updates in place, and the apply updates OCP's
// strategy to the configuration without creating one or starting anything.
func TestAccTenantBackupSchedule_importTakesTheStrategyOver(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	ocp.SetScheduleEnabled(testClusterID, testTenantID, true)
	config := ocp.scheduleConfig(testTenantID, carriedStrategy("/obbackup/imported", "")) + fmt.Sprintf(`
import {
  to = ocp_tenant_backup_schedule.this
  id = "%d/%d"
}
`, testClusterID, testTenantID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:           config,
				ConfigPlanChecks: plannedAction(scheduleResourceAddr, plancheck.ResourceActionUpdate),
				Check: checkMock(
					ocp.sawCalls(ocpmock.RouteCreateStrategy, 0),
					ocp.sawCalls(ocpmock.RouteUpdateStrategy, 1),
					ocp.sawCalls(ocpmock.RouteStartSchedule, 0),
					ocp.sawSchedule(testTenantID, true),
					func() error { return ocp.expectStorageURL(testTenantID, "/obbackup/imported") },
				),
			},
			{Config: config, PlanOnly: true},
		},
	})
}

// A carried strategy changed in OCP's console plans an update that restores it; one
// deleted there takes the schedule out of state, and the next apply creates both.
func TestAccCarriedStrategy_driftAndDeletion(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	config := ocp.strategyConfig(testTenantNoStrategy, weeklySchedule, fileStorage)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				// A DBA changes the time in the console: an in-place update restores it.
				PreConfig: func() {
					ocp.ModifyStrategy(testClusterID, testTenantNoStrategy, func(body map[string]any) {
						if schedule, ok := body["obBackupScheduleConfig"].(map[string]any); ok {
							schedule["backupScheduleTime"] = "05:00:00.000+08:00"
						}
					})
				},
				Config:           config,
				ConfigPlanChecks: plannedAction(scheduleResourceAddr, plancheck.ResourceActionUpdate),
				Check:            checkMock(ocp.expectBody(testTenantNoStrategy, "02:00:00.000+08:00", "obBackupScheduleConfig", "backupScheduleTime")),
			},
			{
				// Deleted in the console: re-created.
				PreConfig:        func() { ocp.DeleteStrategy(testClusterID, testTenantNoStrategy) },
				Config:           config,
				ConfigPlanChecks: plannedAction(scheduleResourceAddr, plancheck.ResourceActionCreate),
				Check:            checkMock(ocp.sawCalls(ocpmock.RouteCreateStrategy, 2)),
			},
		},
	})
}

// An update must not start or stop scheduling that ocp_tenant_backup_schedule runs.
// An update of the carried strategy neither starts nor stops the scheduled backups
// (OCP's modify call is sent with OCP's current backupScheduleEnabled).
func TestAccCarriedStrategy_updateKeepsScheduleRunning(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	withSchedule := func(schedule string) string {
		return ocp.strategyConfig(testTenantNoStrategy, schedule, fileStorage)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: withSchedule(weeklySchedule),
				Check:  checkMock(ocp.sawSchedule(testTenantNoStrategy, true)),
			},
			{
				Config: withSchedule(`    mode = "WEEK"
    time = "04:00+08:00"
    days = { "7" = "FULL_BACKUP" }`),
				Check: checkMock(
					ocp.sawCalls(ocpmock.RouteUpdateStrategy, 1),
					ocp.sawSchedule(testTenantNoStrategy, true),
				),
			},
		},
	})
}

func TestAccCarriedStrategy_objectStorageSecretIsNotCompared(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	config := ocp.strategyConfig(testTenantNoStrategy, weeklySchedule, ossStorage)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: checkMock(
					ocp.expectBody(testTenantNoStrategy, "oss-Secret-9b1e-never-print",
						"obBackupServiceStorageConfig", "obBackupStorageBaseInfo", "ossAccessKey", "accessKeySecret"),
					ocp.expectBody(testTenantNoStrategy, "BACKUP_STORAGE_OSS",
						"obBackupServiceStorageConfig", "obBackupStorageBaseInfo", "backupStorageType"),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("strategy").AtMapKey("storage").AtMapKey("access_key_secret"),
						knownvalue.StringExact("oss-Secret-9b1e-never-print")),
				},
			},
			{
				// OCP shows the secret masked; that is no difference.
				Config:   config,
				PlanOnly: true,
			},
		},
	})
}

func TestAccCarriedStrategy_createWhenOneExists(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      ocp.strategyConfig(testTenantID, weeklySchedule, fileStorage),
			ExpectError: errorParts("Backup strategy already exists", "HTTP 409", "already has a backup strategy", "terraform import", "1/11"),
		}},
	})
}

// lostAnswer is a write whose answer never came back although it reached OCP.
var lostAnswer = &ocpclient.NoAnswerError{Reason: "reset", MaybeProcessed: true, Err: errors.New("connection reset by peer")}

// writesOn is the strategy writes of a tenant schedule served by api.
func writesOn(api API) strategyWrites {
	return strategyWrites{session: *newSession(api), resourceType: "ocp_tenant_backup_schedule"}
}

// Every way a create's answer can fail, settled against what OCP holds afterwards.
func TestStrategyWritesCreate_settlesEveryAnswer(t *testing.T) {
	other := asOCPEchoes(ocpclient.BackupStrategyConfig{ScheduleConfig: &ocpclient.BackupScheduleConfig{ScheduleMode: "MONTH"},
		StorageConfig: &ocpclient.BackupStorageConfig{}})
	for name, tc := range map[string]struct {
		api         *fakeAPI
		leftInOCP   bool
		wantCreated bool
		wantCreates int
		want        string // the diagnostic's summary
	}{
		"created":                       {api: &fakeAPI{}, wantCreated: true, wantCreates: 1},
		"failed without effect":         {api: &fakeAPI{createErr: ocpError(http.StatusInternalServerError, "10010")}, wantCreated: true, wantCreates: 2},
		"answer lost after OCP created": {api: &fakeAPI{createErr: lostAnswer, actsFirst: true}, wantCreated: true, wantCreates: 1, want: "The answer to the strategy creation was lost"},
		"refused, one exists":           {api: &fakeAPI{strategy: other, createErr: ocpError(http.StatusConflict, "10009")}, wantCreates: 1, want: "Backup strategy already exists"},
		"refused, tenant gone": {api: &fakeAPI{strategyErr: ocpError(http.StatusNotFound, "10002"), tenantErr: ocpError(http.StatusNotFound, "10002"),
			createErr: ocpError(http.StatusNotFound, "10002")}, wantCreates: 1, want: "Tenant not found"},
		"lost, and the reread fails": {api: &fakeAPI{strategyErr: ocpError(http.StatusInternalServerError, "10010"), createErr: lostAnswer},
			wantCreates: 1, want: "Could not create the backup strategy"},
		"one this command's destroy left in OCP": {api: &fakeAPI{strategy: other, createErr: ocpError(http.StatusConflict, "10009")},
			leftInOCP: true, wantCreated: true, wantCreates: 1},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			writes := writesOn(tc.api)
			if tc.leftInOCP {
				writes.left.remember(unitScope)
			}
			var diags diag.Diagnostics
			_, created := writes.create(context.Background(), unitScope, plannedStrategy(t, "FILE"), &diags)
			if created != tc.wantCreated || tc.api.count("CreateBackupStrategy") != tc.wantCreates {
				t.Errorf("created %v after %d creates, want %v after %d: %v", created, tc.api.count("CreateBackupStrategy"),
					tc.wantCreated, tc.wantCreates, diags)
			}
			expectSummary(t, diags, tc.want)
			if tc.leftInOCP && tc.api.count("UpdateBackupStrategy") != 1 {
				t.Errorf("the strategy left in OCP was not updated to the plan: calls %v", tc.api.calls)
			}
		})
	}
}

// A failed update is accepted only when OCP, read back, holds the plan; a changed
// secret, which OCP never shows, is never taken as done unseen.
func TestStrategyWritesUpdate_settlesEveryAnswer(t *testing.T) {
	rotated := plannedStrategy(t, "OSS")
	rotated.Storage.AccessKeySecret = types.StringValue("SK-rotated")
	for name, tc := range map[string]struct {
		api          *fakeAPI
		plan         *strategySettings
		wantRecorded bool
		want         string
	}{
		"updated":                       {api: &fakeAPI{}, plan: plannedStrategy(t, "OSS"), wantRecorded: true},
		"refused":                       {api: &fakeAPI{updateErr: ocpError(http.StatusBadRequest, "10001")}, plan: plannedStrategy(t, "OSS"), want: "Could not update the backup strategy"},
		"answer lost after OCP updated": {api: &fakeAPI{updateErr: lostAnswer, actsFirst: true}, plan: plannedStrategy(t, "OSS"), wantRecorded: true, want: "The answer to the strategy update was lost"},
		"answer lost, OCP kept the old": {api: &fakeAPI{updateErr: lostAnswer}, plan: plannedStrategy(t, "OSS"), want: "Could not update the backup strategy"},
		"lost with a rotated secret":    {api: &fakeAPI{updateErr: lostAnswer, actsFirst: true}, plan: rotated, want: "Could not update the backup strategy"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			prior := plannedStrategy(t, "OSS")
			prior.Schedule.Mode = types.StringValue("MONTH")
			tc.api.strategy = strategyWithFlag(new(bool))
			var diags diag.Diagnostics
			recorded := false
			writesOn(tc.api).update(context.Background(), unitScope, tc.plan, prior, nil, func() { recorded = true }, &diags)
			if recorded != tc.wantRecorded {
				t.Errorf("recorded %v, want %v: %v", recorded, tc.wantRecorded, diags)
			}
			expectSummary(t, diags, tc.want)
		})
	}
}

// A failed delete counts as done when OCP, read back, holds no strategy.
func TestStrategyWritesDelete_settlesEveryAnswer(t *testing.T) {
	for name, tc := range map[string]struct {
		api  *fakeAPI
		want string
	}{
		"deleted":                       {api: &fakeAPI{}},
		"answer lost after OCP deleted": {api: &fakeAPI{deleteErr: lostAnswer, actsFirst: true}},
		"refused, strategy still there": {api: &fakeAPI{deleteErr: ocpError(http.StatusBadRequest, "10001")}, want: "Could not delete the backup strategy"},
		"gone already":                  {api: &fakeAPI{deleteErr: ocpError(http.StatusNotFound, "10002"), actsFirst: true}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tc.api.strategy = strategyWithFlag(new(bool))
			var diags diag.Diagnostics
			writesOn(tc.api).delete(context.Background(), unitScope, &diags)
			expectSummary(t, diags, tc.want)
		})
	}
}

// expectSummary fails unless diags holds exactly one diagnostic, summarised want,
// or none when want is empty.
func expectSummary(t *testing.T, diags diag.Diagnostics, want string) {
	t.Helper()
	switch {
	case want == "" && len(diags) > 0:
		t.Errorf("want no diagnostic, got %v", diags)
	case want != "" && (len(diags) != 1 || diags[0].Summary() != want):
		t.Errorf("want one diagnostic %q, got %v", want, diags)
	}
}
