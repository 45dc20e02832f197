# Starts the scheduled backups of several tenants through the tenant-backup module;
# for "ledger" and "audit" the module also creates the backup strategy. The provider
# reads OCP_URL and the credentials from the environment.
terraform {
  # The tenant-backup module's floor.
  required_version = ">= 1.11"

  required_providers {
    ocp = {
      source = "ocp-tf/ocp"
    }
  }
}

provider "ocp" {}

# From a release, a configuration of your own writes
#   source = "git::https://github.com/ocp-tf/terraform-provider-ocp.git//examples/modules/tenant-backup?ref=v0.1.0"
module "tenant_backups" {
  source = "../modules/tenant-backup"

  tenants = {
    orders  = { cluster_id = 1000005, tenant_id = 1000012 }
    billing = { cluster_id = 1000005, tenant_id = 1000013, stop_on_destroy = false }
    ledger = {
      cluster_id = 1000005
      tenant_id  = 1000014
      strategy = {
        schedule = {
          mode = "WEEK"
          time = "01:00+08:00"
          days = { "7" = "FULL_BACKUP", "3" = "INCREMENTAL_BACKUP" }
        }
        storage = {
          type = "FILE"
          url  = "/obbackup/ledger"
        }
      }
    }
    # Removing audit from the map leaves its backups, and the strategy the module
    # created for them, running in OCP.
    audit = {
      cluster_id      = 1000005
      tenant_id       = 1000015
      stop_on_destroy = false
      strategy = {
        schedule = {
          mode = "MONTH"
          time = "03:00+08:00"
          days = { "1" = "FULL_BACKUP" }
        }
        storage = {
          type = "FILE"
          url  = "/obbackup/audit"
        }
      }
    }
  }
}

output "schedule_ids" {
  value = module.tenant_backups.schedule_ids
}

output "strategy_ids" {
  value = module.tenant_backups.strategy_ids
}
