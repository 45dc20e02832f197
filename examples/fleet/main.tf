# Backs up every tenant of a cluster, found by name rather than typed by id: the
# tenant-backup module starts each tenant's scheduled backups and gives the tenants
# that have no strategy yet the default one. The backup-health module's check block
# reports, on every plan and in HCP Terraform's continuous validation, each tenant
# whose backups are not healthy. The provider reads OCP_URL and the credentials from the
# environment.
terraform {
  required_version = ">= 1.11"

  required_providers {
    ocp = {
      source  = "ocp-tf/ocp"
      version = "~> 0.1"
    }
  }
}

provider "ocp" {}

variable "cluster_name" {
  description = "The cluster whose tenants are backed up."
  type        = string
  default     = "demo-cluster"
}

variable "tenants_with_own_strategy" {
  description = "Tenants whose backup strategy is managed elsewhere (in OCP's console, say): the module starts their backups but leaves their strategy alone."
  type        = set(string)
  default     = ["orders", "billing"]
}

variable "stop_backups_of_tenants_that_leave" {
  description = "Whether a tenant that drops out of the listing has its backups stopped and its strategy deleted. The listing is live: a renamed tenant, a permission the OCP user lost or a listing cut short makes tenants drop out although they still exist, and an auto-applied run would then stop their backups. So by default a tenant that leaves the map is only forgotten, and its backups and strategy stay in OCP."
  type        = bool
  default     = false
}

variable "max_backup_age_days" {
  description = "How old a tenant's last successful data backup may be before the check warns."
  type        = number
  default     = 2
}

data "ocp_cluster" "this" {
  name = var.cluster_name
}

# Every tenant of the cluster. Never filter a for_each source by a status that
# comes and goes (a tenant is MODIFYING while OCP resizes it): such a tenant would
# drop out of the map.
data "ocp_tenants" "all" {
  cluster_id = data.ocp_cluster.this.id
}

# Keyed by OCP's ids, which never change, rather than by name, which a rename
# changes: a renamed tenant keeps its instance instead of leaving the map.
locals {
  tenants = { for tenant in data.ocp_tenants.all.tenants : "${tenant.cluster_id}/${tenant.id}" => tenant }
}

# This example takes the modules from this repository; a configuration of your own
# takes them from a release, as the modules' READMEs show:
#   source = "git::https://github.com/ocp-tf/terraform-provider-ocp.git//examples/modules/tenant-backup?ref=v0.1.0"
module "tenant_backups" {
  source = "../modules/tenant-backup"

  default_strategy = {
    schedule = {
      mode = "WEEK"
      time = "01:00+08:00"
      days = { "7" = "FULL_BACKUP", "3" = "INCREMENTAL_BACKUP" }
    }
    storage = {
      type = "FILE"
      url  = "/obbackup/${var.cluster_name}"
    }
  }

  tenants = {
    for key, tenant in local.tenants : key => {
      cluster_id = tenant.cluster_id
      tenant_id  = tenant.id
      strategy   = contains(var.tenants_with_own_strategy, tenant.name) ? null : {}
      # A tenant that leaves the map keeps its backups unless you opted in.
      stop_on_destroy = var.stop_backups_of_tenants_that_leave
    }
  }
}

# One check per tenant: check blocks cannot use for_each, modules can. Each plan
# reads the tenants' backup status and evaluates the checks again; a plan with
# nothing to change still exits with 0 under -detailed-exitcode.
module "health" {
  source   = "../modules/backup-health"
  for_each = local.tenants

  cluster_id          = each.value.cluster_id
  tenant_id           = each.value.id
  tenant_name         = each.value.name
  max_backup_age_days = var.max_backup_age_days
}

output "tenants" {
  value = module.tenant_backups.tenants
}
