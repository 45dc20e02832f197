package provider

import (
	"cmp"
	"context"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// A backup strategy's models, shared by a schedule's carried strategy and the
// strategy data sources, and their mapping to and from OCP's strategy body. The
// attributes are defined in backup_strategy_schema.go.

// strategySettings is the strategy itself, what OCP holds: a schedule resource's
// strategy attribute.
type strategySettings struct {
	BackupMode types.String             `tfsdk:"backup_mode"`
	Schedule   *strategyScheduleModel   `tfsdk:"schedule"`
	Thresholds *strategyThresholdsModel `tfsdk:"thresholds"`
	Storage    *strategyStorageModel    `tfsdk:"storage"`
}

// toOCP builds the strategy body. backupScheduleEnabled is sent only where enabled
// is given: a create sends false (the schedule starts the backups after it), an
// update repeats OCP's current value (strategyWrites.patchToPlan).
func (m *strategySettings) toOCP(ctx context.Context, enabled *bool) (ocpclient.BackupStrategyConfig, diag.Diagnostics) {
	schedule, diags := m.Schedule.toOCP(ctx)
	schedule.ScheduleEnabled = enabled
	return ocpclient.BackupStrategyConfig{
		BackupMode:      m.BackupMode.ValueString(),
		ScheduleConfig:  schedule,
		ThresholdConfig: m.Thresholds.toOCP(),
		StorageConfig:   m.Storage.toOCP(),
	}, diags
}

// takeWriteOnlySecret fills in the write-only storage secret from config, the only
// place it is in (plan and state hold it null); storage is the path of the
// strategy's storage attribute.
func (m *strategySettings) takeWriteOnlySecret(ctx context.Context, config tfsdk.Config, storage path.Path) diag.Diagnostics {
	if m.Storage == nil {
		return nil
	}
	var secret types.String
	diags := config.GetAttribute(ctx, storage.AtName("access_key_secret_wo"), &secret)
	m.Storage.writeOnlySecret = secret.ValueString()
	return diags
}

// hasSecret reports whether the strategy sends a storage secret.
func (m *strategySettings) hasSecret() bool { return m.Storage != nil && m.Storage.secret() != "" }

// withSecretsMasked hides the storage secret from every log line under ctx.
func (m *strategySettings) withSecretsMasked(ctx context.Context) context.Context {
	if !m.hasSecret() {
		return ctx
	}
	return tflog.MaskLogStrings(ctx, m.Storage.secret())
}

// refreshFrom takes what OCP reports, keeping the secret from the prior state: OCP
// does not give it back, so it is never compared with OCP's. A backupMode that OCP
// leaves out keeps the prior value.
func (m *strategySettings) refreshFrom(ctx context.Context, strategy *ocpclient.BackupStrategy) diag.Diagnostics {
	var diags diag.Diagnostics
	if strategy.BackupMode != "" || m.BackupMode.IsNull() || m.BackupMode.IsUnknown() {
		m.BackupMode = types.StringValue(cmp.Or(strategy.BackupMode, defaultBackupMode))
	}
	m.Schedule, diags = scheduleFromOCP(ctx, strategy.ScheduleConfig, m.Schedule)
	if thresholds := thresholdsFromOCP(strategy.ThresholdConfig); thresholds != nil {
		m.Thresholds = thresholds
	}
	if view := storageViewFromOCP(strategy.StorageConfig); view != nil {
		storage := &strategyStorageModel{strategyStorageView: *view, AccessKeySecret: types.StringNull(),
			AccessKeySecretWO: types.StringNull(), AccessKeySecretWOVersion: types.Int64Null()}
		if m.Storage != nil {
			storage.AccessKeySecret, storage.AccessKeySecretWO = m.Storage.AccessKeySecret, m.Storage.AccessKeySecretWO
			storage.AccessKeySecretWOVersion, storage.writeOnlySecret = m.Storage.AccessKeySecretWOVersion, m.Storage.writeOnlySecret
			// An OCP that does not echo the access key id leaves the configured one.
			if storage.AccessKeyID.IsNull() {
				storage.AccessKeyID = m.Storage.AccessKeyID
			}
		}
		m.Storage = storage
	}
	return diags
}

// heldBy reports whether OCP's strategy is this model's, compared as OCP stores it
// (normal forms of times and directories; the secret, which OCP does not give
// back, is not compared).
func (m *strategySettings) heldBy(ctx context.Context, strategy *ocpclient.BackupStrategy) bool {
	differing, ok := m.differencesFromHeld(ctx, strategy)
	return ok && len(differing) == 0
}

// differencesFromHeld names the attributes in which OCP's strategy differs from
// this model, compared as heldBy compares them; ok is false when they cannot be
// compared.
func (m *strategySettings) differencesFromHeld(ctx context.Context, strategy *ocpclient.BackupStrategy) (differing []string, ok bool) {
	held := *m
	if held.refreshFrom(ctx, strategy).HasError() {
		return nil, false
	}
	return m.differencesInOCP(ctx, &held)
}

// secretChangedFrom reports whether the storage secret differs from prior's.
func (m *strategySettings) secretChangedFrom(prior *strategySettings) bool {
	if m.Storage == nil || prior.Storage == nil {
		return m.Storage != prior.Storage
	}
	return !m.Storage.secretIdentity().Equal(prior.Storage.secretIdentity())
}

// sameInOCP reports whether two models send OCP the same strategy, compared in
// OCP's normal forms: when only attributes that live in Terraform alone differ.
func (m *strategySettings) sameInOCP(ctx context.Context, other *strategySettings) bool {
	differing, ok := m.differencesInOCP(ctx, other)
	return ok && len(differing) == 0
}

// differencesInOCP names the attributes (backup_mode, schedule, thresholds,
// storage) in which two models send OCP different strategies, compared as
// sameInOCP compares them; ok is false when either cannot be put in OCP's form.
func (m *strategySettings) differencesInOCP(ctx context.Context, other *strategySettings) (differing []string, ok bool) {
	mine, myDiags := m.forComparison().toOCP(ctx, nil)
	theirs, theirDiags := other.forComparison().toOCP(ctx, nil)
	if myDiags.HasError() || theirDiags.HasError() {
		return nil, false
	}
	mine, theirs = canonicalStrategy(mine), canonicalStrategy(theirs)
	for _, part := range []struct {
		attribute string
		same      bool
	}{
		{"backup_mode", mine.BackupMode == theirs.BackupMode},
		{"schedule", reflect.DeepEqual(mine.ScheduleConfig, theirs.ScheduleConfig)},
		{"thresholds", reflect.DeepEqual(mine.ThresholdConfig, theirs.ThresholdConfig)},
		{"storage", reflect.DeepEqual(mine.StorageConfig, theirs.StorageConfig)},
	} {
		if !part.same {
			differing = append(differing, part.attribute)
		}
	}
	return differing, true
}

// forComparison is the model with its secret replaced by the secret's identity:
// a write-only secret is known in the configuration only, never in state.
func (m *strategySettings) forComparison() *strategySettings {
	c := *m
	if m.Storage != nil {
		storage := *m.Storage
		storage.AccessKeySecret, storage.AccessKeySecretWO, storage.writeOnlySecret = m.Storage.secretIdentity(), types.StringNull(), ""
		c.Storage = &storage
	}
	return &c
}

type strategyScheduleModel struct {
	Mode              types.String     `tfsdk:"mode"`
	Time              normalizedString `tfsdk:"time"`
	Days              types.Map        `tfsdk:"days"`
	StartLogBackup    types.Bool       `tfsdk:"start_log_backup"`
	CleanEnabled      types.Bool       `tfsdk:"clean_enabled"`
	DataRetentionDays types.Int64      `tfsdk:"data_retention_days"`
	CleanTime         normalizedString `tfsdk:"clean_time"`
}

type strategyThresholdsModel struct {
	DataBackupTimeoutMinutes    types.Int64 `tfsdk:"data_backup_timeout_minutes"`
	NoSuccessfulBackupAlarmDays types.Int64 `tfsdk:"no_successful_backup_alarm_days"`
	LogBackupDelaySeconds       types.Int64 `tfsdk:"log_backup_delay_seconds"`
}

// strategyStorageView is the destination as OCP shows it: without the secret,
// which OCP does not give back.
type strategyStorageView struct {
	Type                  types.String     `tfsdk:"type"`
	URL                   normalizedString `tfsdk:"url"`
	ConfigName            types.String     `tfsdk:"config_name"`
	AlarmThresholdPercent types.Int64      `tfsdk:"alarm_threshold_percent"`
	Endpoint              types.String     `tfsdk:"endpoint"`
	AppID                 types.String     `tfsdk:"app_id"`
	Region                types.String     `tfsdk:"region"`
	AccessKeyID           types.String     `tfsdk:"access_key_id"`
}

// strategyStorageModel is the destination with its secret, as configured: in
// state (access_key_secret) or write-only (access_key_secret_wo, in the
// configuration alone, sent again when its version changes).
type strategyStorageModel struct {
	strategyStorageView
	AccessKeySecret types.String `tfsdk:"access_key_secret"`
	// AccessKeySecretWO is always null in the model, which goes into state; the
	// configured value is in writeOnlySecret. The framework blanks write-only
	// values only in the state of a call that succeeds, so a failed create or
	// update would otherwise write the secret to state.
	AccessKeySecretWO        types.String `tfsdk:"access_key_secret_wo"`
	AccessKeySecretWOVersion types.Int64  `tfsdk:"access_key_secret_wo_version"`
	writeOnlySecret          string       `tfsdk:"-"`
}

// secret is the secret to send OCP, from whichever attribute holds it.
func (s *strategyStorageModel) secret() string {
	return cmp.Or(s.AccessKeySecret.ValueString(), s.writeOnlySecret)
}

// secretIdentity stands for the secret in comparisons: the secret itself, or, for
// a write-only one, its version.
func (s *strategyStorageModel) secretIdentity() types.String {
	if s.AccessKeySecret.IsNull() && (s.writeOnlySecret != "" || !s.AccessKeySecretWOVersion.IsNull()) {
		return types.StringValue("write-only secret, version " + s.AccessKeySecretWOVersion.String())
	}
	return s.AccessKeySecret
}

// Storage types as written in Terraform, and OCP's names for them.
var storageTypes = map[string]string{
	"FILE": ocpclient.StorageFile,
	"OSS":  ocpclient.StorageOSS,
	"COS":  ocpclient.StorageCOS,
	"S3":   ocpclient.StorageS3,
}

func storageTypeNames() []string { return []string{"FILE", "OSS", "COS", "S3"} }

// storageTypeFromOCP maps OCP's storage type back; an unknown one is kept as sent.
func storageTypeFromOCP(ocpType string) string {
	for name, value := range storageTypes {
		if value == ocpType {
			return name
		}
	}
	return ocpType
}

// scheduleModes are OCP's backupScheduleMode values.
var scheduleModes = []string{"WEEK", "MONTH"}

// Data backup kinds of the days map.
const (
	fullBackup        = "FULL_BACKUP"
	incrementalBackup = "INCREMENTAL_BACKUP"
)

func (m *strategyScheduleModel) toOCP(ctx context.Context) (*ocpclient.BackupScheduleConfig, diag.Diagnostics) {
	days := map[string]string{}
	diags := m.Days.ElementsAs(ctx, &days, false)
	return &ocpclient.BackupScheduleConfig{
		ScheduleMode:      m.Mode.ValueString(),
		ScheduleTime:      m.Time.ValueString(),
		Days:              days,
		StartLogBackup:    m.StartLogBackup.ValueBoolPointer(),
		CleanEnabled:      m.CleanEnabled.ValueBoolPointer(),
		RetentionDays:     m.DataRetentionDays.ValueInt64Pointer(),
		CleanScheduleTime: m.CleanTime.ValueString(),
	}, diags
}

// scheduleFromOCP maps OCP's schedule; prior is the state or plan it refreshes (nil
// for an import or a data source, which take all of OCP's answer). Optional fields
// OCP leaves out of its answer keep their prior value, so an answer that omits them
// never shows as a change. OCP may also fill optional fields the user left unset
// with defaults of its own (a retention period, a cleanup time): those stay unset,
// since they are not the user's to compare.
func scheduleFromOCP(ctx context.Context, s *ocpclient.BackupScheduleConfig, prior *strategyScheduleModel) (*strategyScheduleModel, diag.Diagnostics) {
	if s == nil {
		return prior, nil
	}
	imported := prior == nil
	if imported {
		prior = &strategyScheduleModel{}
	}
	days, diags := types.MapValueFrom(ctx, types.StringType, s.Days)
	m := &strategyScheduleModel{
		Mode:              types.StringValue(s.ScheduleMode),
		Time:              fromOCP(normalizeOffsetTime, s.ScheduleTime),
		Days:              days,
		StartLogBackup:    boolOr(s.StartLogBackup, prior.StartLogBackup, true),
		CleanEnabled:      boolOr(s.CleanEnabled, prior.CleanEnabled, false),
		DataRetentionDays: types.Int64PointerValue(s.RetentionDays),
		CleanTime:         fromOCP(normalizeOffsetTime, s.CleanScheduleTime),
	}
	if keepPrior(imported, s.RetentionDays == nil, prior.DataRetentionDays) {
		m.DataRetentionDays = prior.DataRetentionDays
	}
	if keepPrior(imported, s.CleanScheduleTime == "", prior.CleanTime) && prior.CleanTime.normalization == normalizeOffsetTime {
		m.CleanTime = prior.CleanTime
	}
	return m, diags
}

// keepPrior reports whether an optional attribute keeps its prior value rather
// than OCP's: when OCP left the field out, or filled it although the user had
// left it unset.
func keepPrior(imported, omittedByOCP bool, prior attr.Value) bool {
	if imported || prior.IsUnknown() {
		return false
	}
	return omittedByOCP || prior.IsNull()
}

// boolOr is OCP's value; when OCP did not send it, the prior one, or without one
// (an import) the schema's default, which is what OCP assumes for a missing field.
func boolOr(ocp *bool, prior types.Bool, fallback bool) types.Bool {
	switch {
	case ocp != nil:
		return types.BoolValue(*ocp)
	case prior.IsNull() || prior.IsUnknown():
		return types.BoolValue(fallback)
	default:
		return prior
	}
}

func (m *strategyThresholdsModel) toOCP() *ocpclient.BackupThresholds {
	return &ocpclient.BackupThresholds{
		DataBackupTimeoutMinutes:        m.DataBackupTimeoutMinutes.ValueInt64(),
		NoSuccessfulDataBackupAlarmDays: m.NoSuccessfulBackupAlarmDays.ValueInt64(),
		LogBackupDelaySeconds:           m.LogBackupDelaySeconds.ValueInt64(),
	}
}

func thresholdsFromOCP(t *ocpclient.BackupThresholds) *strategyThresholdsModel {
	if t == nil {
		return nil
	}
	return &strategyThresholdsModel{
		DataBackupTimeoutMinutes:    types.Int64Value(t.DataBackupTimeoutMinutes),
		NoSuccessfulBackupAlarmDays: types.Int64Value(t.NoSuccessfulDataBackupAlarmDays),
		LogBackupDelaySeconds:       types.Int64Value(t.LogBackupDelaySeconds),
	}
}

func (m *strategyStorageModel) toOCP() *ocpclient.BackupStorageConfig {
	ocpType := storageTypes[m.Type.ValueString()]
	info := ocpclient.BackupStorageInfo{BackupStorageType: ocpType, StorageURL: m.URL.ValueString()}
	if ocpType != ocpclient.StorageFile {
		key := &ocpclient.StorageAccessKey{
			Endpoint:        m.Endpoint.ValueString(),
			AccessKeyID:     m.AccessKeyID.ValueString(),
			AccessKeySecret: m.secret(),
			AppID:           m.AppID.ValueString(),
			Region:          m.Region.ValueString(),
		}
		switch ocpType {
		case ocpclient.StorageOSS:
			info.OSSAccessKey = key
		case ocpclient.StorageCOS:
			info.COSAccessKey = key
		default:
			info.S3AccessKey = key
		}
	}
	return &ocpclient.BackupStorageConfig{
		ConfigName:                      m.ConfigName.ValueString(),
		StorageBaseInfo:                 info,
		AlarmStoragePercentageThreshold: m.AlarmThresholdPercent.ValueInt64(),
	}
}

// storageViewFromOCP maps OCP's echo of the destination. The access key id is read
// back, so that an import yields configuration that validates; the secret is left
// out: OCP masks or omits it, so it is never compared with the configuration.
func storageViewFromOCP(s *ocpclient.BackupStorageConfig) *strategyStorageView {
	if s == nil {
		return nil
	}
	info := s.StorageBaseInfo
	view := &strategyStorageView{
		Type:                  types.StringValue(storageTypeFromOCP(info.BackupStorageType)),
		URL:                   fromOCP(normalizeDirectory, info.StorageURL),
		ConfigName:            types.StringValue(s.ConfigName),
		AlarmThresholdPercent: types.Int64Value(s.AlarmStoragePercentageThreshold),
		Endpoint:              types.StringNull(),
		AppID:                 types.StringNull(),
		Region:                types.StringNull(),
		AccessKeyID:           types.StringNull(),
	}
	for _, key := range []*ocpclient.StorageAccessKey{info.OSSAccessKey, info.COSAccessKey, info.S3AccessKey} {
		if key != nil {
			view.Endpoint, view.AppID, view.Region = stringOrNull(key.Endpoint), stringOrNull(key.AppID), stringOrNull(key.Region)
			view.AccessKeyID = echoedKeyID(key.AccessKeyID)
		}
	}
	return view
}

// validateDays checks the days map against the schedule mode: WEEK days are 1–7
// (Monday–Sunday), MONTH days 1–31, each FULL_BACKUP or INCREMENTAL_BACKUP, and
// at least one FULL_BACKUP since an incremental backup needs a full one first.
func validateDays(mode string, days map[string]string) []string {
	last := map[string]int{"WEEK": 7, "MONTH": 31}[mode]
	var problems []string
	hasFull := false
	kindsValid := true
	for day, kind := range days {
		if n, err := strconv.Atoi(day); err != nil || n < 1 || n > last || strconv.Itoa(n) != day {
			problems = append(problems, fmt.Sprintf("day %q is not a day of a %s schedule: use \"1\" to \"%d\"", day, mode, last))
		}
		hasFull = hasFull || kind == fullBackup
		// Unknown kinds are reported by the days attribute's own validator.
		kindsValid = kindsValid && (kind == fullBackup || kind == incrementalBackup)
	}
	if len(days) > 0 && kindsValid && !hasFull {
		problems = append(problems, "at least one day must be FULL_BACKUP: an incremental backup needs a full backup to build on")
	}
	return problems
}

// canonicalStrategy is a strategy body with its times and directory in the forms
// they compare by (see normalizedString), so that what the user wrote and what OCP
// echoes compare equal.
func canonicalStrategy(body ocpclient.BackupStrategyConfig) ocpclient.BackupStrategyConfig {
	if body.ScheduleConfig != nil {
		schedule := *body.ScheduleConfig
		schedule.ScheduleTime = normalizeOffsetTime.canonicalOrSelf(schedule.ScheduleTime)
		schedule.CleanScheduleTime = normalizeOffsetTime.canonicalOrSelf(schedule.CleanScheduleTime)
		body.ScheduleConfig = &schedule
	}
	if body.StorageConfig != nil {
		storage := *body.StorageConfig
		storage.StorageBaseInfo.StorageURL = normalizeDirectory.canonicalOrSelf(storage.StorageBaseInfo.StorageURL)
		body.StorageConfig = &storage
	}
	return body
}

// echoedKeyID is the access key id OCP shows, or null when it shows a masked form
// ("LTAI****"), which is no value to compare with the configured one.
func echoedKeyID(id string) types.String {
	if strings.Contains(id, "*") {
		return types.StringNull()
	}
	return stringOrNull(id)
}
