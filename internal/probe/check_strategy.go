package probe

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

var (
	strategyFields = assumption{"strategy.fields",
		"The strategy answer carries every field the provider maps to `strategy` of ocp_tenant_backup_schedule and to data source " +
			"ocp_tenant_backup_strategy, in types the client decodes",
		"§3.4 [DOC], [INF] for the schedule"}
	strategyScheduleEnabled = assumption{"strategy.schedule_enabled",
		"The strategy answer has `obBackupScheduleConfig.backupScheduleEnabled`, a boolean saying whether scheduling runs",
		"§5 [INF]"}
	strategyTimes = assumption{"strategy.time_format",
		"Times come back as Java's OffsetTime `HH:mm:ss.SSS±HH:MM`, e.g. `02:00:00.000+08:00`",
		"§3.3.1 [DOC], [INF] for the answer"}
	strategyDirectory = assumption{"strategy.directory_format",
		"`storageUrl` comes back as a directory without a protocol prefix, e.g. `/obbackup/` or `bucket/backup`",
		"§3.3.3 [DOC]"}
	strategyDays = assumption{"strategy.day_map",
		"`dayAndDataBackupModelMap` maps day numbers (\"1\"–\"7\" for WEEK, \"1\"–\"31\" for MONTH) to FULL_BACKUP or INCREMENTAL_BACKUP",
		"§3.3.1 [DOC]"}
	strategySecrets = assumption{"strategy.secrets",
		"Storage secrets (`accessKeySecret`) are not given back, or given back masked",
		"§3.3.3 [INF]"}
	strategyS3Credential = assumption{"strategy.s3_credential_field",
		"An S3 destination's credential is `obBackupStorageBaseInfo.s3AccessKey`, named like `ossAccessKey` and `cosAccessKey`",
		"§3.3.3 [INF]"}
	strategyCreate = assumption{"strategy.create",
		"A tenant's strategy is created by POST on its strategy path with the modify call's body",
		"§3.1 T4 [INF]"}
)

// checkStrategy checks the inspected tenant's strategy answer.
func (p *prober) checkStrategy() {
	all := []assumption{strategyFields, strategyScheduleEnabled, strategyTimes, strategyDirectory, strategyDays,
		strategySecrets, strategyS3Credential}
	strategy, why := p.inspectedStrategy()
	if strategy == nil {
		p.addUnobservable(all, why)
		return
	}
	p.add(checkFields(p.inspected.answer.Fields["data"], strategy), checkScheduleEnabled(strategy), checkTimes(strategy),
		checkDirectory(strategy), checkDays(strategy), checkSecrets(strategy), checkS3Credential(strategy))
}

// inspectedStrategy is the inspected tenant's strategy, or why there is none.
func (p *prober) inspectedStrategy() (map[string]any, string) {
	switch {
	case p.inspected == nil:
		return nil, fmt.Sprintf("no tenant with a backup strategy among the first %d read; name one with -tenant C/T", maxStrategyReads)
	case classifyStrategyAnswer(p.inspected.answer) != hasStrategy:
		return nil, fmt.Sprintf("tenant %d/%d has no backup strategy to read (%s)",
			p.inspected.info.ClusterID, p.inspected.info.TenantID, describe(p.inspected.answer))
	}
	return dataObject(p.inspected.answer), ""
}

// mappedField is a field of OCP's strategy that the provider maps to an attribute
// under `strategy` of ocp_tenant_backup_schedule (and of data source
// ocp_tenant_backup_strategy); attribute is its path below `strategy`.
type mappedField struct {
	path, attribute string
	// copes says how the provider copes with an answer without the field; empty
	// when it does not.
	copes string
}

const keepsConfigured = "ocp_tenant_backup_schedule keeps the configured `strategy.%s` when OCP leaves it out, so changes made in OCP go unseen."

var mappedFields = []mappedField{
	{"backupMode", "backup_mode", "ocp_tenant_backup_schedule keeps the configured `strategy.backup_mode` when OCP leaves it out (an import assumes PHYSICAL_BACKUP)."},
	{"obBackupScheduleConfig", "schedule", fmt.Sprintf(keepsConfigured, "schedule")},
	{"obBackupScheduleConfig.backupScheduleMode", "schedule.mode", ""},
	{"obBackupScheduleConfig.backupScheduleTime", "schedule.time", ""},
	{"obBackupScheduleConfig.dayAndDataBackupModelMap", "schedule.days", ""},
	{"obBackupThresholdConfig", "thresholds", fmt.Sprintf(keepsConfigured, "thresholds")},
	{"obBackupThresholdConfig.dataBackupTimeoutMinutes", "thresholds.data_backup_timeout_minutes", ""},
	{"obBackupThresholdConfig.noSuccessfulDataBackupAlarmDays", "thresholds.no_successful_backup_alarm_days", ""},
	{"obBackupThresholdConfig.logBackupDelaySeconds", "thresholds.log_backup_delay_seconds", ""},
	{"obBackupServiceStorageConfig", "storage", fmt.Sprintf(keepsConfigured, "storage")},
	{"obBackupServiceStorageConfig.configName", "storage.config_name", ""},
	{"obBackupServiceStorageConfig.obBackupStorageBaseInfo.backupStorageType", "storage.type", ""},
	{"obBackupServiceStorageConfig.obBackupStorageBaseInfo.storageUrl", "storage.url", ""},
	{"obBackupServiceStorageConfig.alarmStoragePercentageThreshold", "storage.alarm_threshold_percent", ""},
}

// documentedFields are the fields OCP_API.md names in the strategy answer and its
// sub-objects (§3.2–§3.4); others are reported so that we learn OCP's real shape.
var documentedFields = map[string][]string{
	"": {"id", "createTime", "updateTime", "clusterName", "clusterId", "obClusterId", "backupDimension", "tenantName",
		"tenantId", "obTenantId", "type", "backupMode", "serviceConfigName", "obBackupScheduleConfig",
		"obBackupThresholdConfig", "obBackupServiceStorageConfig", "secondaryBackupEnabled", "obSecondaryBackupConfig",
		"obBackupObjectList"},
	"obBackupScheduleConfig": {"backupScheduleMode", "backupScheduleEnabled", "backupScheduleTime",
		"dayAndDataBackupModelMap", "startLogBackup", "cleanEnabled", "backupDataRetentionDays", "cleanScheduleTime"},
	"obBackupThresholdConfig": {"dataBackupTimeoutMinutes", "noSuccessfulDataBackupAlarmDays", "logBackupDelaySeconds",
		"libObLogExpireDays"},
	"obBackupServiceStorageConfig": {"configName", "obBackupStorageBaseInfo", "alarmStoragePercentageThreshold",
		"storageId", "serviceType", "serviceId", "serviceName", "hostIdList"},
}

func checkFields(raw json.RawMessage, strategy map[string]any) Fact {
	var d differences
	var seen []string
	if err := json.Unmarshal(raw, new(ocpclient.BackupStrategy)); err != nil {
		seen = append(seen, fmt.Sprintf("the client cannot decode it (%v)", err))
		d.add(breaks("Every refresh of ocp_tenant_backup_schedule, and every read of data source " +
			"ocp_tenant_backup_strategy, fails on this answer."))
	}
	missing, broken := missingFields(strategy)
	if len(missing) > 0 {
		seen = append(seen, "missing: "+codeList(missing))
	}
	for _, f := range mappedFields {
		if slices.Contains(missing, f.path) && f.copes != "" {
			d.add(tolerated(f.copes))
		}
	}
	if len(broken) > 0 {
		d.add(breaks(fmt.Sprintf("ocp_tenant_backup_schedule shows a change of %s under `strategy` on every plan; "+
			"data source ocp_tenant_backup_strategy reads it empty.", codeList(broken))))
	}
	if len(seen) == 0 {
		seen = append(seen, "every mapped field present")
	}
	if extra := undocumentedFields(strategy); len(extra) > 0 {
		seen = append(seen, "not in OCP_API.md (the provider ignores them): "+codeList(extra))
	}
	return d.verdict(strategyFields, strings.Join(seen, "; "))
}

// missingFields lists the mapped fields the answer lacks (not those below a
// missing object, which is reported itself), and the attributes that breaks.
func missingFields(strategy map[string]any) (missing, brokenAttributes []string) {
	for _, f := range mappedFields {
		if slices.ContainsFunc(missing, func(parent string) bool { return strings.HasPrefix(f.path, parent+".") }) {
			continue
		}
		if _, ok := lookup(strategy, f.path); ok {
			continue
		}
		missing = append(missing, f.path)
		if f.copes == "" {
			brokenAttributes = append(brokenAttributes, f.attribute)
		}
	}
	return missing, brokenAttributes
}

func undocumentedFields(strategy map[string]any) []string {
	var extra []string
	for object, known := range documentedFields {
		fields := strategy
		if object != "" {
			fields, _ = strategy[object].(map[string]any)
		}
		for _, name := range fieldNames(fields) {
			if !slices.Contains(known, name) {
				extra = append(extra, strings.TrimPrefix(object+"."+name, "."))
			}
		}
	}
	slices.Sort(extra)
	return extra
}

const scheduleFlagPath = "obBackupScheduleConfig.backupScheduleEnabled"

func checkScheduleEnabled(strategy map[string]any) Fact {
	value, ok := lookup(strategy, scheduleFlagPath)
	if !ok {
		return strategyScheduleEnabled.differs("absent", tolerated("ocp_tenant_backup_schedule keeps its state and warns on "+
			"every refresh that scheduled backups stopped or started outside Terraform cannot be detected on this OCP; "+
			"data source ocp_tenant_backup_strategy leaves `schedule_enabled` null."))
	}
	if enabled, isBool := value.(bool); isBool {
		return strategyScheduleEnabled.holds(fmt.Sprintf("present: %t", enabled))
	}
	return strategyScheduleEnabled.differs(fmt.Sprintf("present but not a boolean: %v", value),
		breaks("The client cannot decode the strategy: every refresh of ocp_tenant_backup_schedule, and every read of "+
			"data source ocp_tenant_backup_strategy, fails."))
}

var (
	// documentedTime is OCP's documented form of a time of day.
	documentedTime = regexp.MustCompile(`^\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$`)
)

// timeFields are the strategy's times and the attributes they map to.
var timeFields = []struct{ path, attribute string }{
	{"obBackupScheduleConfig.backupScheduleTime", "schedule.time"},
	{"obBackupScheduleConfig.cleanScheduleTime", "schedule.clean_time"},
}

func checkTimes(strategy map[string]any) Fact {
	var d differences
	var seen []string
	for _, f := range timeFields {
		value, ok := lookup(strategy, f.path)
		if !ok {
			continue
		}
		text, _ := value.(string)
		seen = append(seen, fmt.Sprintf("`%s` %q", f.path[strings.LastIndex(f.path, ".")+1:], text))
		switch {
		case documentedTime.MatchString(text):
		case ocpclient.OffsetTimePattern.MatchString(text):
			d.add(tolerated(fmt.Sprintf("The provider compares `strategy.%s` by the instant it names, so this form equals the configured one.", f.attribute)))
		default:
			d.add(breaks(fmt.Sprintf("ocp_tenant_backup_schedule shows a change of `strategy.%s` on every plan.", f.attribute)))
		}
	}
	if len(seen) == 0 {
		return strategyTimes.unobservable("the strategy has no backupScheduleTime or cleanScheduleTime")
	}
	return d.verdict(strategyTimes, strings.Join(seen, ", "))
}

const storageBasePath = "obBackupServiceStorageConfig.obBackupStorageBaseInfo"

// protocolPrefix matches a URL scheme such as oss:// or file://.
var protocolPrefix = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*://`)

func checkDirectory(strategy map[string]any) Fact {
	value, ok := lookup(strategy, storageBasePath+".storageUrl")
	text, isString := value.(string)
	if !ok || !isString {
		return strategyDirectory.unobservable("the strategy has no storageUrl string")
	}
	seen := fmt.Sprintf("%q", text)
	if protocolPrefix.MatchString(text) {
		return strategyDirectory.differs(seen, breaks("ocp_tenant_backup_schedule shows a change of `strategy.storage.url` on every plan: "+
			"the provider compares directories ignoring only a trailing slash, and refuses a protocol prefix in the configuration."))
	}
	return strategyDirectory.holds(seen)
}

// dayKinds are the values of the day map.
var dayKinds = []string{"FULL_BACKUP", "INCREMENTAL_BACKUP"}

func checkDays(strategy map[string]any) Fact {
	value, ok := lookup(strategy, "obBackupScheduleConfig.dayAndDataBackupModelMap")
	if !ok {
		return strategyDays.unobservable("the strategy has no dayAndDataBackupModelMap")
	}
	mode, _ := lookup(strategy, "obBackupScheduleConfig.backupScheduleMode")
	raw, _ := json.Marshal(value)
	seen := fmt.Sprintf("%v: `%s`", mode, raw)
	days, isObject := value.(map[string]any)
	if !isObject || !daysValid(fmt.Sprint(mode), days) {
		return strategyDays.differs(seen, breaks("ocp_tenant_backup_schedule shows a change of `strategy.schedule.days` on every plan."))
	}
	return strategyDays.holds(seen)
}

func daysValid(mode string, days map[string]any) bool {
	last := map[string]int{"WEEK": 7}[mode]
	if last == 0 {
		last = 31
	}
	for day, kind := range days {
		n, err := strconv.Atoi(day)
		text, _ := kind.(string)
		if err != nil || n < 1 || n > last || strconv.Itoa(n) != day || !slices.Contains(dayKinds, text) {
			return false
		}
	}
	return true
}

// credentialObjects are the objects of the storage info, which hold credentials.
func credentialObjects(base map[string]any) map[string]map[string]any {
	objects := map[string]map[string]any{}
	for name, value := range base {
		if object, isObject := value.(map[string]any); isObject {
			objects[name] = object
		}
	}
	return objects
}

func storageBase(strategy map[string]any) (map[string]any, string) {
	value, _ := lookup(strategy, storageBasePath)
	base, _ := value.(map[string]any)
	storageType, _ := base["backupStorageType"].(string)
	return base, storageType
}

func checkSecrets(strategy map[string]any) Fact {
	base, storageType := storageBase(strategy)
	objects := credentialObjects(base)
	if storageType == ocpclient.StorageFile && len(objects) == 0 {
		return strategySecrets.unobservable(fmt.Sprintf("the destination is %s (a file system), which has no credential; "+
			"inspect a tenant whose backups go to OSS, COS or S3 with -tenant C/T", storageType))
	}
	seen := []string{fmt.Sprintf("%s destination", storageType)}
	for _, name := range fieldNames(objects) {
		seen = append(seen, describeCredential(name, objects[name]))
	}
	if len(objects) == 0 {
		seen = append(seen, "no credential object given back")
	}
	if len(secretsIn(strategy)) > 0 {
		return strategySecrets.differs(strings.Join(seen, "; "), tolerated("The provider never reads a secret back, so Terraform "+
			"is unaffected; but OCP shows the storage secret to everyone who may read the strategy."))
	}
	if keyIDMasked(objects) {
		return strategySecrets.differs(strings.Join(seen, "; "), tolerated("The provider reads strategy.storage.access_key_id back "+
			"only when OCP shows it in clear; a masked one keeps the configured id, so a key id changed in OCP's "+
			"console is not detected, and an import leaves strategy.storage.access_key_id to be written by hand."))
	}
	return strategySecrets.holds(strings.Join(seen, "; "))
}

// keyIDMasked reports whether OCP gave an access key id back masked.
func keyIDMasked(objects map[string]map[string]any) bool {
	for _, credential := range objects {
		if id, ok := credential["accessKeyId"].(string); ok && looksMasked(id) {
			return true
		}
	}
	return false
}

// describeCredential says which parts of a credential OCP gave back, never their values.
func describeCredential(name string, credential map[string]any) string {
	parts := make([]string, 0, 2)
	for _, field := range []string{"accessKeyId", "accessKeySecret"} {
		value, present := credential[field]
		text, _ := value.(string)
		switch {
		case !present || value == nil:
			parts = append(parts, field+" absent")
		case looksMasked(text):
			parts = append(parts, field+" masked")
		case field == "accessKeyId":
			parts = append(parts, field+" given back")
		default:
			parts = append(parts, field+" given back in clear text")
		}
	}
	return fmt.Sprintf("`%s`: %s", name, strings.Join(parts, ", "))
}

func checkS3Credential(strategy map[string]any) Fact {
	base, storageType := storageBase(strategy)
	objects := credentialObjects(base)
	switch {
	case storageType != ocpclient.StorageS3:
		return strategyS3Credential.unobservable(fmt.Sprintf("the destination is %s; inspect a tenant whose backups go to S3 with -tenant C/T", storageType))
	case objects["s3AccessKey"] != nil:
		return strategyS3Credential.holds("`s3AccessKey` present")
	case len(objects) == 0:
		return strategyS3Credential.unobservable("OCP gives no credential object back for this S3 destination, so its name cannot be seen")
	}
	return strategyS3Credential.differs("the credential object is "+codeList(fieldNames(objects)), breaks("ocp_tenant_backup_schedule with "+
		"`strategy.storage.type = \"S3\"` sends its credential as `s3AccessKey`, which this OCP names otherwise: an S3 strategy "+
		"would be created or updated without its credential, and `strategy.storage.endpoint` and `strategy.storage.region` are "+
		"not read back."))
}

var noStrategyShape = assumption{"no_strategy",
	"A tenant without a backup strategy is answered `data: null` with HTTP 200",
	"§3.4 [INF]"}

// checkNoStrategy checks how OCP answered the strategy read of a tenant without one.
func (p *prober) checkNoStrategy() {
	if p.noStrategy == nil {
		p.add(noStrategyShape.unobservable(fmt.Sprintf("no tenant without a backup strategy among the first %d read; "+
			"name one with -no-strategy-tenant C/T", maxStrategyReads)))
		return
	}
	p.add(checkNoStrategyAnswer(p.noStrategy))
}

func checkNoStrategyAnswer(t *tenantAnswer) Fact {
	a := t.answer
	data := a.Fields["data"]
	switch {
	case succeeded(a) && (jsonKind(data) == "null" || jsonKind(data) == "absent"):
		return noStrategyShape.holds(describe(a))
	case refusedWith(a, 404), refusedWith(a, 400):
		return noStrategyShape.differs(describe(a), tolerated("The provider takes a 404 or 400 in OCP's envelope for "+
			"\"no strategy\" as well, and reads the tenant to tell a missing strategy from a missing tenant: one more GET a refresh."))
	case classifyStrategyAnswer(a) == hasStrategy:
		return noStrategyShape.unobservable(fmt.Sprintf("tenant %d/%d has a backup strategy; name one without with "+
			"-no-strategy-tenant C/T", t.info.ClusterID, t.info.TenantID))
	case succeeded(a):
		return noStrategyShape.differs(describe(a), breaks("The provider takes the tenant for one with an empty strategy: "+
			"ocp_tenant_backup_schedule may adopt scheduled backups that do not run, and does not notice that the strategy "+
			"it carries (`strategy`) is gone."))
	default:
		return noStrategyShape.differs(describe(a), breaks("A refresh of ocp_tenant_backup_schedule "+
			"whose strategy was deleted fails instead of noticing it."))
	}
}
