package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// The attributes of a backup strategy are defined once, here, and rendered twice:
// for a schedule resource's strategy, where the user writes them (required,
// optional with a default, validated), and for the data sources, where they show
// what OCP holds (computed).
// The models and their mapping to OCP's body are in backup_strategy_model.go.

// defaultBackupMode is the backup mode of OceanBase 4.x tenants, and what a strategy
// is taken to have when OCP's answer does not say.
const defaultBackupMode = "PHYSICAL_BACKUP"

// fieldKind is the Terraform type of a strategyField.
type fieldKind int

const (
	stringField fieldKind = iota
	int64Field
	boolField
	stringMapField
)

// strategyField is one attribute of a strategy.
type strategyField struct {
	kind        fieldKind
	description string
	// normalized, for strings OCP stores in a normal form of its own.
	normalized *normalizedStringType
	// required in the resource; otherwise optional, with fallback as its default
	// when fallback is set (a value of kind's type).
	required bool
	fallback attr.Value
	// writeOnlyInOCP: OCP takes the value but does not give it back, so it is not
	// an attribute of the data source.
	writeOnlyInOCP bool
	// writeOnly: a Terraform write-only argument, in the configuration alone.
	writeOnly  bool
	sensitive  bool
	validators fieldValidators
}

type fieldValidators struct {
	strings []validator.String
	int64s  []validator.Int64
	maps    []validator.Map
}

// strategyGroup is one nested attribute of a strategy (schedule, thresholds, storage).
type strategyGroup struct {
	description string
	// required in the resource; otherwise the whole group is optional and defaults
	// to its fields' defaults.
	required   bool
	validators []validator.Object
	fields     map[string]strategyField
}

// Threshold defaults, the values OCP's console proposes.
const (
	defaultDataBackupTimeoutMinutes = 360
	defaultNoBackupAlarmDays        = 2
	defaultLogBackupDelaySeconds    = 300
	defaultAlarmThresholdPercent    = 80
)

var offsetTimeValidator = stringvalidator.RegexMatches(ocpclient.OffsetTimePattern,
	`must be a time of day with its UTC offset, HH:MM[:SS[.sss]] followed by Z or ±HH:MM, such as "02:00+08:00"`)

var backupModeField = strategyField{
	kind:        stringField,
	description: "`PHYSICAL_BACKUP` (OceanBase 4.x tenants) or `LOGICAL_BACKUP`.",
	fallback:    types.StringValue(defaultBackupMode),
	validators:  fieldValidators{strings: []validator.String{stringvalidator.OneOf("PHYSICAL_BACKUP", "LOGICAL_BACKUP")}},
}

var scheduleGroup = strategyGroup{
	description: "When data backups run.",
	required:    true,
	validators:  []validator.Object{scheduleDaysValidator{}},
	fields: map[string]strategyField{
		"mode": {kind: stringField, required: true,
			description: "`WEEK` (days are 1–7, Monday to Sunday) or `MONTH` (days are 1–31).",
			validators:  fieldValidators{strings: []validator.String{stringvalidator.OneOf(scheduleModes...)}}},
		"time": {kind: stringField, required: true, normalized: &offsetTimeType,
			description: "Time of day the backups start, with its UTC offset, e.g. `02:00+08:00`.",
			validators:  fieldValidators{strings: []validator.String{offsetTimeValidator}}},
		"days": {kind: stringMapField, required: true,
			description: "Backup kind by day number: `FULL_BACKUP` or `INCREMENTAL_BACKUP`. At least one day must be `FULL_BACKUP`.",
			validators: fieldValidators{maps: []validator.Map{
				mapvalidator.SizeAtLeast(1),
				mapvalidator.ValueStringsAre(stringvalidator.OneOf(fullBackup, incrementalBackup)),
			}}},
		"start_log_backup": {kind: boolField, fallback: types.BoolValue(true),
			description: "Start log archiving with the strategy; needed for point-in-time restore."},
		"clean_enabled": {kind: boolField, fallback: types.BoolValue(false),
			description: "Delete expired backups."},
		"data_retention_days": {kind: int64Field,
			description: "Days to keep backups when `clean_enabled` is true.",
			validators:  fieldValidators{int64s: []validator.Int64{int64validator.AtLeast(1)}}},
		"clean_time": {kind: stringField, normalized: &offsetTimeType,
			description: "Time of day expired backups are deleted, with its UTC offset.",
			validators:  fieldValidators{strings: []validator.String{offsetTimeValidator}}},
	},
}

var thresholdsGroup = strategyGroup{
	description: "When OCP raises backup alerts. Defaults to the values OCP's console proposes.",
	fields: map[string]strategyField{
		"data_backup_timeout_minutes": threshold("Alert when a data backup runs longer than this many minutes.",
			defaultDataBackupTimeoutMinutes),
		"no_successful_backup_alarm_days": threshold("Alert after this many days without a successful data backup.",
			defaultNoBackupAlarmDays),
		"log_backup_delay_seconds": threshold("Alert when log archiving lags by more than this many seconds.",
			defaultLogBackupDelaySeconds),
	},
}

func threshold(description string, fallback int64) strategyField {
	return strategyField{kind: int64Field, description: description, fallback: types.Int64Value(fallback),
		validators: fieldValidators{int64s: []validator.Int64{int64validator.AtLeast(1)}}}
}

var storageGroup = strategyGroup{
	description: "Where backups are stored.",
	required:    true,
	validators:  []validator.Object{storageCredentialsValidator{}},
	fields: map[string]strategyField{
		"type": {kind: stringField, required: true,
			description: "`FILE` (an NFS path mounted on every OBServer), `OSS`, `COS` or `S3`.",
			validators:  fieldValidators{strings: []validator.String{stringvalidator.OneOf(storageTypeNames()...)}}},
		"url": {kind: stringField, required: true, normalized: &directoryType,
			description: "Directory without protocol prefix, e.g. `/obbackup/orders` or `bucket/orders`. A trailing slash makes no difference.",
			validators:  fieldValidators{strings: []validator.String{stringvalidator.LengthAtLeast(1), storageDirectoryValidator{}}}},
		"config_name": {kind: stringField, fallback: types.StringValue("terraform"),
			description: "Name of the storage configuration in OCP."},
		"alarm_threshold_percent": {kind: int64Field, fallback: types.Int64Value(defaultAlarmThresholdPercent),
			description: "Alert when the storage is this full, in percent.",
			validators:  fieldValidators{int64s: []validator.Int64{int64validator.Between(1, 100)}}},
		"endpoint": {kind: stringField, description: "Object storage endpoint (OSS, COS, S3)."},
		"app_id":   {kind: stringField, description: "COS app id (COS only)."},
		"region":   {kind: stringField, description: "S3 region (S3 only, optional)."},
		"access_key_id": {kind: stringField,
			description: "Object storage access key id (OSS, COS, S3). Read back from OCP, which shows it (unlike the secret)."},
		"access_key_secret": {kind: stringField, writeOnlyInOCP: true, sensitive: true,
			description: "Object storage access key secret (OSS, COS, S3), kept in state (as sensitive). Sent to OCP " +
				"when the strategy is created, with every update of it (OCP's modify call takes the whole strategy, " +
				"credentials included, and OCP never gives the secret back), and when it changes; never read back " +
				"or logged. Give this or `access_key_secret_wo`; with Terraform before 1.11 (or OpenTofu before " +
				"1.11), this one."},
		"access_key_secret_wo": {kind: stringField, writeOnlyInOCP: true, writeOnly: true, sensitive: true,
			description: "The secret as a write-only argument (Terraform and OpenTofu 1.11 or later): never in plan or " +
				"state, so it may come from an ephemeral value. Requires `access_key_secret_wo_version`. Sent to OCP " +
				"when the strategy is created, with every update of it (OCP's modify call takes the whole strategy, " +
				"credentials included, and OCP never gives the secret back), and when " +
				"`access_key_secret_wo_version` changes, which alone updates the strategy for a new secret."},
		"access_key_secret_wo_version": {kind: int64Field, writeOnlyInOCP: true,
			description: "Version of `access_key_secret_wo`, required with it: Terraform keeps no trace of a " +
				"write-only secret, so raising the version is how a new secret reaches OCP (rotation)."},
	},
}

// resourceAttribute renders the field for the resource.
func (f strategyField) resourceAttribute() rschema.Attribute {
	description := f.description
	if f.fallback != nil {
		description += fmt.Sprintf(" Default `%s`.", f.fallback)
	}
	optional := !f.required
	switch f.kind {
	case int64Field:
		a := rschema.Int64Attribute{Description: description, Required: f.required, Optional: optional,
			Sensitive: f.sensitive, Validators: f.validators.int64s}
		if fallback, ok := f.fallback.(types.Int64); ok {
			a.Computed, a.Default = true, int64default.StaticInt64(fallback.ValueInt64())
		}
		return a
	case boolField:
		a := rschema.BoolAttribute{Description: description, Required: f.required, Optional: optional,
			Sensitive: f.sensitive}
		if fallback, ok := f.fallback.(types.Bool); ok {
			a.Computed, a.Default = true, booldefault.StaticBool(fallback.ValueBool())
		}
		return a
	case stringMapField:
		return rschema.MapAttribute{Description: description, Required: f.required, Optional: optional,
			ElementType: types.StringType, Sensitive: f.sensitive, Validators: f.validators.maps}
	default:
		a := rschema.StringAttribute{Description: description, Required: f.required, Optional: optional,
			Sensitive: f.sensitive, WriteOnly: f.writeOnly, Validators: f.validators.strings}
		if f.normalized != nil {
			a.CustomType = *f.normalized
		}
		if fallback, ok := f.fallback.(types.String); ok {
			a.Computed, a.Default = true, stringdefault.StaticString(fallback.ValueString())
		}
		return a
	}
}

// dataSourceAttribute renders the field for the data source: what OCP holds.
func (f strategyField) dataSourceAttribute() dschema.Attribute {
	switch f.kind {
	case int64Field:
		return dschema.Int64Attribute{Description: f.description, Computed: true}
	case boolField:
		return dschema.BoolAttribute{Description: f.description, Computed: true}
	case stringMapField:
		return dschema.MapAttribute{Description: f.description, Computed: true, ElementType: types.StringType}
	default:
		a := dschema.StringAttribute{Description: f.description, Computed: true}
		if f.normalized != nil {
			a.CustomType = *f.normalized
		}
		return a
	}
}

func (f strategyField) attrType() attr.Type {
	return map[fieldKind]attr.Type{
		stringField: types.StringType, int64Field: types.Int64Type, boolField: types.BoolType,
		stringMapField: types.MapType{ElemType: types.StringType},
	}[f.kind]
}

func (g strategyGroup) resourceAttribute() rschema.SingleNestedAttribute {
	attributes := map[string]rschema.Attribute{}
	for name, f := range g.fields {
		attributes[name] = f.resourceAttribute()
	}
	a := rschema.SingleNestedAttribute{Description: g.description, Required: g.required, Validators: g.validators,
		Attributes: attributes}
	if !g.required {
		a.Optional, a.Computed, a.Default = true, true, objectdefault.StaticValue(g.defaultValue())
	}
	return a
}

// defaultValue is the group made of its fields' defaults, for an optional group.
func (g strategyGroup) defaultValue() types.Object {
	attrTypes, values := map[string]attr.Type{}, map[string]attr.Value{}
	for name, f := range g.fields {
		attrTypes[name], values[name] = f.attrType(), f.fallback
	}
	return types.ObjectValueMust(attrTypes, values)
}

func (g strategyGroup) dataSourceAttribute() dschema.SingleNestedAttribute {
	attributes := map[string]dschema.Attribute{}
	for name, f := range g.fields {
		if !f.writeOnlyInOCP {
			attributes[name] = f.dataSourceAttribute()
		}
	}
	return dschema.SingleNestedAttribute{Description: g.description, Computed: true, Attributes: attributes}
}

// strategyResourceAttributes are the attributes of the strategy a schedule resource
// carries (its strategy attribute).
func strategyResourceAttributes() map[string]rschema.Attribute {
	return map[string]rschema.Attribute{
		"backup_mode": backupModeField.resourceAttribute(),
		"schedule":    scheduleGroup.resourceAttribute(),
		"thresholds":  thresholdsGroup.resourceAttribute(),
		"storage":     storageGroup.resourceAttribute(),
	}
}

// strategyDataSourceAttributes are the data source's attributes of a strategy,
// besides the scope's ids.
func strategyDataSourceAttributes() map[string]dschema.Attribute {
	return map[string]dschema.Attribute{
		"backup_mode": backupModeField.dataSourceAttribute(),
		"schedule":    scheduleGroup.dataSourceAttribute(),
		"thresholds":  thresholdsGroup.dataSourceAttribute(),
		"storage":     storageGroup.dataSourceAttribute(),
	}
}
