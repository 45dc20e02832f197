package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// API is what the resources and data sources need of OCP; *ocpclient.Client
// implements it. NewWithAPI serves the provider on another implementation.
type API interface {
	StartBackupSchedule(ctx context.Context, scope ocpclient.BackupScope) (*ocpclient.BackupOperation, error)
	StopBackupSchedule(ctx context.Context, scope ocpclient.BackupScope) (*ocpclient.BackupOperation, error)
	GetBackupStrategy(ctx context.Context, scope ocpclient.BackupScope) (*ocpclient.BackupStrategy, error)
	CreateBackupStrategy(ctx context.Context, scope ocpclient.BackupScope, strategy ocpclient.BackupStrategyConfig) (*ocpclient.BackupOperation, error)
	UpdateBackupStrategy(ctx context.Context, scope ocpclient.BackupScope, strategy ocpclient.BackupStrategyConfig) (*ocpclient.BackupOperation, error)
	DeleteBackupStrategy(ctx context.Context, scope ocpclient.BackupScope) (*ocpclient.BackupOperation, error)
	WaitForTasks(ctx context.Context, taskIDs []int64) error
	GetCluster(ctx context.Context, clusterID int64) (*ocpclient.Cluster, error)
	ListClusters(ctx context.Context, filter ocpclient.ClusterFilter) ([]ocpclient.Cluster, error)
	GetTenant(ctx context.Context, clusterID, tenantID int64) (*ocpclient.Tenant, error)
	ListTenants(ctx context.Context, filter ocpclient.TenantFilter) ([]ocpclient.Tenant, error)
	ListTenantDataBackupTasks(ctx context.Context, clusterID, tenantID int64, filter ocpclient.DataBackupTaskFilter) ([]ocpclient.DataBackupTask, error)
	ListTenantLogBackupTasks(ctx context.Context, clusterID, tenantID int64) ([]ocpclient.LogBackupTask, error)
	BackupNow(ctx context.Context, scope ocpclient.BackupScope, req ocpclient.BackupNowRequest) (*ocpclient.BackupOperation, error)
}

// session is what the provider's Configure hands to every resource and data
// source: the OCP client, and what this provider process remembers between the
// calls of one Terraform command. Terraform configures the provider once per
// command, so a session lasts one command.
type session struct {
	// api asks OCP on every call; its writes end the sharing of their scope's
	// strategy reads.
	api API
	// refresh is api with strategy reads shared within the command: only for
	// refresh reads (strategy_cache.go says which and why).
	refresh API
	memory  *commandMemory
}

func newSession(client API) *session {
	strategies := newStrategyCache()
	api := invalidatingAPI{API: client, strategies: strategies}
	return &session{api: api, refresh: refreshAPI{API: api, strategies: strategies}, memory: newCommandMemory()}
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

// dataSourceAPI is resourceAPI for data sources.
type dataSourceAPI struct{ api API }

func (d *dataSourceAPI) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if s := sessionFromProviderData(req.ProviderData, &resp.Diagnostics); s != nil {
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

// commandMemory is what one provider process keeps between the calls of one
// Terraform command (Terraform starts the provider anew for every command).
type commandMemory struct {
	mu sync.Mutex
	// stoppedByDelete holds the scheduling state (running, or undetermined on an
	// OCP that does not report it) of the scopes whose strategy this command
	// deleted, which ended their scheduled backups.
	stoppedByDelete map[ocpclient.BackupScope]scheduleState
	// forgotten holds the scopes whose strategy this command's delete only forgot
	// (delete_on_destroy = false), so that a replacement takes it over.
	forgotten map[ocpclient.BackupScope]bool
}

func newCommandMemory() *commandMemory {
	return &commandMemory{
		stoppedByDelete: map[ocpclient.BackupScope]scheduleState{},
		forgotten:       map[ocpclient.BackupScope]bool{},
	}
}

func (m *commandMemory) rememberForgotten(scope ocpclient.BackupScope) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.forgotten[scope] = true
}

// takeForgotten reports, once, whether this command's delete only forgot the
// scope's strategy.
func (m *commandMemory) takeForgotten(scope ocpclient.BackupScope) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	forgotten := m.forgotten[scope]
	delete(m.forgotten, scope)
	return forgotten
}

func (m *commandMemory) rememberStoppedByDelete(scope ocpclient.BackupScope, before scheduleState) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.stoppedByDelete[scope] = before
}

// takeStoppedByDelete returns, once, the scheduling state that deleting the
// scope's strategy in this command ended; scheduleStopped when it ended none.
func (m *commandMemory) takeStoppedByDelete(scope ocpclient.BackupScope) scheduleState {
	m.mu.Lock()
	defer m.mu.Unlock()
	before, ok := m.stoppedByDelete[scope]
	delete(m.stoppedByDelete, scope)
	if !ok {
		return scheduleStopped
	}
	return before
}

const unconfiguredDetail = "The OCP provider configuration depends on values that are not known yet " +
	"(for example attributes of resources that are still to be created). Resources wait for them, but " +
	"Terraform reads data sources while planning: give such a data source depends_on = [ <those resources> ] " +
	"so that Terraform reads it during apply, or give the provider known values."

// errorDetail explains an OCP error and adds what to do about the common classes.
// Advice about OCP's verdicts fits only OCP's own answers; a proxy's page already
// says where it came from.
func errorDetail(err error) string {
	detail := err.Error()
	switch {
	case ocpclient.IsUnauthorized(err):
		detail += "\n\nOCP rejected the credentials. Check username and password (OCP_USERNAME, OCP_PASSWORD) " +
			"or access_key_id and access_key_secret (OCP_ACCESS_KEY_ID, OCP_ACCESS_KEY_SECRET). With an access key, " +
			"this machine's clock must also be within 15 minutes of OCP's."
	case ocpclient.IsForbidden(err):
		detail += "\n\nThe OCP user lacks permission for this operation; grant it backup and recovery " +
			"permission on the cluster in OCP's console."
	case ocpclient.IsThrottled(err):
		detail += "\n\nOCP kept throttling the requests. Lower terraform's -parallelism, raise max_retries, " +
			"or ask the OCP administrator to raise the user's rate limit."
	}
	return detail
}

// parseImportID reads an import ID of positive integers separated by "/", as many
// as form names (e.g. "<cluster_id>/<tenant_id>").
func parseImportID(id, form string) ([]int64, error) {
	parts := strings.Split(id, "/")
	want := strings.Count(form, "/") + 1
	ids := make([]int64, 0, want)
	for _, part := range parts {
		n, err := strconv.ParseInt(part, 10, 64)
		if err != nil || n <= 0 {
			break
		}
		ids = append(ids, n)
	}
	if len(parts) != want || len(ids) != want {
		return nil, fmt.Errorf("expected an import ID of the form %s (positive integers, OCP's ids), such as %q; got %q",
			form, exampleImportID(want), id)
	}
	return ids, nil
}

func exampleImportID(parts int) string {
	return strings.Join([]string{"1000005", "1000012"}[:parts], "/")
}

// scopeImportID parses the import ID of a cluster- or tenant-scoped object.
func scopeImportID(id string, tenant bool) (ocpclient.BackupScope, error) {
	if !tenant {
		ids, err := parseImportID(id, "<cluster_id>")
		if err != nil {
			return ocpclient.BackupScope{}, err
		}
		return ocpclient.BackupScope{ClusterID: ids[0]}, nil
	}
	ids, err := parseImportID(id, "<cluster_id>/<tenant_id>")
	if err != nil {
		return ocpclient.BackupScope{}, err
	}
	return ocpclient.BackupScope{ClusterID: ids[0], TenantID: ids[1]}, nil
}

// scopeID is the Terraform id of a cluster- or tenant-scoped object.
func scopeID(scope ocpclient.BackupScope) string {
	if scope.IsTenant() {
		return fmt.Sprintf("%d/%d", scope.ClusterID, scope.TenantID)
	}
	return strconv.FormatInt(scope.ClusterID, 10)
}
