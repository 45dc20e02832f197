# Every tenant of cluster 1000005 with a backup strategy, with the schedule as OCP
# holds it: terraform query -generate-config-out=adopted.tf writes an import block
# and a schedule carrying its strategy for each.
list "ocp_tenant_backup_schedule" "demo" {
  provider         = ocp
  include_resource = true

  config {
    cluster_id = 1000005
  }
}
