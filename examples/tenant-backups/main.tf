# Starts the scheduled backups of several tenants through the tenant-backup module.
# The provider reads OCP_URL and the credentials from the environment.
terraform {
  required_providers {
    ocp = {
      source = "ocp-tf/ocp"
    }
  }
}

provider "ocp" {}

module "tenant_backups" {
  source = "../modules/tenant-backup"

  tenants = {
    orders  = { cluster_id = 1000005, tenant_id = 1000012 }
    billing = { cluster_id = 1000005, tenant_id = 1000013, stop_on_destroy = false }
  }
}

output "schedule_ids" {
  value = module.tenant_backups.schedule_ids
}
