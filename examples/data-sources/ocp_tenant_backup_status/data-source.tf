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

# Read on every plan. Beside the check block rather than inside it: a check's own
# data source is listed as a read in every plan, so plan -detailed-exitcode would
# exit with 2 although nothing changes.
data "ocp_tenant_backup_status" "orders" {
  cluster_id = 1000005
  tenant_id  = 1000012
}

# Check blocks warn instead of failing the run, and HCP Terraform's continuous
# validation evaluates them between runs too.
check "orders_backups_are_healthy" {
  # Null where OCP does not report whether scheduled backups run: no alarm then.
  assert {
    condition     = data.ocp_tenant_backup_status.orders.schedule_enabled != false
    error_message = "Scheduled backups of tenant orders do not run."
  }

  assert {
    condition = try(timecmp(
      data.ocp_tenant_backup_status.orders.last_successful_backup.finish_time,
      timeadd(plantimestamp(), "-${var.max_backup_age_days * 24}h"),
    ) >= 0, false)
    error_message = "Tenant orders has no successful data backup in the last ${var.max_backup_age_days} days (last failure: ${try(data.ocp_tenant_backup_status.orders.last_failed_backup.error_message, "none")})."
  }

  assert {
    condition = try(
      data.ocp_tenant_backup_status.orders.log_archive.status == "INPROGRESS" &&
      data.ocp_tenant_backup_status.orders.log_archive.delay_seconds <= var.max_log_delay_seconds,
      false,
    )
    error_message = "Log archiving of tenant orders does not run or lags more than ${var.max_log_delay_seconds} seconds behind."
  }
}
