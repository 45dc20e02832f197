package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// presence is what OCP holds at a backup scope: a strategy, none, or not even the
// tenant or cluster.
type presence int

const (
	presenceClusterGone presence = iota
	presenceTenantGone
	presenceNoStrategy
	presenceStrategy
)

// readStrategy reads the scope's backup strategy and says what OCP holds there.
//
// OCP does not document how it answers a tenant without a strategy; OCP_API.md
// (§3.4, [INF]) allows data null, or its error envelope with HTTP 404 or 400,
// whatever the code. A 404 or 400 may just as well mean that the tenant or cluster
// is gone, so the scope itself is read to tell which is true. Only answers in
// OCP's own envelope count: a proxy's 404 page is an error, never "gone".
func readStrategy(ctx context.Context, api API, scope ocpclient.BackupScope) (*ocpclient.BackupStrategy, presence, error) {
	strategy, err := api.GetBackupStrategy(ctx, scope)
	switch {
	case err == nil && strategy == nil:
		return nil, presenceNoStrategy, nil
	case err == nil:
		return strategy, presenceStrategy, nil
	case !ocpclient.IsNoStrategyAnswer(err):
		return nil, 0, err
	}
	tflog.Debug(ctx, "OCP refused the strategy read; reading the scope to tell a missing strategy from a missing tenant",
		map[string]any{"scope": scope.String(), "error": err.Error()})
	found, scopeErr := scopePresence(ctx, api, scope)
	if scopeErr != nil {
		return nil, 0, fmt.Errorf("%w\n\nReading the %s to tell whether only its strategy is missing failed too: %w", err, scope, scopeErr)
	}
	return nil, found, nil
}

// scopePresence reads the tenant (then its cluster) of a scope whose strategy read
// was refused: presenceNoStrategy when the scope exists.
func scopePresence(ctx context.Context, api API, scope ocpclient.BackupScope) (presence, error) {
	if scope.IsTenant() {
		_, err := api.GetTenant(ctx, scope.ClusterID, scope.TenantID)
		if !ocpclient.IsNotFound(err) {
			return presenceNoStrategy, err
		}
	}
	_, err := api.GetCluster(ctx, scope.ClusterID)
	switch {
	case ocpclient.IsNotFound(err):
		return confirmClusterGone(ctx, api, scope.ClusterID, err)
	case err != nil:
		return 0, err
	case scope.IsTenant():
		return presenceTenantGone, nil
	default:
		return presenceNoStrategy, nil
	}
}

// confirmClusterGone checks a 404 for a cluster against OCP's cluster list. OCP
// answers a route it does not know with the same 404 envelope as a missing object
// (OCP_API.md §2.3): at a wrong base URL every call gets it, and taking that for
// "gone" would empty the state. The list answers only at the right base, and
// only a list that lacks the cluster says that the cluster is gone.
func confirmClusterGone(ctx context.Context, api API, clusterID int64, notFound error) (presence, error) {
	clusters, err := api.ListClusters(ctx, ocpclient.ClusterFilter{})
	if err != nil {
		return 0, fmt.Errorf("%w\n\nOCP's cluster list, read to confirm that cluster %d is gone, failed too, so OCP may "+
			"not answer at this url at all (check the provider's url: OCP's base URL, without /api/v2): %w", notFound, clusterID, err)
	}
	for _, cluster := range clusters {
		if cluster.ID == clusterID {
			return 0, fmt.Errorf("%w\n\nYet OCP's cluster list shows cluster %d, so this answer is not about the cluster: "+
				"check the provider's url (OCP's base URL, without /api/v2)", notFound, clusterID)
		}
	}
	return presenceClusterGone, nil
}

// describe says, for a diagnostic, what OCP holds at scope.
func (p presence) describe(scope ocpclient.BackupScope) string {
	switch p {
	case presenceClusterGone:
		return fmt.Sprintf("OCP has no cluster %d (it was deleted, or the id is wrong).", scope.ClusterID)
	case presenceTenantGone:
		return fmt.Sprintf("OCP has no tenant %d in cluster %d (it was deleted, or the ids are wrong).", scope.TenantID, scope.ClusterID)
	case presenceNoStrategy:
		return fmt.Sprintf("The %s has no backup strategy.", scope)
	default:
		return fmt.Sprintf("The %s has a backup strategy.", scope)
	}
}

// scopeGone reports whether the cluster or tenant itself no longer exists.
func (p presence) scopeGone() bool {
	return p == presenceClusterGone || p == presenceTenantGone
}

// missingNoun names what is gone: "tenant" or "cluster".
func (p presence) missingNoun() string {
	if p == presenceClusterGone {
		return "cluster"
	}
	return "tenant"
}

// addNotFound reports a missing tenant or cluster at the attribute holding its id.
func (p presence) addNotFound(diags *diag.Diagnostics, scope ocpclient.BackupScope, answer string) {
	attribute := path.Root("tenant_id")
	if p == presenceClusterGone {
		attribute = path.Root("cluster_id")
	}
	diags.AddAttributeError(attribute, capitalized(p.missingNoun())+" not found",
		p.describe(scope)+" Check the ids: they are OCP's ids as shown in the console's URLs.\n\n"+answer)
}
