package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// NewTenantDataSource returns the ocp_tenant data source.
func NewTenantDataSource() datasource.DataSource {
	return &tenantDataSource{}
}

type tenantDataSource struct {
	dataSourceAPI
	byIDOrName
}

type tenantDataModel struct {
	ClusterID   types.Int64  `tfsdk:"cluster_id"`
	ID          types.Int64  `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	ClusterName types.String `tfsdk:"cluster_name"`
	ObTenantID  types.Int64  `tfsdk:"ob_tenant_id"`
	Status      types.String `tfsdk:"status"`
	Mode        types.String `tfsdk:"mode"`
}

func (d *tenantDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tenant"
}

func (d *tenantDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Looks up a tenant of an OCP cluster by its OCP id or by its exact name.",
		Attributes: withTenantFacts(map[string]schema.Attribute{
			"cluster_id": schema.Int64Attribute{
				Description: "OCP id of the tenant's cluster.",
				Required:    true,
				Validators:  []validator.Int64{int64validator.AtLeast(1)},
			},
			"id":   lookupIDAttribute("tenant"),
			"name": lookupNameAttribute("tenant"),
		}),
	}
}

// withTenantFacts adds to attributes what ocp_tenant and ocp_tenants show of a
// tenant besides its ids and name.
func withTenantFacts(attributes map[string]schema.Attribute) map[string]schema.Attribute {
	attributes["cluster_name"] = schema.StringAttribute{Computed: true, Description: "Name of the tenant's cluster."}
	attributes["ob_tenant_id"] = schema.Int64Attribute{Computed: true, Description: "OceanBase's own tenant id (not used in OCP's API paths)."}
	attributes["status"] = schema.StringAttribute{Computed: true, Description: "Tenant status, e.g. `NORMAL`."}
	attributes["mode"] = schema.StringAttribute{Computed: true, Description: "`MYSQL` or `ORACLE`."}
	return attributes
}

func (d *tenantDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config tenantDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() || !requireAPI(d.api, &resp.Diagnostics) {
		return
	}
	tenant, err := d.lookup(ctx, config)
	if err != nil {
		addLookupError(&resp.Diagnostics, "tenant", config.ID, config.Name, err)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &tenantDataModel{
		ClusterID:   config.ClusterID,
		ID:          types.Int64Value(tenant.ID),
		Name:        types.StringValue(tenant.Name),
		ClusterName: stringOrNull(tenant.ClusterName),
		ObTenantID:  int64OrNull(tenant.ObTenantID),
		Status:      stringOrNull(tenant.Status),
		Mode:        stringOrNull(tenant.Mode),
	})...)
}

func (d *tenantDataSource) lookup(ctx context.Context, config tenantDataModel) (*ocpclient.Tenant, error) {
	clusterID := config.ClusterID.ValueInt64()
	if !config.ID.IsNull() {
		return d.api.GetTenant(ctx, clusterID, config.ID.ValueInt64())
	}
	tenants, err := d.api.ListTenants(ctx, ocpclient.TenantFilter{ClusterID: clusterID, Name: config.Name.ValueString()})
	if err != nil {
		return nil, err
	}
	tenant, err := pickByName(tenants, config.Name.ValueString(), "tenant in cluster "+config.ClusterID.String(),
		func(t ocpclient.Tenant) string { return t.Name }, func(t ocpclient.Tenant) int64 { return t.ID })
	return &tenant, err
}
