terraform {
  # optional() defaults need 1.3; the removed block, which takes strategies over
  # from the module's earlier form, 1.7 (OpenTofu: 1.10, for its lifecycle block).
  required_version = ">= 1.7"

  required_providers {
    ocp = {
      source = "ocp-tf/ocp"
      # strategy and enabled on ocp_tenant_backup_schedule arrived in 0.1.
      version = ">= 0.1.0, < 1.0.0"
    }
  }
}
