# A full backup of tenant 1000012 (orders) of cluster 1000005, taken when invoked:
#   terraform apply -invoke=action.ocp_tenant_backup_now.orders
action "ocp_tenant_backup_now" "orders" {
  config {
    cluster_id = 1000005
    tenant_id  = 1000012
  }
}

# Or taken after something else changes, here each new release: the action runs
# after terraform_data.release is created and whenever its input changes.
resource "terraform_data" "release" {
  input = "2026.12"

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.ocp_tenant_backup_now.orders]
    }
  }
}
