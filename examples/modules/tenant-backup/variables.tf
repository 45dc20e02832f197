variable "tenants" {
  description = <<-EOT
    Tenants whose scheduled backups run, keyed by a name of your choice. cluster_id and
    tenant_id are OCP ids. With strategy set, the module also creates the tenant's
    backup strategy (see ocp_tenant_backup_strategy for the fields); without it, the
    tenant must already have one.
  EOT
  type = map(object({
    cluster_id      = number
    tenant_id       = number
    stop_on_destroy = optional(bool, true)
    strategy = optional(object({
      backup_mode = optional(string)
      schedule = object({
        mode                = string
        time                = string
        days                = map(string)
        start_log_backup    = optional(bool)
        clean_enabled       = optional(bool)
        data_retention_days = optional(number)
        clean_time          = optional(string)
      })
      thresholds = optional(object({
        data_backup_timeout_minutes     = optional(number)
        no_successful_backup_alarm_days = optional(number)
        log_backup_delay_seconds        = optional(number)
      }))
      storage = object({
        type                    = string
        url                     = string
        config_name             = optional(string)
        alarm_threshold_percent = optional(number)
        endpoint                = optional(string)
        app_id                  = optional(string)
        region                  = optional(string)
        access_key_id           = optional(string)
      })
    }))
  }))

  validation {
    condition = alltrue([
      for t in values(var.tenants) : t.cluster_id > 0 && t.tenant_id > 0 && floor(t.cluster_id) == t.cluster_id && floor(t.tenant_id) == t.tenant_id
    ])
    error_message = "Every cluster_id and tenant_id must be a positive whole number (OCP's ids, as in the console's URLs)."
  }
}

variable "storage_access_key_secrets" {
  description = "Object storage secrets (OSS, COS, S3) by tenant key. Kept apart from tenants so that tenants can drive for_each: Terraform refuses sensitive values there."
  type        = map(string)
  default     = {}
  sensitive   = true
}
