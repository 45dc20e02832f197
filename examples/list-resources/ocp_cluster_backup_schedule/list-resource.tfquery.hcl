# Every cluster whose name starts with "prod" and that has a backup strategy of
# its own.
list "ocp_cluster_backup_schedule" "prod" {
  provider = ocp

  config {
    name_regex = "^prod"
  }
}
