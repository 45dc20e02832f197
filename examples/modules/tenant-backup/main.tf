locals {
  # Each field of a tenant's strategy wins over default_strategy's. Both have every
  # field (null when unset), so each block is rebuilt field by field.
  strategies = {
    for key, tenant in var.tenants : key => {
      backup_mode = tenant.strategy.backup_mode != null ? tenant.strategy.backup_mode : var.default_strategy.backup_mode
      schedule    = { for field, value in var.default_strategy.schedule : field => tenant.strategy.schedule[field] != null ? tenant.strategy.schedule[field] : value }
      thresholds  = { for field, value in var.default_strategy.thresholds : field => tenant.strategy.thresholds[field] != null ? tenant.strategy.thresholds[field] : value }
      storage     = { for field, value in var.default_strategy.storage : field => tenant.strategy.storage[field] != null ? tenant.strategy.storage[field] : value }
      # Object storage (OSS, COS, S3) takes a secret; FILE (NFS) none, whatever "*" holds.
      object_storage = (tenant.strategy.storage.type != null ? tenant.strategy.storage.type : var.default_strategy.storage.type) != "FILE"
    } if tenant.strategy != null
  }
}

# Each tenant is one resource instance: a tenant whose strategy the module creates
# has it carried by its schedule, which creates the strategy and starts its backups
# in one step. No instance waits for another, so one tenant's failing strategy
# holds back no other tenant, whatever -parallelism is.
resource "ocp_tenant_backup_schedule" "this" {
  for_each = var.tenants

  cluster_id = each.value.cluster_id
  tenant_id  = each.value.tenant_id
  enabled    = each.value.enabled
  # Destroy stops the backups and deletes the strategy the module created; false
  # leaves both running in OCP.
  stop_on_destroy = each.value.stop_on_destroy

  strategy = each.value.strategy == null ? null : {
    backup_mode = local.strategies[each.key].backup_mode
    schedule    = local.strategies[each.key].schedule
    # Thresholds nobody set stay unset, so OCP's own apply.
    thresholds = alltrue([for value in values(local.strategies[each.key].thresholds) : value == null]) ? null : local.strategies[each.key].thresholds
    # The object is written out attribute by attribute, not merged: the write-only
    # secret may be ephemeral, and an ephemeral value may flow into a write-only
    # attribute alone.
    storage = {
      type                    = local.strategies[each.key].storage.type
      url                     = local.strategies[each.key].storage.url
      config_name             = local.strategies[each.key].storage.config_name
      alarm_threshold_percent = local.strategies[each.key].storage.alarm_threshold_percent
      endpoint                = local.strategies[each.key].storage.endpoint
      app_id                  = local.strategies[each.key].storage.app_id
      region                  = local.strategies[each.key].storage.region
      access_key_id           = local.strategies[each.key].storage.access_key_id
      access_key_secret       = local.strategies[each.key].object_storage ? lookup(var.storage_access_key_secrets, each.key, lookup(var.storage_access_key_secrets, "*", null)) : null
      access_key_secret_wo    = local.strategies[each.key].object_storage ? lookup(var.storage_access_key_secrets_wo, each.key, lookup(var.storage_access_key_secrets_wo, "*", null)) : null
      # Taken from its own variable, not from whether a write-only secret is given:
      # a value derived from an ephemeral one is ephemeral too, and the version is
      # kept in state.
      access_key_secret_wo_version = local.strategies[each.key].object_storage ? var.storage_access_key_secret_wo_version : null
    }
  }

  lifecycle {
    precondition {
      condition     = each.value.strategy == null || try(local.strategies[each.key].schedule.mode != null && local.strategies[each.key].schedule.time != null && local.strategies[each.key].schedule.days != null, false)
      error_message = "Tenant \"${each.key}\": its strategy has no schedule mode, time or days. Set them in default_strategy.schedule or in the tenant's strategy.schedule."
    }
    precondition {
      condition     = var.storage_access_key_secret_wo_version != null || length(var.storage_access_key_secrets_wo) == 0
      error_message = "storage_access_key_secrets_wo needs storage_access_key_secret_wo_version: Terraform keeps no trace of a write-only secret, so raising the version is the only way a new secret reaches OCP. Set it to 1, and raise it with each new secret."
    }
    precondition {
      condition     = each.value.strategy == null || try(local.strategies[each.key].storage.type != null && local.strategies[each.key].storage.url != null, false)
      error_message = "Tenant \"${each.key}\": its strategy has no storage type or url. Set them in default_strategy.storage or in the tenant's strategy.storage."
    }
  }
}
