package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// An on-demand backup: create calls backupNow once and waits for its task, the
// state holds the outcome from the data backup task list, a new trigger takes a
// new backup, destroy calls nothing.
func TestAccTenantBackup_lifecycle(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{TaskPolls: 1})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkMock(ocp.sawCalls(ocpmock.RouteBackupNow, 2)),
		Steps: []resource.TestStep{
			{
				Config: ocp.backupConfig(testTenantID, `  triggers = { release = "1.0" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(backupAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^1/11/\d+$`))),
					statecheck.ExpectKnownValue(backupAddr, tfjsonpath.New("status"), knownvalue.StringExact("DONE")),
					statecheck.ExpectKnownValue(backupAddr, tfjsonpath.New("data_backup_mode"), knownvalue.StringExact("FULL_BACKUP")),
					statecheck.ExpectKnownValue(backupAddr, tfjsonpath.New("backup_set_id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(backupAddr, tfjsonpath.New("finished_at"), knownvalue.NotNull()),
				},
				Check: checkMock(
					ocp.sawCalls(ocpmock.RouteBackupNow, 1),
					// The backup's task was polled until it finished.
					ocp.sawCalls(ocpmock.RouteGetTask, 2),
				),
			},
			{Config: ocp.backupConfig(testTenantID, `  triggers = { release = "1.0" }`), PlanOnly: true},
			{
				Config: ocp.backupConfig(testTenantID, `  triggers = { release = "1.1" }
  data_backup_mode = "INCREMENTAL_BACKUP"`),
				ConfigPlanChecks: plannedAction(backupAddr, plancheck.ResourceActionDestroyBeforeCreate),
				Check:            checkMock(ocp.sawCalls(ocpmock.RouteBackupNow, 2)),
			},
		},
	})
}

// A failed backup fails the apply with OCP's errorMsg and stays in state tainted,
// so the next apply takes a new one.
func TestAccTenantBackup_failedTaskTaints(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	config := ocp.backupConfig(testTenantID, "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { ocp.FailNextTasks("No space left on the backup destination") },
				Config:      config,
				ExpectError: errorParts("The data backup did not succeed", "FAILED", "No space left on the backup destination", "tainted"),
			},
			{
				PreConfig:        func() { ocp.FailNextTasks("") },
				Config:           config,
				ConfigPlanChecks: plannedAction(backupAddr, plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(backupAddr, tfjsonpath.New("status"), knownvalue.StringExact("DONE")),
				},
			},
		},
	})
}

func TestAccTenantBackup_needsAStrategy(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      ocp.backupConfig(testTenantNoStrategy, ""),
			ExpectError: errorParts("Tenant has no backup strategy", "with the strategy of an ocp_tenant_backup_schedule"),
		}},
	})
	if err := ocp.expectCalls(ocpmock.RouteBackupNow, 0); err != nil {
		t.Error(err)
	}
}

// A backup whose tenant is gone leaves state with a warning instead of failing
// every plan; a refused listing for another reason stays an error.
func TestTenantBackupRead_tenantGone(t *testing.T) {
	ctx := context.Background()
	cases := map[string]struct {
		api         fakeAPI
		wantRemoved bool
		wantError   bool
	}{
		"tenant gone":    {api: fakeAPI{tasksErr: ocpError(400, "60002"), tenantErr: ocpError(400, "60002")}, wantRemoved: true},
		"tenant present": {api: fakeAPI{tasksErr: ocpError(400, "10001")}, wantError: true},
		"unreachable":    {api: fakeAPI{tasksErr: errors.New("connection refused")}, wantError: true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := &tenantBackupResource{}
			r.api = &tc.api
			var schemaResp fwresource.SchemaResponse
			r.Schema(ctx, fwresource.SchemaRequest{}, &schemaResp)
			state := tfsdk.State{Schema: schemaResp.Schema, Raw: tftypes.NewValue(schemaResp.Schema.Type().TerraformType(ctx), nil)}
			var diags diag.Diagnostics
			diags.Append(state.SetAttribute(ctx, path.Root("cluster_id"), int64(1))...)
			diags.Append(state.SetAttribute(ctx, path.Root("tenant_id"), int64(11))...)
			diags.Append(state.SetAttribute(ctx, path.Root("task_id"), int64(3000001))...)
			if diags.HasError() {
				t.Fatal(diags)
			}
			resp := fwresource.ReadResponse{State: state}
			r.Read(ctx, fwresource.ReadRequest{State: state}, &resp)
			if resp.State.Raw.IsNull() != tc.wantRemoved || resp.Diagnostics.HasError() != tc.wantError {
				t.Errorf("removed %v (want %v), error %v (want %v): %v", resp.State.Raw.IsNull(), tc.wantRemoved,
					resp.Diagnostics.HasError(), tc.wantError, resp.Diagnostics)
			}
		})
	}
}

// backupNow whose answer was lost after OCP started the backup is never sent
// again: the create finds the backup in the tenant's data backup tasks and records
// it, never the full backup taken moments before, and the next plan takes no other.
func TestAccTenantBackup_lostAnswerTakesNoSecondBackup(t *testing.T) {
	for name, fault := range lostAnswers {
		t.Run(name, func(t *testing.T) {
			ocp := newTestOCP(t, ocpmock.Options{})
			ocp.requestTimeout = "1s" // shorter than the slow answer
			ocp.AddDataBackupTask(testClusterID, testTenantID, map[string]any{"taskId": 7, "status": "DONE",
				"dataBackupTaskType": "FULL_BACKUP", "startTime": time.Now().UTC().Add(-10 * time.Second).Format(time.RFC3339)})
			config := ocp.backupConfig(testTenantID, "")
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						PreConfig: func() { ocp.InjectFault(ocpmock.RouteBackupNow, fault) },
						Config:    config,
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(backupAddr, tfjsonpath.New("status"), knownvalue.StringExact("DONE")),
							statecheck.ExpectKnownValue(backupAddr, tfjsonpath.New("task_id"), knownvalue.Int64Func(func(id int64) error {
								if id == 7 {
									return fmt.Errorf("recorded the backup taken before the call")
								}
								return nil
							})),
						},
						Check: checkMock(ocp.sawCalls(ocpmock.RouteBackupNow, 1)),
					},
					{Config: config, PlanOnly: true},
				},
			})
		})
	}
}

// backupNow whose connection broke before OCP acted: the tenant's tasks show no
// new backup, so the create fails, records nothing and sends nothing again; the
// next apply takes the backup.
func TestAccTenantBackup_lostAnswerWithoutABackupRecordsNothing(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	config := ocp.backupConfig(testTenantID, "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { ocp.InjectFault(ocpmock.RouteBackupNow, ocpmock.Fault{Drop: true}) },
				Config:      config,
				ExpectError: errorParts("Could not start the data backup", "show no new FULL_BACKUP since the call", "recorded nothing"),
			},
			{PreConfig: ocp.checkNow(ocp.sawCalls(ocpmock.RouteBackupNow, 1)), Config: config, PlanOnly: true, ExpectNonEmptyPlan: true},
			{
				Config: config,
				Check:  checkMock(ocp.sawCalls(ocpmock.RouteBackupNow, 2)),
			},
		},
	})
}

// A backup that outlives the create timeout goes into state, not tainted, with its
// status; the next plan takes no second backup, and a refresh after OCP finished
// it shows it done.
func TestAccTenantBackup_outlivesTheWait(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{TaskPolls: 1000})
	config := ocp.backupConfig(testTenantID, `  timeouts {
    create = "2s"
  }`)
	status := func(want string) []statecheck.StateCheck {
		return []statecheck.StateCheck{statecheck.ExpectKnownValue(backupAddr, tfjsonpath.New("status"), knownvalue.StringExact(want))}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: status("DOING")},
			{Config: config, PlanOnly: true},
			{
				PreConfig:         ocp.FinishTasks,
				Config:            config,
				ConfigStateChecks: status("DONE"),
				Check:             checkMock(ocp.sawCalls(ocpmock.RouteBackupNow, 1)),
			},
		},
	})
}
