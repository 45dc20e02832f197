package provider

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// carriedStrategy is a schedule's strategy attribute with the given storage url;
// extra goes inside the resource block after it.
func carriedStrategy(url, extra string) string {
	return fmt.Sprintf(`  strategy = {
    schedule = {
%s
    }
    storage = {
      type = "FILE"
      url  = %q
    }
  }
%s`, weeklySchedule, url, extra)
}

// expectNoStrategy fails when OCP holds a strategy for tenantID of the test
// cluster, or for the cluster itself with tenantID 0.
func (o *testOCP) expectNoStrategy(tenantID int64) func() error {
	return func() error {
		if body := o.StrategyBody(testClusterID, tenantID); body != nil {
			return fmt.Errorf("scope %d/%d still has a backup strategy: %v", testClusterID, tenantID, body)
		}
		return nil
	}
}

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
			func() error { return ocp.expectCalls(ocpmock.RouteStopSchedule, 1) },
			func() error { return ocp.expectCalls(ocpmock.RouteDeleteStrategy, 1) },
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
					func() error { return ocp.expectCalls(ocpmock.RouteCreateStrategy, 1) },
					func() error { return ocp.expectCalls(ocpmock.RouteStartSchedule, 1) },
					func() error { return ocp.expectSchedule(tenant, true) },
					func() error { return ocp.expectStorageURL(tenant, "/obbackup/first") },
				),
			},
			{Config: first, PlanOnly: true},
			{
				// A changed strategy is updated in place; the backups keep running and
				// no start call is made.
				Config: second,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(scheduleResourceAddr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scheduleResourceAddr, storageURL, knownvalue.StringExact("/obbackup/second")),
				},
				Check: checkMock(
					func() error { return ocp.expectCalls(ocpmock.RouteUpdateStrategy, 1) },
					func() error { return ocp.expectCalls(ocpmock.RouteStartSchedule, 1) },
					func() error { return ocp.expectSchedule(tenant, true) },
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
				Config: second,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(scheduleResourceAddr, plancheck.ResourceActionUpdate),
				}},
				Check: checkMock(
					func() error { return ocp.expectCalls(ocpmock.RouteUpdateStrategy, 2) },
					func() error { return ocp.expectCalls(ocpmock.RouteStartSchedule, 2) },
					func() error { return ocp.expectSchedule(tenant, true) },
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
				ImportStateVerifyIgnore: []string{"task_type", "results", "trace_id", "started_at", "strategy"},
			},
		},
	})
}

// expectStorageURL fails unless OCP's strategy of tenantID writes to url (OCP
// stores a directory with a trailing slash).
func (o *testOCP) expectStorageURL(tenantID int64, url string) error {
	if got := o.storageURL(testClusterID, tenantID); got != url+"/" {
		return fmt.Errorf("tenant %d's strategy stores backups at %v, want %s", tenantID, got, url)
	}
	return nil
}

// A strategy managed by ocp_tenant_backup_strategy moves into the schedule with a
// removed block: nothing is deleted or stopped, the schedule updates OCP's strategy
// in place, and from then on destroying the schedule deletes it.
func TestAccTenantBackupSchedule_strategyMovesIntoTheSchedule(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	tenant := int64(testTenantNoStrategy)
	separate := ocp.strategyConfig(tenant, weeklySchedule, fileStorage) + scheduleBlock(tenant, "  depends_on = [ocp_tenant_backup_strategy.this]")
	carried := ocp.scheduleConfig(tenant, carriedStrategy("/obbackup/carried", "")) + `
removed {
  from = ocp_tenant_backup_strategy.this
  lifecycle {
    destroy = false
  }
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		// removed blocks arrived in Terraform 1.7.
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_7_0)},
		CheckDestroy: checkMock(
			ocp.expectNoStrategy(tenant),
			func() error { return ocp.expectCalls(ocpmock.RouteDeleteStrategy, 1) },
		),
		Steps: []resource.TestStep{
			{Config: separate},
			{
				Config: carried,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(scheduleResourceAddr, plancheck.ResourceActionUpdate),
				}},
				Check: checkMock(
					func() error { return ocp.expectCalls(ocpmock.RouteDeleteStrategy, 0) },
					func() error { return ocp.expectCalls(ocpmock.RouteCreateStrategy, 1) },
					func() error { return ocp.expectCalls(ocpmock.RouteStopSchedule, 0) },
					func() error { return ocp.expectCalls(ocpmock.RouteStartSchedule, 1) },
					func() error { return ocp.expectSchedule(tenant, true) },
					func() error { return ocp.expectStorageURL(tenant, "/obbackup/carried") },
				),
			},
			{Config: carried, PlanOnly: true},
		},
	})
}

// With stop_on_destroy = false, destroying a schedule that carries its strategy
// leaves both in OCP; a strategy and wait_for_strategy together are refused at plan.
func TestAccTenantBackupSchedule_carriedStrategyOutlivesTheResource(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	tenant := int64(testTenantNoStrategy)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: checkMock(
			func() error { return ocp.expectSchedule(tenant, true) },
			func() error { return ocp.expectCalls(ocpmock.RouteDeleteStrategy, 0) },
			func() error { return ocp.expectCalls(ocpmock.RouteStopSchedule, 0) },
		),
		Steps: []resource.TestStep{
			{
				Config:      ocp.scheduleConfig(tenant, carriedStrategy("/obbackup/kept", `  wait_for_strategy = "1m"`)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination.*wait_for_strategy`),
			},
			{Config: ocp.scheduleConfig(tenant, carriedStrategy("/obbackup/kept", "  stop_on_destroy = false"))},
		},
	})
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
		func() error { return ocp.expectCalls(ocpmock.RouteStopSchedule, 0) },
		func() error { return ocp.expectCalls(ocpmock.RouteCreateStrategy, 2) },
		func() error { return ocp.expectCalls(ocpmock.RouteStartSchedule, 1) },
		func() error { return ocp.expectSchedule(tenant, true) },
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
				PreConfig: func() { ocp.FailNextTasks("") },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(scheduleResourceAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: checkMock(checks...),
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
				func() error { return ocp.expectCalls(ocpmock.RouteCreateStrategy, 1) },
				func() error { return ocp.expectCalls(ocpmock.RouteStartSchedule, 1) },
				func() error { return ocp.expectSchedule(tenant, true) },
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
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(scheduleResourceAddr, plancheck.ResourceActionUpdate),
				}},
				Check: checkMock(
					func() error { return ocp.expectCalls(ocpmock.RouteCreateStrategy, 0) },
					func() error { return ocp.expectCalls(ocpmock.RouteUpdateStrategy, 1) },
					func() error { return ocp.expectCalls(ocpmock.RouteStartSchedule, 0) },
					func() error { return ocp.expectSchedule(testTenantID, true) },
					func() error { return ocp.expectStorageURL(testTenantID, "/obbackup/imported") },
				),
			},
			{Config: config, PlanOnly: true},
		},
	})
}

// A plan that moves a strategy into the schedule says nothing when OCP holds the
// configured strategy already (the apply writes nothing), and warns, naming what
// differs, when the apply is going to replace OCP's strategy, or that it sends a
// configured secret again.
func TestAccTenantBackupSchedule_takeoverPlanSaysWhetherOCPIsReplaced(t *testing.T) {
	elsewhere := strings.Replace(fileStorage, "/obbackup/scratch", "/obbackup/elsewhere", 1)
	for _, c := range []struct {
		name, held, carried string
		want                *regexp.Regexp // nil: no warning
	}{
		{name: "held as configured", held: fileStorage, carried: fileStorage},
		{name: "storage differs", held: fileStorage, carried: elsewhere,
			want: regexp.MustCompile(`(?s)^OCP's backup strategy will be replaced: OCP's backup strategy for tenant 12 in cluster 1 differs from the configured strategy in storage\. .*ocp_tenant_backup_strategy data source`)},
		{name: "secret configured", held: ossStorage, carried: ossStorage,
			want: regexp.MustCompile(`(?s)^OCP's backup strategy will be sent again: .*matches the configured strategy, but the configuration sets a storage secret`)},
	} {
		t.Run(c.name, func(t *testing.T) {
			ocp := newTestOCP(t, ocpmock.Options{})
			tenant := int64(testTenantNoStrategy)
			cli := newCLITest(t)
			tf := cli.root("takeover", ocp.strategyConfig(tenant, weeklySchedule, c.held)+
				scheduleBlock(tenant, "  depends_on = [ocp_tenant_backup_strategy.this]"))
			skipBelow(t, tf, "1.7.0", "removed blocks")
			cli.initAndApply(tf)

			tf = cli.root("takeover", ocp.scheduleConfig(tenant, fmt.Sprintf("  strategy = {\n    schedule = {\n%s\n    }\n    storage = {\n%s\n    }\n  }\n",
				weeklySchedule, c.carried))+`
removed {
  from = ocp_tenant_backup_strategy.this
  lifecycle {
    destroy = false
  }
}
`)
			// Terraform itself warns that the removed block forgets the strategy resource.
			warnings := slices.DeleteFunc(cli.planWarnings(tf), func(w string) bool { return !strings.HasPrefix(w, "OCP's backup strategy") })
			switch {
			case c.want == nil && len(warnings) > 0:
				t.Errorf("plan of a takeover that writes nothing warned: %q", warnings)
			case c.want != nil && (len(warnings) != 1 || !c.want.MatchString(warnings[0])):
				t.Errorf("plan warned %q, want one warning matching %s", warnings, c.want)
			}
			if err := ocp.expectCalls(ocpmock.RouteUpdateStrategy, 0); err != nil {
				t.Error(err)
			}
		})
	}
}
