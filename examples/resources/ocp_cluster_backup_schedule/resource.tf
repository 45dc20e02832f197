# Start the cluster-dimension scheduled backups of cluster 1000005 and keep them
# running. The cluster needs its own backup strategy first: declare it with
# ocp_cluster_backup_strategy (see its example, which declares both) or in OCP's
# console.
resource "ocp_cluster_backup_schedule" "main" {
  cluster_id = 1000005
}
