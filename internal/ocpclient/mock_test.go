package ocpclient

import (
	"context"
	"fmt"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// The client against the mock OCP. The mock is written from OCP's documentation
// apart from the client, so these tests hold each to the other: a request the
// client signs must pass the mock's own verifier.

// newMock serves a mock that knows the test credentials of both kinds, with
// tenant "orders" (11) in cluster 1.
func newMock(t *testing.T, opts ocpmock.Options) (*ocpmock.Server, string) {
	t.Helper()
	s := ocpmock.New(opts)
	s.AddUser(testUser, testPassword)
	s.AddAccessKey(testKeyID, testSecret)
	s.AddCluster(1, "c")
	s.AddTenant(1, 11, "orders", true)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv.URL
}

// The name filter puts characters into the query that the signature must escape.
func TestMockAcceptsTheClientsCredentials(t *testing.T) {
	_, url := newMock(t, ocpmock.Options{})
	tests := map[string]struct {
		mutate func(*Config)
		wantOK bool
	}{
		"basic":          {func(*Config) {}, true},
		"wrong password": {func(c *Config) { c.Password = "nope" }, false},
		"access key":     {withAccessKey(testSecret), true},
		"wrong secret":   {withAccessKey("bad"), false},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := testClient(t, url, tt.mutate).ListTenants(context.Background(), 1, "or ders+/~&=ü*")
			if tt.wantOK && err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			if !tt.wantOK && !IsUnauthorized(err) {
				t.Fatalf("want 401, got %v", err)
			}
		})
	}
}

// pagingServer is a mock with ten tenants t00…t09 besides "orders", answering in
// the page shape opts asks for.
func pagingServer(t *testing.T, opts ocpmock.Options) (*ocpmock.Server, *Client) {
	t.Helper()
	s, url := newMock(t, opts)
	for i := range int64(10) {
		s.AddTenant(1, 100+i, fmt.Sprintf("t%02d", i), false)
	}
	return s, testClient(t, url)
}

// A server-side cap far below the size the client asks for must not end a
// lookup early: the tenant looked for sits on the last page.
func TestListsFollowPagesPastAServerCap(t *testing.T) {
	for name, opts := range map[string]ocpmock.Options{
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
			if got := s.Calls(ocpmock.RouteListTenants); got != 4 {
				t.Errorf("list calls = %d, want 4 pages of at most 3", got)
			}
		})
	}
}

func TestDataBackupTasksInEitherShape(t *testing.T) {
	for name, tt := range map[string]struct {
		opts      ocpmock.Options
		wantCalls int
	}{
		"plain list, complete in one answer": {opts: ocpmock.Options{MaxPageSize: 2}, wantCalls: 1},
		"page shape, two per page":           {opts: ocpmock.Options{MaxPageSize: 2, PagedTasks: true}, wantCalls: 3},
	} {
		t.Run(name, func(t *testing.T) {
			s, c := pagingServer(t, tt.opts)
			for id := range 6 {
				status := map[bool]string{true: "DONE", false: "FAILED"}[id != 3]
				s.AddDataBackupTask(1, 11, map[string]any{"taskId": id + 1, "status": status, "startTime": "2026-01-01T00:00:00Z"})
			}
			tasks, err := c.ListTenantDataBackupTasks(context.Background(), 1, 11, DataBackupTaskFilter{Statuses: []string{"DONE"}})
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
			if got := s.Calls(ocpmock.RouteDataBackupTasks); got != tt.wantCalls {
				t.Errorf("calls = %d, want %d", got, tt.wantCalls)
			}
		})
	}
}
