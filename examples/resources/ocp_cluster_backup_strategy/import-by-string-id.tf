# Import a cluster's backup strategy by <cluster_id>.
import {
  to = ocp_cluster_backup_strategy.main
  id = "1000005"
}
