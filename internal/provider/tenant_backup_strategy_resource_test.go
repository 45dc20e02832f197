package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

const strategyAddr = "ocp_tenant_backup_strategy.this"

// strategyConfig declares a strategy for tenantID with the given schedule and
// storage blocks' contents.
func (o *testOCP) strategyConfig(tenantID int64, schedule, storage string) string {
	return o.basicProvider(testPassword) + fmt.Sprintf(`
resource "ocp_tenant_backup_strategy" "this" {
  cluster_id = %d
  tenant_id  = %d
  schedule = {
%s
  }
  storage = {
%s
  }
}
`, testClusterID, tenantID, schedule, storage)
}

const (
	weeklySchedule = `    mode = "WEEK"
    time = "02:00+08:00"
    days = { "1" = "FULL_BACKUP", "4" = "INCREMENTAL_BACKUP" }`
	fileStorage = `    type = "FILE"
    url  = "/obbackup/scratch"`
	ossStorage = `    type              = "OSS"
    url               = "bucket/scratch"
    endpoint          = "oss-cn-hangzhou.aliyuncs.com"
    access_key_id     = "LTAI-test"
    access_key_secret = "oss-Secret-9b1e-never-print"`
)

func (o *testOCP) expectBody(tenantID int64, want any, path ...string) func() error {
	return func() error {
		if got := o.StrategyField(testClusterID, tenantID, path...); fmt.Sprint(got) != fmt.Sprint(want) {
			return fmt.Errorf("stored strategy %v = %v, want %v", path, got, want)
		}
		return nil
	}
}

func TestAccTenantBackupStrategy_lifecycle(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{TaskPolls: 1})
	config := ocp.strategyConfig(testTenantNoStrategy, weeklySchedule, fileStorage)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: checkMock(func() error {
			if body := ocp.StrategyBody(testClusterID, testTenantNoStrategy); body != nil {
				return fmt.Errorf("strategy still exists: %v", body)
			}
			return nil
		}),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(strategyAddr, tfjsonpath.New("id"), knownvalue.StringExact("1/12")),
					statecheck.ExpectKnownValue(strategyAddr, tfjsonpath.New("backup_mode"), knownvalue.StringExact("PHYSICAL_BACKUP")),
					statecheck.ExpectKnownValue(strategyAddr, tfjsonpath.New("thresholds"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"data_backup_timeout_minutes":     knownvalue.Int64Exact(360),
						"no_successful_backup_alarm_days": knownvalue.Int64Exact(2),
						"log_backup_delay_seconds":        knownvalue.Int64Exact(300),
					})),
					statecheck.ExpectKnownValue(strategyAddr, tfjsonpath.New("schedule").AtMapKey("time"), knownvalue.StringExact("02:00+08:00")),
				},
				Check: checkMock(
					func() error { return ocp.expectCalls(ocpmock.RouteCreateStrategy, 1) },
					// The strategy task was polled until it finished.
					func() error { return ocp.expectCalls(ocpmock.RouteGetTask, 2) },
					ocp.expectBody(testTenantNoStrategy, "02:00:00.000+08:00", "obBackupScheduleConfig", "backupScheduleTime"),
					ocp.expectBody(testTenantNoStrategy, "/obbackup/scratch/", "obBackupServiceStorageConfig", "obBackupStorageBaseInfo", "storageUrl"),
					ocp.expectBody(testTenantNoStrategy, "BACKUP_STORAGE_FILE", "obBackupServiceStorageConfig", "obBackupStorageBaseInfo", "backupStorageType"),
					func() error { return ocp.expectSchedule(testTenantNoStrategy, false) },
				),
			},
			{
				// OCP's normal forms (seconds, trailing slash) are no difference.
				Config:   config,
				PlanOnly: true,
			},
			{
				// In-place update.
				Config: ocp.strategyConfig(testTenantNoStrategy, `    mode = "MONTH"
    time = "03:30+08:00"
    days = { "1" = "FULL_BACKUP", "15" = "FULL_BACKUP" }
    clean_enabled       = true
    data_retention_days = 14`, fileStorage),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(strategyAddr, plancheck.ResourceActionUpdate),
				}},
				Check: checkMock(
					func() error { return ocp.expectCalls(ocpmock.RouteUpdateStrategy, 1) },
					ocp.expectBody(testTenantNoStrategy, "MONTH", "obBackupScheduleConfig", "backupScheduleMode"),
					ocp.expectBody(testTenantNoStrategy, 14, "obBackupScheduleConfig", "backupDataRetentionDays"),
				),
			},
			{
				ResourceName:      strategyAddr,
				ImportState:       true,
				ImportStateId:     "1/12",
				ImportStateVerify: true,
				// The import holds OCP's normal forms; they compare equal to the
				// configuration (see the import block test), not letter for letter.
				ImportStateVerifyIgnore: []string{"schedule.time", "storage.url"},
			},
		},
	})
}

// Importing the strategy OCP already has. Terraform compares configuration and
// state letter for letter when it plans, so a configuration in OCP's normal form
// imports with no change, and one written otherwise gets a single in-place update
// that only records the configuration's form (OCP holds that strategy already, so
// no call is made), after which plans are empty.
func TestAccTenantBackupStrategy_importBlock(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	importBlock := `
import {
  to = ocp_tenant_backup_strategy.this
  id = "1/11"
}
`
	normalForm := ocp.strategyConfig(testTenantID, `    mode = "WEEK"
    time = "02:00:00.000+08:00"
    days = { "1" = "FULL_BACKUP", "4" = "INCREMENTAL_BACKUP" }`, `    type        = "FILE"
    url         = "/obbackup/"
    config_name = "default"`)
	otherForm := ocp.strategyConfig(testTenantID, weeklySchedule, `    type        = "FILE"
    url         = "/obbackup"
    config_name = "default"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: normalForm + importBlock,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(strategyAddr, plancheck.ResourceActionNoop),
				}},
				Check: checkMock(func() error { return ocp.expectCalls(ocpmock.RouteCreateStrategy, 0) }),
			},
			{
				Config: otherForm,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(strategyAddr, plancheck.ResourceActionUpdate),
				}},
				Check: checkMock(
					func() error { return ocp.expectCalls(ocpmock.RouteUpdateStrategy, 0) },
					ocp.expectBody(testTenantID, "02:00:00.000+08:00", "obBackupScheduleConfig", "backupScheduleTime"),
				),
			},
			{Config: otherForm, PlanOnly: true},
		},
	})
}

func TestAccTenantBackupStrategy_driftAndDeletion(t *testing.T) {
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
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(strategyAddr, plancheck.ResourceActionUpdate),
				}},
				Check: checkMock(ocp.expectBody(testTenantNoStrategy, "02:00:00.000+08:00", "obBackupScheduleConfig", "backupScheduleTime")),
			},
			{
				// Deleted in the console: re-created.
				PreConfig: func() { ocp.DeleteStrategy(testClusterID, testTenantNoStrategy) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(strategyAddr, plancheck.ResourceActionCreate),
				}},
				Check: checkMock(func() error { return ocp.expectCalls(ocpmock.RouteCreateStrategy, 2) }),
			},
		},
	})
}

// An update must not start or stop scheduling that ocp_tenant_backup_schedule runs.
func TestAccTenantBackupStrategy_updateKeepsScheduleRunning(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	withSchedule := func(schedule string) string {
		return ocp.strategyConfig(testTenantNoStrategy, schedule, fileStorage) + `
resource "ocp_tenant_backup_schedule" "this" {
  cluster_id = ocp_tenant_backup_strategy.this.cluster_id
  tenant_id  = ocp_tenant_backup_strategy.this.tenant_id
}
`
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: withSchedule(weeklySchedule),
				Check:  checkMock(func() error { return ocp.expectSchedule(testTenantNoStrategy, true) }),
			},
			{
				Config: withSchedule(`    mode = "WEEK"
    time = "04:00+08:00"
    days = { "7" = "FULL_BACKUP" }`),
				Check: checkMock(
					func() error { return ocp.expectCalls(ocpmock.RouteUpdateStrategy, 1) },
					func() error { return ocp.expectSchedule(testTenantNoStrategy, true) },
				),
			},
		},
	})
}

func TestAccTenantBackupStrategy_objectStorageSecretIsNotCompared(t *testing.T) {
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
					statecheck.ExpectKnownValue(strategyAddr, tfjsonpath.New("storage").AtMapKey("access_key_secret"),
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

func TestAccTenantBackupStrategy_rejectedAtPlan(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	tests := map[string]struct {
		schedule, storage string
		want              []string
		// forbidden: rules that depend on the mistaken value must step aside.
		forbidden []string
	}{
		"day outside a week": {
			schedule: `    mode = "WEEK"
    time = "02:00+08:00"
    days = { "8" = "FULL_BACKUP" }`,
			storage: fileStorage, want: []string{"Invalid backup days", `day "8"`, `"1" to "7"`},
		},
		"no full backup": {
			schedule: `    mode = "MONTH"
    time = "02:00+08:00"
    days = { "3" = "INCREMENTAL_BACKUP" }`,
			storage: fileStorage, want: []string{"at least one day must be FULL_BACKUP"},
		},
		"unknown backup kind": {
			schedule: `    mode = "WEEK"
    time = "02:00+08:00"
    days = { "1" = "FULL" }`,
			storage: fileStorage, want: []string{"schedule.days", "FULL_BACKUP"},
		},
		"time without offset": {
			schedule: `    mode = "WEEK"
    time = "02:00"
    days = { "1" = "FULL_BACKUP" }`,
			storage: fileStorage, want: []string{"schedule.time", "UTC offset"},
		},
		"credentials for FILE": {
			schedule: weeklySchedule,
			storage: `    type          = "FILE"
    url           = "/obbackup"
    access_key_id = "AK"`,
			want: []string{"Storage setting not used", "FILE storage does not take access_key_id"},
		},
		"OSS without secret": {
			schedule: weeklySchedule,
			storage: `    type          = "OSS"
    url           = "bucket/x"
    endpoint      = "oss.example.com"
    access_key_id = "AK"`,
			want: []string{"Missing storage setting", "OSS storage needs access_key_secret"},
		},
		"COS without app id": {
			schedule: weeklySchedule,
			storage: `    type              = "COS"
    url               = "bucket/x"
    endpoint          = "cos.example.com"
    access_key_id     = "AK"
    access_key_secret = "SK"`,
			want: []string{"COS storage needs app_id"},
		},
		"mode in lower case": {
			schedule: `    mode = "week"
    time = "02:00+08:00"
    days = { "1" = "FULL_BACKUP" }`,
			storage:   fileStorage,
			want:      []string{"value must be one of", "WEEK", "MONTH"},
			forbidden: []string{`to "0"`, "Invalid backup days"},
		},
		"unknown storage type": {
			schedule: weeklySchedule,
			storage: `    type     = "NFS"
    url      = "/obbackup"
    endpoint = "nfs.example.com"`,
			want:      []string{"value must be one of", "FILE", "OSS", "COS", "S3"},
			forbidden: []string{"Missing storage setting", "Storage setting not used"},
		},
		"url with a protocol prefix": {
			schedule: weeklySchedule,
			storage: `    type              = "OSS"
    url               = "oss://bucket/orders"
    endpoint          = "oss-cn-hangzhou.aliyuncs.com"
    access_key_id     = "LTAI-test"
    access_key_secret = "oss-Secret-9b1e-never-print"`,
			want: []string{"Storage URL with a protocol prefix", `"bucket/orders"`},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			expectation := expectErrorWithout(t, errorParts(tt.want...), tt.forbidden...)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				ErrorCheck:               expectation.check,
				Steps: []resource.TestStep{{
					Config:   ocp.strategyConfig(testTenantNoStrategy, tt.schedule, tt.storage),
					PlanOnly: true,
				}},
			})
		})
	}
	if err := ocp.expectCalls(ocpmock.RouteCreateStrategy, 0); err != nil {
		t.Error(err)
	}
}

func TestAccTenantBackupStrategy_createWhenOneExists(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      ocp.strategyConfig(testTenantID, weeklySchedule, fileStorage),
			ExpectError: errorParts("Backup strategy already exists", "HTTP 409", "already has a backup strategy", "terraform import", "1/11"),
		}},
	})
}

// OCP accepts the strategy but its task fails: the error names the task and OCP's
// message, and the strategy stays in state (tainted) rather than being lost.
func TestAccTenantBackupStrategy_failedTask(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	ocp.FailNextTasks("backup destination /obbackup/scratch is not mounted")
	config := ocp.strategyConfig(testTenantNoStrategy, weeklySchedule, fileStorage)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: errorParts("OCP task of the strategy creation did not succeed", "OCP task 3", "CREATE_BACKUP_STRATEGY", "is not mounted"),
			},
			{
				PreConfig: func() { ocp.FailNextTasks("") },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(strategyAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: checkMock(
					func() error { return ocp.expectCalls(ocpmock.RouteDeleteStrategy, 1) },
					func() error { return ocp.expectCalls(ocpmock.RouteCreateStrategy, 2) },
				),
			},
		},
	})
}

// delete_on_destroy = false: destroy forgets the strategy and OCP keeps it; turning
// it on or off is an in-place change that makes no OCP call.
func TestAccTenantBackupStrategy_deleteOnDestroyFalseKeepsTheStrategy(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	config := func(deleteOnDestroy bool) string {
		return strings.Replace(ocp.strategyConfig(testTenantNoStrategy, weeklySchedule, fileStorage),
			"  schedule = {", fmt.Sprintf("  delete_on_destroy = %t\n  schedule = {", deleteOnDestroy), 1)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: checkMock(
			func() error { return ocp.expectCalls(ocpmock.RouteDeleteStrategy, 0) },
			func() error {
				if ocp.StrategyBody(testClusterID, testTenantNoStrategy) == nil {
					return fmt.Errorf("destroy deleted the strategy although delete_on_destroy = false")
				}
				return nil
			},
		),
		Steps: []resource.TestStep{
			{
				Config: config(true),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(strategyAddr, tfjsonpath.New("delete_on_destroy"), knownvalue.Bool(true)),
				},
			},
			{
				Config: config(false),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(strategyAddr, plancheck.ResourceActionUpdate),
				}},
				Check: checkMock(func() error { return ocp.expectCalls(ocpmock.RouteUpdateStrategy, 0) }),
			},
		},
	})
}

// A replaced strategy with delete_on_destroy = false finds the strategy its delete
// left in OCP and takes it over, instead of failing on "already exists".
func TestAccTenantBackupStrategy_replacementTakesOverWhatDeleteLeft(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	config := strings.Replace(ocp.strategyConfig(testTenantNoStrategy, weeklySchedule, fileStorage),
		"  schedule = {", "  delete_on_destroy = false\n  schedule = {", 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				Config: config,
				Taint:  []string{strategyAddr},
				Check: checkMock(
					func() error { return ocp.expectCalls(ocpmock.RouteDeleteStrategy, 0) },
					func() error { return ocp.expectCalls(ocpmock.RouteUpdateStrategy, 1) },
					ocp.expectBody(testTenantNoStrategy, "WEEK", "obBackupScheduleConfig", "backupScheduleMode"),
				),
			},
			{Config: config, PlanOnly: true},
		},
	})
}
