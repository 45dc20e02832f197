# Import running scheduled backups by <cluster_id>/<tenant_id>.
terraform import ocp_tenant_backup_schedule.orders 1000005/1000012
