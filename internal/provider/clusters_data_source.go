package provider

import (
	"cmp"
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// clusterStatuses are the states OCP documents for a cluster (OCP_API.md §7).
var clusterStatuses = []string{"RUNNING", "CREATING", "DELETING", "STARTING", "RESTARTING", "STOPPING", "STOPPED",
	"TAKINGOVER", "MOVINGOUT", "SWITCHOVER", "FAILOVER", "OPERATING"}

// NewClustersDataSource returns the ocp_clusters data source.
func NewClustersDataSource() datasource.DataSource {
	return &clustersDataSource{}
}

type clustersDataSource struct {
	dataSourceAPI
}

type clustersDataModel struct {
	NameContains types.String       `tfsdk:"name_contains"`
	Status       types.String       `tfsdk:"status"`
	Clusters     []clusterDataModel `tfsdk:"clusters"`
}

func (d *clustersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_clusters"
}

func (d *clustersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Lists the OCP clusters the provider's user may read, every page of them, optionally filtered.",
		Attributes: map[string]schema.Attribute{
			"name_contains": nameContainsAttribute("cluster"),
			"status": schema.StringAttribute{
				Optional:    true,
				Description: "Only clusters in this state: " + joinQuoted(clusterStatuses) + ".",
				Validators:  []validator.String{stringvalidator.OneOf(clusterStatuses...)},
			},
			"clusters": schema.ListNestedAttribute{
				Computed:    true,
				Description: "The clusters, ordered by id.",
				NestedObject: schema.NestedAttributeObject{Attributes: withClusterFacts(map[string]schema.Attribute{
					"id":   schema.Int64Attribute{Computed: true, Description: "OCP id of the cluster: the `cluster_id` of the other resources."},
					"name": schema.StringAttribute{Computed: true, Description: "Cluster name."},
				})},
			},
		},
	}
}

func (d *clustersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config clustersDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() || !requireAPI(d.api, &resp.Diagnostics) {
		return
	}
	clusters, err := d.api.ListClusters(ctx, ocpclient.ClusterFilter{
		Name: config.NameContains.ValueString(), Statuses: optionalList(config.Status),
	})
	if err != nil {
		resp.Diagnostics.AddError("Could not list the clusters", errorDetail(err))
		return
	}
	// In a stable order, whatever order OCP answers in.
	slices.SortFunc(clusters, func(a, b ocpclient.Cluster) int { return cmp.Compare(a.ID, b.ID) })
	config.Clusters = make([]clusterDataModel, len(clusters))
	for i := range clusters {
		config.Clusters[i] = clusterModel(&clusters[i])
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}
