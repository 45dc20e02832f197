package provider

import (
	"cmp"
	"encoding/pem"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// The test OCP: a mock OCP on loopback for one test, its seeded inventory, the
// configurations the tests apply against it, and what they expect of its state.

// Credentials the test mock accepts. They are distinctive so that tests can assert
// they never show up in any output.
const (
	testUsername        = "tf-admin"
	testPassword        = "Pw-9f3c1b7e-never-print"
	testAccessKeyID     = "AK-test-0001"
	testAccessKeySecret = "SK-5d2e8a41-never-print"
	testViewer          = "tf-viewer"
)

// The mock's inventory: tenant 11 has a strategy, tenant 12 has none.
const (
	testClusterID        = 1
	testTenantID         = 11
	testTenantNoStrategy = 12
	testOtherTenantID    = 13
	// Cluster 2 has a cluster-dimension strategy; cluster 1 has none.
	testStrategyClusterID = 2
	scheduleResourceAddr  = "ocp_tenant_backup_schedule.this"
	defaultTestMaxRetries = 3
)

// requiredProviders names the provider by its registry address, as users do; the
// tests serve it in-process under that address (see TestMain).
const requiredProviders = `
terraform {
  required_providers {
    ocp = {
      source = "ocp-tf/ocp"
    }
  }
}
`

// testOCP is a mock OCP served on loopback for one test.
type testOCP struct {
	*ocpmock.Server
	URL string
	// t fails the test from checkNow.
	t *testing.T
	// requestTimeout is the provider's request_timeout; "" means 5s.
	requestTimeout string
}

func newTestOCP(t *testing.T, opts ocpmock.Options) *testOCP {
	t.Helper()
	mock := ocpmock.New(opts)
	mock.AddUser(testUsername, testPassword)
	mock.AddReadOnlyUser(testViewer, testPassword)
	mock.AddAccessKey(testAccessKeyID, testAccessKeySecret)
	mock.AddCluster(testClusterID, "cluster-one")
	mock.AddTenant(testClusterID, testTenantID, "orders", true)
	mock.AddTenant(testClusterID, testTenantNoStrategy, "scratch", false)
	mock.AddTenant(testClusterID, testOtherTenantID, "billing", true)
	mock.AddCluster(testStrategyClusterID, "cluster-two")
	mock.AddClusterStrategy(testStrategyClusterID)
	server := httptest.NewServer(mock)
	t.Cleanup(server.Close)
	return &testOCP{Server: mock, URL: server.URL, t: t}
}

// checkNow is a step's PreConfig that runs mock checks where the previous step's
// Check never runs: terraform-plugin-testing runs a step's Check only after an
// apply that succeeded, not after an expected error nor on a plan-only step.
func (o *testOCP) checkNow(checks ...func() error) func() {
	return func() {
		o.t.Helper()
		for _, check := range checks {
			if err := check(); err != nil {
				o.t.Error(err)
			}
		}
	}
}

// basicProvider is a provider block with HTTP Basic credentials.
func (o *testOCP) basicProvider(password string) string {
	return o.basicProviderFor(testUsername, password)
}

func (o *testOCP) basicProviderFor(username, password string) string {
	return requiredProviders + fmt.Sprintf(`
provider "ocp" {
  url             = %q
  username        = %q
  password        = %q
  max_retries     = %d
  request_timeout = %q
}
`, o.URL, username, password, defaultTestMaxRetries, cmp.Or(o.requestTimeout, "5s"))
}

// accessKeyProvider is a provider block with AccessKey credentials.
func (o *testOCP) accessKeyProvider() string {
	return requiredProviders + fmt.Sprintf(`
provider "ocp" {
  url               = %q
  access_key_id     = %q
  access_key_secret = %q
}
`, o.URL, testAccessKeyID, testAccessKeySecret)
}

// scheduleConfig is the provider block plus one schedule for tenantID; extra goes
// inside the resource block.
func (o *testOCP) scheduleConfig(tenantID int64, extra string) string {
	return o.basicProvider(testPassword) + scheduleBlock(tenantID, extra)
}

// scheduleBlock is the ocp_tenant_backup_schedule.this resource for tenantID.
func scheduleBlock(tenantID int64, extra string) string {
	return fmt.Sprintf(`
resource "ocp_tenant_backup_schedule" "this" {
  cluster_id = %d
  tenant_id  = %d
%s
}
`, testClusterID, tenantID, extra)
}

// expectCalls fails when the mock did not see exactly want calls of route.
func (o *testOCP) expectCalls(route ocpmock.Route, want int) error {
	if got := o.Calls(route); got != want {
		return fmt.Errorf("mock OCP saw %d %s calls, want %d (all calls: %v)", got, route, want, o.CallCounts())
	}
	return nil
}

// sawCalls is expectCalls as a check, for checkMock.
func (o *testOCP) sawCalls(route ocpmock.Route, want int) func() error {
	return func() error { return o.expectCalls(route, want) }
}

// sawSchedule is expectSchedule as a check, for checkMock.
func (o *testOCP) sawSchedule(tenantID int64, wantEnabled bool) func() error {
	return func() error { return o.expectSchedule(tenantID, wantEnabled) }
}

// expectSchedule fails unless the tenant's scheduling is in the wanted state.
func (o *testOCP) expectSchedule(tenantID int64, wantEnabled bool) error {
	enabled, ok := o.ScheduleEnabled(testClusterID, tenantID)
	if !ok || enabled != wantEnabled {
		return fmt.Errorf("tenant %d: schedule enabled=%v (strategy present=%v), want enabled=%v", tenantID, enabled, ok, wantEnabled)
	}
	return nil
}

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

// expectStorageURL fails unless OCP's strategy of tenantID writes to url (OCP
// stores a directory with a trailing slash).
func (o *testOCP) expectStorageURL(tenantID int64, url string) error {
	if got := o.storageURL(testClusterID, tenantID); got != url+"/" {
		return fmt.Errorf("tenant %d's strategy stores backups at %v, want %s", tenantID, got, url)
	}
	return nil
}

// strategyConfig declares a schedule for tenantID that carries a strategy with the
// given schedule and storage blocks' contents.
func (o *testOCP) strategyConfig(tenantID int64, schedule, storage string) string {
	return o.scheduleConfig(tenantID, fmt.Sprintf(`  strategy = {
    schedule = {
%s
    }
    storage = {
%s
    }
  }`, schedule, storage))
}

// importBlock imports ocp_tenant_backup_schedule.this for tenantID.
func importBlock(tenantID int64) string {
	return fmt.Sprintf(`
import {
  to = ocp_tenant_backup_schedule.this
  id = "%d/%d"
}
`, testClusterID, tenantID)
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

// The ids examples/tenant-backups refers to.
const (
	exampleClusterID = 1000005
	exampleOrdersID  = 1000012
	exampleBillingID = 1000013
	// The module creates this tenant's strategy.
	exampleLedgerID = 1000014
	// Its strategy comes from the module; its backups outlive it.
	exampleAuditID = 1000015
)

// newExampleOCP serves the tenants of examples/tenant-backups. The example's provider
// block is empty, so the in-process provider reads the mock's URL and credentials
// from this process's environment.
func newExampleOCP(t *testing.T) *testOCP {
	return newExampleOCPWith(t, ocpmock.Options{})
}

// newExampleOCPWith is newExampleOCP answering as opts asks.
func newExampleOCPWith(t *testing.T, opts ocpmock.Options) *testOCP {
	ocp := newTestOCP(t, opts)
	ocp.AddCluster(exampleClusterID, "demo-cluster")
	ocp.AddTenant(exampleClusterID, exampleOrdersID, "orders", true)
	ocp.AddTenant(exampleClusterID, exampleBillingID, "billing", true)
	ocp.AddTenant(exampleClusterID, exampleLedgerID, "ledger", false)
	ocp.AddTenant(exampleClusterID, exampleAuditID, "audit", false)
	t.Setenv("OCP_URL", ocp.URL)
	t.Setenv("OCP_USERNAME", testUsername)
	t.Setenv("OCP_PASSWORD", testPassword)
	t.Setenv("OCP_ACCESS_KEY_ID", "")
	t.Setenv("OCP_ACCESS_KEY_SECRET", "")
	return ocp
}

// addExampleTenants adds count tenants, firstTenant onwards, to the example
// cluster, named tenant-0 onwards; withStrategy gives each a strategy with its
// scheduling stopped.
func (o *testOCP) addExampleTenants(firstTenant, count int64, withStrategy bool) {
	for i := int64(0); i < count; i++ {
		o.AddTenant(exampleClusterID, firstTenant+i, fmt.Sprintf("tenant-%d", i), withStrategy)
	}
}

// expectExampleTenantsRunning fails the test unless the scheduled backups of all
// four example tenants run.
func (o *testOCP) expectExampleTenantsRunning(t *testing.T) {
	t.Helper()
	for _, id := range []int64{exampleOrdersID, exampleBillingID, exampleLedgerID, exampleAuditID} {
		if !o.exampleScheduleEnabled(id) {
			t.Errorf("apply did not start tenant %d's backups", id)
		}
	}
}

// storageURL is where OCP's strategy of the tenant writes its backups.
func (o *testOCP) storageURL(clusterID, tenantID int64) any {
	return o.StrategyField(clusterID, tenantID, "obBackupServiceStorageConfig", "obBackupStorageBaseInfo", "storageUrl")
}

func (o *testOCP) exampleScheduleEnabled(tenantID int64) bool {
	enabled, _ := o.ScheduleEnabled(exampleClusterID, tenantID)
	return enabled
}

// newLookupOCP adds look-alike names, since OCP's name filter matches substrings.
func newLookupOCP(t *testing.T) *testOCP {
	ocp := newTestOCP(t, ocpmock.Options{})
	ocp.AddCluster(3, "prod")
	ocp.AddCluster(4, "prod-dr")
	ocp.AddCluster(5, "twin")
	ocp.AddCluster(6, "twin")
	ocp.AddTenant(3, 31, "orders", true)
	ocp.AddTenant(3, 32, "orders_archive", false)
	ocp.AddDataBackupTask(3, 31, map[string]any{"taskId": 901, "backupSetId": 7, "status": "DONE",
		"dataBackupTaskType": "FULL_BACKUP", "backupMode": "PHYSICAL_BACKUP",
		"startTime": "2026-11-20T02:00:00Z", "finishTime": "2026-11-20T02:40:00Z", "backupUri": "file:///obbackup/"})
	ocp.AddDataBackupTask(3, 31, map[string]any{"taskId": 902, "backupSetId": 8, "status": "FAILED",
		"dataBackupTaskType": "INCREMENTAL_BACKUP", "backupMode": "PHYSICAL_BACKUP",
		"startTime": "2026-11-22T02:00:00Z", "errorMsg": "disk quota exceeded"})
	return ocp
}

// newFleetOCP adds to the test OCP a stopped cluster 7 "prod-eu" with tenants
// orders-701…orders-706 (706 Oracle, locked) and "misc", so that lists span
// several pages of a server that gives at most three items a page.
func newFleetOCP(t *testing.T, opts ocpmock.Options) *testOCP {
	ocp := newTestOCP(t, opts)
	ocp.AddCluster(7, "prod-eu")
	ocp.SetClusterStatus(7, "STOPPED")
	for id := int64(701); id <= 706; id++ {
		ocp.AddTenant(7, id, fmt.Sprintf("orders-%d", id), false)
	}
	ocp.AddTenant(7, 707, "misc", false)
	ocp.ModifyTenant(7, 706, func(tenant *ocpmock.Tenant) { tenant.Mode, tenant.Locked = "ORACLE", true })
	ocp.ModifyTenant(7, 705, func(tenant *ocpmock.Tenant) { tenant.ReadOnly = true })
	return ocp
}

// newTLSTestOCP serves the mock over HTTPS with a self-signed certificate and
// returns that certificate as PEM.
func newTLSTestOCP(t *testing.T) (*testOCP, string) {
	t.Helper()
	plain := newTestOCP(t, ocpmock.Options{})
	server := httptest.NewTLSServer(plain.Server)
	t.Cleanup(server.Close)
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: server.Certificate().Raw})
	return &testOCP{Server: plain.Server, URL: server.URL, t: t}, string(certPEM)
}

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

const backupAddr = "ocp_tenant_backup.this"

func (o *testOCP) backupConfig(tenantID int64, extra string) string {
	return o.basicProvider(testPassword) + fmt.Sprintf(`
resource "ocp_tenant_backup" "this" {
  cluster_id = %d
  tenant_id  = %d
%s
}
`, testClusterID, tenantID, extra)
}

// addBackupHistory gives a tenant, listed in no order of time so that OCP's order
// cannot pass for newest first: an old incremental backup, a task still running, a
// full backup done doneAgo and a failure failedAgo.
func addBackupHistory(ocp *testOCP, clusterID, tenantID int64, doneAgo, failedAgo time.Duration) {
	now := time.Now().UTC()
	at := func(ago time.Duration) string { return now.Add(-ago).Format(time.RFC3339) }
	ocp.AddDataBackupTask(clusterID, tenantID, map[string]any{"taskId": 401, "backupSetId": 11, "status": "DONE",
		"dataBackupTaskType": "INCREMENTAL_BACKUP", "startTime": at(doneAgo + 48*time.Hour), "finishTime": at(doneAgo + 47*time.Hour)})
	ocp.AddDataBackupTask(clusterID, tenantID, map[string]any{"taskId": 503, "status": "DOING", "startTime": at(time.Minute)})
	ocp.AddDataBackupTask(clusterID, tenantID, map[string]any{"taskId": 502, "backupSetId": 12, "status": "DONE",
		"dataBackupTaskType": "FULL_BACKUP", "backupMode": "PHYSICAL_BACKUP",
		"startTime": at(doneAgo + 40*time.Minute), "finishTime": at(doneAgo)})
	ocp.AddDataBackupTask(clusterID, tenantID, map[string]any{"taskId": 504, "status": "FAILED",
		"dataBackupTaskType": "INCREMENTAL_BACKUP", "startTime": at(failedAgo), "finishTime": at(failedAgo - time.Minute),
		"errorMsg": "disk quota exceeded"})
}

// fleetConfig is a root configuration with the provider from OCP_* variables and
// the schedules fleetSchedules declares.
func fleetConfig(name string, firstTenant, tenants int64, carried bool) string {
	return requiredProviders + "\nprovider \"ocp\" {}\n" + fleetSchedules(name, firstTenant, tenants, carried)
}

// fleetSchedules declares ocp_tenant_backup_schedule.<name> for each of the example
// cluster's tenants firstTenant onwards; carried gives each a strategy to carry.
func fleetSchedules(name string, firstTenant, tenants int64, carried bool) string {
	strategy := ""
	if carried {
		strategy = `  strategy = {
    schedule = { mode = "WEEK", time = "01:00+08:00", days = { "7" = "FULL_BACKUP" } }
    storage  = { type = "FILE", url = "/obbackup/${each.key}" }
  }
`
	}
	return fmt.Sprintf(`
resource "ocp_tenant_backup_schedule" %q {
  for_each   = { for i in range(%d) : "tenant-${i}" => %d + i }
  cluster_id = %d
  tenant_id  = each.value
%s}
`, name, tenants, firstTenant, exampleClusterID, strategy)
}

// plannedAction is a step's plan check: the plan takes action on the resource at addr.
func plannedAction(addr string, action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, action)}}
}
