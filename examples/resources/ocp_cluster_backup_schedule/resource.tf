# Start the cluster-dimension scheduled backups of cluster 1000005 and keep them
# running. The cluster must already have a backup strategy.
resource "ocp_cluster_backup_schedule" "main" {
  cluster_id = 1000005
}
