resource "ocp_tenant_backup_schedule" "this" {
  for_each = var.tenants

  cluster_id      = each.value.cluster_id
  tenant_id       = each.value.tenant_id
  stop_on_destroy = each.value.stop_on_destroy
}
