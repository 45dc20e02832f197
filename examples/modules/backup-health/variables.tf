variable "cluster_id" {
  description = "OCP id of the tenant's cluster."
  type        = number
}

variable "tenant_id" {
  description = "OCP id of the tenant."
  type        = number
}

variable "tenant_name" {
  description = "The tenant's name, for the check's messages."
  type        = string
}

variable "max_backup_age_days" {
  description = "How old the last successful data backup may be."
  type        = number
  default     = 2
}

variable "max_log_delay_seconds" {
  description = "How far log archiving may lag behind."
  type        = number
  default     = 600
}
