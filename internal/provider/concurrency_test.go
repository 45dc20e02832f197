package provider

import (
	"context"
	"testing"
	"time"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// 200 schedules applied with -parallelism=50: all end in state, and OCP saw exactly
// one start call per tenant.
func TestAccTenantBackupSchedule_concurrentApply(t *testing.T) {
	skipForCLIMatrix(t)
	const clusterID, tenants, firstTenant = 7, 200, 7001
	ocp := newTestOCP(t, ocpmock.Options{})
	ocp.AddCluster(clusterID, "busy")
	for i := int64(0); i < tenants; i++ {
		ocp.AddTenant(clusterID, firstTenant+i, "t", true)
	}
	cli := newCLITest(t)
	tf := cli.root("concurrency", ocp.basicProvider(testPassword)+`
resource "ocp_tenant_backup_schedule" "t" {
  for_each   = toset([for i in range(200) : tostring(7001 + i)])
  cluster_id = 7
  tenant_id  = tonumber(each.key)
}
`)
	ctx := context.Background()
	if err := tf.Init(ctx, tfexec.Reattach(cli.reattach)); err != nil {
		t.Fatalf("init: %v", err)
	}
	if err := tf.Apply(ctx, tfexec.Reattach(cli.reattach), tfexec.Parallelism(50)); err != nil {
		t.Fatalf("apply: %v", err)
	}
	state, err := tf.Show(ctx, tfexec.Reattach(cli.reattach))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(state.Values.RootModule.Resources); got != tenants {
		t.Errorf("state holds %d schedules, want %d", got, tenants)
	}
	// Every tenant running and exactly as many start calls as tenants: one each.
	for i := int64(0); i < tenants; i++ {
		if enabled, _ := ocp.ScheduleEnabled(clusterID, firstTenant+i); !enabled {
			t.Errorf("tenant %d is not running", firstTenant+i)
		}
	}
	if err := ocp.expectCalls(ocpmock.RouteStartSchedule, tenants); err != nil {
		t.Error(err)
	}
	if err := tf.Destroy(ctx, tfexec.Reattach(cli.reattach), tfexec.Parallelism(50)); err != nil {
		t.Fatalf("destroy: %v", err)
	}
	if err := ocp.expectCalls(ocpmock.RouteStopSchedule, tenants); err != nil {
		t.Error(err)
	}
}

// Across a fleet, nothing in the provider serialises its calls to OCP (a lock, a
// shared limiter, a single connection): with every answer arriving late, an apply
// and a plan have as many calls in flight as Terraform's -parallelism allows.
func TestAccTenantBackupSchedule_fleetCallsOCPInParallel(t *testing.T) {
	const tenants, firstTenant, parallelism = 8, 1000080, 4
	ocp := newExampleOCPWith(t, ocpmock.Options{Latency: 500 * time.Millisecond})
	ocp.addExampleTenants(firstTenant, tenants, true)
	cli := newCLITest(t)
	tf := cli.root("fleet", fleetConfig("this", firstTenant, tenants, false))
	cli.init(tf)
	ctx := context.Background()

	ocp.TakePeakInFlight()
	if err := tf.Apply(ctx, tfexec.Reattach(cli.reattach), tfexec.Parallelism(parallelism)); err != nil {
		t.Fatalf("apply: %v", err)
	}
	if peak := ocp.TakePeakInFlight(); peak < parallelism {
		t.Errorf("the apply had at most %d calls in flight at -parallelism=%d", peak, parallelism)
	}
	if _, err := tf.Plan(ctx, tfexec.Reattach(cli.reattach), tfexec.Parallelism(parallelism)); err != nil {
		t.Fatalf("plan: %v", err)
	}
	if peak := ocp.TakePeakInFlight(); peak < parallelism {
		t.Errorf("the plan had at most %d calls in flight at -parallelism=%d", peak, parallelism)
	}
}
