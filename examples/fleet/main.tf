# Backs up every tenant of a cluster, found by name rather than typed by id: the
# tenant-backup module starts each tenant's scheduled backups and gives the tenants
# that have no strategy yet the default one. A check block reports, on every plan
# and in HCP Terraform's continuous validation, the tenants whose last successful
# data backup is too old. The provider reads OCP_URL and the credentials from the
# environment.
terraform {
  required_version = ">= 1.5"

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

variable "max_backup_age_days" {
  description = "How old a tenant's last successful data backup may be before the check warns."
  type        = number
  default     = 2
}

data "ocp_cluster" "this" {
  name = var.cluster_name
}

data "ocp_tenants" "normal" {
  cluster_id = data.ocp_cluster.this.id
  status     = "NORMAL"
}

locals {
  tenants = { for tenant in data.ocp_tenants.normal.tenants : tenant.name => tenant }
}

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
    for name, tenant in local.tenants : name => {
      cluster_id = tenant.cluster_id
      tenant_id  = tenant.id
      strategy   = contains(var.tenants_with_own_strategy, name) ? null : {}
    }
  }
}

data "ocp_tenant_backup_status" "each" {
  for_each = local.tenants

  cluster_id = each.value.cluster_id
  tenant_id  = each.value.id
}

check "fleet_backups_are_fresh" {
  assert {
    condition = alltrue([
      for status in values(data.ocp_tenant_backup_status.each) :
      try(timecmp(status.last_successful_backup.finish_time, timeadd(plantimestamp(), "-${var.max_backup_age_days * 24}h")) >= 0, false)
    ])
    error_message = "No successful data backup in the last ${var.max_backup_age_days} days: ${join(", ", sort([
      for name, status in data.ocp_tenant_backup_status.each : name
      if !try(timecmp(status.last_successful_backup.finish_time, timeadd(plantimestamp(), "-${var.max_backup_age_days * 24}h")) >= 0, false)
    ]))}."
  }
}

output "tenants" {
  value = module.tenant_backups.tenants
}
