package probe

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

var (
	envelopeSuccess = assumption{"envelope.success",
		"A successful answer is OCP's envelope: `successful: true`, `status` equal to the HTTP status, a `traceId` and a `timestamp`",
		"§2.1 [DOC]"}
	envelopeError = assumption{"envelope.error",
		"An error answer is OCP's envelope: `successful: false`, `status` equal to the HTTP status, `error.code` a number and `error.message`",
		"§2.3 [SRC]"}
	missingCluster = assumption{"missing_cluster",
		"An unknown cluster id is answered HTTP 404 in OCP's envelope",
		"§2.3 [SRC], [INF] for OCP"}
	missingTenant = assumption{"missing_tenant",
		"An unknown tenant id is answered HTTP 400 with OCP's code 60002 in its envelope, as OCP's framework raises it",
		"§2.3 [SRC], [INF] for OCP"}
)

// absentID is an id no cluster or tenant has: OCP's ids are far below it.
const absentID int64 = 999_999_999_999

const clustersPath = "/api/v2/ob/clusters"

// checkReachable reads the cluster list: as it came, for the envelope's shape, and
// through the client, for the clusters. An OCP that does not list its clusters
// ends the run, as nothing else can be asked either.
func (p *prober) checkReachable(ctx context.Context) ([]ocpclient.Cluster, error) {
	answer, err := p.client.Get(ctx, clustersPath, url.Values{"page": {"1"}, "size": {"10"}})
	if err != nil {
		return nil, fmt.Errorf("OCP could not be reached: %w", err)
	}
	if answer.HTTPStatus/100 == 2 && !answer.IsEnvelope() {
		p.add(envelopeSuccess.differs(describe(answer), breaks(notEnvelopeBreaks)))
	}
	if !succeeded(answer) {
		return nil, fmt.Errorf("OCP did not list its clusters: %s. %s", describe(answer), adviceFor(answer))
	}
	_ = answer.Field("server", &p.report.Server)
	p.add(checkSuccessEnvelope(answer))
	clusters, err := p.client.ListClusters(ctx, ocpclient.ClusterFilter{})
	if err != nil {
		return nil, fmt.Errorf("listing the clusters: %w", err)
	}
	for _, c := range clusters {
		p.report.Clusters = append(p.report.Clusters, ClusterInfo{ID: c.ID, Name: c.Name, ObVersion: c.ObVersion})
	}
	return clusters, nil
}

const notEnvelopeBreaks = "every resource and data source: the client takes an answer without `successful` for a proxy's page and fails the call."

// adviceFor says what to check when the first call fails.
func adviceFor(a ocpclient.RawAnswer) string {
	switch {
	case !a.IsEnvelope():
		return "Something other than OCP answered: check OCP_URL (its base path, or a proxy in front of OCP)."
	case a.HTTPStatus == http.StatusUnauthorized:
		return "Check OCP_USERNAME and OCP_PASSWORD, or OCP_ACCESS_KEY_ID and OCP_ACCESS_KEY_SECRET; with an access key, " +
			"this machine's clock must be within 15 minutes of OCP's."
	case a.HTTPStatus == http.StatusForbidden:
		return "The OCP user needs read permission on clusters and tenants."
	case a.HTTPStatus == http.StatusNotFound:
		// (An OCP_URL ending in /api/v2 never gets here: the client refuses it.)
		return "OCP does not know the route: OCP_URL must be OCP's base URL, such as https://ocp.example.com:8080, " +
			"with the path of any proxy in front of OCP."
	default:
		return "Try again later, or ask OCP's administrator."
	}
}

// checkSuccessEnvelope checks a successful answer's envelope fields.
func checkSuccessEnvelope(a ocpclient.RawAnswer) Fact {
	var d differences
	seen := []string{fmt.Sprintf("HTTP %d, successful true", a.HTTPStatus)}
	seen = append(seen, checkEnvelopeMeta(a, &d)...)
	var timestamp string
	if a.Field("timestamp", &timestamp) && timestamp != "" {
		seen = append(seen, fmt.Sprintf("timestamp `%s`", timestamp))
	} else {
		seen = append(seen, "no timestamp")
		d.add(tolerated("`started_at` of ocp_tenant_backup_schedule stays empty."))
	}
	return d.verdict(envelopeSuccess, strings.Join(seen, ", "))
}

// checkEnvelopeMeta checks what success and error envelopes share: a status
// equal to the HTTP status, and a trace id.
func checkEnvelopeMeta(a ocpclient.RawAnswer, d *differences) []string {
	var seen []string
	var status int
	switch {
	case !a.Field("status", &status):
		seen = append(seen, "no status")
		d.add(tolerated("The client decides by the HTTP status and `successful`; it does not read `status`."))
	case status != a.HTTPStatus:
		seen = append(seen, fmt.Sprintf("status %d", status))
		d.add(tolerated("The client decides by the HTTP status and `successful`; it does not read `status`."))
	default:
		seen = append(seen, fmt.Sprintf("status %d", status))
	}
	var traceID string
	if a.Field("traceId", &traceID) && traceID != "" {
		seen = append(seen, "traceId present")
	} else {
		seen = append(seen, "no traceId")
		d.add(tolerated("Errors and logs carry no trace id to quote to OCP support; `trace_id` of ocp_tenant_backup_schedule stays empty."))
	}
	return seen
}

// checkErrors asks for a cluster and a tenant that do not exist, to see OCP's
// error envelope and how it says "not found".
func (p *prober) checkErrors(ctx context.Context, clusters []ocpclient.Cluster) {
	answer, err := p.client.Get(ctx, fmt.Sprintf("%s/%d", clustersPath, absentID), nil)
	if err != nil {
		why := fmt.Sprintf("reading cluster %d got no answer: %v", absentID, err)
		p.add(envelopeError.unobservable(why), missingCluster.unobservable(why))
	} else {
		p.add(checkErrorEnvelope(answer), checkMissingCluster(answer))
	}
	clusterID, ok := p.clusterToList(clusters)
	if !ok {
		p.add(missingTenant.unobservable("OCP lists no cluster to ask about an unknown tenant of"))
		return
	}
	scope := ocpclient.BackupScope{ClusterID: clusterID, TenantID: absentID}
	if answer, err = p.client.Get(ctx, tenantPath(scope, ""), nil); err != nil {
		p.add(missingTenant.unobservable(fmt.Sprintf("reading tenant %d/%d got no answer: %v", clusterID, absentID, err)))
		return
	}
	p.add(checkMissingTenant(answer))
}

// clusterToList is the cluster whose tenants the probe lists for facts that need
// one: the inspected tenant's, else the first OCP lists.
func (p *prober) clusterToList(clusters []ocpclient.Cluster) (int64, bool) {
	switch {
	case p.inspected != nil:
		return p.inspected.info.ClusterID, true
	case len(clusters) > 0:
		return clusters[0].ID, true
	default:
		return 0, false
	}
}

func checkErrorEnvelope(a ocpclient.RawAnswer) Fact {
	switch {
	case succeeded(a):
		return envelopeError.unobservable("OCP answered the read of an unknown cluster with success, so it showed no error")
	case !a.IsEnvelope():
		return envelopeError.differs(describe(a), breaks(ocpErrorsLostBreaks))
	}
	var d differences
	seen := append([]string{fmt.Sprintf("HTTP %d, successful false", a.HTTPStatus)}, checkEnvelopeMeta(a, &d)...)
	failure, ok := errorOf(a)
	if !ok {
		d.add(tolerated("Errors show OCP's HTTP status without its code and message."))
		return d.verdict(envelopeError, strings.Join(append(seen, "no error object"), ", "))
	}
	seen = append(seen, fmt.Sprintf("error.code %s", jsonKind(failure.Code)))
	switch jsonKind(failure.Code) {
	case "a number":
	case "a string":
		d.add(tolerated("The client reads `error.code` as text, number or string alike."))
	default:
		d.add(tolerated("Errors show no OCP error code."))
	}
	if failure.Message == "" {
		seen = append(seen, "no error.message")
		d.add(tolerated("Errors show no OCP message."))
	} else {
		seen = append(seen, "error.message present")
	}
	return d.verdict(envelopeError, strings.Join(seen, ", "))
}

const ocpErrorsLostBreaks = "The client takes OCP's errors for a proxy's: a deleted tenant, cluster or strategy fails every refresh of " +
	"ocp_tenant_backup_schedule and ocp_cluster_backup_schedule instead of being noticed, " +
	"and errors carry no OCP message."

func checkMissingCluster(a ocpclient.RawAnswer) Fact {
	if refusedWith(a, http.StatusNotFound) {
		return missingCluster.holds(describe(a))
	}
	return missingCluster.differs(describe(a), breaks("A refresh of ocp_tenant_backup_schedule or ocp_cluster_backup_schedule "+
		"whose cluster was deleted fails instead of removing the resource from state, and data "+
		`source ocp_cluster by id says "Could not read" instead of "not found".`))
}

// tenantNotFoundCode is the code OCP's framework raises an unknown tenant id with.
const tenantNotFoundCode = "60002"

func checkMissingTenant(a ocpclient.RawAnswer) Fact {
	switch {
	case refusedWith(a, http.StatusBadRequest) && errorCode(a) == tenantNotFoundCode:
		return missingTenant.holds(describe(a))
	case refusedWith(a, http.StatusNotFound):
		return missingTenant.differs(describe(a), tolerated("The provider takes a 404 in OCP's envelope for a missing tenant as well."))
	default:
		return missingTenant.differs(describe(a), breaks("A refresh of ocp_tenant_backup_schedule "+
			"whose tenant was deleted fails instead of removing the resource from state, and data source ocp_tenant by id says "+
			`"Could not read" instead of "not found".`))
	}
}
