package ocpclient

import (
	"context"
	"fmt"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

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
			_, err := testClient(t, url, tt.mutate).ListTenants(context.Background(), TenantFilter{ClusterID: 1, Name: "or ders+/~&=ü*"})
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
			tenants, err := c.ListTenants(context.Background(), TenantFilter{ClusterID: 1, Name: "t0"})
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

// inventoryServer is a mock with two clusters: "c" (1) with "orders" (11, MySQL)
// and "ledger" (12, Oracle, locked), and "d" (2, stopped) with "orders-eu" (21).
func inventoryServer(t *testing.T, opts ocpmock.Options) (*ocpmock.Server, *Client) {
	t.Helper()
	s, url := newMock(t, opts)
	s.AddTenant(1, 12, "ledger", false)
	s.ModifyTenant(1, 12, func(tenant *ocpmock.Tenant) { tenant.Mode, tenant.Locked = "ORACLE", true })
	s.AddCluster(2, "d")
	s.SetClusterStatus(2, "STOPPED")
	s.AddTenant(2, 21, "orders-eu", false)
	return s, testClient(t, url)
}

// Filters hold whether OCP applies them or ignores them: the client applies them
// again to what OCP answers.
func TestInventoryFiltersHoldWhetherOCPAppliesThemOrNot(t *testing.T) {
	for name, opts := range map[string]ocpmock.Options{
		"OCP filters":         {},
		"OCP ignores filters": {IgnoreListFilters: true},
	} {
		t.Run(name, func(t *testing.T) {
			_, c := inventoryServer(t, opts)
			ctx := context.Background()
			tenantIDs := func(filter TenantFilter) []int64 {
				tenants, err := c.ListTenants(ctx, filter)
				if err != nil {
					t.Fatal(err)
				}
				var ids []int64
				for _, tenant := range tenants {
					ids = append(ids, tenant.ID)
				}
				slices.Sort(ids)
				return ids
			}
			for filter, want := range map[*TenantFilter][]int64{
				{}:                               {11, 12, 21},
				{ClusterID: 1}:                   {11, 12},
				{Name: "ORDERS"}:                 {11, 21},
				{Mode: "oracle"}:                 {12},
				{ClusterID: 2, Name: "orders"}:   {21},
				{Statuses: []string{"DELETING"}}: nil,
			} {
				if got := tenantIDs(*filter); !slices.Equal(got, want) {
					t.Errorf("tenants %+v = %v, want %v", *filter, got, want)
				}
			}
			clusters, err := c.ListClusters(ctx, ClusterFilter{Statuses: []string{"STOPPED"}})
			if err != nil || len(clusters) != 1 || clusters[0].ID != 2 {
				t.Errorf("stopped clusters = %+v, %v; want cluster 2", clusters, err)
			}
		})
	}
}

func TestTenantFlagsAreRead(t *testing.T) {
	_, c := inventoryServer(t, ocpmock.Options{})
	tenant, err := c.GetTenant(context.Background(), 1, 12)
	if err != nil {
		t.Fatal(err)
	}
	if tenant.Locked == nil || !*tenant.Locked || tenant.ReadOnly == nil || *tenant.ReadOnly || tenant.Mode != "ORACLE" || tenant.ClusterName != "c" {
		t.Errorf("tenant = %+v", tenant)
	}
}

// The log archiving's checkpoint and delay read the same in every form the mock
// can write them.
func TestLogBackupTasksInEveryForm(t *testing.T) {
	for name, opts := range map[string]ocpmock.Options{
		"UTC, delay number":                   {},
		"offset with millis, delay string":    {TaskTimes: ocpmock.TimeOffsetMillis, LogDelay: ocpmock.DelayString},
		"spaced, paged":                       {TaskTimes: ocpmock.TimeSpaced, PagedTasks: true},
		"epoch millis, no delay":              {TaskTimes: ocpmock.TimeEpochMillis, LogDelay: ocpmock.DelayAbsent},
		"local time without offset, no delay": {TaskTimes: ocpmock.TimeLocalSpaced, LogDelay: ocpmock.DelayAbsent},
	} {
		t.Run(name, func(t *testing.T) {
			s, c := inventoryServer(t, opts)
			s.SetLogDelay(1, 11, 90*time.Second)
			tasks, err := c.ListTenantLogBackupTasks(context.Background(), 1, 11)
			if err != nil || len(tasks) != 1 {
				t.Fatalf("tasks = %+v, %v", tasks, err)
			}
			lag := time.Since(tasks[0].Checkpoint.At)
			if lag < 89*time.Second || lag > time.Hour {
				t.Errorf("checkpoint %v lags %v, want about 90s", tasks[0].Checkpoint, lag)
			}
			wantDelay := Seconds{Value: 90, Valid: true}
			if opts.LogDelay == ocpmock.DelayAbsent {
				wantDelay = Seconds{}
			}
			if tasks[0].Delay != wantDelay {
				t.Errorf("delay = %+v, want %+v", tasks[0].Delay, wantDelay)
			}
			if tasks[0].Status != "STOPPED" {
				t.Errorf("status = %q", tasks[0].Status)
			}
		})
	}
}
