package provider

import (
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// session is what the provider's Configure hands to every resource and data
// source: the OCP client, and the strategies this command's destroys left in OCP.
// Terraform configures the provider once per command, so a session lasts one
// command.
type session struct {
	api API
	// left holds the scopes whose carried strategy a destroy with stop_on_destroy =
	// false left in OCP during this command. A replacement (taint, -replace)
	// destroys the schedule and creates it again in the same command; its create
	// takes over the strategy left there instead of failing because one exists
	// (strategyWrites.settleFailedCreate).
	left *leftStrategies
}

func newSession(client API) *session {
	return &session{api: client, left: &leftStrategies{scopes: map[ocpclient.BackupScope]bool{}}}
}

// leftStrategies is the session's set of strategies left in OCP; see session.left.
type leftStrategies struct {
	mu     sync.Mutex
	scopes map[ocpclient.BackupScope]bool
}

func (l *leftStrategies) remember(scope ocpclient.BackupScope) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.scopes[scope] = true
}

// take reports, once, whether this command left the scope's strategy in OCP.
func (l *leftStrategies) take(scope ocpclient.BackupScope) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	left := l.scopes[scope]
	delete(l.scopes, scope)
	return left
}

// resourceAPI, embedded in a resource, keeps the session the provider's Configure
// hands over (api nil while the provider configuration is unknown).
type resourceAPI struct{ session }

func (r *resourceAPI) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if s := sessionFromProviderData(req.ProviderData, &resp.Diagnostics); s != nil {
		r.session = *s
	}
}

// canRefresh reports whether Read can ask OCP. While the provider configuration
// is still unknown during plan it cannot, and the prior state stands.
func (r *resourceAPI) canRefresh(ctx context.Context) bool {
	if r.api == nil {
		tflog.Debug(ctx, "OCP provider configuration is not known yet; keeping the prior state")
	}
	return r.api != nil
}

// dataSourceAPI is resourceAPI for data sources, and, through takeSession, for
// actions and list resources: only the client.
type dataSourceAPI struct{ api API }

func (d *dataSourceAPI) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.takeSession(req.ProviderData, &resp.Diagnostics)
}

// takeSession keeps the client of the session the provider's Configure handed over.
func (d *dataSourceAPI) takeSession(providerData any, diags *diag.Diagnostics) {
	if s := sessionFromProviderData(providerData, diags); s != nil {
		d.api = s.api
	}
}

// sessionFromProviderData checks what the provider's Configure handed over. It is
// nil while the provider configuration is still unknown during plan.
func sessionFromProviderData(data any, diags *diag.Diagnostics) *session {
	if data == nil {
		return nil
	}
	s, ok := data.(*session)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected the OCP session, got %T. This is a bug in the provider; please report it.", data))
	}
	return s
}

// requireAPI reports a missing client: the provider configuration was not known.
func requireAPI(api API, diags *diag.Diagnostics) bool {
	if api == nil {
		diags.AddError("OCP provider is not configured", unconfiguredDetail)
		return false
	}
	return true
}

const unconfiguredDetail = "The OCP provider configuration depends on values that are not known yet " +
	"(for example attributes of resources that are still to be created). Resources wait for them, but " +
	"Terraform reads data sources while planning: give such a data source depends_on = [ <those resources> ] " +
	"so that Terraform reads it during apply, or give the provider known values."
