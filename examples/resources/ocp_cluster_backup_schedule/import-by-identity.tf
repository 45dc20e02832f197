# Import by the resource's identity, OCP's cluster id (Terraform 1.12 or later).
import {
  to = ocp_cluster_backup_schedule.main
  identity = {
    cluster_id = 1000005
  }
}
