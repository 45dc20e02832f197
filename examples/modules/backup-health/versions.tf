terraform {
  # check blocks need 1.5.
  required_version = ">= 1.5"

  required_providers {
    ocp = {
      source = "ocp-tf/ocp"
      # ocp_tenant_backup_status arrived in 0.1.
      version = ">= 0.1.0, < 1.0.0"
    }
  }
}
