package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// ocp_tenant_backup_now and ocp_cluster_backup_now: Terraform 1.14's actions, which
// take a backup when invoked (terraform apply -invoke=action.…, or an
// action_trigger in a resource's lifecycle) and keep nothing in state. Both are
// backupNowAction; the kind tells which.

// progressInterval is how often an invocation reports that the backup still runs.
const progressInterval = 15 * time.Second

// backupNowAction takes one data backup of a scope.
type backupNowAction struct {
	dataSourceAPI
	kind scopeKind
}

// NewTenantBackupNowAction returns the ocp_tenant_backup_now action.
func NewTenantBackupNowAction() action.Action { return &backupNowAction{kind: tenantScope} }

// NewClusterBackupNowAction returns the ocp_cluster_backup_now action.
func NewClusterBackupNowAction() action.Action { return &backupNowAction{kind: clusterScope} }

var _ action.ActionWithConfigure = (*backupNowAction)(nil)

func (a *backupNowAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + a.kind.noun + "_backup_now"
}

func (a *backupNowAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	id := func(description string) schema.Int64Attribute {
		return schema.Int64Attribute{Description: description, Required: true, Validators: []validator.Int64{int64validator.AtLeast(1)}}
	}
	attributes := map[string]schema.Attribute{
		"cluster_id": id("OCP id of the cluster (not OceanBase's obClusterId)."),
		"data_backup_mode": schema.StringAttribute{
			Description: "`FULL_BACKUP` (when not set) or `INCREMENTAL_BACKUP`.",
			Optional:    true,
			Validators:  []validator.String{stringvalidator.OneOf(fullBackup, incrementalBackup)},
		},
	}
	if a.kind.tenant {
		attributes["tenant_id"] = id("OCP id of the tenant (not OceanBase's obTenantId).")
	}
	resp.Schema = schema.Schema{
		Description: fmt.Sprintf("Takes one data backup of a %[1]s now (OCP's backupNow), with the backup mode and destination "+
			"of the %[1]s's backup strategy, and waits until OCP's task ends, reporting progress while it runs; fails with "+
			"OCP's message when the backup fails. It keeps nothing in state. Needs Terraform 1.14 or later; elsewhere, "+
			"use the ocp_tenant_backup resource.", a.kind.noun),
		Attributes: attributes,
	}
}

func (a *backupNowAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.takeSession(req.ProviderData, &resp.Diagnostics)
}

// Invoke sends backupNow once, under ocp_tenant_backup's lost-answer rules
// (sendBackupNow), and waits for the backup's task.
func (a *backupNowAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	scope, mode := a.configured(ctx, req, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !requireAPI(a.api, &resp.Diagnostics) {
		return
	}
	body, ok := backupNowRequest(ctx, a.api, scope, mode, &resp.Diagnostics)
	if !ok {
		return
	}
	sent := time.Now()
	taskID, ok := sendBackupNow(ctx, a.api, scope, body, &resp.Diagnostics)
	if !ok {
		return
	}
	resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf("OCP started backup task %d (%s) of the %s", taskID, mode, scope)})
	if err := a.awaitBackup(ctx, taskID, resp.SendProgress); err != nil {
		resp.Diagnostics.AddError("The data backup did not succeed", a.failureDetail(ctx, scope, taskID, sent, err))
		return
	}
	resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf("Backup task %d (%s) of the %s is done", taskID, mode, scope)})
}

// configured reads the scope and the data backup mode the invocation names.
func (a *backupNowAction) configured(ctx context.Context, req action.InvokeRequest, diags *diag.Diagnostics) (ocpclient.BackupScope, string) {
	scope, _ := a.kind.scopeIn(ctx, req.Config, diags) // an invocation's configuration is known
	var mode types.String
	diags.Append(req.Config.GetAttribute(ctx, path.Root("data_backup_mode"), &mode)...)
	if mode.IsNull() {
		return scope, fullBackup
	}
	return scope, mode.ValueString()
}

// awaitBackup waits for the backup's task, reporting every progressInterval that
// it still runs.
func (a *backupNowAction) awaitBackup(ctx context.Context, taskID int64, progress func(action.InvokeProgressEvent)) error {
	done := make(chan error, 1)
	go func() { done <- a.api.WaitForTasks(ctx, []int64{taskID}) }()
	started := time.Now()
	ticker := time.NewTicker(progressInterval)
	defer ticker.Stop()
	for {
		select {
		case err := <-done:
			return err
		case <-ticker.C:
			progress(action.InvokeProgressEvent{Message: fmt.Sprintf("OCP's backup task %d still runs (%s)",
				taskID, time.Since(started).Round(time.Second))})
		}
	}
}

// failureDetail explains a failed backup, with OCP's errorMsg from the tenant's
// data backup tasks where they have it (a cluster has no such list).
func (a *backupNowAction) failureDetail(ctx context.Context, scope ocpclient.BackupScope, taskID int64, sent time.Time, waitErr error) string {
	var task *ocpclient.DataBackupTask
	if scope.IsTenant() {
		task, _ = backupOutcome(ctx, a.api, scope, taskID, sent)
	}
	return backupFailureDetail(waitErr, task)
}
