variable "tenants" {
  description = "Tenants whose scheduled backups run, keyed by a name of your choice. cluster_id and tenant_id are OCP ids."
  type = map(object({
    cluster_id      = number
    tenant_id       = number
    stop_on_destroy = optional(bool, true)
  }))

  validation {
    condition = alltrue([
      for t in values(var.tenants) : t.cluster_id > 0 && t.tenant_id > 0 && floor(t.cluster_id) == t.cluster_id && floor(t.tenant_id) == t.tenant_id
    ])
    error_message = "Every cluster_id and tenant_id must be a positive whole number (OCP's ids, as in the console's URLs)."
  }
}
