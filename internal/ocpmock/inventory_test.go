package ocpmock

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

func TestInventoryLookups(t *testing.T) {
	_, baseURL := newTestServer(t)
	admin := newCaller(t, baseURL, basicAuth("admin", "pw"))
	var cluster struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	}
	admin.do(http.MethodGet, "/api/v2/ob/clusters/1", nil).decode(t, &cluster)
	if cluster.ID != 1 || cluster.Name != "c" {
		t.Fatalf("cluster = %+v", cluster)
	}
	var tenant struct {
		ID        int64  `json:"id"`
		Name      string `json:"name"`
		ClusterID int64  `json:"clusterId"`
	}
	admin.do(http.MethodGet, "/api/v2/ob/clusters/1/tenants/11", nil).decode(t, &tenant)
	if tenant.ID != 11 || tenant.Name != "orders" || tenant.ClusterID != 1 {
		t.Fatalf("tenant = %+v", tenant)
	}
	if got := admin.do(http.MethodGet, "/api/v2/ob/clusters/2", nil); !got.gone() {
		t.Errorf("unknown cluster: want not found, got %v", got)
	}
	if got := admin.do(http.MethodGet, "/api/v2/ob/clusters/1/tenants/99", nil); !got.gone() {
		t.Errorf("unknown tenant: want not found, got %v", got)
	}
}

// The mock serves tenants in pages of the size asked and filters them by name.
func TestListsFilterByNameAcrossPages(t *testing.T) {
	s, baseURL := newTestServer(t)
	for i := int64(0); i < 1200; i++ {
		s.AddTenant(1, 100+i, fmt.Sprintf("t%04d", i), false)
	}
	admin := newCaller(t, baseURL, basicAuth("admin", "pw"))
	var total int
	for page, want := range []int{500, 500, 201} {
		got := listTenants(t, admin, url.Values{"page": {fmt.Sprint(page + 1)}, "size": {"500"}})
		total += len(got.Contents)
		if len(got.Contents) != want || got.Page.TotalElements != 1201 || got.Page.TotalPages != 3 {
			t.Errorf("page %d: %d tenants of %+v, want %d of 1201 in 3 pages", page+1, len(got.Contents), got.Page, want)
		}
	}
	if total != 1201 {
		t.Fatalf("%d tenants over three pages, want 1201", total)
	}
	if got := s.Calls(RouteListTenants); got != 3 {
		t.Errorf("list calls = %d, want 3", got)
	}
	if some := listTenants(t, admin, url.Values{"name": {"T011"}, "size": {"500"}}); len(some.Contents) != 10 {
		t.Errorf("name filter T011 = %d tenants; want 10 (case-insensitive substring)", len(some.Contents))
	}
}

// tenantPage is one page of a tenant listing, as far as the tests read it.
type tenantPage struct {
	Contents []struct {
		Name string `json:"name"`
	} `json:"contents"`
	Page struct {
		TotalElements int `json:"totalElements"`
		TotalPages    int `json:"totalPages"`
	} `json:"page"`
}

func listTenants(t *testing.T, c caller, query url.Values) tenantPage {
	t.Helper()
	var page tenantPage
	c.do(http.MethodGet, "/api/v2/ob/clusters/1/tenants?"+query.Encode(), nil).decode(t, &page)
	return page
}

// An unlisted tenant is missing from every listing but still answers by id.
func TestUnlistedTenantAnswersOnlyByID(t *testing.T) {
	s, baseURL := newTestServer(t)
	s.ModifyTenant(1, 11, func(tenant *Tenant) { tenant.Unlisted = true })
	admin := newCaller(t, baseURL, basicAuth("admin", "pw"))
	for _, path := range []string{"/api/v2/ob/clusters/1/tenants", "/api/v2/ob/tenants"} {
		var page struct {
			Contents []struct{ ID int64 } `json:"contents"`
		}
		admin.do(http.MethodGet, path, nil).decode(t, &page)
		if len(page.Contents) != 0 {
			t.Errorf("%s lists %+v; want the unlisted tenant left out", path, page.Contents)
		}
	}
	var tenant struct{ ID int64 }
	admin.do(http.MethodGet, "/api/v2/ob/clusters/1/tenants/11", nil).decode(t, &tenant)
	if tenant.ID != 11 {
		t.Errorf("read by id: %+v, want tenant 11", tenant)
	}
}
