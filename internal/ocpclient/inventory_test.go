package ocpclient

import (
	"context"
	"testing"
)

func tenantsPage(ids, pageBlock string) answer {
	contents := "[]"
	if ids != "" {
		contents = "[" + ids + "]"
	}
	body := `{"contents":` + contents
	if pageBlock != "" {
		body += `,"page":` + pageBlock
	}
	return answer{status: 200, body: `{"successful":true,"status":200,"data":` + body + `}}`}
}

// A list is read to its end whatever size each page has: a server may give fewer
// items than asked (a cap below the asked size), so only the page block says
// whether more follow. The last answer repeats, so a list read past its end shows
// as extra calls.
func TestListAllReadsToTheEnd(t *testing.T) {
	tests := map[string]struct {
		answers   []answer
		wantCalls int32
		wantIDs   int
	}{
		"capped pages with totalPages": {answers: []answer{
			tenantsPage(`{"id":1},{"id":2}`, `{"number":1,"size":2,"totalElements":5,"totalPages":3}`),
			tenantsPage(`{"id":3},{"id":4}`, `{"number":2,"size":2,"totalElements":5,"totalPages":3}`),
			tenantsPage(`{"id":5}`, `{"number":3,"size":2,"totalElements":5,"totalPages":3}`),
		}, wantCalls: 3, wantIDs: 5},
		"totalPage as OCP's tables name it": {answers: []answer{
			tenantsPage(`{"id":1},{"id":2}`, `{"totalPage":2}`),
			tenantsPage(`{"id":3}`, `{"totalPage":2}`),
		}, wantCalls: 2, wantIDs: 3},
		// Page count from the size asked, not the size given: the elements tell.
		"totalElements beyond the page count": {answers: []answer{
			tenantsPage(`{"id":1},{"id":2}`, `{"totalElements":3,"totalPages":1}`),
			tenantsPage(`{"id":3}`, `{"totalElements":3,"totalPages":1}`),
		}, wantCalls: 2, wantIDs: 3},
		"an empty page ends totals that do not come true": {answers: []answer{
			tenantsPage(`{"id":1}`, `{"totalElements":9,"totalPages":9}`),
			tenantsPage(``, `{"totalElements":9,"totalPages":9}`),
		}, wantCalls: 2, wantIDs: 1},
		"no page block": {answers: []answer{
			tenantsPage(`{"id":1},{"id":2}`, ``),
		}, wantCalls: 1, wantIDs: 2},
		"plain list": {answers: []answer{
			{status: 200, body: `{"successful":true,"status":200,"data":[{"id":1},{"id":2}]}`},
		}, wantCalls: 1, wantIDs: 2},
		"data null": {answers: []answer{
			{status: 200, body: `{"successful":true,"status":200,"data":null}`},
		}, wantCalls: 1, wantIDs: 0},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			srv := newScriptedServer(t, tt.answers...)
			tenants, err := testClient(t, srv.URL).ListTenants(context.Background(), TenantFilter{ClusterID: 1})
			if err != nil {
				t.Fatal(err)
			}
			if len(tenants) != tt.wantIDs {
				t.Errorf("tenants = %+v, want %d", tenants, tt.wantIDs)
			}
			if got := srv.calls.Load(); got != tt.wantCalls {
				t.Errorf("calls = %d, want %d", got, tt.wantCalls)
			}
		})
	}
}

// The tenant task listing is documented as a plain list, but an OCP answering in
// the page shape is read page by page like any other list.
func TestTenantTaskListingReadsEveryPage(t *testing.T) {
	srv := newScriptedServer(t,
		answer{status: 200, body: `{"successful":true,"status":200,"data":{"contents":[{"taskId":1}],"page":{"totalPages":2}}}`},
		answer{status: 200, body: `{"successful":true,"status":200,"data":{"contents":[{"taskId":2}],"page":{"totalPages":2}}}`},
	)
	tasks, err := testClient(t, srv.URL).ListTenantDataBackupTasks(context.Background(), 1, 11,
		DataBackupTaskFilter{Statuses: []string{"DONE"}})
	if err != nil || len(tasks) != 2 || tasks[1].TaskID != 2 {
		t.Fatalf("tasks = %+v, %v; want tasks 1 and 2", tasks, err)
	}
	query := srv.lastReq.Load().URL.Query()
	if query.Get("page") != "2" || query.Get("size") == "" || query.Get("status") != "DONE" {
		t.Errorf("last query = %v, want page 2, a size and the filter", query)
	}
}
