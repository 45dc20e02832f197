# Import running scheduled backups by <cluster_id>/<tenant_id>.
import {
  to = ocp_tenant_backup_schedule.orders
  id = "1000005/1000012"
}
