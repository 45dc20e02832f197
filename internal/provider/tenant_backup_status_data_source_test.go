package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// rfc3339Near checks a time the provider normalised to RFC 3339 in UTC, within a
// second of want (OCP's forms may drop the fraction).
func rfc3339Near(want time.Time) knownvalue.Check {
	return knownvalue.StringFunc(func(got string) error {
		at, err := time.Parse(time.RFC3339, got)
		if err != nil || at.Location() != time.UTC || at.Sub(want).Abs() > time.Second {
			return fmt.Errorf("%q is not %s in RFC 3339 UTC", got, want.Format(time.RFC3339))
		}
		return nil
	})
}

// The status reads the same whatever form OCP writes times and delays in, and
// whichever order it lists tasks in; an OCP that ignores the status filter lists
// every task, and each is still taken by its own status.
func TestAccTenantBackupStatusDataSource_everyAnswerShape(t *testing.T) {
	skipForCLIMatrix(t)
	for name, opts := range map[string]ocpmock.Options{
		"UTC times, delay number":                        {},
		"offset times, delay string, status filter lost": {TaskTimes: ocpmock.TimeOffsetMillis, LogDelay: ocpmock.DelayString, IgnoreListFilters: true},
		"spaced times, paged tasks":                      {TaskTimes: ocpmock.TimeSpaced, PagedTasks: true},
		"OCP's local time without offset":                {TaskTimes: ocpmock.TimeLocalSpaced},
		"epoch millis, no delay: from the checkpoint":    {TaskTimes: ocpmock.TimeEpochMillis, LogDelay: ocpmock.DelayAbsent},
	} {
		t.Run(name, func(t *testing.T) {
			ocp := newTestOCP(t, opts)
			ocp.SetScheduleEnabled(testClusterID, testTenantID, true)
			ocp.SetLogDelay(testClusterID, testTenantID, 90*time.Second)
			addBackupHistory(ocp, testClusterID, testTenantID, 3*time.Hour, time.Hour)
			doneAt := time.Now().UTC().Add(-3 * time.Hour).Truncate(time.Second)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: ocp.basicProvider(testPassword) + fmt.Sprintf(`
data "ocp_tenant_backup_status" "orders" {
  cluster_id = %d
  tenant_id  = %d
}
`, testClusterID, testTenantID),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("data.ocp_tenant_backup_status.orders", tfjsonpath.New("has_strategy"), knownvalue.Bool(true)),
						statecheck.ExpectKnownValue("data.ocp_tenant_backup_status.orders", tfjsonpath.New("schedule_enabled"), knownvalue.Bool(true)),
						statecheck.ExpectKnownValue("data.ocp_tenant_backup_status.orders", tfjsonpath.New("last_successful_backup"), knownvalue.ObjectExact(map[string]knownvalue.Check{
							"task_id": knownvalue.Int64Exact(502), "backup_set_id": knownvalue.Int64Exact(12),
							"kind": knownvalue.StringExact("FULL_BACKUP"), "backup_mode": knownvalue.StringExact("PHYSICAL_BACKUP"),
							"start_time": rfc3339Near(doneAt.Add(-40 * time.Minute)), "finish_time": rfc3339Near(doneAt),
						})),
						statecheck.ExpectKnownValue("data.ocp_tenant_backup_status.orders", tfjsonpath.New("last_failed_backup"), knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"task_id": knownvalue.Int64Exact(504), "error_message": knownvalue.StringExact("disk quota exceeded"),
						})),
						statecheck.ExpectKnownValue("data.ocp_tenant_backup_status.orders", tfjsonpath.New("log_archive"), knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"status":        knownvalue.StringExact("INPROGRESS"),
							"checkpoint":    rfc3339Ago(90*time.Second, 5*time.Minute),
							"delay_seconds": knownvalue.Int64Func(func(v int64) error { return inRange(v, 90, 150) }),
						})),
					},
				}},
			})
		})
	}
}

// rfc3339Ago checks a time normalised to RFC 3339 in UTC that lies between
// least and most before the moment it is checked.
func rfc3339Ago(least, most time.Duration) knownvalue.Check {
	return knownvalue.StringFunc(func(got string) error {
		at, err := time.Parse(time.RFC3339, got)
		if err != nil || at.Location() != time.UTC {
			return fmt.Errorf("%q is not a time in RFC 3339 UTC", got)
		}
		if ago := time.Since(at); ago < least-time.Second || ago > most {
			return fmt.Errorf("%q is %s ago, want between %s and %s", got, ago, least, most)
		}
		return nil
	})
}

func inRange(v, low, high int64) error {
	if v < low || v > high {
		return fmt.Errorf("%d is not within [%d, %d]", v, low, high)
	}
	return nil
}

// A tenant without a strategy reports that nothing runs; a missing tenant is an
// error on tenant_id, never an empty status.
func TestAccTenantBackupStatusDataSource_noStrategyAndNoTenant(t *testing.T) {
	for name, opts := range map[string]ocpmock.Options{
		"strategy read answers data null": {},
		"strategy read answers 404":       {NoStrategy: ocpmock.NoStrategyNotFound, MissingTenantStatus: 404},
	} {
		t.Run(name, func(t *testing.T) {
			ocp := newTestOCP(t, opts)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: ocp.basicProvider(testPassword) + fmt.Sprintf(`
data "ocp_tenant_backup_status" "scratch" {
  cluster_id = %d
  tenant_id  = %d
}
`, testClusterID, testTenantNoStrategy),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("data.ocp_tenant_backup_status.scratch", tfjsonpath.New("has_strategy"), knownvalue.Bool(false)),
						statecheck.ExpectKnownValue("data.ocp_tenant_backup_status.scratch", tfjsonpath.New("schedule_enabled"), knownvalue.Bool(false)),
						statecheck.ExpectKnownValue("data.ocp_tenant_backup_status.scratch", tfjsonpath.New("last_successful_backup"), knownvalue.Null()),
						statecheck.ExpectKnownValue("data.ocp_tenant_backup_status.scratch", tfjsonpath.New("log_archive"), knownvalue.Null()),
					},
				}, {
					Config: ocp.basicProvider(testPassword) + fmt.Sprintf(`
data "ocp_tenant_backup_status" "gone" {
  cluster_id = %d
  tenant_id  = 99
}
`, testClusterID),
					ExpectError: errorParts("Tenant not found", "no tenant 99 in cluster 1"),
				}},
			})
		})
	}
}

// examples/data-sources/ocp_tenant_backup_status's check block passes for a
// healthy tenant and fails, in the plan's check results, for a tenant whose last
// successful backup is older than max_backup_age_days and whose log archiving lags
// more than max_log_delay_seconds. Either way plan -detailed-exitcode exits with 0:
// nothing changes, and the data source is no check's own.
func TestAccTenantBackupStatusDataSource_checkExample(t *testing.T) {
	for name, tt := range map[string]struct {
		doneAgo, logDelay time.Duration
		want              tfjson.CheckStatus
		wantProblems      int
	}{
		"healthy":                 {doneAgo: 5 * time.Hour, logDelay: time.Minute, want: tfjson.CheckStatusPass},
		"stale backup, slow logs": {doneAgo: 3 * 24 * time.Hour, logDelay: 2 * time.Hour, want: tfjson.CheckStatusFail, wantProblems: 2},
	} {
		t.Run(name, func(t *testing.T) {
			ocp := newExampleOCP(t)
			ocp.SetScheduleEnabled(exampleClusterID, exampleOrdersID, true)
			ocp.SetLogDelay(exampleClusterID, exampleOrdersID, tt.logDelay)
			addBackupHistory(ocp, exampleClusterID, exampleOrdersID, tt.doneAgo, time.Hour)
			cli := newCLITest(t)
			root := filepath.Join(cli.examples, "data-sources", "ocp_tenant_backup_status")
			if err := os.WriteFile(filepath.Join(root, "provider.tf"), []byte(requiredProviders+"\nprovider \"ocp\" {}\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			tf := cli.dir(filepath.Join("data-sources", "ocp_tenant_backup_status"))
			cli.init(tf)
			if changes, err := tf.Plan(context.Background(), tfexec.Reattach(cli.reattach)); err != nil || changes {
				t.Errorf("plan -detailed-exitcode: changes=%v err=%v, want exit status 0", changes, err)
			}
			check := findCheck(t, cli.plan(tf), "orders_backups_are_healthy")
			if check.Status != tt.want {
				t.Fatalf("check status = %s, want %s (%+v)", check.Status, tt.want, check.Instances)
			}
			if problems := countProblems(check); problems != tt.wantProblems {
				t.Errorf("%d failed assertions, want %d: %+v", problems, tt.wantProblems, check.Instances)
			}
		})
	}
}

func findCheck(t *testing.T, plan *tfjson.Plan, name string) tfjson.CheckResultStatic {
	t.Helper()
	for _, check := range plan.Checks {
		if check.Address.Kind == tfjson.CheckKindCheckBlock && check.Address.Name == name {
			return check
		}
	}
	t.Fatalf("the plan has no check block %q: %+v", name, plan.Checks)
	return tfjson.CheckResultStatic{}
}

func countProblems(check tfjson.CheckResultStatic) int {
	problems := 0
	for _, instance := range check.Instances {
		problems += len(instance.Problems)
	}
	return problems
}

func TestLatestLogTaskByModifyThenCreateTime(t *testing.T) {
	at := func(text string) ocpclient.Timestamp { return ocpclient.ParseTimestamp(text) }
	tasks := []ocpclient.LogBackupTask{
		{Status: "STOPPED", CreateTime: at("2026-01-01T00:00:00Z"), ModifyTime: at("2026-01-02T00:00:00Z")},
		{Status: "INPROGRESS", CreateTime: at("2026-01-03T00:00:00Z")},
		{Status: "UNKNOWN"},
	}
	if got := latestLogTask(tasks); got == nil || got.Status != "INPROGRESS" {
		t.Errorf("latest = %+v, want the INPROGRESS task", got)
	}
	if got := latestLogTask([]ocpclient.LogBackupTask{{Status: "A"}, {Status: "B"}}); got.Status != "A" {
		t.Errorf("without times, latest = %q, want the first listed", got.Status)
	}
	if latestLogTask(nil) != nil {
		t.Error("no tasks must give no latest task")
	}
}

func TestLogDelayFromOCPOrFromTheCheckpoint(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	d := &tenantBackupStatusDataSource{now: func() time.Time { return now }}
	for name, tt := range map[string]struct {
		task ocpclient.LogBackupTask
		want types.Int64
	}{
		"OCP's delay":          {ocpclient.LogBackupTask{Delay: ocpclient.Seconds{Value: 7, Valid: true}, Checkpoint: ocpclient.Timestamp{At: now.Add(-time.Hour)}}, types.Int64Value(7)},
		"from the checkpoint":  {ocpclient.LogBackupTask{Checkpoint: ocpclient.Timestamp{At: now.Add(-90 * time.Second)}}, types.Int64Value(90)},
		"checkpoint in future": {ocpclient.LogBackupTask{Checkpoint: ocpclient.Timestamp{At: now.Add(time.Minute)}}, types.Int64Value(0)},
		"neither":              {ocpclient.LogBackupTask{}, types.Int64Null()},
	} {
		if got := d.logDelay(&tt.task); !got.Equal(tt.want) {
			t.Errorf("%s: delay = %s, want %s", name, got, tt.want)
		}
	}
}
