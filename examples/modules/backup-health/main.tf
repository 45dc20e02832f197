# The health of one tenant's backups as a check block: it warns, on every plan and
# in HCP Terraform's continuous validation, when the tenant's scheduled backups do
# not run, its last successful data backup is too old, or its log archiving lags or
# stopped. Call the module with for_each for a fleet.
#
# The data source is read on every plan, like the refresh of the resources beside
# it, and is not scoped to the check: Terraform lists a check's own data source as
# a read in every plan, so a plan with nothing to change would exit with 2 under
# -detailed-exitcode, and a pipeline alerting on drift could not tell. An OCP that
# cannot be read fails the plan, as it fails the refresh of the resources.
data "ocp_tenant_backup_status" "this" {
  cluster_id = var.cluster_id
  tenant_id  = var.tenant_id
}

check "backups_are_healthy" {
  # Null where OCP does not report whether scheduled backups run: no alarm then.
  assert {
    condition     = data.ocp_tenant_backup_status.this.schedule_enabled != false
    error_message = "Scheduled backups of tenant ${var.tenant_name} do not run."
  }

  assert {
    condition = try(timecmp(
      data.ocp_tenant_backup_status.this.last_successful_backup.finish_time,
      timeadd(plantimestamp(), "-${var.max_backup_age_days * 24}h"),
    ) >= 0, false)
    error_message = "Tenant ${var.tenant_name} has no successful data backup in the last ${var.max_backup_age_days} days (last failure: ${try(data.ocp_tenant_backup_status.this.last_failed_backup.error_message, "none")})."
  }

  assert {
    condition = try(
      data.ocp_tenant_backup_status.this.log_archive.status == "INPROGRESS" &&
      data.ocp_tenant_backup_status.this.log_archive.delay_seconds <= var.max_log_delay_seconds,
      false,
    )
    error_message = "Log archiving of tenant ${var.tenant_name} does not run or lags more than ${var.max_log_delay_seconds} seconds behind."
  }
}
