package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// plannedStrategy is a carried strategy as Terraform would plan it from a
// configuration that sets every attribute.
func plannedStrategy(t *testing.T, storageType string) *strategySettings {
	t.Helper()
	ctx := context.Background()
	days, diags := types.MapValueFrom(ctx, types.StringType, map[string]string{"1": fullBackup, "4": incrementalBackup})
	if diags.HasError() {
		t.Fatal(diags)
	}
	return &strategySettings{
		BackupMode: types.StringValue(defaultBackupMode),
		Schedule: &strategyScheduleModel{
			Mode: types.StringValue("WEEK"), Time: newNormalized(normalizeOffsetTime, "02:00+08:00"), Days: days,
			StartLogBackup: types.BoolValue(true), CleanEnabled: types.BoolValue(true),
			DataRetentionDays: types.Int64Value(14), CleanTime: newNormalized(normalizeOffsetTime, "04:00+08:00"),
		},
		Thresholds: &strategyThresholdsModel{
			DataBackupTimeoutMinutes: types.Int64Value(360), NoSuccessfulBackupAlarmDays: types.Int64Value(2),
			LogBackupDelaySeconds: types.Int64Value(300),
		},
		Storage: &strategyStorageModel{
			strategyStorageView: strategyStorageView{
				Type: types.StringValue(storageType), URL: newNormalized(normalizeDirectory, "bucket/orders"),
				ConfigName: types.StringValue("terraform"), AlarmThresholdPercent: types.Int64Value(80),
				Endpoint: types.StringValue("oss.example.com"), AppID: types.StringNull(), Region: types.StringNull(),
				AccessKeyID: types.StringValue("AK"),
			},
			AccessKeySecret: types.StringValue("SK"),
		},
	}
}

// asOCPEchoes is the body OCP stores for body, as its GET shows it: normal forms,
// the secret masked.
func asOCPEchoes(body ocpclient.BackupStrategyConfig) *ocpclient.BackupStrategy {
	schedule := *body.ScheduleConfig
	schedule.ScheduleTime = "02:00:00.000+08:00"
	schedule.CleanScheduleTime = "04:00:00.000+08:00"
	storage := *body.StorageConfig
	storage.StorageBaseInfo.StorageURL += "/"
	if key := storage.StorageBaseInfo.OSSAccessKey; key != nil {
		masked := *key
		masked.AccessKeySecret = "******"
		storage.StorageBaseInfo.OSSAccessKey = &masked
	}
	body.ScheduleConfig, body.StorageConfig = &schedule, &storage
	return &ocpclient.BackupStrategy{BackupStrategyConfig: body}
}

func TestStrategySchema_resourceModelFitsSchema(t *testing.T) {
	ctx := context.Background()
	var resp resource.SchemaResponse
	NewTenantBackupScheduleResource().Schema(ctx, resource.SchemaRequest{}, &resp)
	state := tfsdk.State{Schema: resp.Schema, Raw: tftypes.NewValue(resp.Schema.Type().TerraformType(ctx), nil)}
	if diags := state.SetAttribute(ctx, strategyPath, plannedStrategy(t, "OSS")); diags.HasError() {
		t.Fatalf("the carried strategy's model does not fit its schema: %v", diags)
	}
}

func TestStrategySchema_dataSourceModelFitsSchemaAndHidesTheSecret(t *testing.T) {
	ctx := context.Background()
	var resp datasource.SchemaResponse
	NewTenantBackupStrategyDataSource().Schema(ctx, datasource.SchemaRequest{}, &resp)
	body, diags := plannedStrategy(t, "OSS").toOCP(ctx, new(bool))
	if diags.HasError() {
		t.Fatal(diags)
	}
	model := &strategyDataModel{}
	if diags := model.fill(ctx, unitScope, asOCPEchoes(body)); diags.HasError() {
		t.Fatal(diags)
	}
	state := tfsdk.State{Schema: resp.Schema, Raw: tftypes.NewValue(resp.Schema.Type().TerraformType(ctx), nil)}
	diags = state.SetAttribute(ctx, path.Root("cluster_id"), unitScope.ClusterID)
	diags.Append(state.SetAttribute(ctx, path.Root("tenant_id"), unitScope.TenantID)...)
	if diags.Append(model.writeTo(ctx, &state)...); diags.HasError() {
		t.Fatalf("the data source model does not fit its schema: %v", diags)
	}
	storage, ok := resp.Schema.Attributes["storage"].GetType().(types.ObjectType)
	if !ok {
		t.Fatalf("storage is a %T", resp.Schema.Attributes["storage"].GetType())
	}
	if _, shown := storage.AttrTypes["access_key_secret"]; shown {
		t.Error("the data source shows storage.access_key_secret, which OCP does not give back")
	}
	if !model.Storage.AccessKeyID.Equal(types.StringValue("AK")) {
		t.Errorf("the data source does not show the access key id OCP echoes: %v", model.Storage.AccessKeyID)
	}
}

func TestStrategySchema_optionalGroupDefaultsToItsFieldDefaults(t *testing.T) {
	got := thresholdsGroup.defaultValue().Attributes()
	want := map[string]int64{
		"data_backup_timeout_minutes": defaultDataBackupTimeoutMinutes, "no_successful_backup_alarm_days": defaultNoBackupAlarmDays,
		"log_backup_delay_seconds": defaultLogBackupDelaySeconds,
	}
	for name, value := range want {
		if !got[name].Equal(types.Int64Value(value)) {
			t.Errorf("thresholds default %s = %v, want %d", name, got[name], value)
		}
	}
}

func TestToOCP_storageCredentialGoesUnderItsType(t *testing.T) {
	ctx := context.Background()
	for storageType, key := range map[string]func(ocpclient.BackupStorageInfo) *ocpclient.StorageAccessKey{
		"OSS": func(i ocpclient.BackupStorageInfo) *ocpclient.StorageAccessKey { return i.OSSAccessKey },
		"COS": func(i ocpclient.BackupStorageInfo) *ocpclient.StorageAccessKey { return i.COSAccessKey },
		"S3":  func(i ocpclient.BackupStorageInfo) *ocpclient.StorageAccessKey { return i.S3AccessKey },
	} {
		body, _ := plannedStrategy(t, storageType).toOCP(ctx, nil)
		info := body.StorageConfig.StorageBaseInfo
		if info.BackupStorageType != storageTypes[storageType] {
			t.Errorf("%s: backupStorageType = %q", storageType, info.BackupStorageType)
		}
		if k := key(info); k == nil || k.AccessKeyID != "AK" || k.AccessKeySecret != "SK" || k.Endpoint != "oss.example.com" {
			t.Errorf("%s: credential = %+v", storageType, k)
		}
		set := 0
		for _, k := range []*ocpclient.StorageAccessKey{info.OSSAccessKey, info.COSAccessKey, info.S3AccessKey} {
			if k != nil {
				set++
			}
		}
		if set != 1 {
			t.Errorf("%s: %d credentials sent, want 1", storageType, set)
		}
	}
}

func TestToOCP_fileStorageSendsNoCredential(t *testing.T) {
	body, _ := plannedStrategy(t, "FILE").toOCP(context.Background(), nil)
	info := body.StorageConfig.StorageBaseInfo
	if info.OSSAccessKey != nil || info.COSAccessKey != nil || info.S3AccessKey != nil {
		t.Errorf("FILE storage sent a credential: %+v", info)
	}
}

func TestToOCP_scheduleEnabledOnlyWhenGiven(t *testing.T) {
	ctx := context.Background()
	model := plannedStrategy(t, "OSS")
	if body, _ := model.toOCP(ctx, nil); body.ScheduleConfig.ScheduleEnabled != nil {
		t.Error("backupScheduleEnabled sent although not given")
	}
	if body, _ := model.toOCP(ctx, new(bool)); body.ScheduleConfig.ScheduleEnabled == nil || *body.ScheduleConfig.ScheduleEnabled {
		t.Error("backupScheduleEnabled false not sent")
	}
}

func TestRefreshFrom_keepsCredentialsAndAMissingBackupMode(t *testing.T) {
	ctx := context.Background()
	planned := plannedStrategy(t, "OSS")
	planned.BackupMode = types.StringValue("LOGICAL_BACKUP")
	body, _ := planned.toOCP(ctx, nil)
	echoed := asOCPEchoes(body)
	echoed.BackupMode = ""
	refreshed := *planned
	if diags := refreshed.refreshFrom(ctx, echoed); diags.HasError() {
		t.Fatal(diags)
	}
	if refreshed.BackupMode.ValueString() != "LOGICAL_BACKUP" {
		t.Errorf("backup_mode = %v, want the prior LOGICAL_BACKUP", refreshed.BackupMode)
	}
	if refreshed.Storage.AccessKeySecret.ValueString() != "SK" || refreshed.Storage.AccessKeyID.ValueString() != "AK" {
		t.Errorf("credentials not kept: %+v", refreshed.Storage)
	}
	echoed.StorageConfig.StorageBaseInfo.OSSAccessKey.AccessKeyID = "AK-rotated-in-the-console"
	if refreshed.refreshFrom(ctx, echoed); refreshed.Storage.AccessKeyID.ValueString() != "AK-rotated-in-the-console" {
		t.Errorf("the access key id OCP shows is not read back: %v", refreshed.Storage.AccessKeyID)
	}
}

func TestScheduleFromOCP_optionalFields(t *testing.T) {
	ctx := context.Background()
	retention, cleanTime := int64(7), "03:00:00.000+08:00"
	filled := &ocpclient.BackupScheduleConfig{ScheduleMode: "WEEK", ScheduleTime: "02:00:00.000+08:00",
		RetentionDays: &retention, CleanScheduleTime: cleanTime}
	unset := &strategyScheduleModel{DataRetentionDays: types.Int64Null(), CleanTime: newNormalized(normalizeOffsetTime, "")}
	set := &strategyScheduleModel{DataRetentionDays: types.Int64Value(30), CleanTime: newNormalized(normalizeOffsetTime, "04:00+08:00")}
	cases := map[string]struct {
		prior         *strategyScheduleModel
		answer        *ocpclient.BackupScheduleConfig
		wantRetention types.Int64
	}{
		"OCP's defaults for fields left unset stay unset": {prior: unset, answer: filled, wantRetention: types.Int64Null()},
		"a set field follows OCP (drift shows)":           {prior: set, answer: filled, wantRetention: types.Int64Value(7)},
		"a field OCP omits keeps the prior value":         {prior: set, answer: &ocpclient.BackupScheduleConfig{ScheduleMode: "WEEK"}, wantRetention: types.Int64Value(30)},
		"an import takes OCP's answer":                    {prior: nil, answer: filled, wantRetention: types.Int64Value(7)},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, diags := scheduleFromOCP(ctx, tc.answer, tc.prior)
			if diags.HasError() {
				t.Fatal(diags)
			}
			if !got.DataRetentionDays.Equal(tc.wantRetention) {
				t.Errorf("data_retention_days = %v, want %v", got.DataRetentionDays, tc.wantRetention)
			}
			if tc.wantRetention.IsNull() != got.CleanTime.IsNull() {
				t.Errorf("clean_time = %v, want it to follow data_retention_days (%v)", got.CleanTime, tc.wantRetention)
			}
		})
	}
}

func TestBoolOr(t *testing.T) {
	yes := true
	if got := boolOr(&yes, types.BoolValue(false), false); !got.ValueBool() {
		t.Error("OCP's value must win")
	}
	if got := boolOr(nil, types.BoolValue(false), true); got.ValueBool() {
		t.Error("an omitted value must keep the prior one")
	}
	if got := boolOr(nil, types.BoolNull(), true); !got.ValueBool() {
		t.Error("without a prior value, the default applies")
	}
}

func TestHeldBy_comparesAsOCPStores(t *testing.T) {
	ctx := context.Background()
	planned := plannedStrategy(t, "OSS")
	body, _ := planned.toOCP(ctx, nil)
	if !planned.heldBy(ctx, asOCPEchoes(body)) {
		t.Error("OCP's normal forms of the planned strategy must count as the planned strategy")
	}
	other := asOCPEchoes(body)
	days := map[string]string{"2": fullBackup}
	other.ScheduleConfig.Days = days
	if planned.heldBy(ctx, other) {
		t.Error("a strategy with other days must not count as the planned one")
	}
}

func TestStorageTypeFromOCP(t *testing.T) {
	for _, name := range storageTypeNames() {
		if got := storageTypeFromOCP(storageTypes[name]); got != name {
			t.Errorf("%s maps back to %q", name, got)
		}
	}
	if got := storageTypeFromOCP("BACKUP_STORAGE_HDFS"); got != "BACKUP_STORAGE_HDFS" {
		t.Errorf("an unknown type must be kept as sent, got %q", got)
	}
}

func TestCanonicalStrategy_comparesTimesAndDirectoriesByForm(t *testing.T) {
	written := ocpclient.BackupStrategyConfig{
		ScheduleConfig: &ocpclient.BackupScheduleConfig{ScheduleTime: "18:00Z"},
		StorageConfig:  &ocpclient.BackupStorageConfig{StorageBaseInfo: ocpclient.BackupStorageInfo{StorageURL: "/obbackup"}},
	}
	echoed := ocpclient.BackupStrategyConfig{
		ScheduleConfig: &ocpclient.BackupScheduleConfig{ScheduleTime: "02:00:00.000+08:00"},
		StorageConfig:  &ocpclient.BackupStorageConfig{StorageBaseInfo: ocpclient.BackupStorageInfo{StorageURL: "/obbackup/"}},
	}
	a, b := canonicalStrategy(written), canonicalStrategy(echoed)
	if a.ScheduleConfig.ScheduleTime != b.ScheduleConfig.ScheduleTime || a.StorageConfig.StorageBaseInfo.StorageURL != b.StorageConfig.StorageBaseInfo.StorageURL {
		t.Errorf("canonical forms differ: %+v %+v", a.ScheduleConfig, b.ScheduleConfig)
	}
	if written.ScheduleConfig.ScheduleTime != "18:00Z" {
		t.Error("canonicalStrategy changed its argument")
	}
}

func TestSameInOCP_onlyWhatReachesOCPCounts(t *testing.T) {
	ctx := context.Background()
	prior := plannedStrategy(t, "OSS")
	otherForm := plannedStrategy(t, "OSS")
	otherForm.Schedule.Time = newNormalized(normalizeOffsetTime, "02:00:00.000+08:00")
	if !otherForm.sameInOCP(ctx, prior) {
		t.Error("a time written in OCP's own form is the same strategy in OCP")
	}
	rotated := plannedStrategy(t, "OSS")
	rotated.Storage.AccessKeySecret = types.StringValue("SK-rotated")
	if rotated.sameInOCP(ctx, prior) {
		t.Error("a rotated secret must reach OCP")
	}
	if !rotated.secretChangedFrom(prior) || prior.secretChangedFrom(prior) {
		t.Error("secretChangedFrom must see the rotated secret, and only it")
	}
}

func TestEchoedKeyID_aMaskedEchoIsNoValue(t *testing.T) {
	if got := echoedKeyID("LTAI****"); !got.IsNull() {
		t.Errorf("a masked key id must read as not echoed, got %v", got)
	}
	if got := echoedKeyID("LTAI-test"); got.ValueString() != "LTAI-test" {
		t.Errorf("got %v", got)
	}
}
