# Import a cluster's running scheduled backups by <cluster_id>.
import {
  to = ocp_cluster_backup_schedule.main
  id = "1000005"
}
