# HTTP Basic: an OCP user and its password.
provider "ocp" {
  url      = "https://ocp.example.com:8080"
  username = "terraform"
  password = var.ocp_password
}

# AccessKey signature (recommended by OCP), with a private CA.
provider "ocp" {
  alias             = "signed"
  url               = "https://ocp.example.com:8443"
  access_key_id     = var.ocp_access_key_id
  access_key_secret = var.ocp_access_key_secret
  ca_cert_pem       = file("${path.module}/ocp-ca.pem")
  request_timeout   = "60s"
  max_retries       = 6
}

variable "ocp_password" {
  type      = string
  sensitive = true
}

variable "ocp_access_key_id" {
  type = string
}

variable "ocp_access_key_secret" {
  type      = string
  sensitive = true
}
