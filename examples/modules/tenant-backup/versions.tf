terraform {
  required_version = ">= 1.5"

  required_providers {
    ocp = {
      source = "ocp-tf/ocp"
    }
  }
}
