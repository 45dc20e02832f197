data "ocp_cluster" "demo" {
  name = "demo-cluster"
}

data "ocp_tenant" "orders" {
  cluster_id = data.ocp_cluster.demo.id
  name       = "orders"
}

resource "ocp_tenant_backup_schedule" "orders" {
  cluster_id = data.ocp_tenant.orders.cluster_id
  tenant_id  = data.ocp_tenant.orders.id
}
