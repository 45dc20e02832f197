# A weekly strategy: a full backup on Monday, incremental ones on Wednesday and
# Friday, at 02:00 China Standard Time, kept for two weeks on an NFS path.
resource "ocp_tenant_backup_strategy" "orders" {
  cluster_id = 1000005
  tenant_id  = 1000012

  schedule = {
    mode                = "WEEK"
    time                = "02:00+08:00"
    days                = { "1" = "FULL_BACKUP", "3" = "INCREMENTAL_BACKUP", "5" = "INCREMENTAL_BACKUP" }
    clean_enabled       = true
    data_retention_days = 14
    clean_time          = "04:00+08:00"
  }

  storage = {
    type = "FILE"
    url  = "/obbackup/orders"
  }
}

# Start the scheduled backups once the strategy exists.
resource "ocp_tenant_backup_schedule" "orders" {
  cluster_id = ocp_tenant_backup_strategy.orders.cluster_id
  tenant_id  = ocp_tenant_backup_strategy.orders.tenant_id
}

# A monthly strategy on Alibaba Cloud OSS, with alert thresholds of its own.
resource "ocp_tenant_backup_strategy" "billing" {
  cluster_id = 1000005
  tenant_id  = 1000013

  schedule = {
    mode = "MONTH"
    time = "01:30+08:00"
    days = { "1" = "FULL_BACKUP", "15" = "FULL_BACKUP" }
  }

  thresholds = {
    data_backup_timeout_minutes     = 720
    no_successful_backup_alarm_days = 3
    log_backup_delay_seconds        = 600
  }

  storage = {
    type              = "OSS"
    url               = "ocp-backups/billing"
    endpoint          = "oss-cn-hangzhou-internal.aliyuncs.com"
    access_key_id     = var.oss_access_key_id
    access_key_secret = var.oss_access_key_secret
  }
}

variable "oss_access_key_id" {
  type = string
}

variable "oss_access_key_secret" {
  type      = string
  sensitive = true
}
