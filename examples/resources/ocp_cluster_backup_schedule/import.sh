# Import a cluster's running scheduled backups by <cluster_id>.
terraform import ocp_cluster_backup_schedule.main 1000005
