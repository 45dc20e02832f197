# Import a tenant's backup strategy by <cluster_id>/<tenant_id>.
terraform import ocp_tenant_backup_strategy.orders 1000005/1000012
