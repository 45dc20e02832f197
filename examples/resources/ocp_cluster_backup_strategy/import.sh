# Import a cluster's backup strategy by <cluster_id>.
terraform import ocp_cluster_backup_strategy.main 1000005
