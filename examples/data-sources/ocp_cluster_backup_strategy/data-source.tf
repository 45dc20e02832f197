data "ocp_cluster_backup_strategy" "main" {
  cluster_id = 1000005
}

output "cluster_backups_run" {
  value = data.ocp_cluster_backup_strategy.main.schedule_enabled
}
