output "tenants" {
  description = "By key: the schedule's id, whether its backups run, the id of the strategy the module manages (null where the tenant kept its own) and OCP's trace id of the start call (null for schedules that already ran, were imported or are stopped)."
  value = {
    for key, schedule in ocp_tenant_backup_schedule.this : key => {
      schedule_id    = schedule.id
      enabled        = schedule.enabled
      strategy_id    = var.tenants[key].strategy != null ? schedule.id : null
      start_trace_id = schedule.trace_id
    }
  }
}

output "schedule_ids" {
  description = "The <cluster_id>/<tenant_id> id of each tenant's schedule, by key."
  value       = { for key, schedule in ocp_tenant_backup_schedule.this : key => schedule.id }
}

output "start_trace_ids" {
  description = "OCP's trace id of each start call, by key (null for schedules that already ran or were imported)."
  value       = { for key, schedule in ocp_tenant_backup_schedule.this : key => schedule.trace_id }
}

output "strategy_ids" {
  description = "The <cluster_id>/<tenant_id> id of each strategy the module manages, by key."
  value       = { for key, schedule in ocp_tenant_backup_schedule.this : key => schedule.id if var.tenants[key].strategy != null }
}
