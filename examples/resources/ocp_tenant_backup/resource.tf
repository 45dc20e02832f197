# A full backup of tenant 1000012 before each release: a new release value takes a
# new backup; the apply waits until it is done.
variable "release" {
  type = string
}

resource "ocp_tenant_backup" "before_release" {
  cluster_id = 1000005
  tenant_id  = 1000012
  triggers   = { release = var.release }
}

output "backup_set_id" {
  value = ocp_tenant_backup.before_release.backup_set_id
}
