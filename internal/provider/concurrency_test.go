package provider

import (
	"context"
	"testing"

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
