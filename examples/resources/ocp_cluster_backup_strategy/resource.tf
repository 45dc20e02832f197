# Cluster 1000005's own (cluster-dimension) backup strategy: a full backup every
# Sunday and incremental ones on Wednesday, kept on NFS; then its scheduled backups,
# which need the strategy first.
resource "ocp_cluster_backup_strategy" "main" {
  cluster_id = 1000005

  schedule = {
    mode = "WEEK"
    time = "01:00+08:00"
    days = { "7" = "FULL_BACKUP", "3" = "INCREMENTAL_BACKUP" }
  }

  storage = {
    type = "FILE"
    url  = "/obbackup/cluster-1000005"
  }
}

resource "ocp_cluster_backup_schedule" "main" {
  cluster_id = ocp_cluster_backup_strategy.main.cluster_id
}
