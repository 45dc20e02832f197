# Every tenant of the cluster whose name starts with "orders" or "billing", keyed
# by OCP's ids, which a rename does not change, for for_each. A for_each source
# filtered by status would drop a tenant while it is MODIFYING.
data "ocp_tenants" "payments" {
  cluster_id = 1000005
  name_regex = "^(orders|billing)"
}

output "payment_tenant_ids" {
  value = { for tenant in data.ocp_tenants.payments.tenants : "${tenant.cluster_id}/${tenant.id}" => tenant.name }
}
