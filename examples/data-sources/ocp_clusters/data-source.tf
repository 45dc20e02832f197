# Every running cluster whose name contains "demo".
data "ocp_clusters" "demo" {
  name_contains = "demo"
  status        = "RUNNING"
}

output "demo_cluster_ids" {
  value = [for cluster in data.ocp_clusters.demo.clusters : cluster.id]
}
