# Runs with `terraform test` (Terraform or OpenTofu 1.11 or later, as the module)
# against a mocked ocp provider: no OCP is called. make test runs it.

mock_provider "ocp" {}

variables {
  # terraform test passes an ephemeral variable to an apply run's apply even when
  # only its default was taken at plan, which Terraform refuses; set it explicitly.
  storage_access_key_secrets_wo = {}

  default_strategy = {
    schedule = {
      mode = "WEEK"
      time = "02:00+08:00"
      days = { "1" = "FULL_BACKUP", "4" = "INCREMENTAL_BACKUP" }
    }
    storage = {
      type = "FILE"
      url  = "/obbackup/fleet"
    }
  }
  tenants = {
    orders = { cluster_id = 1000005, tenant_id = 1000012 }
    ledger = { cluster_id = 1000005, tenant_id = 1000014, strategy = {} }
    audit = {
      cluster_id      = 1000005
      tenant_id       = 1000015
      stop_on_destroy = false
      strategy = {
        schedule = { mode = "MONTH", days = { "1" = "FULL_BACKUP" } }
        storage  = { url = "/obbackup/audit" }
      }
    }
  }
}

run "tenants_with_strategy_get_the_default_with_their_overrides" {
  command = plan

  assert {
    condition     = toset([for key, schedule in ocp_tenant_backup_schedule.this : key if schedule.strategy != null]) == toset(["ledger", "audit"])
    error_message = "Only tenants that set strategy get one from the module."
  }
  assert {
    condition     = ocp_tenant_backup_schedule.this["ledger"].strategy.schedule.mode == "WEEK" && ocp_tenant_backup_schedule.this["ledger"].strategy.storage.url == "/obbackup/fleet"
    error_message = "strategy = {} takes default_strategy as it is."
  }
  assert {
    condition     = ocp_tenant_backup_schedule.this["audit"].strategy.schedule.mode == "MONTH" && ocp_tenant_backup_schedule.this["audit"].strategy.schedule.time == "02:00+08:00"
    error_message = "A tenant's schedule fields win over the default's, field by field; the others stay the default's."
  }
  assert {
    condition     = ocp_tenant_backup_schedule.this["audit"].strategy.storage.url == "/obbackup/audit" && ocp_tenant_backup_schedule.this["audit"].strategy.storage.type == "FILE"
    error_message = "A tenant's storage fields win over the default's, field by field."
  }
  assert {
    condition     = ocp_tenant_backup_schedule.this["audit"].stop_on_destroy == false && ocp_tenant_backup_schedule.this["ledger"].stop_on_destroy == true
    error_message = "A tenant's stop_on_destroy = false keeps its backups and the strategy they run on."
  }
}

run "tenants_without_strategy_keep_their_own" {
  command = plan

  assert {
    condition     = ocp_tenant_backup_schedule.this["orders"].strategy == null
    error_message = "A tenant that keeps its own strategy carries none."
  }
  assert {
    condition     = alltrue([for schedule in ocp_tenant_backup_schedule.this : schedule.enabled])
    error_message = "Backups run by default."
  }
}

run "outputs_per_tenant" {
  variables {
    tenants = {
      orders = { cluster_id = 1000005, tenant_id = 1000012, enabled = false }
      ledger = { cluster_id = 1000005, tenant_id = 1000014, strategy = {} }
    }
  }

  assert {
    condition     = output.tenants["orders"].strategy_id == null && output.tenants["orders"].enabled == false
    error_message = "A tenant with its own strategy has no strategy_id; enabled = false is passed on."
  }
  assert {
    condition     = output.tenants["ledger"].strategy_id != null && output.tenants["ledger"].schedule_id == ocp_tenant_backup_schedule.this["ledger"].id
    error_message = "Each tenant's output names its schedule and the strategy the module manages."
  }
  assert {
    condition     = keys(output.strategy_ids) == ["ledger"]
    error_message = "strategy_ids lists the strategies the module manages only."
  }
}

run "secrets_go_to_object_storage_only" {
  command = plan

  variables {
    storage_access_key_secrets = { "*" = "shared-secret", ledger = "ledger-secret" }
    tenants = {
      ledger = {
        cluster_id = 1000005
        tenant_id  = 1000014
        strategy   = { storage = { type = "OSS", url = "backups/ledger", endpoint = "oss.example.com", access_key_id = "AK-LEDGER" } }
      }
      audit = {
        cluster_id = 1000005
        tenant_id  = 1000015
        strategy   = { storage = { type = "OSS", url = "backups/audit", endpoint = "oss.example.com", access_key_id = "AK-AUDIT" } }
      }
      billing = { cluster_id = 1000005, tenant_id = 1000013, strategy = {} }
    }
  }

  assert {
    condition     = nonsensitive(ocp_tenant_backup_schedule.this["ledger"].strategy.storage.access_key_secret == "ledger-secret")
    error_message = "A tenant's own secret wins over \"*\"."
  }
  assert {
    condition     = nonsensitive(ocp_tenant_backup_schedule.this["audit"].strategy.storage.access_key_secret == "shared-secret")
    error_message = "\"*\" gives its secret to object storage without one of its own."
  }
  assert {
    condition     = nonsensitive(ocp_tenant_backup_schedule.this["billing"].strategy.storage.access_key_secret == null)
    error_message = "FILE storage takes no secret, whatever \"*\" holds."
  }
}

run "write_only_secrets_come_from_an_ephemeral_input" {
  command = plan

  variables {
    storage_access_key_secrets_wo        = { "*" = "shared-secret", ledger = "ledger-secret" }
    storage_access_key_secret_wo_version = 3
    tenants = {
      ledger = {
        cluster_id = 1000005
        tenant_id  = 1000014
        strategy   = { storage = { type = "OSS", url = "backups/ledger", endpoint = "oss.example.com", access_key_id = "AK-LEDGER" } }
      }
      billing = { cluster_id = 1000005, tenant_id = 1000013, strategy = {} }
    }
  }

  # The secrets themselves are in no saved plan or state (the provider's
  # acceptance tests check that through the CLI), so only what comes with them is
  # asserted; that the plan succeeds shows that the ephemeral input may reach
  # access_key_secret_wo.
  assert {
    condition     = ocp_tenant_backup_schedule.this["ledger"].strategy.storage.access_key_secret_wo_version == 3
    error_message = "Object storage gets the version of its write-only secret."
  }
  assert {
    condition     = nonsensitive(ocp_tenant_backup_schedule.this["ledger"].strategy.storage.access_key_secret == null)
    error_message = "With a write-only secret, the secret kept in state is not set."
  }
  assert {
    condition     = ocp_tenant_backup_schedule.this["billing"].strategy.storage.access_key_secret_wo_version == null
    error_message = "FILE storage takes no secret and no secret version."
  }
}

run "write_only_secrets_need_their_version" {
  command = plan

  variables {
    storage_access_key_secrets_wo = { "*" = "shared-secret" }
    tenants = {
      ledger = {
        cluster_id = 1000005
        tenant_id  = 1000014
        strategy   = { storage = { type = "OSS", url = "backups/ledger", endpoint = "oss.example.com", access_key_id = "AK-LEDGER" } }
      }
    }
  }

  expect_failures = [ocp_tenant_backup_schedule.this]
}

run "a_strategy_without_schedule_fails_at_plan" {
  command = plan

  variables {
    default_strategy = {}
    tenants = {
      ledger = { cluster_id = 1000005, tenant_id = 1000014, strategy = { storage = { type = "FILE", url = "/obbackup/ledger" } } }
    }
  }

  expect_failures = [ocp_tenant_backup_schedule.this]
}

run "ids_must_be_ocp_ids" {
  command = plan

  variables {
    tenants = { orders = { cluster_id = 1000005, tenant_id = 0 } }
  }

  expect_failures = [var.tenants]
}

run "a_tenant_may_appear_once" {
  command = plan

  variables {
    tenants = {
      orders = { cluster_id = 1000005, tenant_id = 1000012 }
      again  = { cluster_id = 1000005, tenant_id = 1000012 }
    }
  }

  expect_failures = [var.tenants]
}
