//go:build unix

package provider

import (
	"fmt"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// An apply killed together with its provider (SIGKILL to Terraform's process
// group, as a CI runner that times out does) leaves the schedules it started
// running in OCP without their state. The next apply adopts them and starts the
// others: every schedule ends in state and running, none started twice.
//
// The provider must be a process of its own to die with Terraform, so the test
// builds it and points Terraform at it with dev_overrides.
func TestAccTenantBackupSchedule_applyKilledWithItsProvider(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the provider; make test runs it, the CLI matrix (-short) does not")
	}
	terraform := acceptanceTerraform(t)
	const clusterID, tenants, firstTenant, killAfter = 8, 10, 8001, 3
	// OCP acts at once but its answers take a while: the kill lands after OCP
	// started the schedule of the last start call counted, before its answer.
	ocp := newTestOCP(t, ocpmock.Options{Latency: 500 * time.Millisecond})
	ocp.AddCluster(clusterID, "killed")
	for i := int64(0); i < tenants; i++ {
		ocp.AddTenant(clusterID, firstTenant+i, "t", true)
	}
	dir := devOverrideWorkspace(t, ocp.basicProvider(testPassword)+fmt.Sprintf(`
resource "ocp_tenant_backup_schedule" "t" {
  for_each   = toset([for i in range(%d) : tostring(%d + i)])
  cluster_id = %d
  tenant_id  = tonumber(each.key)
}
`, tenants, firstTenant, clusterID))

	killApplyAfterStarts(t, terraformCommand(terraform, dir, "apply", "-parallelism=1"), ocp, killAfter)
	runningAtKill := map[int64]bool{}
	for i := int64(0); i < tenants; i++ {
		runningAtKill[firstTenant+i], _ = ocp.ScheduleEnabled(clusterID, firstTenant+i)
	}

	output, err := terraformCommand(terraform, dir, "apply").CombinedOutput()
	if err != nil {
		t.Fatalf("the apply after the kill failed: %v\n%s", err, output)
	}
	if got := stateInstances(t, dir); got != tenants {
		t.Errorf("state holds %d schedules, want %d", got, tenants)
	}
	adopted := 0
	for i := int64(0); i < tenants; i++ {
		tenant := firstTenant + i
		if enabled, _ := ocp.ScheduleEnabled(clusterID, tenant); !enabled {
			t.Errorf("tenant %d is not running", tenant)
		}
		starts := ocp.StartCallsOf(clusterID, tenant)
		if starts.Started != 1 {
			t.Errorf("tenant %d: OCP started its schedule %d times, want once", tenant, starts.Started)
		}
		if starts.AlreadyRunning > 0 && !runningAtKill[tenant] {
			t.Errorf("tenant %d was started again although the killed apply had not started it", tenant)
		}
		adopted += starts.AlreadyRunning
	}
	t.Logf("killed with %d of %d schedules running; the next apply adopted %d", count(runningAtKill), tenants, adopted)
	if adoptionWarned := strings.Contains(string(output), "Scheduled backups were already running"); adoptionWarned != (adopted > 0) {
		t.Errorf("%d starts were refused as already running, but the warning of their adoption shown = %v:\n%s", adopted, adoptionWarned, output)
	}
}

// killApplyAfterStarts runs apply in a process group of its own and kills the
// group once count start calls have reached ocp.
func killApplyAfterStarts(t *testing.T, apply *exec.Cmd, ocp *testOCP, count int) {
	t.Helper()
	apply.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var output strings.Builder
	apply.Stdout, apply.Stderr = &output, &output
	if err := apply.Start(); err != nil {
		t.Fatal(err)
	}
	ended := make(chan error, 1)
	go func() { ended <- apply.Wait() }()
	for ocp.Calls(ocpmock.RouteStartSchedule) < count {
		select {
		case err := <-ended:
			t.Fatalf("the apply ended (%v) before %d start calls:\n%s", err, count, output.String())
		case <-time.After(5 * time.Millisecond):
		}
	}
	if err := syscall.Kill(-apply.Process.Pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := <-ended; err == nil {
		t.Fatalf("the apply ended on its own before the kill:\n%s", output.String())
	}
}

func count(set map[int64]bool) int {
	n := 0
	for _, member := range set {
		if member {
			n++
		}
	}
	return n
}
