// Package provider implements the Terraform provider for OceanBase Cloud Platform:
// schemas, CRUD and diagnostics. All HTTP lives in package ocpclient.
package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

var _ provider.Provider = (*ocpProvider)(nil)

type ocpProvider struct {
	version string
	// api, when set, replaces the OCP client that Configure would build.
	api API
}

// New returns a constructor of the provider for providerserver.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &ocpProvider{version: version}
	}
}

// NewWithAPI returns a constructor of the provider that uses api instead of OCP,
// whatever the provider block says. The benchmark serves it with an API that does
// no I/O, to measure the cost of the plugin machinery alone.
func NewWithAPI(version string, api API) func() provider.Provider {
	return func() provider.Provider {
		return &ocpProvider{version: version, api: api}
	}
}

type providerModel struct {
	URL                types.String         `tfsdk:"url"`
	Username           types.String         `tfsdk:"username"`
	Password           types.String         `tfsdk:"password"`
	AccessKeyID        types.String         `tfsdk:"access_key_id"`
	AccessKeySecret    types.String         `tfsdk:"access_key_secret"`
	CACertPEM          types.String         `tfsdk:"ca_cert_pem"`
	InsecureSkipVerify types.Bool           `tfsdk:"insecure_skip_verify"`
	RequestTimeout     timetypes.GoDuration `tfsdk:"request_timeout"`
	MaxRetries         types.Int64          `tfsdk:"max_retries"`
}

func (p *ocpProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "ocp"
	resp.Version = p.version
}

func (p *ocpProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Manages OceanBase Cloud Platform (OCP): tenant backup scheduling. " +
			"Authenticate with an OCP user and password (HTTP Basic) or with an OCP AccessKey pair.",
		Attributes: map[string]schema.Attribute{
			"url": schema.StringAttribute{
				Description: "Base URL of OCP, such as `https://ocp.example.com:8080`, without OCP's API path " +
					"(`/api/v2`), which the provider adds to every call. Falls back to `OCP_URL`.",
				Optional:   true,
				Validators: []validator.String{baseURL},
			},
			"username": schema.StringAttribute{
				Description: "OCP user for HTTP Basic authentication. " + credentialFallback("OCP_USERNAME", "`access_key_id` or `access_key_secret`"),
				Optional:    true,
				Validators:  []validator.String{conflictsWithAccessKey()},
			},
			"password": schema.StringAttribute{
				Description: "Password of `username`. " + credentialFallback("OCP_PASSWORD", "`access_key_id` or `access_key_secret`"),
				Optional:    true,
				Sensitive:   true,
				Validators:  []validator.String{conflictsWithAccessKey()},
			},
			"access_key_id": schema.StringAttribute{
				Description: "OCP AccessKey id for signed requests (recommended by OCP). " + credentialFallback("OCP_ACCESS_KEY_ID", "`username` or `password`"),
				Optional:    true,
			},
			"access_key_secret": schema.StringAttribute{
				Description: "Secret of `access_key_id`. " + credentialFallback("OCP_ACCESS_KEY_SECRET", "`username` or `password`"),
				Optional:    true,
				Sensitive:   true,
			},
			"ca_cert_pem": schema.StringAttribute{
				Description: "PEM-encoded CA certificate(s) to trust for OCP's TLS certificate. Falls back to `OCP_CA_CERT_PEM`.",
				Optional:    true,
			},
			"insecure_skip_verify": schema.BoolAttribute{
				Description: "Skip verification of OCP's TLS certificate. Only for testing. Falls back to `OCP_INSECURE_SKIP_VERIFY`.",
				Optional:    true,
			},
			"request_timeout": schema.StringAttribute{
				Description: "Time limit of one HTTP request to OCP, as a Go duration such as `30s` or `2m`. " +
					"Falls back to `OCP_REQUEST_TIMEOUT`; defaults to `30s`.",
				Optional:   true,
				CustomType: timetypes.GoDurationType{},
				Validators: []validator.String{positiveDuration},
			},
			"max_retries": schema.Int64Attribute{
				Description: "How often a failed request is retried (0 to 10). Falls back to `OCP_MAX_RETRIES`; defaults to 4. " +
					"GET requests are retried on every failure but a 4xx answer (a 5xx, an answer cut short or " +
					"not in OCP's envelope, successful false, a connection failure); POST requests only " +
					"on 503 and refused connections (where a proxy may have passed the request on, what OCP did is " +
					"settled by reading it back). Throttled requests (429) are retried " +
					"apart from this count, up to 30 times, waiting as OCP's Retry-After or RateLimit-Reset asks. " +
					"No wait between attempts exceeds 30 s, so one request takes at worst (max_retries + 31) × " +
					"request_timeout plus (max_retries + 30) × 30 s of waiting: with the defaults, 35 × 30 s + 17 min " +
					"= 34.5 min, unless a resource's timeouts end it sooner.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, ocpclient.MaxRetriesLimit)},
			},
		},
	}
}

// credentialFallback describes a credential attribute's environment variable, which
// applies unless the provider block chose the other pair (see resolveCredentials).
func credentialFallback(env, otherPair string) string {
	return "Falls back to `" + env + "` unless the provider block sets " + otherPair + "."
}

// conflictsWithAccessKey rejects, while validating, a provider block that sets both
// credential pairs. It sees only the block, which matches resolveCredentials: the
// block's pair decides the mode, so the other pair's OCP_* variables never conflict
// with it. checkCredentials reports the same conflict at
// Configure (values unknown at validation), and conflicts within the environment.
func conflictsWithAccessKey() validator.String {
	return stringvalidator.ConflictsWith(path.MatchRoot("access_key_id"), path.MatchRoot("access_key_secret"))
}

func (p *ocpProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var config providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if p.api == nil && req.ClientCapabilities.DeferralAllowed && config.anyUnknown() {
		// Terraform may defer what needs OCP until the configuration is known,
		// instead of planning without a client and failing data sources.
		resp.Deferred = &provider.Deferred{Reason: provider.DeferredReasonProviderConfigUnknown}
		return
	}
	api := p.api
	if api == nil {
		api = newClientFromConfig(ctx, config, p.version, &resp.Diagnostics)
	}
	if api == nil {
		return
	}
	s := newSession(api)
	resp.ResourceData, resp.DataSourceData, resp.ActionData, resp.ListResourceData = s, s, s, s
}

func (p *ocpProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewTenantBackupScheduleResource,
		NewClusterBackupScheduleResource,
		NewTenantBackupResource,
	}
}

// ListResources are terraform query's (Terraform 1.14 or later).
func (p *ocpProvider) ListResources(_ context.Context) []func() list.ListResource {
	return []func() list.ListResource{NewTenantBackupScheduleList, NewClusterBackupScheduleList}
}

// Actions are Terraform 1.14's; older CLIs and OpenTofu do not ask for them.
func (p *ocpProvider) Actions(_ context.Context) []func() action.Action {
	return []func() action.Action{NewTenantBackupNowAction, NewClusterBackupNowAction}
}

func (p *ocpProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewClusterDataSource,
		NewClustersDataSource,
		NewTenantDataSource,
		NewTenantsDataSource,
		NewTenantBackupStatusDataSource,
		NewTenantBackupStrategyDataSource,
		NewClusterBackupStrategyDataSource,
		NewTenantBackupTasksDataSource,
	}
}
