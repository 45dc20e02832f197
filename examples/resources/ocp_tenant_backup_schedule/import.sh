# Import the scheduled backups of a tenant with a strategy, running or stopped (as
# enabled = false; with enabled left at true in the configuration, the next apply
# starts stopped ones), by <cluster_id>/<tenant_id>.
terraform import ocp_tenant_backup_schedule.orders 1000005/1000012
