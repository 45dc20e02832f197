# An incremental backup of cluster 1000005's own (cluster-dimension) backups,
# taken when invoked:
#   terraform apply -invoke=action.ocp_cluster_backup_now.demo
action "ocp_cluster_backup_now" "demo" {
  config {
    cluster_id       = 1000005
    data_backup_mode = "INCREMENTAL_BACKUP"
  }
}
