# Starts the scheduled backups of one OCP tenant. `make demo` runs this against the
# mock OCP; the provider reads its URL and credentials from OCP_URL, OCP_USERNAME
# and OCP_PASSWORD.
terraform {
  required_providers {
    ocp = {
      source = "ocp-tf/ocp"
    }
  }
}

provider "ocp" {}

resource "ocp_tenant_backup_schedule" "orders" {
  cluster_id = 1000005
  tenant_id  = 1000012
}

output "orders_backup_schedule" {
  value = {
    id         = ocp_tenant_backup_schedule.orders.id
    trace_id   = ocp_tenant_backup_schedule.orders.trace_id
    started_at = ocp_tenant_backup_schedule.orders.started_at
  }
}
