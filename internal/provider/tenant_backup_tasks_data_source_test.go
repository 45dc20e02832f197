package provider

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

func taskIDs(ids ...int64) knownvalue.Check {
	checks := make([]knownvalue.Check, len(ids))
	for i, id := range ids {
		checks[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"task_id": knownvalue.Int64Exact(id)})
	}
	return knownvalue.ListExact(checks)
}

// Tasks come newest first whatever order and time form OCP lists them in, and
// limit keeps the newest; times are normalised to RFC 3339 in UTC.
func TestAccTenantBackupTasksDataSource_newestFirstAndLimit(t *testing.T) {
	for name, opts := range map[string]ocpmock.Options{
		"UTC times":           {},
		"epoch millis, paged": {TaskTimes: ocpmock.TimeEpochMillis, PagedTasks: true, MaxPageSize: 2},
		"offset times":        {TaskTimes: ocpmock.TimeOffsetMillis},
	} {
		t.Run(name, func(t *testing.T) {
			ocp := newTestOCP(t, opts)
			addBackupHistory(ocp, testClusterID, testTenantID, 3*time.Hour, time.Hour)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: ocp.basicProvider(testPassword) + fmt.Sprintf(`
data "ocp_tenant_backup_tasks" "all" {
  cluster_id = %[1]d
  tenant_id  = %[2]d
}

data "ocp_tenant_backup_tasks" "newest_two" {
  cluster_id = %[1]d
  tenant_id  = %[2]d
  limit      = 2
}

data "ocp_tenant_backup_tasks" "last_done" {
  cluster_id = %[1]d
  tenant_id  = %[2]d
  statuses   = ["DONE"]
  limit      = 1
}
`, testClusterID, testTenantID),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("data.ocp_tenant_backup_tasks.all", tfjsonpath.New("tasks"), taskIDs(503, 504, 502, 401)),
						statecheck.ExpectKnownValue("data.ocp_tenant_backup_tasks.newest_two", tfjsonpath.New("tasks"), taskIDs(503, 504)),
						statecheck.ExpectKnownValue("data.ocp_tenant_backup_tasks.last_done", tfjsonpath.New("tasks"), taskIDs(502)),
						statecheck.ExpectKnownValue("data.ocp_tenant_backup_tasks.last_done", tfjsonpath.New("tasks").AtSliceIndex(0).AtMapKey("finish_time"),
							rfc3339Ago(3*time.Hour, 3*time.Hour+5*time.Minute)),
					},
				}},
			})
		})
	}
}

func TestAccTenantBackupTasksDataSource_limitMustBePositive(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: ocp.basicProvider(testPassword) + `
data "ocp_tenant_backup_tasks" "x" {
  cluster_id = 1
  tenant_id  = 11
  limit      = 0
}
`,
			ExpectError: errorParts("limit", "at least 1"),
		}},
	})
}

func TestNewestFirstByStartTimeThenID(t *testing.T) {
	at := func(text string) ocpclient.Timestamp { return ocpclient.ParseTimestamp(text) }
	tasks := []ocpclient.DataBackupTask{
		{TaskID: 1, StartTime: at("2026-01-01T00:00:00Z")},
		{TaskID: 9, StartTime: at("unreadable")},
		{TaskID: 3, StartTime: at("2026-01-02 00:00:00")},
		{TaskID: 2, StartTime: at("1767312000000")}, // 2026-01-02T00:00:00Z in epoch millis
		{TaskID: 8},
	}
	newestFirst(tasks)
	var ids []int64
	for _, task := range tasks {
		ids = append(ids, task.TaskID)
	}
	if want := []int64{3, 2, 1, 9, 8}; !slices.Equal(ids, want) {
		t.Errorf("order = %v, want %v", ids, want)
	}
}
