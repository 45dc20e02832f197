# Import a tenant's backup strategy by <cluster_id>/<tenant_id>.
import {
  to = ocp_tenant_backup_strategy.orders
  id = "1000005/1000012"
}
