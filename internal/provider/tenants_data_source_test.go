package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

func tenantIDs(ids ...int64) knownvalue.Check {
	checks := make([]knownvalue.Check, len(ids))
	for i, id := range ids {
		checks[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.Int64Exact(id)})
	}
	return knownvalue.ListExact(checks)
}

// Every page is read from a server that caps pages at three items, whichever page
// count field it writes, and the filters hold also where OCP ignores them.
func TestAccTenantsAndClustersDataSources_everyPageAndFilter(t *testing.T) {
	for name, opts := range map[string]ocpmock.Options{
		"capped pages": {MaxPageSize: 3},
		"capped pages, totalPage, filters ignored": {MaxPageSize: 3, TotalPagesField: "totalPage", IgnoreListFilters: true},
	} {
		t.Run(name, func(t *testing.T) {
			ocp := newFleetOCP(t, opts)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: ocp.basicProvider(testPassword) + `
data "ocp_tenants" "all" {}

data "ocp_tenants" "eu" {
  cluster_id = 7
}

data "ocp_tenants" "orders_by_regex" {
  name_regex = "^orders-[0-9]+$"
}

data "ocp_tenants" "orders_oracle" {
  name_contains = "ORDERS"
  mode          = "oracle"
}

data "ocp_clusters" "all" {}

data "ocp_clusters" "stopped" {
  status = "STOPPED"
}

data "ocp_clusters" "two" {
  name_contains = "-TWO"
}

output "by_name" {
  value = { for tenant in data.ocp_tenants.eu.tenants : tenant.name => tenant.id }
}
`,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("data.ocp_tenants.all", tfjsonpath.New("tenants"),
							tenantIDs(testTenantID, testTenantNoStrategy, testOtherTenantID, 701, 702, 703, 704, 705, 706, 707)),
						statecheck.ExpectKnownValue("data.ocp_tenants.eu", tfjsonpath.New("tenants"), tenantIDs(701, 702, 703, 704, 705, 706, 707)),
						statecheck.ExpectKnownValue("data.ocp_tenants.eu", tfjsonpath.New("tenants").AtSliceIndex(4), knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"name": knownvalue.StringExact("orders-705"), "read_only": knownvalue.Bool(true), "locked": knownvalue.Bool(false),
						})),
						statecheck.ExpectKnownValue("data.ocp_tenants.orders_by_regex", tfjsonpath.New("tenants"), tenantIDs(701, 702, 703, 704, 705, 706)),
						statecheck.ExpectKnownValue("data.ocp_tenants.orders_oracle", tfjsonpath.New("tenants"), knownvalue.ListExact([]knownvalue.Check{
							knownvalue.ObjectExact(map[string]knownvalue.Check{
								"id": knownvalue.Int64Exact(706), "name": knownvalue.StringExact("orders-706"),
								"cluster_id": knownvalue.Int64Exact(7), "cluster_name": knownvalue.StringExact("prod-eu"),
								"ob_tenant_id": knownvalue.Int64Exact(706), "mode": knownvalue.StringExact("ORACLE"),
								"status": knownvalue.StringExact("NORMAL"), "locked": knownvalue.Bool(true), "read_only": knownvalue.Bool(false),
							}),
						})),
						statecheck.ExpectKnownValue("data.ocp_clusters.all", tfjsonpath.New("clusters"), tenantIDs(testClusterID, testStrategyClusterID, 7)),
						statecheck.ExpectKnownValue("data.ocp_clusters.stopped", tfjsonpath.New("clusters"), knownvalue.ListExact([]knownvalue.Check{
							knownvalue.ObjectExact(map[string]knownvalue.Check{
								"id": knownvalue.Int64Exact(7), "name": knownvalue.StringExact("prod-eu"), "ob_cluster_id": knownvalue.Int64Exact(7),
								"status": knownvalue.StringExact("STOPPED"), "type": knownvalue.StringExact("PRIMARY"), "ob_version": knownvalue.StringExact("4.2.1.8"),
							}),
						})),
						statecheck.ExpectKnownValue("data.ocp_clusters.two", tfjsonpath.New("clusters"), tenantIDs(testStrategyClusterID)),
						statecheck.ExpectKnownOutputValue("by_name", knownvalue.MapPartial(map[string]knownvalue.Check{
							"misc": knownvalue.Int64Exact(707), "orders-701": knownvalue.Int64Exact(701),
						})),
					},
				}},
			})
			// Ten tenants at three a page are four pages for each of the lists
			// without a cluster, whatever OCP filtered.
			if got := ocp.Calls(ocpmock.RouteListAllTenants); got < 4*3 {
				t.Errorf("all-tenants list calls = %d, want every page (at least 4) of each of the three lists, in each step", got)
			}
		})
	}
}

func TestAccTenantsDataSource_planTimeErrors(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	for name, tt := range map[string]struct {
		config string
		want   []string
	}{
		"bad regex":     {`data "ocp_tenants" "x" { name_regex = "orders-(" }`, []string{"Invalid regular expression", `"orders-("`, "RE2"}},
		"bad mode":      {`data "ocp_tenants" "x" { mode = "POSTGRES" }`, []string{"mode", "MYSQL", "ORACLE"}},
		"bad status":    {`data "ocp_tenants" "x" { status = "RUNNING" }`, []string{"status", "NORMAL"}},
		"bad cluster":   {`data "ocp_tenants" "x" { cluster_id = 0 }`, []string{"cluster_id", "at least 1"}},
		"cluster state": {`data "ocp_clusters" "x" { status = "NORMAL" }`, []string{"status", "RUNNING"}},
	} {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      ocp.basicProvider(testPassword) + tt.config,
					ExpectError: errorParts(tt.want...),
				}},
			})
			if got := ocp.Calls(ocpmock.RouteListAllTenants) + ocp.Calls(ocpmock.RouteListClusters); got != 0 {
				t.Errorf("%d list calls reached OCP; bad input must be refused before", got)
			}
		})
	}
}

// A cluster_id OCP does not know is an error on cluster_id, never an empty list.
func TestAccTenantsDataSource_unknownCluster(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      ocp.basicProvider(testPassword) + `data "ocp_tenants" "x" { cluster_id = 77 }`,
			ExpectError: errorParts("Cluster not found", "OCP has no cluster 77", "ocp_clusters"),
		}},
	})
}
