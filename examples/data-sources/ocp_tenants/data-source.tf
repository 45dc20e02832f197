# Every tenant of the cluster whose name starts with "orders" or "billing", keyed
# by name for for_each.
data "ocp_tenants" "payments" {
  cluster_id = 1000005
  name_regex = "^(orders|billing)"
  status     = "NORMAL"
}

output "payment_tenant_ids" {
  value = { for tenant in data.ocp_tenants.payments.tenants : tenant.name => tenant.id }
}
