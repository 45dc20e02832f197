# Every tenant of the cluster whose name starts with "orders" or "billing", keyed
# by name for for_each. A for_each source filtered by status would drop a tenant
# while it is MODIFYING, and stop its backups.
data "ocp_tenants" "payments" {
  cluster_id = 1000005
  name_regex = "^(orders|billing)"
}

output "payment_tenant_ids" {
  value = { for tenant in data.ocp_tenants.payments.tenants : tenant.name => tenant.id }
}
