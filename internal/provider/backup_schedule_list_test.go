package provider

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// terraform query lists every tenant (or cluster) with a strategy, by identity and
// display name, filtered by cluster and name, from every page of OCP's lists.
func TestAccBackupScheduleList_query(t *testing.T) {
	skipOnOpenTofu(t, "terraform query")
	// Pages of two: the example cluster's five tenants take three, and the last
	// page holds a tenant with a strategy.
	ocp := newExampleOCPWith(t, ocpmock.Options{MaxPageSize: 2})
	const lastPageTenant = 1000016
	ocp.addExampleTenants(lastPageTenant, 1, true)
	ocp.AddClusterStrategy(exampleClusterID)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		Steps: []resource.TestStep{
			{Config: requiredProviders + `provider "ocp" {}`},
			{
				Query: true,
				Config: `
list "ocp_tenant_backup_schedule" "fleet" {
  provider = ocp
  config {
    cluster_id = 1000005
  }
}

list "ocp_tenant_backup_schedule" "billing" {
  provider = ocp
  config {
    name_regex = "^bill"
  }
}

list "ocp_tenant_backup_schedule" "named" {
  provider = ocp
  config {
    cluster_id    = 1000005
    name_contains = "bill"
  }
}

list "ocp_cluster_backup_schedule" "all" {
  provider = ocp
}
`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					// orders, billing and the last page's tenant have strategies; ledger
					// and audit have none.
					querycheck.ExpectLength("ocp_tenant_backup_schedule.fleet", 3),
					querycheck.ExpectIdentity("ocp_tenant_backup_schedule.fleet", map[string]knownvalue.Check{
						"cluster_id": knownvalue.Int64Exact(exampleClusterID), "tenant_id": knownvalue.Int64Exact(lastPageTenant),
					}),
					querycheck.ExpectIdentity("ocp_tenant_backup_schedule.fleet", map[string]knownvalue.Check{
						"cluster_id": knownvalue.Int64Exact(exampleClusterID), "tenant_id": knownvalue.Int64Exact(exampleOrdersID),
					}),
					querycheck.ExpectResourceDisplayName("ocp_tenant_backup_schedule.fleet", queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
						"cluster_id": knownvalue.Int64Exact(exampleClusterID), "tenant_id": knownvalue.Int64Exact(exampleBillingID),
					}), knownvalue.StringExact("demo-cluster/billing")),
					// Without cluster_id, the billing tenants of both clusters.
					querycheck.ExpectLength("ocp_tenant_backup_schedule.billing", 2),
					querycheck.ExpectIdentity("ocp_tenant_backup_schedule.billing", map[string]knownvalue.Check{
						"cluster_id": knownvalue.Int64Exact(exampleClusterID), "tenant_id": knownvalue.Int64Exact(exampleBillingID),
					}),
					querycheck.ExpectIdentity("ocp_tenant_backup_schedule.billing", map[string]knownvalue.Check{
						"cluster_id": knownvalue.Int64Exact(testClusterID), "tenant_id": knownvalue.Int64Exact(testOtherTenantID),
					}),
					// OCP's name filter, passed on: billing alone of the example cluster.
					querycheck.ExpectLength("ocp_tenant_backup_schedule.named", 1),
					querycheck.ExpectIdentity("ocp_tenant_backup_schedule.named", map[string]knownvalue.Check{
						"cluster_id": knownvalue.Int64Exact(exampleClusterID), "tenant_id": knownvalue.Int64Exact(exampleBillingID),
					}),
					// Clusters 2 and 1000005 have strategies of their own; cluster 1 has none.
					querycheck.ExpectLength("ocp_cluster_backup_schedule.all", 2),
				},
			},
		},
	})
}

// Configuration that terraform query generates from a fleet built in OCP's
// console plans nothing beyond its imports, and so does the one terraform import
// generates; written by hand in OCP's own forms, it writes nothing to OCP.
func TestAccBackupScheduleList_generatedConfigurationPlansNothing(t *testing.T) {
	ocp := newExampleOCP(t)
	cli := newCLITest(t)
	tf := cli.root("adopt", requiredProviders+"provider \"ocp\" {}\n")
	skipUnlessTerraform(t, tf, "1.14.0", "terraform query")
	query := `
list "ocp_tenant_backup_schedule" "fleet" {
  provider         = ocp
  include_resource = true
  config {
    cluster_id = 1000005
  }
}
`
	if err := os.WriteFile(filepath.Join(tf.WorkingDir(), "fleet.tfquery.hcl"), []byte(query), 0o600); err != nil {
		t.Fatal(err)
	}
	cli.init(tf)
	before := ocp.Calls(ocpmock.RouteGetStrategy)
	if output, err := cli.run(tf, "query", "-generate-config-out=generated.tf"); err != nil {
		t.Fatalf("query: %v\n%s", err, output)
	}
	if got := ocp.Calls(ocpmock.RouteGetStrategy) - before; got != 4 {
		t.Errorf("the query read %d strategies for the cluster's 4 tenants, want one each", got)
	}
	generated := readFile(t, filepath.Join(tf.WorkingDir(), "generated.tf"))
	for _, form := range []string{`"02:00+08:00"`, `"/obbackup"`} {
		if !strings.Contains(generated, form) {
			t.Errorf("the generated configuration lacks %s, the form a user writes:\n%s", form, generated)
		}
	}
	expectOnlyImports(t, cli, tf, 2)

	// Written by hand in OCP's own forms instead ("02:00:00.000+08:00", "/obbackup/"),
	// the configuration differs in text from what the import reads, which Terraform
	// plans as an in-place update; the apply finds OCP's strategy the same and sends
	// nothing, and the next plan is empty.
	handWritten := strings.NewReplacer(`"02:00+08:00"`, `"02:00:00.000+08:00"`, `"/obbackup"`, `"/obbackup/"`).Replace(generated)
	if err := os.WriteFile(filepath.Join(tf.WorkingDir(), "generated.tf"), []byte(handWritten), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := tf.Apply(ctx, tfexec.Reattach(cli.reattach)); err != nil {
		t.Fatalf("apply of the hand-written configuration: %v", err)
	}
	if err := ocp.expectCalls(ocpmock.RouteUpdateStrategy, 0); err != nil {
		t.Error(err)
	}
	if changes, err := tf.Plan(ctx, tfexec.Reattach(cli.reattach)); err != nil || changes {
		t.Errorf("plan after the apply: changes=%v err=%v, want none", changes, err)
	}

	// An import by ID generates the schedule without its strategy, which stays
	// OCP's console's: that plans nothing beyond the import either.
	byID := cli.root("adopt-by-id", requiredProviders+`provider "ocp" {}

import {
  to = ocp_tenant_backup_schedule.orders
  id = "1000005/1000012"
}
`)
	cli.init(byID)
	if output, err := cli.run(byID, "plan", "-generate-config-out=generated.tf"); err != nil {
		t.Fatalf("plan -generate-config-out: %v\n%s", err, output)
	}
	expectOnlyImports(t, cli, byID, 1)
}

// expectOnlyImports plans tf's directory: want resources imported, nothing else.
func expectOnlyImports(t *testing.T, cli *cliTest, tf *tfexec.Terraform, want int) {
	t.Helper()
	imported := 0
	for _, change := range cli.plan(tf).ResourceChanges {
		if !change.Change.Actions.NoOp() {
			t.Errorf("%s: %v, want only an import", change.Address, change.Change.Actions)
		}
		if change.Change.Importing != nil {
			imported++
		}
	}
	if imported != want {
		t.Errorf("the plan imports %d resources, want %d", imported, want)
	}
}
