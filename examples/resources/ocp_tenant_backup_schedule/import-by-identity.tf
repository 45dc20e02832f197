# Import by the resource's identity, OCP's ids (Terraform 1.12 or later).
import {
  to = ocp_tenant_backup_schedule.orders
  identity = {
    cluster_id = 1000005
    tenant_id  = 1000012
  }
}
