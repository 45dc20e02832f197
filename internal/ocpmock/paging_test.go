package ocpmock

import (
	"context"
	"fmt"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// pagingServer is a mock with ten tenants t00…t09 besides "orders", answering in
// the page shape opts asks for.
func pagingServer(t *testing.T, opts Options) (*Server, *ocpclient.Client) {
	t.Helper()
	s := New(opts)
	s.AddUser("admin", "pw")
	s.AddCluster(1, "c")
	s.AddTenant(1, 11, "orders", true)
	for i := range int64(10) {
		s.AddTenant(1, 100+i, fmt.Sprintf("t%02d", i), false)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, client(t, srv.URL, ocpclient.Config{Username: "admin", Password: "pw"})
}

// A server-side cap far below the size the client asks for must not end a
// lookup early: the tenant looked for sits on the last page.
func TestListsFollowPagesPastAServerCap(t *testing.T) {
	for name, opts := range map[string]Options{
		"totalPages as OCP's samples name it": {MaxPageSize: 3},
		"totalPage as OCP's tables name it":   {MaxPageSize: 3, TotalPagesField: "totalPage"},
	} {
		t.Run(name, func(t *testing.T) {
			s, c := pagingServer(t, opts)
			tenants, err := c.ListTenants(context.Background(), 1, "t0")
			if err != nil {
				t.Fatal(err)
			}
			names := make([]string, 0, len(tenants))
			for _, tenant := range tenants {
				names = append(names, tenant.Name)
			}
			if len(names) != 10 || !slices.Contains(names, "t09") {
				t.Errorf("tenants = %v, want t00…t09", names)
			}
			if got := s.Calls(RouteListTenants); got != 4 {
				t.Errorf("list calls = %d, want 4 pages of at most 3", got)
			}
		})
	}
}

func TestDataBackupTasksInEitherShape(t *testing.T) {
	for name, tt := range map[string]struct {
		opts      Options
		wantCalls int
	}{
		"plain list, complete in one answer": {opts: Options{MaxPageSize: 2}, wantCalls: 1},
		"page shape, two per page":           {opts: Options{MaxPageSize: 2, PagedTasks: true}, wantCalls: 3},
	} {
		t.Run(name, func(t *testing.T) {
			s, c := pagingServer(t, tt.opts)
			for id := range 6 {
				status := map[bool]string{true: "DONE", false: "FAILED"}[id != 3]
				s.AddDataBackupTask(1, 11, map[string]any{"taskId": id + 1, "status": status, "startTime": "2026-01-01T00:00:00Z"})
			}
			tasks, err := c.ListTenantDataBackupTasks(context.Background(), 1, 11, ocpclient.DataBackupTaskFilter{Statuses: []string{"DONE"}})
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, task := range tasks {
				ids = append(ids, task.TaskID)
			}
			if !slices.Equal(ids, []int64{1, 2, 3, 5, 6}) {
				t.Errorf("task ids = %v, want 1 2 3 5 6", ids)
			}
			if got := s.Calls(RouteDataBackupTasks); got != tt.wantCalls {
				t.Errorf("calls = %d, want %d", got, tt.wantCalls)
			}
		})
	}
}
