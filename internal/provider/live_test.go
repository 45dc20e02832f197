package provider

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// The live acceptance run (make testacc-live): the tests here drive the provider
// against a real OCP named by OCP_ACC_* variables, on one sacrificial tenant, and
// leave that tenant's scheduled backups as they found them. Without OCP_ACC_URL
// they are skipped.

// liveSettings maps each OCP_ACC_* variable to the provider's own variable.
var liveSettings = map[string]string{
	"OCP_ACC_URL":               "OCP_URL",
	"OCP_ACC_USERNAME":          "OCP_USERNAME",
	"OCP_ACC_PASSWORD":          "OCP_PASSWORD",
	"OCP_ACC_ACCESS_KEY_ID":     "OCP_ACCESS_KEY_ID",
	"OCP_ACC_ACCESS_KEY_SECRET": "OCP_ACCESS_KEY_SECRET",
	"OCP_ACC_CA_CERT_PEM":       "OCP_CA_CERT_PEM",
}

// liveOCP is the real OCP of a live run, and the tenant it may use.
type liveOCP struct {
	client *ocpclient.Client
	scope  ocpclient.BackupScope
}

// newLiveOCP skips the test unless a live run is configured, hands the OCP_ACC_*
// settings to the provider through its own variables (the provider block of the
// live tests is empty), and restores the tenant's scheduling when the test ends.
func newLiveOCP(t *testing.T) *liveOCP {
	t.Helper()
	if os.Getenv("TF_ACC") == "" || os.Getenv("OCP_ACC_URL") == "" {
		t.Skip("live acceptance tests run only with TF_ACC and OCP_ACC_URL set (make testacc-live)")
	}
	for live, own := range liveSettings {
		t.Setenv(own, os.Getenv(live))
	}
	scope, err := scopeImportID(os.Getenv("OCP_ACC_TENANT"), true)
	if err != nil {
		t.Fatalf("OCP_ACC_TENANT must name the sacrificial tenant as <cluster_id>/<tenant_id>: %v", err)
	}
	client, err := ocpclient.New(ocpclient.Config{
		URL: os.Getenv("OCP_URL"), Username: os.Getenv("OCP_USERNAME"), Password: os.Getenv("OCP_PASSWORD"),
		AccessKeyID: os.Getenv("OCP_ACCESS_KEY_ID"), AccessKeySecret: os.Getenv("OCP_ACCESS_KEY_SECRET"),
		CACertPEM: os.Getenv("OCP_CA_CERT_PEM"), UserAgent: "terraform-provider-ocp/live-test",
	})
	if err != nil {
		t.Fatal(err)
	}
	live := &liveOCP{client: client, scope: scope}
	before := live.scheduleState(t)
	if before == scheduleNoStrategy || before.scopeGone() {
		t.Skipf("%s The live tests need a tenant with a backup strategy.", before.describe(scope))
	}
	t.Cleanup(func() { live.restore(t, before) })
	return live
}

func (l *liveOCP) scheduleState(t *testing.T) scheduleState {
	t.Helper()
	state, err := observeSchedule(context.Background(), l.client, l.scope)
	if err != nil {
		t.Fatalf("reading the tenant's backup strategy: %v", err)
	}
	return state
}

// restore puts the tenant's scheduling back as it was before the test.
func (l *liveOCP) restore(t *testing.T, before scheduleState) {
	t.Helper()
	after := l.scheduleState(t)
	if after.running() == before.running() {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	switchSchedule := l.client.StopBackupSchedule
	if before.running() {
		switchSchedule = l.client.StartBackupSchedule
	}
	op, err := switchSchedule(ctx, l.scope)
	if err == nil {
		err = l.client.WaitForTasks(ctx, op.TaskIDs())
	}
	if err != nil {
		t.Errorf("could not put the tenant's scheduled backups back (%s): %v", before.describe(l.scope), err)
	}
}

// liveScheduleConfig is the schedule of the live tenant; stop_on_destroy leaves
// running backups running, so that destroy puts the tenant back as found.
func (l *liveOCP) liveScheduleConfig(stopOnDestroy bool) string {
	return requiredProviders + fmt.Sprintf(`
provider "ocp" {}

resource "ocp_tenant_backup_schedule" "this" {
  cluster_id      = %d
  tenant_id       = %d
  stop_on_destroy = %t
}
`, l.scope.ClusterID, l.scope.TenantID, stopOnDestroy)
}

func TestAccLive_tenantBackupSchedule(t *testing.T) {
	live := newLiveOCP(t)
	wasRunning := live.scheduleState(t).running()
	config := live.liveScheduleConfig(!wasRunning)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scheduleResourceAddr, tfjsonpath.New("id"), knownvalue.StringExact(scopeID(live.scope))),
				},
				Check: func(*terraform.State) error {
					if state := live.scheduleState(t); !state.running() {
						return fmt.Errorf("after apply: %s", state.describe(live.scope))
					}
					return nil
				},
			},
			{Config: config, PlanOnly: true},
			{
				ResourceName:            scheduleResourceAddr,
				ImportState:             true,
				ImportStateId:           scopeID(live.scope),
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"trace_id", "started_at", "stop_on_destroy"},
			},
		},
	})
}

func TestAccLive_lookupsAndStrategy(t *testing.T) {
	live := newLiveOCP(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: requiredProviders + fmt.Sprintf(`
provider "ocp" {}

data "ocp_cluster" "this" {
  id = %[1]d
}

data "ocp_tenant" "this" {
  cluster_id = %[1]d
  id         = %[2]d
}

data "ocp_tenant_backup_strategy" "this" {
  cluster_id = data.ocp_cluster.this.id
  tenant_id  = data.ocp_tenant.this.id
}

data "ocp_tenant" "by_name" {
  cluster_id = %[1]d
  name       = data.ocp_tenant.this.name
}
`, live.scope.ClusterID, live.scope.TenantID),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.ocp_tenant_backup_strategy.this", tfjsonpath.New("id"),
					knownvalue.StringExact(scopeID(live.scope))),
				statecheck.ExpectKnownValue("data.ocp_tenant.by_name", tfjsonpath.New("id"), knownvalue.Int64Exact(live.scope.TenantID)),
			},
		}},
	})
}

// The live tests run against the mock as if it were a real OCP, with the tenant's
// backups stopped and running beforehand: they pass, and leave them as found.
func TestAccLive_againstTheMock(t *testing.T) {
	if os.Getenv("TF_ACC") == "" || os.Getenv("OCP_ACC_URL") != "" {
		t.Skip("runs the live tests against the mock only in make test, not in a live run")
	}
	skipForCLIMatrix(t)
	for _, running := range []bool{false, true} {
		t.Run(fmt.Sprintf("scheduling running=%t", running), func(t *testing.T) {
			ocp := newTestOCP(t, ocpmock.Options{})
			ocp.SetScheduleEnabled(testClusterID, testTenantID, running)
			t.Setenv("OCP_ACC_URL", ocp.URL)
			t.Setenv("OCP_ACC_USERNAME", testUsername)
			t.Setenv("OCP_ACC_PASSWORD", testPassword)
			t.Setenv("OCP_ACC_TENANT", fmt.Sprintf("%d/%d", testClusterID, testTenantID))
			t.Run("schedule", TestAccLive_tenantBackupSchedule)
			t.Run("lookups", TestAccLive_lookupsAndStrategy)
			if err := ocp.expectSchedule(testTenantID, running); err != nil {
				t.Errorf("the live tests did not leave the tenant as found: %v", err)
			}
		})
	}
}
