terraform {
  # optional() defaults need 1.3; check blocks and import blocks in callers, 1.5.
  required_version = ">= 1.5"

  required_providers {
    ocp = {
      source = "ocp-tf/ocp"
      # wait_for_strategy and enabled on ocp_tenant_backup_schedule, and
      # delete_on_destroy on ocp_tenant_backup_strategy, arrived in 0.1.
      version = ">= 0.1.0, < 1.0.0"
    }
  }
}
