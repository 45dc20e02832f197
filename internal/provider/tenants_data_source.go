package provider

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// tenantStatuses and tenantModes are the values OCP documents (OCP_API.md §7).
var (
	tenantStatuses = []string{"NORMAL", "CREATING", "MODIFYING", "DELETING"}
	tenantModes    = []string{"MYSQL", "ORACLE"}
)

// NewTenantsDataSource returns the ocp_tenants data source.
func NewTenantsDataSource() datasource.DataSource {
	return &tenantsDataSource{}
}

type tenantsDataSource struct {
	dataSourceAPI
}

type tenantsDataModel struct {
	ClusterID    types.Int64           `tfsdk:"cluster_id"`
	NameContains types.String          `tfsdk:"name_contains"`
	NameRegex    types.String          `tfsdk:"name_regex"`
	Mode         types.String          `tfsdk:"mode"`
	Status       types.String          `tfsdk:"status"`
	Tenants      []tenantListItemModel `tfsdk:"tenants"`
}

type tenantListItemModel struct {
	ID          types.Int64  `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	ClusterID   types.Int64  `tfsdk:"cluster_id"`
	ClusterName types.String `tfsdk:"cluster_name"`
	ObTenantID  types.Int64  `tfsdk:"ob_tenant_id"`
	Mode        types.String `tfsdk:"mode"`
	Status      types.String `tfsdk:"status"`
	Locked      types.Bool   `tfsdk:"locked"`
	ReadOnly    types.Bool   `tfsdk:"read_only"`
}

func (d *tenantsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tenants"
}

func (d *tenantsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Lists tenants, of one cluster or of every cluster the provider's user may read, every page of them, " +
			"optionally filtered. Made for `for_each`: key the tenants by `<cluster_id>/<tenant_id>` with a `for` expression.",
		Attributes: map[string]schema.Attribute{
			"cluster_id": schema.Int64Attribute{
				Optional:    true,
				Description: "Only the tenants of this cluster (OCP id). Without it, the tenants of every cluster the provider's user may read.",
				Validators:  []validator.Int64{int64validator.AtLeast(1)},
			},
			"name_contains": nameContainsAttribute("tenant"),
			"name_regex": schema.StringAttribute{
				Optional: true,
				Description: "Only tenants whose name matches this regular expression (RE2 syntax, as Terraform's `regex` function; " +
					"anchor it with `^…$` to match the whole name). Applied by the provider to what OCP lists.",
				Validators: []validator.String{validRegexp},
			},
			"mode": schema.StringAttribute{
				Optional:    true,
				Description: "Only tenants of this compatibility mode: " + joinQuoted(tenantModes) + " (any case).",
				Validators:  []validator.String{stringvalidator.OneOfCaseInsensitive(tenantModes...)},
			},
			"status": schema.StringAttribute{
				Optional:    true,
				Description: "Only tenants in this state: " + joinQuoted(tenantStatuses) + ".",
				Validators:  []validator.String{stringvalidator.OneOf(tenantStatuses...)},
			},
			"tenants": schema.ListNestedAttribute{
				Computed:    true,
				Description: "The tenants, ordered by cluster id, then tenant id.",
				NestedObject: schema.NestedAttributeObject{Attributes: withTenantFacts(map[string]schema.Attribute{
					"id":         schema.Int64Attribute{Computed: true, Description: "OCP id of the tenant: the `tenant_id` of the other resources."},
					"name":       schema.StringAttribute{Computed: true, Description: "Tenant name, unique within its cluster."},
					"cluster_id": schema.Int64Attribute{Computed: true, Description: "OCP id of the tenant's cluster."},
					"locked":     schema.BoolAttribute{Computed: true, Description: "Whether the tenant is locked (null where OCP does not say)."},
					"read_only":  schema.BoolAttribute{Computed: true, Description: "Whether the tenant is read-only (null where OCP does not say)."},
				})},
			},
		},
	}
}

func (d *tenantsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config tenantsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() || !requireAPI(d.api, &resp.Diagnostics) {
		return
	}
	// The validator has checked it; an unknown value at validation is checked here.
	nameRegex, err := regexp.Compile(config.NameRegex.ValueString())
	if err != nil {
		resp.Diagnostics.AddAttributeError(pathNameRegex, "Invalid regular expression", err.Error())
		return
	}
	tenants, err := d.api.ListTenants(ctx, ocpclient.TenantFilter{
		ClusterID: config.ClusterID.ValueInt64(), Name: config.NameContains.ValueString(),
		Mode: config.Mode.ValueString(), Statuses: optionalList(config.Status),
	})
	switch {
	case err != nil && !config.ClusterID.IsNull() && ocpclient.IsNotFound(err):
		resp.Diagnostics.AddAttributeError(path.Root("cluster_id"), "Cluster not found", fmt.Sprintf(
			"OCP has no cluster %d (it was deleted, or the id is wrong). The ocp_clusters data source lists the clusters.\n\n%s",
			config.ClusterID.ValueInt64(), errorDetail(err)))
		return
	case err != nil:
		resp.Diagnostics.AddError("Could not list the tenants", errorDetail(err))
		return
	}
	// In a stable order, whatever order OCP answers in.
	slices.SortFunc(tenants, func(a, b ocpclient.Tenant) int {
		return cmp.Or(cmp.Compare(a.ClusterID, b.ClusterID), cmp.Compare(a.ID, b.ID))
	})
	config.Tenants = make([]tenantListItemModel, 0, len(tenants))
	for _, tenant := range tenants {
		if nameRegex.MatchString(tenant.Name) {
			config.Tenants = append(config.Tenants, tenantListItem(tenant))
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}

func tenantListItem(tenant ocpclient.Tenant) tenantListItemModel {
	return tenantListItemModel{
		ID:          types.Int64Value(tenant.ID),
		Name:        types.StringValue(tenant.Name),
		ClusterID:   types.Int64Value(tenant.ClusterID),
		ClusterName: stringOrNull(tenant.ClusterName),
		ObTenantID:  int64OrNull(tenant.ObTenantID),
		Mode:        stringOrNull(tenant.Mode),
		Status:      stringOrNull(tenant.Status),
		Locked:      types.BoolPointerValue(tenant.Locked),
		ReadOnly:    types.BoolPointerValue(tenant.ReadOnly),
	}
}
