package main

import (
	"context"
	"net/http"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// fullProvider is what the OCP provider implements: resources and data sources,
// list resources and actions.
type fullProvider interface {
	provider.ProviderWithListResources
	provider.ProviderWithActions
}

// floorProvider has the provider's metadata and schema, and serves the provider's
// resources, data sources, list resources and actions as floors.
type floorProvider struct {
	of fullProvider
}

var (
	_ provider.ProviderWithActions       = floorProvider{}
	_ provider.ProviderWithListResources = floorProvider{}
)

func newFloorProvider(of fullProvider) func() provider.Provider {
	return func() provider.Provider { return floorProvider{of: of} }
}

func (p floorProvider) Metadata(ctx context.Context, req provider.MetadataRequest, resp *provider.MetadataResponse) {
	p.of.Metadata(ctx, req, resp)
}

func (p floorProvider) Schema(ctx context.Context, req provider.SchemaRequest, resp *provider.SchemaResponse) {
	p.of.Schema(ctx, req, resp)
}

// Configure takes OCP's address and user from the environment, as the benchmark
// sets them (its provider blocks are empty).
func (p floorProvider) Configure(_ context.Context, _ provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	resp.ResourceData = &client{
		http:     &http.Client{},
		base:     os.Getenv("OCP_URL") + "/api/v2",
		user:     os.Getenv("OCP_USERNAME"),
		password: os.Getenv("OCP_PASSWORD"),
	}
}

func (p floorProvider) Resources(ctx context.Context) []func() resource.Resource {
	return floors(p.of.Resources(ctx), newFloorResource)
}

func (p floorProvider) DataSources(ctx context.Context) []func() datasource.DataSource {
	return floors(p.of.DataSources(ctx), func(of datasource.DataSource) datasource.DataSource { return floorDataSource{of: of} })
}

func (p floorProvider) ListResources(ctx context.Context) []func() list.ListResource {
	return floors(p.of.ListResources(ctx), func(of list.ListResource) list.ListResource { return floorList{of: of} })
}

func (p floorProvider) Actions(ctx context.Context) []func() action.Action {
	return floors(p.of.Actions(ctx), func(of action.Action) action.Action { return floorAction{of: of} })
}

// floors wraps the provider's constructors of one kind in floor's.
func floors[T any](builds []func() T, floor func(T) T) []func() T {
	wrapped := make([]func() T, len(builds))
	for i, build := range builds {
		wrapped[i] = func() T { return floor(build()) }
	}
	return wrapped
}

// floorDataSource returns its configuration, unknown values as null.
type floorDataSource struct {
	of datasource.DataSource
}

func (d floorDataSource) Metadata(ctx context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	d.of.Metadata(ctx, req, resp)
}

func (d floorDataSource) Schema(ctx context.Context, req datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	d.of.Schema(ctx, req, resp)
}

func (d floorDataSource) Read(_ context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	resp.State.Raw = unknownAsNull(req.Config.Raw)
}

// floorList lists nothing.
type floorList struct {
	of list.ListResource
}

func (l floorList) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	l.of.Metadata(ctx, req, resp)
}

func (l floorList) ListResourceConfigSchema(ctx context.Context, req list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	l.of.ListResourceConfigSchema(ctx, req, resp)
}

func (l floorList) List(context.Context, list.ListRequest, *list.ListResultsStream) {}

// floorAction does nothing.
type floorAction struct {
	of action.Action
}

func (a floorAction) Metadata(ctx context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	a.of.Metadata(ctx, req, resp)
}

func (a floorAction) Schema(ctx context.Context, req action.SchemaRequest, resp *action.SchemaResponse) {
	a.of.Schema(ctx, req, resp)
}

func (a floorAction) Invoke(context.Context, action.InvokeRequest, *action.InvokeResponse) {}
