# By exact name (OCP's own filter matches substrings; this data source does not).
data "ocp_cluster" "demo" {
  name = "demo-cluster"
}

# By OCP id.
data "ocp_cluster" "by_id" {
  id = 1000005
}
