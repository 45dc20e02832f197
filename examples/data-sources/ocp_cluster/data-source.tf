# By exact name (OCP's own filter matches substrings; this data source does not).
data "ocp_cluster" "prod" {
  name = "prod"
}

# By OCP id.
data "ocp_cluster" "dr" {
  id = 1000007
}
