package provider

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// Default time limits; the timeouts block overrides them. Strategy changes run as
// OCP tasks, which can take minutes.
const (
	defaultStrategyWriteTimeout = 20 * time.Minute
	defaultStrategyReadTimeout  = 2 * time.Minute
)

// Threshold defaults, the values OCP's console proposes.
const (
	defaultDataBackupTimeoutMinutes = 360
	defaultNoBackupAlarmDays        = 2
	defaultLogBackupDelaySeconds    = 300
	defaultAlarmThresholdPercent    = 80
)

var (
	_ resource.ResourceWithConfigure   = (*tenantBackupStrategyResource)(nil)
	_ resource.ResourceWithImportState = (*tenantBackupStrategyResource)(nil)
)

// NewTenantBackupStrategyResource returns the ocp_tenant_backup_strategy resource.
func NewTenantBackupStrategyResource() resource.Resource {
	return &tenantBackupStrategyResource{}
}

type tenantBackupStrategyResource struct {
	resourceAPI
}

type tenantBackupStrategyModel struct {
	ID         types.String             `tfsdk:"id"`
	ClusterID  types.Int64              `tfsdk:"cluster_id"`
	TenantID   types.Int64              `tfsdk:"tenant_id"`
	BackupMode types.String             `tfsdk:"backup_mode"`
	Schedule   *strategyScheduleModel   `tfsdk:"schedule"`
	Thresholds *strategyThresholdsModel `tfsdk:"thresholds"`
	Storage    *strategyStorageModel    `tfsdk:"storage"`
	Timeouts   timeouts.Value           `tfsdk:"timeouts"`
}

func (m *tenantBackupStrategyModel) scope() ocpclient.BackupScope {
	return ocpclient.BackupScope{ClusterID: m.ClusterID.ValueInt64(), TenantID: m.TenantID.ValueInt64()}
}

func (r *tenantBackupStrategyResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tenant_backup_strategy"
}

var offsetTimeValidator = stringvalidator.RegexMatches(regexp.MustCompile(offsetTimePattern.String()),
	`must be a time of day with its UTC offset, HH:MM[:SS[.sss]] followed by Z or ±HH:MM, such as "02:00+08:00"`)

func (r *tenantBackupStrategyResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "A tenant's backup strategy in OCP: when data backups run (full or incremental), whether " +
			"log archiving starts, cleanup of expired backups, alert thresholds, and where backups are stored. " +
			"Scheduling runs only once started, with ocp_tenant_backup_schedule.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Description:   "`<cluster_id>/<tenant_id>`.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"cluster_id": scopeIDAttribute("OCP id of the cluster."),
			"tenant_id":  scopeIDAttribute("OCP id of the tenant."),
			"backup_mode": schema.StringAttribute{
				Description: "`PHYSICAL_BACKUP` (default; OceanBase 4.x tenants) or `LOGICAL_BACKUP`.",
				Optional:    true,
				Computed:    true,
				Default:     stringdefault.StaticString("PHYSICAL_BACKUP"),
				Validators:  []validator.String{stringvalidator.OneOf("PHYSICAL_BACKUP", "LOGICAL_BACKUP")},
			},
			"schedule":   strategyScheduleAttribute(),
			"thresholds": strategyThresholdsAttribute(),
			"storage":    strategyStorageAttribute(),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func strategyScheduleAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Description: "When data backups run.",
		Required:    true,
		Validators:  []validator.Object{scheduleDaysValidator{}},
		Attributes: map[string]schema.Attribute{
			"mode": schema.StringAttribute{
				Description: "`WEEK` (days are 1–7, Monday to Sunday) or `MONTH` (days are 1–31).",
				Required:    true,
				Validators:  []validator.String{stringvalidator.OneOf("WEEK", "MONTH")},
			},
			"time": schema.StringAttribute{
				CustomType:  offsetTimeType,
				Description: "Time of day the backups start, with its UTC offset, e.g. `02:00+08:00`.",
				Required:    true,
				Validators:  []validator.String{offsetTimeValidator},
			},
			"days": schema.MapAttribute{
				Description: "Backup kind by day number: `FULL_BACKUP` or `INCREMENTAL_BACKUP`. At least one day must be `FULL_BACKUP`.",
				ElementType: types.StringType,
				Required:    true,
				Validators: []validator.Map{
					mapvalidator.SizeAtLeast(1),
					mapvalidator.ValueStringsAre(stringvalidator.OneOf(fullBackup, incrementalBackup)),
				},
			},
			"start_log_backup": schema.BoolAttribute{
				Description: "Start log archiving with the strategy (default `true`); needed for point-in-time restore.",
				Optional:    true,
				Computed:    true,
				Default:     booldefault.StaticBool(true),
			},
			"clean_enabled": schema.BoolAttribute{
				Description: "Delete expired backups (default `false`).",
				Optional:    true,
				Computed:    true,
				Default:     booldefault.StaticBool(false),
			},
			"data_retention_days": schema.Int64Attribute{
				Description: "Days to keep backups when `clean_enabled` is true.",
				Optional:    true,
				Validators:  []validator.Int64{int64validator.AtLeast(1)},
			},
			"clean_time": schema.StringAttribute{
				CustomType:  offsetTimeType,
				Description: "Time of day expired backups are deleted, with its UTC offset.",
				Optional:    true,
				Validators:  []validator.String{offsetTimeValidator},
			},
		},
	}
}

var thresholdAttrTypes = map[string]attr.Type{
	"data_backup_timeout_minutes":     types.Int64Type,
	"no_successful_backup_alarm_days": types.Int64Type,
	"log_backup_delay_seconds":        types.Int64Type,
}

func strategyThresholdsAttribute() schema.SingleNestedAttribute {
	threshold := func(description string, fallback int64) schema.Int64Attribute {
		return schema.Int64Attribute{
			Description: fmt.Sprintf("%s Default %d.", description, fallback),
			Optional:    true,
			Computed:    true,
			Default:     int64default.StaticInt64(fallback),
			Validators:  []validator.Int64{int64validator.AtLeast(1)},
		}
	}
	return schema.SingleNestedAttribute{
		Description: "When OCP raises backup alerts. Defaults to the values OCP's console proposes.",
		Optional:    true,
		Computed:    true,
		Default: objectdefault.StaticValue(types.ObjectValueMust(thresholdAttrTypes, map[string]attr.Value{
			"data_backup_timeout_minutes":     types.Int64Value(defaultDataBackupTimeoutMinutes),
			"no_successful_backup_alarm_days": types.Int64Value(defaultNoBackupAlarmDays),
			"log_backup_delay_seconds":        types.Int64Value(defaultLogBackupDelaySeconds),
		})),
		Attributes: map[string]schema.Attribute{
			"data_backup_timeout_minutes":     threshold("Alert when a data backup runs longer than this many minutes.", defaultDataBackupTimeoutMinutes),
			"no_successful_backup_alarm_days": threshold("Alert after this many days without a successful data backup.", defaultNoBackupAlarmDays),
			"log_backup_delay_seconds":        threshold("Alert when log archiving lags by more than this many seconds.", defaultLogBackupDelaySeconds),
		},
	}
}

func strategyStorageAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Description: "Where backups are stored.",
		Required:    true,
		Validators:  []validator.Object{storageCredentialsValidator{}},
		Attributes: map[string]schema.Attribute{
			"type": schema.StringAttribute{
				Description: "`FILE` (an NFS path mounted on every OBServer), `OSS`, `COS` or `S3`.",
				Required:    true,
				Validators:  []validator.String{stringvalidator.OneOf(storageTypeNames()...)},
			},
			"url": schema.StringAttribute{
				CustomType:  directoryType,
				Description: "Directory without protocol prefix, e.g. `/obbackup/orders` or `bucket/orders`. A trailing slash makes no difference.",
				Required:    true,
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"config_name": schema.StringAttribute{
				Description: "Name of the storage configuration in OCP (default `terraform`).",
				Optional:    true,
				Computed:    true,
				Default:     stringdefault.StaticString("terraform"),
			},
			"alarm_threshold_percent": schema.Int64Attribute{
				Description: "Alert when the storage is this full, in percent (default 80).",
				Optional:    true,
				Computed:    true,
				Default:     int64default.StaticInt64(defaultAlarmThresholdPercent),
				Validators:  []validator.Int64{int64validator.Between(1, 100)},
			},
			"endpoint": schema.StringAttribute{Description: "Object storage endpoint (OSS, COS, S3).", Optional: true},
			"app_id":   schema.StringAttribute{Description: "COS app id (COS only).", Optional: true},
			"region":   schema.StringAttribute{Description: "S3 region (S3 only, optional).", Optional: true},
			"access_key_id": schema.StringAttribute{
				Description: "Object storage access key id (OSS, COS, S3). Sent to OCP, never compared with what OCP shows.",
				Optional:    true,
			},
			"access_key_secret": schema.StringAttribute{
				Description: "Object storage access key secret (OSS, COS, S3). Sent to OCP, never read back, compared or logged.",
				Optional:    true,
				Sensitive:   true,
			},
		},
	}
}

// toOCP builds the strategy body. backupScheduleEnabled is left to the schedule
// resources except where enabled is given (see Update).
func (m *tenantBackupStrategyModel) toOCP(ctx context.Context, enabled *bool) (ocpclient.BackupStrategyConfig, diag.Diagnostics) {
	schedule, diags := m.Schedule.toOCP(ctx)
	schedule.ScheduleEnabled = enabled
	return ocpclient.BackupStrategyConfig{
		BackupMode:      m.BackupMode.ValueString(),
		ScheduleConfig:  schedule,
		ThresholdConfig: m.Thresholds.toOCP(),
		StorageConfig:   m.Storage.toOCP(),
	}, diags
}

// withSecretsMasked hides the storage secret from every log line under ctx.
func (m *tenantBackupStrategyModel) withSecretsMasked(ctx context.Context) context.Context {
	if m.Storage == nil || m.Storage.AccessKeySecret.ValueString() == "" {
		return ctx
	}
	return tflog.MaskLogStrings(ctx, m.Storage.AccessKeySecret.ValueString())
}

// begin reads the planned model and prepares ctx for a write: credentials masked in
// logs, and the operation's timeout (timeouts.Value.Create or .Update) applied.
func (r *tenantBackupStrategyResource) begin(ctx context.Context, plan tfsdk.Plan, diags *diag.Diagnostics,
	timeout func(timeouts.Value, context.Context, time.Duration) (time.Duration, diag.Diagnostics),
) (context.Context, context.CancelFunc, *tenantBackupStrategyModel, bool) {
	var model tenantBackupStrategyModel
	diags.Append(plan.Get(ctx, &model)...)
	if diags.HasError() || !requireAPI(r.api, diags) {
		return ctx, nil, nil, false
	}
	configured := func(ctx context.Context, fallback time.Duration) (time.Duration, diag.Diagnostics) {
		return timeout(model.Timeouts, ctx, fallback)
	}
	ctx, cancel, ok := withTimeout(model.withSecretsMasked(ctx), configured, defaultStrategyWriteTimeout, diags)
	return ctx, cancel, &model, ok
}

func (r *tenantBackupStrategyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	ctx, cancel, plan, ok := r.begin(ctx, req.Plan, &resp.Diagnostics, timeouts.Value.Create)
	if !ok {
		return
	}
	defer cancel()
	scope := plan.scope()
	// A new strategy starts with scheduling stopped; ocp_tenant_backup_schedule starts it.
	body, diags := plan.toOCP(ctx, new(bool))
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return
	}
	op, err := r.api.CreateBackupStrategy(ctx, scope, body)
	if err != nil {
		resp.Diagnostics.AddError("Could not create the backup strategy", r.explainCreateFailure(ctx, scope, err))
		return
	}
	plan.ID = types.StringValue(scopeID(scope))
	// The strategy exists from here on: keep it in state even if the task fails.
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	if err := waitForOperation(ctx, r.api, op); err != nil {
		resp.Diagnostics.AddError("OCP task of the strategy creation did not succeed", errorDetail(err))
	}
}

// explainCreateFailure adds what to do when the tenant already has a strategy.
func (r *tenantBackupStrategyResource) explainCreateFailure(ctx context.Context, scope ocpclient.BackupScope, createErr error) string {
	detail := errorDetail(createErr)
	if existing, err := r.api.GetBackupStrategy(ctx, scope); err == nil && existing != nil {
		detail += fmt.Sprintf("\n\nThe %s already has a backup strategy. To manage it with Terraform, import it: "+
			"terraform import <address> %s (or an import block).", scope, scopeID(scope))
	}
	return detail
}

func (r *tenantBackupStrategyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state tenantBackupStrategyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !r.canRefresh(ctx) {
		return
	}
	ctx = state.withSecretsMasked(ctx)
	ctx, cancel, ok := withTimeout(ctx, state.Timeouts.Read, defaultStrategyReadTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	scope := state.scope()
	strategy, err := r.api.GetBackupStrategy(ctx, scope)
	switch {
	case ocpclient.IsNotFound(err) || (err == nil && strategy == nil):
		resp.Diagnostics.AddWarning("Backup strategy no longer exists", fmt.Sprintf(
			"OCP has no backup strategy for the %s any more (it, or the tenant, was deleted outside Terraform). "+
				"Terraform removed it from its state; the next apply creates it again.", scope))
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		resp.Diagnostics.AddError("Could not read the backup strategy", errorDetail(err))
		return
	}
	resp.Diagnostics.Append(state.refreshFrom(ctx, strategy)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// refreshFrom takes what OCP reports, keeping the credentials from the prior state:
// OCP does not give them back, so they are never compared.
func (m *tenantBackupStrategyModel) refreshFrom(ctx context.Context, strategy *ocpclient.BackupStrategy) diag.Diagnostics {
	var diags diag.Diagnostics
	m.BackupMode = stringOrNull(strategy.BackupMode)
	m.Schedule, diags = scheduleFromOCP(ctx, strategy.ScheduleConfig, m.Schedule)
	if thresholds := thresholdsFromOCP(strategy.ThresholdConfig); thresholds != nil {
		m.Thresholds = thresholds
	}
	if view := storageViewFromOCP(strategy.StorageConfig); view != nil {
		storage := &strategyStorageModel{strategyStorageView: *view, AccessKeyID: types.StringNull(), AccessKeySecret: types.StringNull()}
		if m.Storage != nil {
			storage.AccessKeyID, storage.AccessKeySecret = m.Storage.AccessKeyID, m.Storage.AccessKeySecret
		}
		m.Storage = storage
	}
	return diags
}

func (r *tenantBackupStrategyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	ctx, cancel, plan, ok := r.begin(ctx, req.Plan, &resp.Diagnostics, timeouts.Value.Update)
	if !ok {
		return
	}
	defer cancel()
	scope := plan.scope()
	// OCP's modify call documents backupScheduleEnabled as required on clusters and
	// optional on tenants; whether leaving it out stops scheduling is not known. So
	// the body repeats the current state, and an update never starts or stops backups.
	current, err := r.api.GetBackupStrategy(ctx, scope)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the backup strategy before updating it", errorDetail(err))
		return
	}
	var enabled *bool
	if current != nil && current.ScheduleConfig != nil {
		enabled = current.ScheduleConfig.ScheduleEnabled
	}
	body, diags := plan.toOCP(ctx, enabled)
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return
	}
	op, err := r.api.UpdateBackupStrategy(ctx, scope, body)
	if err != nil {
		resp.Diagnostics.AddError("Could not update the backup strategy", errorDetail(err))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	if err := waitForOperation(ctx, r.api, op); err != nil {
		resp.Diagnostics.AddError("OCP task of the strategy update did not succeed", errorDetail(err))
	}
}

func (r *tenantBackupStrategyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state tenantBackupStrategyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || !requireAPI(r.api, &resp.Diagnostics) {
		return
	}
	ctx, cancel, ok := withTimeout(ctx, state.Timeouts.Delete, defaultStrategyWriteTimeout, &resp.Diagnostics)
	if !ok {
		return
	}
	defer cancel()
	op, err := r.api.DeleteBackupStrategy(ctx, state.scope())
	switch {
	case ocpclient.IsNotFound(err):
		tflog.Info(ctx, "The backup strategy was already gone", map[string]any{"error": err.Error()})
	case err != nil:
		resp.Diagnostics.AddError("Could not delete the backup strategy", errorDetail(err))
	default:
		if err := waitForOperation(ctx, r.api, op); err != nil {
			resp.Diagnostics.AddError("OCP task of the strategy deletion did not succeed", errorDetail(err))
		}
	}
}

// ImportState takes "<cluster_id>/<tenant_id>"; Read then fills in the strategy.
// Storage credentials cannot be read from OCP, so they stay empty until the next
// apply sends the configured ones.
func (r *tenantBackupStrategyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	scope, err := scopeImportID(req.ID, true)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID", err.Error())
		return
	}
	resp.Diagnostics.Append(setScopeAttributes(ctx, &resp.State, scope)...)
}
