data "ocp_cluster" "prod" {
  name = "prod"
}

data "ocp_tenant" "orders" {
  cluster_id = data.ocp_cluster.prod.id
  name       = "orders"
}

resource "ocp_tenant_backup_schedule" "orders" {
  cluster_id = data.ocp_tenant.orders.cluster_id
  tenant_id  = data.ocp_tenant.orders.id
}
