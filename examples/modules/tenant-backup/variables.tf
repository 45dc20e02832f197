variable "tenants" {
  description = <<-EOT
    Tenants whose scheduled backups run, keyed by a name of your choice. cluster_id and
    tenant_id are OCP ids. With strategy set (even to {}), the module also creates the
    tenant's backup strategy: default_strategy with strategy's fields laid over it.
    Without it, the tenant must already have one. enabled = false keeps the tenant's
    scheduled backups stopped.
  EOT
  type = map(object({
    cluster_id      = number
    tenant_id       = number
    enabled         = optional(bool, true)
    stop_on_destroy = optional(bool, true)
    strategy = optional(object({
      backup_mode = optional(string)
      schedule = optional(object({
        mode                = optional(string)
        time                = optional(string)
        days                = optional(map(string))
        start_log_backup    = optional(bool)
        clean_enabled       = optional(bool)
        data_retention_days = optional(number)
        clean_time          = optional(string)
      }), {})
      thresholds = optional(object({
        data_backup_timeout_minutes     = optional(number)
        no_successful_backup_alarm_days = optional(number)
        log_backup_delay_seconds        = optional(number)
      }), {})
      storage = optional(object({
        type                    = optional(string)
        url                     = optional(string)
        config_name             = optional(string)
        alarm_threshold_percent = optional(number)
        endpoint                = optional(string)
        app_id                  = optional(string)
        region                  = optional(string)
        access_key_id           = optional(string)
      }), {})
    }))
  }))

  validation {
    condition = alltrue([
      for t in values(var.tenants) : t.cluster_id > 0 && t.tenant_id > 0 && floor(t.cluster_id) == t.cluster_id && floor(t.tenant_id) == t.tenant_id
    ])
    error_message = "Every cluster_id and tenant_id must be a positive whole number (OCP's ids, as in the console's URLs)."
  }

  validation {
    condition     = length(distinct([for t in values(var.tenants) : "${t.cluster_id}/${t.tenant_id}"])) == length(var.tenants)
    error_message = "Two keys name the same tenant (cluster_id and tenant_id): each tenant may appear once."
  }
}

variable "default_strategy" {
  description = <<-EOT
    The backup strategy of every tenant whose entry sets strategy; each field a
    tenant's strategy sets wins over this one. Fields as a schedule's strategy
    takes them, without storage.access_key_secret (see storage_access_key_secrets).
  EOT
  type = object({
    backup_mode = optional(string)
    schedule = optional(object({
      mode                = optional(string)
      time                = optional(string)
      days                = optional(map(string))
      start_log_backup    = optional(bool)
      clean_enabled       = optional(bool)
      data_retention_days = optional(number)
      clean_time          = optional(string)
    }), {})
    thresholds = optional(object({
      data_backup_timeout_minutes     = optional(number)
      no_successful_backup_alarm_days = optional(number)
      log_backup_delay_seconds        = optional(number)
    }), {})
    storage = optional(object({
      type                    = optional(string)
      url                     = optional(string)
      config_name             = optional(string)
      alarm_threshold_percent = optional(number)
      endpoint                = optional(string)
      app_id                  = optional(string)
      region                  = optional(string)
      access_key_id           = optional(string)
    }), {})
  })
  default  = {}
  nullable = false
}

variable "storage_access_key_secrets" {
  description = "Object storage secrets (OSS, COS, S3) by tenant key; the key \"*\" applies to every tenant without its own. Kept apart from tenants so that tenants can drive for_each: Terraform refuses sensitive values there."
  type        = map(string)
  default     = {}
  sensitive   = true
}

variable "storage_access_key_secrets_wo" {
  description = "Object storage secrets by tenant key (\"*\" for every tenant without its own), sent as the write-only access_key_secret_wo: never in plan or state, so they may come from ephemeral values, such as an ephemeral resource's or a variable marked ephemeral. Requires storage_access_key_secret_wo_version. Give each tenant's secret here or in storage_access_key_secrets, not both."
  type        = map(string)
  default     = {}
  nullable    = false
  sensitive   = true
  ephemeral   = true
}

variable "storage_access_key_secret_wo_version" {
  description = "Version of the secrets in storage_access_key_secrets_wo, for every tenant with object storage: Terraform keeps no trace of a write-only secret, so raise it to send new secrets (rotation). Required with storage_access_key_secrets_wo."
  type        = number
  default     = null
}
