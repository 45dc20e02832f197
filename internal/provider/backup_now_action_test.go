package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-exec/tfexec"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// backupNowActions declares both actions for the example cluster and its orders
// tenant, and a terraform_data whose creation triggers the tenant's.
const backupNowActions = requiredProviders + `
provider "ocp" {}

action "ocp_tenant_backup_now" "orders" {
  config {
    cluster_id       = 1000005
    tenant_id        = 1000012
    data_backup_mode = "INCREMENTAL_BACKUP"
  }
}

action "ocp_cluster_backup_now" "demo" {
  config {
    cluster_id = 1000005
  }
}

resource "terraform_data" "release" {
  input = "1.0"

  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.ocp_tenant_backup_now.orders]
    }
  }
}
`

// The backup-now actions take one backup each time they run: from an
// action_trigger after a resource is created, and from terraform apply -invoke,
// reporting progress; a failed backup fails with OCP's message.
func TestAccBackupNowAction(t *testing.T) {
	ocp := newExampleOCPWith(t, ocpmock.Options{TaskPolls: 1})
	ocp.AddClusterStrategy(exampleClusterID)
	cli := newCLITest(t)
	tf := cli.root("backup-now", backupNowActions)
	skipUnlessTerraform(t, tf, "1.14.0", "actions")
	cli.initAndApply(tf)
	if err := ocp.expectCalls(ocpmock.RouteBackupNow, 1); err != nil {
		t.Fatalf("the action_trigger after create: %v", err)
	}
	if backups := ocp.DataBackupTasks(exampleClusterID, exampleOrdersID); len(backups) != 1 || backups[0]["dataBackupTaskType"] != "INCREMENTAL_BACKUP" {
		t.Errorf("OCP's backups of orders: %v, want one incremental", backups)
	}

	output, err := cli.invoke(tf, "action.ocp_tenant_backup_now.orders")
	if err != nil || !strings.Contains(output, "(INCREMENTAL_BACKUP) of the tenant 1000012 in cluster 1000005") || !strings.Contains(output, "is done") {
		t.Errorf("invoke: %v\n%s", err, output)
	}
	if err := ocp.expectCalls(ocpmock.RouteBackupNow, 2); err != nil {
		t.Error(err)
	}

	ocp.FailNextTasks("Backup destination is full")
	output, err = cli.invoke(tf, "action.ocp_tenant_backup_now.orders")
	if err == nil || !strings.Contains(output, "The data backup did not succeed") || !strings.Contains(output, "Backup destination is full") {
		t.Errorf("invoke of a failing backup: %v\n%s", err, output)
	}
	ocp.FailNextTasks("")

	if output, err := cli.invoke(tf, "action.ocp_cluster_backup_now.demo"); err != nil {
		t.Errorf("invoke of the cluster's: %v\n%s", err, output)
	}
	if err := ocp.expectCalls(ocpmock.RouteClusterBackupNow, 1); err != nil {
		t.Error(err)
	}
	// An apply with nothing to create triggers nothing.
	if err := tf.Apply(context.Background(), tfexec.Reattach(cli.reattach)); err != nil {
		t.Fatal(err)
	}
	if err := ocp.expectCalls(ocpmock.RouteBackupNow, 3); err != nil {
		t.Error(err)
	}
}
