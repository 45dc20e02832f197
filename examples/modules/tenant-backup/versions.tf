terraform {
  # The provider's floor. The module itself needs 1.3 (optional() defaults).
  required_version = ">= 1.5"

  required_providers {
    ocp = {
      source  = "ocp-tf/ocp"
      version = ">= 0.1.0, < 1.0.0"
    }
  }
}
