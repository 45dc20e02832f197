# Start the cluster-dimension scheduled backups of cluster 1000005 and keep them
# running, with the cluster's own backup strategy carried by the schedule: created
# with it, kept as configured, deleted on destroy. Without strategy, the cluster's
# strategy must exist in OCP's console first.
resource "ocp_cluster_backup_schedule" "main" {
  cluster_id = 1000005

  strategy = {
    schedule = {
      mode = "WEEK"
      time = "03:00+08:00"
      days = { "7" = "FULL_BACKUP" }
    }
    storage = {
      type = "FILE"
      url  = "/obbackup/cluster"
    }
  }
}
