terraform {
  # Ephemeral input variables (1.10) feeding write-only attributes (1.11).
  required_version = ">= 1.11"

  required_providers {
    ocp = {
      source  = "ocp-tf/ocp"
      version = ">= 0.1.0, < 1.0.0"
    }
  }
}
