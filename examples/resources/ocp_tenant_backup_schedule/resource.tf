# Start the scheduled backups of tenant 1000012 in cluster 1000005 and keep them
# running. The tenant must already have a backup strategy.
resource "ocp_tenant_backup_schedule" "orders" {
  cluster_id = 1000005
  tenant_id  = 1000012
}

# Keep the backups running even when this resource is destroyed, and allow OCP
# more time to answer.
resource "ocp_tenant_backup_schedule" "billing" {
  cluster_id      = 1000005
  tenant_id       = 1000013
  stop_on_destroy = false

  timeouts {
    create = "20m"
    delete = "20m"
  }
}

# Create tenant 1000014's backup strategy and start its scheduled backups in one
# resource, which keeps the strategy as configured. Destroy stops the backups and
# deletes the strategy.
resource "ocp_tenant_backup_schedule" "ledger" {
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
