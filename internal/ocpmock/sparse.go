package ocpmock

// sparsen turns a strategy answer into the shape of an OCP that echoes less than
// it was sent and fills the rest itself: no backupMode, OCP's own defaults for the
// optional schedule fields the body left out, and fields the provider does not
// model. OCP documents none of this either way (OCP_API.md §3.4); the provider
// must not show any of it as a change.
func sparsen(body map[string]any) {
	delete(body, "backupMode")
	if schedule, ok := body["obBackupScheduleConfig"].(map[string]any); ok {
		for field, fallback := range map[string]any{
			"cleanEnabled":            false,
			"backupDataRetentionDays": 7,
			"cleanScheduleTime":       "03:00:00.000+08:00",
			"startLogBackup":          true,
		} {
			if _, set := schedule[field]; !set {
				schedule[field] = fallback
			}
		}
		schedule["logSecondaryBackupPeriod"] = "ONCE_A_DAY"
	}
	if storage, ok := body["obBackupServiceStorageConfig"].(map[string]any); ok {
		storage["storageId"] = 4000017
		storage["serviceType"] = "OB_BACKUP"
	}
	body["creator"], body["createTime"] = "admin", "2024-09-10T10:03:11.979+08:00"
}
