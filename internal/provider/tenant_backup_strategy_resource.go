package provider

import (
	"cmp"
	"context"
	"fmt"
	"reflect"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
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

// defaultBackupMode is the backup mode of OceanBase 4.x tenants, and what a strategy
// is taken to have when OCP's answer does not say.
const defaultBackupMode = "PHYSICAL_BACKUP"

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
				Default:     stringdefault.StaticString(defaultBackupMode),
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
				Validators:  []validator.String{stringvalidator.OneOf(scheduleModes...)},
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
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1), storageDirectoryValidator{}},
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
	if err != nil && !r.settleFailedCreate(ctx, plan, err, &resp.Diagnostics) {
		return
	}
	plan.ID = types.StringValue(scopeID(scope))
	// The strategy exists from here on: keep it in state even if the task fails.
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	if op != nil {
		if err := waitForOperation(ctx, r.api, op); err != nil {
			resp.Diagnostics.AddError("OCP task of the strategy creation did not succeed", errorDetail(err))
			return
		}
	}
	r.restartReplacedSchedule(ctx, scope, &resp.Diagnostics)
}

// strategyAt is what readStrategy found, as one value for settle.
type strategyAt struct {
	strategy *ocpclient.BackupStrategy
	presence presence
}

func (r *tenantBackupStrategyResource) readStrategyAt(scope ocpclient.BackupScope) func(context.Context) (strategyAt, error) {
	return func(ctx context.Context) (strategyAt, error) {
		strategy, found, err := readStrategy(ctx, r.api, scope)
		return strategyAt{strategy, found}, err
	}
}

// settleFailedCreate decides what a failed create means by reading what OCP holds.
// When OCP holds the planned strategy, the create took effect although its answer
// was lost (a reset connection, a timeout, or a proxy's gateway error followed by a
// retry that OCP refused because the strategy now existed): it goes into state with
// a warning. Otherwise the error says what is in the way.
func (r *tenantBackupStrategyResource) settleFailedCreate(ctx context.Context, plan *tenantBackupStrategyModel, createErr error, diags *diag.Diagnostics) bool {
	scope := plan.scope()
	held, err := settle(ctx, createErr, r.readStrategyAt(scope),
		func(at strategyAt) bool { return at.presence == presenceStrategy })
	switch {
	case err != nil:
		diags.AddError("Could not create the backup strategy", errorDetail(createErr)+
			fmt.Sprintf("\n\nReading the backup strategy afterwards failed too: %s", err))
	case held.presence == presenceStrategy && plan.heldBy(ctx, held.strategy):
		diags.AddWarning("Backup strategy created without a clear answer", fmt.Sprintf(
			"OCP holds a backup strategy for the %s that matches this configuration, so Terraform recorded it, "+
				"although the create call itself did not succeed cleanly: %s", scope, createErr))
		return true
	case held.presence == presenceStrategy:
		diags.AddError("Backup strategy already exists", errorDetail(createErr)+fmt.Sprintf(
			"\n\nThe %s already has a backup strategy, which differs from this configuration. To manage it with "+
				"Terraform, import it: terraform import ocp_tenant_backup_strategy.<name> %[2]s, or an import block "+
				"with id = %[2]q. Terraform then updates it to this configuration.", scope, scopeID(scope)))
	case held.presence.scopeGone():
		diags.AddAttributeError(path.Root("tenant_id"), "Tenant not found", held.presence.describe(scope)+
			" Check the ids: they are OCP's ids as shown in the console's URLs.\n\nOCP's answer to the create call was: "+createErr.Error())
	default:
		diags.AddError("Could not create the backup strategy", errorDetail(createErr))
	}
	return false
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
	strategy, found, err := readStrategy(ctx, r.api, scope)
	switch {
	case err != nil:
		resp.Diagnostics.AddError("Could not read the backup strategy", errorDetail(err))
		return
	case found == presenceNoStrategy:
		resp.Diagnostics.AddWarning("Backup strategy no longer exists", fmt.Sprintf(
			"OCP has no backup strategy for the %s any more (it was deleted outside Terraform). "+
				"Terraform removed it from its state; the next apply creates it again.", scope))
		resp.State.RemoveResource(ctx)
		return
	case found.scopeGone():
		resp.Diagnostics.AddWarning("Backup strategy's tenant no longer exists", found.describe(scope)+
			" Terraform removed the strategy from its state. The next apply cannot create it again while the tenant "+
			"is missing: if it was deleted on purpose, remove the resource from the configuration.")
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(state.refreshFrom(ctx, strategy)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// refreshFrom takes what OCP reports, keeping the credentials from the prior state:
// OCP does not give them back, so they are never compared. A backupMode that OCP
// leaves out keeps the prior value.
func (m *tenantBackupStrategyModel) refreshFrom(ctx context.Context, strategy *ocpclient.BackupStrategy) diag.Diagnostics {
	var diags diag.Diagnostics
	if strategy.BackupMode != "" || m.BackupMode.IsNull() || m.BackupMode.IsUnknown() {
		m.BackupMode = types.StringValue(cmp.Or(strategy.BackupMode, defaultBackupMode))
	}
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

// heldBy reports whether OCP's strategy is this model's, compared as OCP stores it
// (normal forms of times and directories; credentials, which OCP does not give
// back, are not compared).
func (m *tenantBackupStrategyModel) heldBy(ctx context.Context, strategy *ocpclient.BackupStrategy) bool {
	held := *m
	if held.refreshFrom(ctx, strategy).HasError() {
		return false
	}
	want, wantDiags := m.toOCP(ctx, nil)
	got, gotDiags := held.toOCP(ctx, nil)
	return !wantDiags.HasError() && !gotDiags.HasError() && reflect.DeepEqual(canonicalStrategy(want), canonicalStrategy(got))
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
	if err != nil && !r.settleFailedUpdate(ctx, plan, err, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	if op != nil {
		if err := waitForOperation(ctx, r.api, op); err != nil {
			resp.Diagnostics.AddError("OCP task of the strategy update did not succeed", errorDetail(err))
		}
	}
}

// settleFailedUpdate accepts a failed update when OCP holds the planned strategy
// after all (its answer was lost); otherwise the prior state stands.
func (r *tenantBackupStrategyResource) settleFailedUpdate(ctx context.Context, plan *tenantBackupStrategyModel, updateErr error, diags *diag.Diagnostics) bool {
	scope := plan.scope()
	holdsPlan := func(at strategyAt) bool { return at.presence == presenceStrategy && plan.heldBy(ctx, at.strategy) }
	held, err := settle(ctx, updateErr, r.readStrategyAt(scope), holdsPlan)
	if err == nil && holdsPlan(held) {
		diags.AddWarning("Backup strategy updated without a clear answer", fmt.Sprintf(
			"OCP holds the planned backup strategy for the %s, so Terraform recorded the update, although the "+
				"update call itself did not succeed cleanly: %s", scope, updateErr))
		return true
	}
	detail := errorDetail(updateErr)
	if err != nil {
		detail += fmt.Sprintf("\n\nReading the backup strategy afterwards failed too: %s", err)
	}
	diags.AddError("Could not update the backup strategy", detail)
	return false
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
	scope := state.scope()
	// OCP stops the scheduled backups with the strategy. When the strategy is being
	// replaced, the same command creates it again and starts them again; see
	// restartReplacedSchedule.
	wasRunning, err := observeSchedule(ctx, r.api, scope)
	switch {
	case err != nil:
		resp.Diagnostics.AddError("Could not read the backup strategy before deleting it", errorDetail(err))
		return
	case wasRunning == scheduleNoStrategy || wasRunning.scopeGone():
		tflog.Info(ctx, "No backup strategy left to delete: "+wasRunning.describe(scope))
		return
	}
	op, err := r.api.DeleteBackupStrategy(ctx, scope)
	if err != nil {
		r.settleFailedDelete(ctx, scope, err, &resp.Diagnostics)
	} else if err := waitForOperation(ctx, r.api, op); err != nil {
		resp.Diagnostics.AddError("OCP task of the strategy deletion did not succeed", errorDetail(err))
	}
	if !resp.Diagnostics.HasError() && wasRunning == scheduleRunning {
		r.memory.rememberStoppedByDelete(scope)
	}
}

// settleFailedDelete accepts a failed delete when OCP holds no strategy at the
// scope afterwards: it was already gone, or the call took effect although its
// answer was lost.
func (r *tenantBackupStrategyResource) settleFailedDelete(ctx context.Context, scope ocpclient.BackupScope, deleteErr error, diags *diag.Diagnostics) {
	held, err := settle(ctx, deleteErr, r.readStrategyAt(scope),
		func(at strategyAt) bool { return at.presence != presenceStrategy })
	switch {
	case err != nil:
		diags.AddError("Could not delete the backup strategy", errorDetail(deleteErr)+
			fmt.Sprintf("\n\nReading the backup strategy afterwards failed too: %s", err))
	case held.presence == presenceStrategy:
		diags.AddError("Could not delete the backup strategy", errorDetail(deleteErr))
	default:
		tflog.Info(ctx, "No backup strategy left to delete: "+held.presence.describe(scope), map[string]any{"delete_error": deleteErr.Error()})
	}
}

// restartReplacedSchedule starts the scheduled backups again that this command
// stopped by deleting the scope's previous strategy. A replaced strategy (taint,
// -replace, a changed attribute that forces replacement) is deleted and created
// again within one apply, and OCP ends scheduling with the old strategy, while
// ocp_tenant_backup_schedule in state still says it runs and has no change planned.
func (r *tenantBackupStrategyResource) restartReplacedSchedule(ctx context.Context, scope ocpclient.BackupScope, diags *diag.Diagnostics) {
	if !r.memory.takeStoppedByDelete(scope) {
		return
	}
	op, err := r.api.StartBackupSchedule(ctx, scope)
	if err == nil {
		err = waitForOperation(ctx, r.api, op)
	}
	if err != nil {
		diags.AddError("Could not restart scheduled backups after replacing the strategy", fmt.Sprintf(
			"Replacing the backup strategy of the %s stopped its scheduled backups, and starting them again failed: %s\n\n"+
				"Run terraform apply again: the schedule resource then finds them stopped and starts them.", scope, errorDetail(err)))
		return
	}
	diags.AddWarning("Scheduled backups restarted after replacing the strategy", fmt.Sprintf(
		"OCP stops scheduled backups when their strategy is deleted. The backup strategy of the %s was replaced, "+
			"so Terraform started its scheduled backups again, as they were before.", scope))
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
