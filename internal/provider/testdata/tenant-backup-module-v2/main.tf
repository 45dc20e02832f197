locals {
  # Each field of a tenant's strategy wins over default_strategy's. Both have every
  # field (null when unset), so each block is rebuilt field by field.
  strategies = {
    for key, tenant in var.tenants : key => {
      backup_mode = tenant.strategy.backup_mode != null ? tenant.strategy.backup_mode : var.default_strategy.backup_mode
      schedule    = { for field, value in var.default_strategy.schedule : field => tenant.strategy.schedule[field] != null ? tenant.strategy.schedule[field] : value }
      thresholds  = { for field, value in var.default_strategy.thresholds : field => tenant.strategy.thresholds[field] != null ? tenant.strategy.thresholds[field] : value }
      storage     = { for field, value in var.default_strategy.storage : field => tenant.strategy.storage[field] != null ? tenant.strategy.storage[field] : value }
    } if tenant.strategy != null
  }
}

resource "ocp_tenant_backup_strategy" "this" {
  for_each = local.strategies

  cluster_id  = var.tenants[each.key].cluster_id
  tenant_id   = var.tenants[each.key].tenant_id
  backup_mode = each.value.backup_mode
  schedule    = each.value.schedule
  # Thresholds nobody set stay unset, so OCP's own apply.
  thresholds = alltrue([for value in values(each.value.thresholds) : value == null]) ? null : each.value.thresholds
  # FILE (NFS) storage takes no secret, whatever "*" holds.
  storage = merge(each.value.storage, {
    access_key_secret = each.value.storage.type == "FILE" ? null : lookup(var.storage_access_key_secrets, each.key, lookup(var.storage_access_key_secrets, "*", null))
  })
  # A tenant whose backups outlive the module keeps the strategy that runs them.
  delete_on_destroy = var.tenants[each.key].stop_on_destroy

  lifecycle {
    precondition {
      condition     = each.value.schedule.mode != null && each.value.schedule.time != null && each.value.schedule.days != null
      error_message = "Tenant \"${each.key}\": its strategy has no schedule mode, time or days. Set them in default_strategy.schedule or in the tenant's strategy.schedule."
    }
    precondition {
      condition     = each.value.storage.type != null && each.value.storage.url != null
      error_message = "Tenant \"${each.key}\": its strategy has no storage type or url. Set them in default_strategy.storage or in the tenant's strategy.storage."
    }
  }
}

resource "ocp_tenant_backup_schedule" "this" {
  for_each = var.tenants

  cluster_id      = each.value.cluster_id
  tenant_id       = each.value.tenant_id
  enabled         = each.value.enabled
  stop_on_destroy = each.value.stop_on_destroy
  # No depends_on on the strategies: Terraform orders by block, not by key, so it
  # would hold every schedule back until every strategy exists, and one failing
  # strategy would stop them all. A schedule whose strategy the module creates
  # waits for that one strategy instead.
  wait_for_strategy = each.value.strategy != null ? var.strategy_wait : null
}
