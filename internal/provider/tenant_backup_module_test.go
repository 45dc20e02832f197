package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// examples/tenant-backups applies examples/modules/tenant-backup with for_each over
// four tenants: apply creates ledger's and audit's strategies and starts all four, a
// re-plan is empty, destroy stops the ones with stop_on_destroy, leaves billing and
// audit running (audit with the strategy the module created for it) and deletes
// ledger's strategy.
func TestAccTenantBackupModule_example(t *testing.T) {
	ocp := newExampleOCP(t)
	cli := newCLITest(t)
	tf := cli.dir("tenant-backups")
	skipBelowModule(t, tf)
	ctx := context.Background()

	cli.initAndApply(tf)
	ocp.expectExampleTenantsRunning(t)
	if err := ocp.expectCalls(ocpmock.RouteStartSchedule, 4); err != nil {
		t.Error(err)
	}
	if err := ocp.expectCalls(ocpmock.RouteCreateStrategy, 2); err != nil {
		t.Error(err)
	}
	outputs, err := tf.Output(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids map[string]any
	if err := json.Unmarshal(outputs["schedule_ids"].Value, &ids); err != nil {
		t.Fatal(err)
	}
	idsCheck := knownvalue.MapExact(map[string]knownvalue.Check{
		"orders":  knownvalue.StringExact("1000005/1000012"),
		"billing": knownvalue.StringExact("1000005/1000013"),
		"ledger":  knownvalue.StringExact("1000005/1000014"),
		"audit":   knownvalue.StringExact("1000005/1000015"),
	})
	if err := idsCheck.CheckValue(ids); err != nil {
		t.Errorf("schedule_ids: %v", err)
	}

	changes, err := tf.Plan(ctx, tfexec.Reattach(cli.reattach))
	if err != nil || changes {
		t.Fatalf("re-plan: changes=%v err=%v, want an empty plan", changes, err)
	}

	if err := tf.Destroy(ctx, tfexec.Reattach(cli.reattach)); err != nil {
		t.Fatalf("destroy: %v", err)
	}
	if ocp.exampleScheduleEnabled(exampleOrdersID) {
		t.Error("destroy left orders running although stop_on_destroy defaults to true")
	}
	if !ocp.exampleScheduleEnabled(exampleBillingID) {
		t.Error("destroy stopped billing although stop_on_destroy = false")
	}
	if body := ocp.StrategyBody(exampleClusterID, exampleLedgerID); body != nil {
		t.Error("destroy left the strategy the module created")
	}
	if !ocp.exampleScheduleEnabled(exampleAuditID) {
		t.Error("destroy stopped audit's backups (or deleted the strategy that runs them) although stop_on_destroy = false")
	}
}

// The module's variable validation rejects ids that cannot be OCP ids, at plan time.
func TestAccTenantBackupModule_rejectsBadIDsAtPlan(t *testing.T) {
	ocp := newExampleOCP(t)
	cli := newCLITest(t)
	tf := cli.root("bad-ids", requiredProviders+`
provider "ocp" {}

module "tenant_backups" {
  source  = "../modules/tenant-backup"
  tenants = { orders = { cluster_id = 1000005, tenant_id = 0 } }
}
`)
	skipBelowModule(t, tf)
	ctx := context.Background()
	cli.init(tf)
	_, err := tf.Plan(ctx, tfexec.Reattach(cli.reattach))
	if err == nil || !errorParts("Every cluster_id and tenant_id must be a positive whole number").MatchString(err.Error()) {
		t.Fatalf("plan: want the module's validation error, got %v", err)
	}
	if err := ocp.expectCalls(ocpmock.RouteStartSchedule, 0); err != nil {
		t.Error(err)
	}
}

// The module's own tests (examples/modules/tenant-backup/tests) run with terraform
// test against a mocked ocp provider. The mock provider still takes its schema from
// the real one, served in-process.
func TestAccTenantBackupModule_terraformTest(t *testing.T) {
	cli := newCLITest(t)
	tf := cli.dir("modules/tenant-backup")
	skipBelowModule(t, tf)
	cli.init(tf)
	out, err := cli.run(tf, "test")
	if err != nil {
		t.Fatalf("terraform test: %v\n%s", err, out)
	}
	runs := strings.Count(readFile(t, filepath.Join(tf.WorkingDir(), "tests", "module.tftest.hcl")), "\nrun \"")
	if want := fmt.Sprintf("%d passed, 0 failed", runs); runs == 0 || !strings.Contains(out, want) {
		t.Fatalf("terraform test did not report %q:\n%s", want, out)
	}
}

// One tenant whose strategy OCP refuses holds back no other tenant: the apply
// fails for that tenant alone, the others' strategies are created and their
// schedules started in the same apply, and once OCP accepts the destination the
// next apply completes the refused tenant.
func TestAccTenantBackupModule_oneFailingStrategyHoldsBackNoOther(t *testing.T) {
	ocp := newExampleOCP(t)
	ocp.RefuseDestination("/obbackup/audit", "Backup destination /obbackup/audit/ is not mounted on every OBServer")
	cli := newCLITest(t)
	tf := cli.root("fleet-with-a-failure", requiredProviders+`
provider "ocp" {}

module "tenant_backups" {
  source = "../modules/tenant-backup"
  default_strategy = {
    schedule = { mode = "WEEK", time = "01:00+08:00", days = { "7" = "FULL_BACKUP" } }
    storage  = { type = "FILE", url = "/obbackup/fleet" }
  }
  tenants = {
    orders = { cluster_id = 1000005, tenant_id = 1000012 }
    ledger = { cluster_id = 1000005, tenant_id = 1000014, strategy = {} }
    audit  = { cluster_id = 1000005, tenant_id = 1000015, strategy = { storage = { url = "/obbackup/audit" } } }
  }
}
`)
	skipBelowModule(t, tf)
	ctx := context.Background()
	cli.init(tf)
	err := tf.Apply(ctx, tfexec.Reattach(cli.reattach))
	if err == nil || !errorParts(`module.tenant_backups.ocp_tenant_backup_schedule.this["audit"]`, "is not mounted on every OBServer").MatchString(err.Error()) {
		t.Fatalf("apply: want audit's strategy refused, got %v", err)
	}
	for _, id := range []int64{exampleOrdersID, exampleLedgerID} {
		if !ocp.exampleScheduleEnabled(id) {
			t.Errorf("tenant %d's backups did not start although only audit's strategy failed", id)
		}
	}
	if ocp.exampleScheduleEnabled(exampleAuditID) {
		t.Error("audit's backups run without a strategy")
	}

	ocp.RefuseDestination("/obbackup/audit", "")
	if err := tf.Apply(ctx, tfexec.Reattach(cli.reattach)); err != nil {
		t.Fatalf("apply once OCP accepts the destination: %v", err)
	}
	if !ocp.exampleScheduleEnabled(exampleAuditID) {
		t.Error("the second apply did not start audit's backups")
	}
	if got := ocp.storageURL(exampleClusterID, exampleAuditID); got != "/obbackup/audit/" {
		t.Errorf("audit's storage url = %v, want its override /obbackup/audit/", got)
	}
	// Each tenant once: audit's schedule is never started without its strategy.
	if err := ocp.expectCalls(ocpmock.RouteStartSchedule, 3); err != nil {
		t.Error(err)
	}
	changes, err := tf.Plan(ctx, tfexec.Reattach(cli.reattach))
	if err != nil || changes {
		t.Fatalf("re-plan: changes=%v err=%v, want an empty plan", changes, err)
	}
}

// examples/fleet finds the cluster's tenants with ocp_tenants and backs them all up
// through the module: the two without a strategy get the default one, all four
// run, and a re-plan is empty, also while a tenant is MODIFYING. The backup-health
// module's check, one per tenant, fails (a warning only) for the three tenants
// without a recent successful backup and passes for orders.
func TestAccFleetExample(t *testing.T) {
	ocp := newExampleOCP(t)
	addBackupHistory(ocp, exampleClusterID, exampleOrdersID, time.Hour, 2*time.Hour)
	cli := newCLITest(t)
	tf := cli.dir("fleet")
	skipBelowModule(t, tf)
	cli.initAndApply(tf)
	ocp.expectExampleTenantsRunning(t)
	if err := ocp.expectCalls(ocpmock.RouteCreateStrategy, 2); err != nil {
		t.Error(err)
	}
	if got := ocp.storageURL(exampleClusterID, exampleAuditID); got != "/obbackup/demo-cluster/" {
		t.Errorf("audit's storage url = %v, want the default strategy's", got)
	}
	ocp.ModifyTenant(exampleClusterID, exampleAuditID, func(tenant *ocpmock.Tenant) { tenant.Status = "MODIFYING" })
	// Nothing changes, so plan -detailed-exitcode exits with 0: a pipeline that
	// alerts on 2 to catch drift stays quiet, while the checks run (below).
	if changes, err := tf.Plan(context.Background(), tfexec.Reattach(cli.reattach)); err != nil || changes {
		t.Errorf("plan -detailed-exitcode: changes=%v err=%v, want exit status 0", changes, err)
	}
	plan := cli.plan(tf)
	// The checks' data sources are read on every plan; every resource stays.
	for _, change := range plan.ResourceChanges {
		if change.Mode == tfjson.ManagedResourceMode && !change.Change.Actions.NoOp() {
			t.Errorf("re-plan with audit MODIFYING: %s %v, want no change", change.Address, change.Change.Actions)
		}
	}
	failing := failingCheckModules(findCheck(t, plan, "backups_are_healthy"))
	want := []string{`module.health["1000005/1000013"]`, `module.health["1000005/1000014"]`, `module.health["1000005/1000015"]`}
	if !slices.Equal(failing, want) {
		t.Errorf("failing health checks in %v, want %v", failing, want)
	}

	// A tenant that drops out of the listing (a lost permission, a short listing)
	// leaves the map: Terraform forgets it, and its backups and strategy stay.
	ocp.ModifyTenant(exampleClusterID, exampleAuditID, func(tenant *ocpmock.Tenant) { tenant.Unlisted = true })
	if err := tf.Apply(context.Background(), tfexec.Reattach(cli.reattach)); err != nil {
		t.Fatalf("apply with audit unlisted: %v", err)
	}
	if !ocp.exampleScheduleEnabled(exampleAuditID) || ocp.StrategyBody(exampleClusterID, exampleAuditID) == nil {
		t.Error("audit left the map, and its backups or strategy went with it")
	}
	for _, route := range []ocpmock.Route{ocpmock.RouteStopSchedule, ocpmock.RouteDeleteStrategy} {
		if err := ocp.expectCalls(route, 0); err != nil {
			t.Error(err)
		}
	}
}

// failingCheckModules lists the module instances whose instance of check failed.
func failingCheckModules(check tfjson.CheckResultStatic) []string {
	var modules []string
	for _, instance := range check.Instances {
		if instance.Status == tfjson.CheckStatusFail {
			modules = append(modules, instance.Address.Module)
		}
	}
	slices.Sort(modules)
	return modules
}

// The module at -parallelism 1 gives every tenant its new strategy and starts its
// backups in one apply, each tenant's instance on its own; a plan then reads each
// tenant's strategy once, and a schedule stopped in OCP's console shows in the next.
func TestAccTenantBackupModule_newStrategiesAtParallelismOne(t *testing.T) {
	const tenants, firstTenant = 5, 1000020
	ocp := newExampleOCP(t)
	ocp.addExampleTenants(firstTenant, tenants, false)
	cli := newCLITest(t)
	tf := cli.root("strategy-per-tenant", requiredProviders+fmt.Sprintf(`
provider "ocp" {}

module "tenant_backups" {
  source = "../modules/tenant-backup"
  tenants = { for i in range(%d) : "tenant-${i}" => {
    cluster_id = %d
    tenant_id  = %d + i
    strategy = {
      schedule = { mode = "WEEK", time = "01:00+08:00", days = { "7" = "FULL_BACKUP" } }
      storage  = { type = "FILE", url = "/obbackup/tenant-${i}" }
    }
  } }
}
`, tenants, exampleClusterID, firstTenant))
	skipBelowModule(t, tf)
	ctx := context.Background()
	cli.init(tf)
	if err := tf.Apply(ctx, tfexec.Reattach(cli.reattach), tfexec.Parallelism(1)); err != nil {
		t.Fatalf("apply at -parallelism=1: %v", err)
	}
	if err := ocp.expectCalls(ocpmock.RouteCreateStrategy, tenants); err != nil {
		t.Fatal(err)
	}
	for i := int64(0); i < tenants; i++ {
		if !ocp.exampleScheduleEnabled(firstTenant + i) {
			t.Errorf("tenant %d's backups do not run after the apply", firstTenant+i)
		}
	}

	cli.expectOneStrategyReadPerTenant(tf, ocp, firstTenant, tenants)
}

// skipBelowModule skips a test of the tenant-backup module on a CLI older than the
// module's floor, 1.11: its ephemeral input feeds a write-only secret.
func skipBelowModule(t *testing.T, tf *tfexec.Terraform) {
	t.Helper()
	skipBelow(t, tf, "1.11.0", "the tenant-backup module (an ephemeral input feeding a write-only secret)")
}

// examples/modules/backup-health alone, for one tenant: its check runs on every
// plan (and fails, as a warning, for a tenant without a recent backup), and a plan
// with nothing to change exits with 0 under -detailed-exitcode, on every CLI of
// the matrix (the module needs Terraform 1.5, OpenTofu 1.6).
func TestAccBackupHealthModule_planExitsZeroWhenNothingChanges(t *testing.T) {
	newExampleOCP(t)
	cli := newCLITest(t)
	tf := cli.root("health-of-one-tenant", requiredProviders+fmt.Sprintf(`
provider "ocp" {}

module "health" {
  source      = "../modules/backup-health"
  cluster_id  = %d
  tenant_id   = %d
  tenant_name = "orders"
}
`, exampleClusterID, exampleOrdersID))
	cli.init(tf)
	if changes, err := tf.Plan(context.Background(), tfexec.Reattach(cli.reattach)); err != nil || changes {
		t.Errorf("plan -detailed-exitcode: changes=%v err=%v, want exit status 0", changes, err)
	}
	if failing := failingCheckModules(findCheck(t, cli.plan(tf), "backups_are_healthy")); !slices.Equal(failing, []string{"module.health"}) {
		t.Errorf("failing health checks in %v, want module.health's (orders has no backup)", failing)
	}
}

// The module hands an ephemeral input to the schedules' write-only secret: OCP
// stores it, neither plan nor state holds it, and a raised version sends a new one.
func TestAccTenantBackupModule_writeOnlySecretFromAnEphemeralInput(t *testing.T) {
	const first, second = "module-wo-Secret-3a1f", "module-wo-Secret-4b2e"
	ocp := newExampleOCP(t)
	cli := newCLITest(t)
	configWith := func(version int) string {
		return requiredProviders + fmt.Sprintf(`
provider "ocp" {}

variable "oss_secret" {
  type      = string
  ephemeral = true
}

module "tenant_backups" {
  source = "../modules/tenant-backup"
  default_strategy = {
    schedule = { mode = "WEEK", time = "01:00+08:00", days = { "7" = "FULL_BACKUP" } }
    storage  = { type = "OSS", url = "bucket/ledger", endpoint = "oss.example.com", access_key_id = "AK-LEDGER" }
  }
  tenants = { ledger = { cluster_id = %d, tenant_id = %d, strategy = {} } }

  storage_access_key_secrets_wo        = { "*" = var.oss_secret }
  storage_access_key_secret_wo_version = %d
}
`, exampleClusterID, exampleLedgerID, version)
	}
	tf := cli.root("module-write-only", configWith(1))
	skipBelowModule(t, tf)
	cli.init(tf)
	ctx := context.Background()
	storedSecret := func() any {
		return ocp.StrategyField(exampleClusterID, exampleLedgerID, "obBackupServiceStorageConfig", "obBackupStorageBaseInfo", "ossAccessKey", "accessKeySecret")
	}
	for i, secret := range []string{first, second} {
		version := i + 1
		if version > 1 {
			tf = cli.root("module-write-only", configWith(version))
		}
		if err := tf.Apply(ctx, tfexec.Reattach(cli.reattach), tfexec.Var("oss_secret="+secret)); err != nil {
			t.Fatalf("apply of version %d: %v", version, err)
		}
		if got := storedSecret(); fmt.Sprint(got) != secret {
			t.Errorf("after version %d OCP stores the secret %v, want %s", version, got, secret)
		}
		state := readFile(t, filepath.Join(tf.WorkingDir(), "terraform.tfstate"))
		if strings.Contains(state, first) || strings.Contains(state, second) {
			t.Errorf("the state holds the write-only secret after version %d", version)
		}
	}
}
