package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// NewClusterDataSource returns the ocp_cluster data source.
func NewClusterDataSource() datasource.DataSource {
	return &clusterDataSource{}
}

type clusterDataSource struct {
	dataSourceAPI
	byIDOrName
}

type clusterDataModel struct {
	ID          types.Int64  `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	ObClusterID types.Int64  `tfsdk:"ob_cluster_id"`
	Status      types.String `tfsdk:"status"`
	Type        types.String `tfsdk:"type"`
	ObVersion   types.String `tfsdk:"ob_version"`
}

func (d *clusterDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cluster"
}

func (d *clusterDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Looks up an OCP cluster by its OCP id or by its exact name.",
		Attributes: withClusterFacts(map[string]schema.Attribute{
			"id":   lookupIDAttribute("cluster"),
			"name": lookupNameAttribute("cluster"),
		}),
	}
}

// withClusterFacts adds to attributes what ocp_cluster and ocp_clusters show of a
// cluster besides its id and name.
func withClusterFacts(attributes map[string]schema.Attribute) map[string]schema.Attribute {
	attributes["ob_cluster_id"] = schema.Int64Attribute{Computed: true, Description: "OceanBase's own cluster id (not used in OCP's API paths)."}
	attributes["status"] = schema.StringAttribute{Computed: true, Description: "Cluster status, e.g. `RUNNING`."}
	attributes["type"] = schema.StringAttribute{Computed: true, Description: "`PRIMARY` or `STANDBY`."}
	attributes["ob_version"] = schema.StringAttribute{Computed: true, Description: "OceanBase version."}
	return attributes
}

func (d *clusterDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config clusterDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() || !requireAPI(d.api, &resp.Diagnostics) {
		return
	}
	cluster, err := d.lookup(ctx, config)
	if err != nil {
		addLookupError(&resp.Diagnostics, "cluster", config.ID, config.Name, err)
		return
	}
	model := clusterModel(cluster)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// clusterModel is what ocp_cluster and ocp_clusters show of a cluster.
func clusterModel(cluster *ocpclient.Cluster) clusterDataModel {
	return clusterDataModel{
		ID:          types.Int64Value(cluster.ID),
		Name:        types.StringValue(cluster.Name),
		ObClusterID: int64OrNull(cluster.ObClusterID),
		Status:      stringOrNull(cluster.Status),
		Type:        stringOrNull(cluster.Type),
		ObVersion:   stringOrNull(cluster.ObVersion),
	}
}

func (d *clusterDataSource) lookup(ctx context.Context, config clusterDataModel) (*ocpclient.Cluster, error) {
	if !config.ID.IsNull() {
		return d.api.GetCluster(ctx, config.ID.ValueInt64())
	}
	clusters, err := d.api.ListClusters(ctx, ocpclient.ClusterFilter{Name: config.Name.ValueString()})
	if err != nil {
		return nil, err
	}
	cluster, err := pickByName(clusters, config.Name.ValueString(), "cluster",
		func(c ocpclient.Cluster) string { return c.Name }, func(c ocpclient.Cluster) int64 { return c.ID })
	return &cluster, err
}
