package provider

import (
	"context"
	"fmt"
	"iter"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// The schedules' list resources, for terraform query (Terraform 1.14 or later):
// every tenant (or cluster) that has a backup strategy, by identity, and with
// include_resource the schedule as OCP holds it, carrying that strategy, as an
// import by identity takes it (setAsOCPHolds).

// backupScheduleList lists the scopes of one kind that have a backup strategy.
type backupScheduleList struct {
	dataSourceAPI
	kind scopeKind
}

// NewTenantBackupScheduleList returns the list resource of ocp_tenant_backup_schedule.
func NewTenantBackupScheduleList() list.ListResource { return &backupScheduleList{kind: tenantScope} }

// NewClusterBackupScheduleList returns the list resource of ocp_cluster_backup_schedule.
func NewClusterBackupScheduleList() list.ListResource { return &backupScheduleList{kind: clusterScope} }

var _ list.ListResourceWithConfigure = (*backupScheduleList)(nil)

// listFilters is a list resource's configuration.
type listFilters struct {
	ClusterID    types.Int64  `tfsdk:"cluster_id"`
	NameContains types.String `tfsdk:"name_contains"`
	NameRegex    types.String `tfsdk:"name_regex"`
}

func (l *backupScheduleList) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + l.kind.noun + "_backup_schedule"
}

func (l *backupScheduleList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	noun := l.kind.noun
	clusterFilter := fmt.Sprintf("Only the %ss of this cluster (OCP id).", noun)
	if !l.kind.tenant {
		clusterFilter = "Only this cluster (OCP id)."
	}
	resp.Schema = schema.Schema{
		Description: fmt.Sprintf("Lists every %[1]s that has a backup strategy, by the identity of its "+
			"ocp_%[1]s_backup_schedule; with include_resource, the schedule as OCP holds it, carrying that strategy "+
			"(without the storage secret, which OCP never gives back).", noun),
		Attributes: map[string]schema.Attribute{
			"cluster_id": schema.Int64Attribute{
				Optional:    true,
				Description: clusterFilter,
				Validators:  []validator.Int64{int64validator.AtLeast(1)},
			},
			"name_contains": schema.StringAttribute{
				Optional:    true,
				Description: fmt.Sprintf("Only %ss whose own name contains this text, in any case.", noun),
			},
			"name_regex": schema.StringAttribute{
				Optional:    true,
				Description: fmt.Sprintf("Only %ss whose own name matches this regular expression (RE2 syntax).", noun),
				Validators:  []validator.String{validRegexp},
			},
		},
	}
}

func (l *backupScheduleList) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.takeSession(req.ProviderData, &resp.Diagnostics)
}

// listedScope is a scope a listing let through, with the name it is shown by
// ("<cluster>/<tenant>" for a tenant).
type listedScope struct {
	scope   ocpclient.BackupScope
	display string
}

// List reads every page of the kind's scopes, then each one's strategy, one GET a
// scope, and streams those that have one.
func (l *backupScheduleList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var filters listFilters
	diags := req.Config.Get(ctx, &filters)
	if diags.HasError() || !requireAPI(l.api, &diags) {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	scopes, err := l.scopes(ctx, filters)
	if err != nil {
		diags.AddError(fmt.Sprintf("Could not list the %ss", l.kind.noun), errorDetail(err))
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = l.results(ctx, req, scopes)
}

// scopes lists the kind's scopes that the filters let through.
func (l *backupScheduleList) scopes(ctx context.Context, filters listFilters) ([]listedScope, error) {
	nameRegex, err := regexp.Compile(filters.NameRegex.ValueString())
	if err != nil {
		return nil, err
	}
	var scopes []listedScope
	if l.kind.tenant {
		tenants, err := l.api.ListTenants(ctx, ocpclient.TenantFilter{ClusterID: filters.ClusterID.ValueInt64(), Name: filters.NameContains.ValueString()})
		for _, t := range tenants {
			if nameRegex.MatchString(t.Name) {
				scopes = append(scopes, listedScope{ocpclient.BackupScope{ClusterID: t.ClusterID, TenantID: t.ID}, t.ClusterName + "/" + t.Name})
			}
		}
		return scopes, err
	}
	clusters, err := l.api.ListClusters(ctx, ocpclient.ClusterFilter{Name: filters.NameContains.ValueString()})
	for _, c := range clusters {
		if nameRegex.MatchString(c.Name) && (filters.ClusterID.IsNull() || c.ID == filters.ClusterID.ValueInt64()) {
			scopes = append(scopes, listedScope{ocpclient.BackupScope{ClusterID: c.ID}, c.Name})
		}
	}
	return scopes, err
}

// results reads each scope's strategy and yields a result for those that have
// one; a read that fails ends the stream with its error.
func (l *backupScheduleList) results(ctx context.Context, req list.ListRequest, scopes []listedScope) iter.Seq[list.ListResult] {
	return func(push func(list.ListResult) bool) {
		for _, listed := range scopes {
			strategy, err := l.api.GetBackupStrategy(ctx, listed.scope)
			switch {
			case ocpclient.IsNoStrategyAnswer(err) || err == nil && strategy == nil:
				continue
			case err != nil:
				var diags diag.Diagnostics
				diags.AddError(fmt.Sprintf("Could not read the backup strategy of %s", listed.display), errorDetail(err))
				push(list.ListResult{Diagnostics: diags})
				return
			}
			if !push(l.result(ctx, req, listed, strategy)) {
				return
			}
		}
	}
}

// result is one scope with a strategy: its identity and display name, and with
// include_resource the schedule as OCP holds it.
func (l *backupScheduleList) result(ctx context.Context, req list.ListRequest, listed listedScope, strategy *ocpclient.BackupStrategy) list.ListResult {
	result := req.NewListResult(ctx)
	result.DisplayName = listed.display
	result.Diagnostics.Append(setScopeIdentity(ctx, result.Identity, listed.scope)...)
	if req.IncludeResource {
		observed := scheduleStateOf(ctx, listed.scope, strategy, presenceStrategy)
		result.Diagnostics.Append(setAsOCPHolds(ctx, result.Resource, listed.scope, observed, strategy)...)
	}
	return result
}
