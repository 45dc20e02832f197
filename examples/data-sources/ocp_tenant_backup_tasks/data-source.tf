# Failed data backups of the last week.
data "ocp_tenant_backup_tasks" "failed" {
  cluster_id = 1000005
  tenant_id  = 1000012
  statuses   = ["FAILED"]
  start_time = timeadd(plantimestamp(), "-168h")
}

output "failed_backups" {
  value = [for t in data.ocp_tenant_backup_tasks.failed.tasks : "${t.start_time}: ${t.error_message}"]
}

# The five most recent data backup tasks, newest first.
data "ocp_tenant_backup_tasks" "recent" {
  cluster_id = 1000005
  tenant_id  = 1000012
  limit      = 5
}
