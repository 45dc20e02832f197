package ocpmock

import (
	"fmt"
	"regexp"
	"strings"
)

// offsetTime is what OCP accepts for a Java OffsetTime: HH:mm[:ss[.SSS]] with an
// offset or Z.
var offsetTime = regexp.MustCompile(`^(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,3}))?)?(Z|[+-]\d\d:\d\d)$`)

// validateAndNormalise checks a create or modify body the way OCP's bean validation
// would, and stores it the way OCP echoes it: times as HH:mm:ss.SSS±HH:MM and
// storage URLs with a trailing slash. The error text names the offending field.
func validateAndNormalise(body map[string]any) error {
	for _, path := range [][]string{
		{"backupMode"},
		{"obBackupScheduleConfig", "backupScheduleMode"},
		{"obBackupScheduleConfig", "backupScheduleTime"},
		{"obBackupScheduleConfig", "dayAndDataBackupModelMap"},
		{"obBackupThresholdConfig", "dataBackupTimeoutMinutes"},
		{"obBackupThresholdConfig", "noSuccessfulDataBackupAlarmDays"},
		{"obBackupThresholdConfig", "logBackupDelaySeconds"},
		{"obBackupServiceStorageConfig", "configName"},
		{"obBackupServiceStorageConfig", "obBackupStorageBaseInfo", "backupStorageType"},
		{"obBackupServiceStorageConfig", "obBackupStorageBaseInfo", "storageUrl"},
		{"obBackupServiceStorageConfig", "alarmStoragePercentageThreshold"},
	} {
		if lookup(body, path...) == nil {
			return fmt.Errorf("%s must not be null", strings.Join(path, "."))
		}
	}
	schedule, _ := body["obBackupScheduleConfig"].(map[string]any)
	for _, field := range []string{"backupScheduleTime", "cleanScheduleTime"} {
		if raw, ok := schedule[field].(string); ok {
			normalised, err := normaliseOffsetTime(raw)
			if err != nil {
				return fmt.Errorf("obBackupScheduleConfig.%s: %w", field, err)
			}
			schedule[field] = normalised
		}
	}
	base, _ := lookup(body, "obBackupServiceStorageConfig", "obBackupStorageBaseInfo").(map[string]any)
	if url, ok := base["storageUrl"].(string); ok && !strings.HasSuffix(url, "/") {
		base["storageUrl"] = url + "/"
	}
	return nil
}

func normaliseOffsetTime(raw string) (string, error) {
	m := offsetTime.FindStringSubmatch(raw)
	if m == nil {
		return "", fmt.Errorf("cannot parse %q as a time with offset such as 02:00:00.000+08:00", raw)
	}
	seconds, millis, offset := m[3], m[4], m[5]
	if seconds == "" {
		seconds = "00"
	}
	millis = (millis + "000")[:3]
	if offset == "Z" {
		offset = "+00:00"
	}
	return fmt.Sprintf("%s:%s:%s.%s%s", m[1], m[2], seconds, millis, offset), nil
}

// echoed is the stored body as OCP's GET shows it: secrets are not given back.
func echoed(body map[string]any) map[string]any {
	c := deepCopy(body)
	base, _ := lookup(c, "obBackupServiceStorageConfig", "obBackupStorageBaseInfo").(map[string]any)
	for _, key := range []string{"ossAccessKey", "cosAccessKey", "s3AccessKey"} {
		if credential, ok := base[key].(map[string]any); ok {
			if _, set := credential["accessKeySecret"]; set {
				credential["accessKeySecret"] = "******"
			}
		}
	}
	return c
}

func lookup(body map[string]any, path ...string) any {
	var current any = body
	for _, key := range path {
		m, ok := current.(map[string]any)
		if !ok {
			return nil
		}
		current = m[key]
	}
	return current
}
