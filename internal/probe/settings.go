package probe

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// Settings is what one run of the probe is asked to do.
type Settings struct {
	Client ocpclient.Config
	// Tenant is the tenant to inspect (-tenant); nil lets the probe pick the
	// first tenant with a backup strategy.
	Tenant *ocpclient.BackupScope
	// NoStrategyTenant is a tenant without a strategy (-no-strategy-tenant); nil
	// lets the probe look for one.
	NoStrategyTenant *ocpclient.BackupScope
	// Write allows starting and stopping Tenant's scheduled backups.
	Write  bool
	Format Format
	// Version is the probe's own, for the report.
	Version string
}

// Format is how the report is written.
type Format string

// The report formats.
const (
	FormatMarkdown Format = "markdown"
	FormatJSON     Format = "json"
)

// The environment variables the provider reads, read here the same way so that
// the probe talks to OCP as the provider would.
const (
	envURL             = "OCP_URL"
	envUsername        = "OCP_USERNAME"
	envPassword        = "OCP_PASSWORD"
	envAccessKeyID     = "OCP_ACCESS_KEY_ID"
	envAccessKeySecret = "OCP_ACCESS_KEY_SECRET" //nolint:gosec // a variable's name, not a credential.
	envCACertPEM       = "OCP_CA_CERT_PEM"
	envInsecure        = "OCP_INSECURE_SKIP_VERIFY"
	envRequestTimeout  = "OCP_REQUEST_TIMEOUT"
	envMaxRetries      = "OCP_MAX_RETRIES"
)

const usageHeader = `Usage: ocpprobe [flags]

Checks, with GETs only unless -write is given, whether the OCP named by the
provider's environment (OCP_URL, OCP_USERNAME/OCP_PASSWORD or
OCP_ACCESS_KEY_ID/OCP_ACCESS_KEY_SECRET, OCP_CA_CERT_PEM,
OCP_INSECURE_SKIP_VERIFY, OCP_REQUEST_TIMEOUT, OCP_MAX_RETRIES) answers as the
provider assumes. Exit status: 0 every fact holds, 1 something differs, 2 the
probe could not run.

Flags:
`

// ParseSettings reads the flags in args and the provider's variables through getenv.
// usage receives the help text and flag errors.
func ParseSettings(args []string, getenv func(string) string, usage io.Writer) (Settings, error) {
	var s Settings
	flags := flag.NewFlagSet("ocpprobe", flag.ContinueOnError)
	flags.SetOutput(usage)
	flags.Usage = func() {
		fmt.Fprint(usage, usageHeader)
		flags.PrintDefaults()
	}
	flags.Func("tenant", "inspect tenant `C/T` (OCP cluster id / tenant id); default: the first tenant with a backup strategy",
		scopeFlag(&s.Tenant))
	flags.Func("no-strategy-tenant", "tenant `C/T` without a backup strategy, to see how OCP says so; default: the first one found",
		scopeFlag(&s.NoStrategyTenant))
	flags.BoolVar(&s.Write, "write", false, "also stop and start the scheduled backups of -tenant, and put them back as found")
	format := flags.String("format", string(FormatMarkdown), "report format: markdown or json")
	if err := flags.Parse(args); err != nil {
		return Settings{}, err
	}
	if flags.NArg() > 0 {
		return Settings{}, fmt.Errorf("unexpected arguments %q; all settings are flags", flags.Args())
	}
	s.Format = Format(*format)
	if s.Format != FormatMarkdown && s.Format != FormatJSON {
		return Settings{}, fmt.Errorf("-format %q: use markdown or json", *format)
	}
	if s.Write && s.Tenant == nil {
		return Settings{}, errors.New("-write changes a tenant's scheduled backups, so it needs -tenant C/T naming that tenant (a sacrificial one)")
	}
	var err error
	s.Client, err = clientConfig(getenv)
	return s, err
}

// scopeFlag parses C/T into *target.
func scopeFlag(target **ocpclient.BackupScope) func(string) error {
	return func(value string) error {
		cluster, tenant, found := strings.Cut(value, "/")
		clusterID, clusterErr := strconv.ParseInt(cluster, 10, 64)
		tenantID, tenantErr := strconv.ParseInt(tenant, 10, 64)
		if !found || clusterErr != nil || tenantErr != nil || clusterID <= 0 || tenantID <= 0 {
			return fmt.Errorf("%q is not C/T: OCP's cluster id and tenant id, such as 1000005/1000012", value)
		}
		*target = &ocpclient.BackupScope{ClusterID: clusterID, TenantID: tenantID}
		return nil
	}
}

// clientConfig reads the provider's environment variables. Credentials are passed
// on as given; ocpclient.New says what is wrong with them.
func clientConfig(getenv func(string) string) (ocpclient.Config, error) {
	cfg := ocpclient.Config{
		URL:             getenv(envURL),
		Username:        getenv(envUsername),
		Password:        getenv(envPassword),
		AccessKeyID:     getenv(envAccessKeyID),
		AccessKeySecret: getenv(envAccessKeySecret),
		CACertPEM:       getenv(envCACertPEM),
		MaxRetries:      ocpclient.DefaultMaxRetries,
	}
	if cfg.URL == "" {
		return cfg, fmt.Errorf("%s is not set: set it to OCP's base URL, e.g. https://ocp.example.com:8080", envURL)
	}
	var errs []error
	parseOptional(getenv, envInsecure, strconv.ParseBool, "true or false", &cfg.InsecureSkipVerify, &errs)
	parseOptional(getenv, envRequestTimeout, ocpclient.ParseRequestTimeout, `a positive Go duration such as "30s"`, &cfg.RequestTimeout, &errs)
	parseOptional(getenv, envMaxRetries, ocpclient.ParseMaxRetries, fmt.Sprintf("a whole number from 0 to %d", ocpclient.MaxRetriesLimit), &cfg.MaxRetries, &errs)
	return cfg, errors.Join(errs...)
}

// parseOptional parses variable into *target when it is set, or adds an error
// that names it and says what it takes (the value is quoted: never use it for secrets).
func parseOptional[T any](getenv func(string) string, variable string, parse func(string) (T, error), expected string, target *T, errs *[]error) {
	raw := getenv(variable)
	if raw == "" {
		return
	}
	value, err := parse(raw)
	if err != nil {
		*errs = append(*errs, fmt.Errorf("%s is %q; set it to %s", variable, raw, expected))
		return
	}
	*target = value
}
