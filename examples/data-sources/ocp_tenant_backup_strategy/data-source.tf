data "ocp_tenant_backup_strategy" "orders" {
  cluster_id = 1000005
  tenant_id  = 1000012
}

output "orders_backups_run" {
  value = data.ocp_tenant_backup_strategy.orders.schedule_enabled
}

output "orders_backup_directory" {
  value = data.ocp_tenant_backup_strategy.orders.storage.url
}
