terraform {
  # check blocks need 1.5.
  required_version = ">= 1.5"

  required_providers {
    ocp = {
      source  = "ocp-tf/ocp"
      version = ">= 0.1.0, < 1.0.0"
    }
  }
}
