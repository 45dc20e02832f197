locals {
  tenants_with_strategy = { for key, tenant in var.tenants : key => tenant if tenant.strategy != null }
}

resource "ocp_tenant_backup_strategy" "this" {
  for_each = local.tenants_with_strategy

  cluster_id  = each.value.cluster_id
  tenant_id   = each.value.tenant_id
  backup_mode = each.value.strategy.backup_mode
  schedule    = each.value.strategy.schedule
  thresholds  = each.value.strategy.thresholds
  storage = merge(each.value.strategy.storage, {
    access_key_secret = lookup(var.storage_access_key_secrets, each.key, null)
  })
  # A tenant whose backups outlive the module keeps the strategy that runs them.
  delete_on_destroy = each.value.stop_on_destroy
}

resource "ocp_tenant_backup_schedule" "this" {
  for_each = var.tenants

  # A schedule can only start once its tenant has a strategy.
  depends_on = [ocp_tenant_backup_strategy.this]

  cluster_id      = each.value.cluster_id
  tenant_id       = each.value.tenant_id
  stop_on_destroy = each.value.stop_on_destroy
}
