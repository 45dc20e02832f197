// Package probe checks whether an OCP answers as the provider assumes: the facts
// that OCP_API.md marks as inferred ([INF]) rather than read in OCP's documentation.
// It reads with GETs only, unless asked to start and stop one tenant's scheduled
// backups, which it then puts back as it found them.
package probe

import (
	"context"
	"fmt"
	"net/url"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// maxStrategyReads bounds how many tenants' strategies the probe reads while it
// looks for a tenant with a strategy and one without.
const maxStrategyReads = 50

// prober is one run of the probe.
type prober struct {
	client   *ocpclient.Client
	settings Settings
	report   *Report
	// inspected and noStrategy are the tenants chosen, with their strategy answers.
	inspected, noStrategy *tenantAnswer
	// overview: OCP serves the tenant backup overview, so -write reads it too.
	overview bool
}

// tenantAnswer is a tenant and OCP's answer to a read of its strategy.
type tenantAnswer struct {
	info   TenantInfo
	answer ocpclient.RawAnswer
}

func (t *tenantAnswer) scope() ocpclient.BackupScope {
	return ocpclient.BackupScope{ClusterID: t.info.ClusterID, TenantID: t.info.TenantID}
}

// Run probes the OCP that client reaches. What kept it from running to its end
// is the report's Failure, so the report always says what was found until then.
func Run(ctx context.Context, client *ocpclient.Client, settings Settings) *Report {
	report := &Report{
		Probe: settings.Version, OCP: redactedURL(settings.Client.URL), Mode: modeReadOnly,
		secrets: []string{settings.Client.Password, settings.Client.AccessKeySecret},
	}
	if settings.Write {
		report.Mode = modeWrite
	}
	p := &prober{client: client, settings: settings, report: report}
	if err := p.run(ctx); err != nil {
		report.Failure = err.Error()
	}
	return report
}

func (p *prober) run(ctx context.Context) error {
	clusters, err := p.checkReachable(ctx)
	if err != nil {
		return err
	}
	if err := p.chooseTenants(ctx, clusters); err != nil {
		return err
	}
	p.checkErrors(ctx, clusters)
	p.checkPaging(ctx, clusters)
	p.checkStrategy()
	p.checkNoStrategy()
	p.checkOverview(ctx)
	p.checkTasks(ctx)
	p.add(strategyCreate.unobservable("the probe never creates a strategy, not even with -write"))
	switch {
	case ctx.Err() != nil:
		p.addWriteFactsUnobservable("the probe was interrupted before it could change anything")
		return fmt.Errorf("interrupted: %w", ctx.Err())
	case !p.settings.Write:
		p.addWriteFactsUnobservable("needs -write -tenant C/T, which stops and starts that tenant's scheduled backups and puts them back")
		return nil
	}
	return p.checkScheduling(ctx)
}

func (p *prober) add(facts ...Fact) { p.report.Facts = append(p.report.Facts, facts...) }

// tenantPath is a tenant's API path, plus suffix.
func tenantPath(scope ocpclient.BackupScope, suffix string) string {
	return fmt.Sprintf("/api/v2/ob/clusters/%d/tenants/%d%s", scope.ClusterID, scope.TenantID, suffix)
}

const strategySuffix = "/backup/config/backupStrategy"

// chooseTenants settles the tenant to inspect and the one without a strategy:
// those named by flags, else the first ones found.
func (p *prober) chooseTenants(ctx context.Context, clusters []ocpclient.Cluster) error {
	var err error
	if p.settings.Tenant != nil {
		if p.inspected, err = p.namedTenant(ctx, *p.settings.Tenant, "named with -tenant"); err != nil {
			return err
		}
	}
	if p.settings.NoStrategyTenant != nil {
		if p.noStrategy, err = p.namedTenant(ctx, *p.settings.NoStrategyTenant, "named with -no-strategy-tenant"); err != nil {
			return err
		}
	}
	if p.inspected == nil || p.noStrategy == nil {
		if err := p.searchTenants(ctx, clusters); err != nil {
			return err
		}
	}
	p.report.Tenant = p.inspected.infoOrNil()
	p.report.NoStrategyTenant = p.noStrategy.infoOrNil()
	return nil
}

func (t *tenantAnswer) infoOrNil() *TenantInfo {
	if t == nil {
		return nil
	}
	return &t.info
}

// namedTenant reads a tenant a flag names, and its strategy. A tenant OCP does not
// have ends the run: the user meant another.
func (p *prober) namedTenant(ctx context.Context, scope ocpclient.BackupScope, chosen string) (*tenantAnswer, error) {
	tenant, err := p.client.GetTenant(ctx, scope.ClusterID, scope.TenantID)
	if err != nil {
		return nil, fmt.Errorf("reading tenant %d/%d (%s): %w", scope.ClusterID, scope.TenantID, chosen, err)
	}
	answer, err := p.client.Get(ctx, tenantPath(scope, strategySuffix), nil)
	if err != nil {
		return nil, err
	}
	info := TenantInfo{ClusterID: scope.ClusterID, TenantID: scope.TenantID, Name: tenant.Name, Chosen: chosen}
	p.collectSecrets(answer)
	return &tenantAnswer{info: info, answer: answer}, nil
}

// searchTenants reads the strategies of the tenants OCP lists, cluster by cluster,
// until it has a tenant with a strategy and one without (or read enough).
func (p *prober) searchTenants(ctx context.Context, clusters []ocpclient.Cluster) error {
	reads := 0
	for _, cluster := range clusters {
		tenants, err := p.client.ListTenants(ctx, ocpclient.TenantFilter{ClusterID: cluster.ID})
		if err != nil {
			return fmt.Errorf("listing the tenants of cluster %d: %w", cluster.ID, err)
		}
		for _, tenant := range tenants {
			if (p.inspected != nil && p.noStrategy != nil) || reads == maxStrategyReads {
				return nil
			}
			reads++
			if err := p.consider(ctx, cluster.ID, tenant); err != nil {
				return err
			}
		}
	}
	return nil
}

// consider reads a listed tenant's strategy and takes the tenant for whichever
// role is still open and it fits.
func (p *prober) consider(ctx context.Context, clusterID int64, tenant ocpclient.Tenant) error {
	scope := ocpclient.BackupScope{ClusterID: clusterID, TenantID: tenant.ID}
	answer, err := p.client.Get(ctx, tenantPath(scope, strategySuffix), nil)
	if err != nil {
		return err
	}
	found := &tenantAnswer{info: TenantInfo{ClusterID: clusterID, TenantID: tenant.ID, Name: tenant.Name}, answer: answer}
	switch classifyStrategyAnswer(answer) {
	case hasStrategy:
		if p.inspected == nil {
			p.collectSecrets(answer)
			found.info.Chosen = "the first tenant listed with a backup strategy"
			p.inspected = found
		}
	case saysNoStrategy:
		if p.noStrategy == nil {
			found.info.Chosen = "the first tenant listed without a backup strategy"
			p.noStrategy = found
		}
	}
	return nil
}

// strategyAnswerKind sorts the answers to a strategy read.
type strategyAnswerKind int

const (
	unclearStrategyAnswer strategyAnswerKind = iota
	hasStrategy
	// saysNoStrategy: data null or empty, or a 404 or 400 in OCP's envelope, for a
	// tenant OCP lists; which shape OCP uses is what the no_strategy fact checks.
	saysNoStrategy
)

func classifyStrategyAnswer(a ocpclient.RawAnswer) strategyAnswerKind {
	switch {
	case succeeded(a) && len(dataObject(a)) > 0:
		return hasStrategy
	case succeeded(a), refusedWith(a, 404), refusedWith(a, 400):
		return saysNoStrategy
	default:
		return unclearStrategyAnswer
	}
}

// collectSecrets keeps the secrets a strategy answer holds, so the report masks them.
func (p *prober) collectSecrets(a ocpclient.RawAnswer) {
	if data := dataObject(a); data != nil {
		p.report.secrets = append(p.report.secrets, secretsIn(data)...)
	}
}

// redactedURL is the base URL without any user information.
func redactedURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	u.User = nil
	return u.String()
}
