package provider

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// setting is a provider attribute and the environment variable it falls back to.
type setting struct {
	attribute string
	env       string
}

var (
	settingURL             = setting{"url", "OCP_URL"}
	settingUsername        = setting{"username", "OCP_USERNAME"}
	settingPassword        = setting{"password", "OCP_PASSWORD"}
	settingAccessKeyID     = setting{"access_key_id", "OCP_ACCESS_KEY_ID"}
	settingAccessKeySecret = setting{"access_key_secret", "OCP_ACCESS_KEY_SECRET"}
	settingCACertPEM       = setting{"ca_cert_pem", "OCP_CA_CERT_PEM"}
	settingInsecure        = setting{"insecure_skip_verify", "OCP_INSECURE_SKIP_VERIFY"}
	settingRequestTimeout  = setting{"request_timeout", "OCP_REQUEST_TIMEOUT"}
	settingMaxRetries      = setting{"max_retries", "OCP_MAX_RETRIES"}
)

func (s setting) path() path.Path { return path.Root(s.attribute) }

func (s setting) resolve(value types.String) string {
	if !value.IsNull() {
		return value.ValueString()
	}
	return os.Getenv(s.env)
}

// source names where resolve takes the value from, for messages.
func (s setting) source(value attr.Value) string {
	if !value.IsNull() {
		return s.attribute
	}
	return s.env
}

// parseEnv parses the setting's environment variable. ok is false when the variable
// is unset or does not parse; the latter is an error on the attribute that names the
// variable and says what a valid value looks like (expected). The message quotes the
// value, so parseEnv is not for secrets.
func parseEnv[T any](s setting, parse func(string) (T, error), expected string, diags *diag.Diagnostics) (value T, ok bool) {
	raw := os.Getenv(s.env)
	if raw == "" {
		return value, false
	}
	value, err := parse(raw)
	if err != nil {
		diags.AddAttributeError(s.path(), "Invalid "+s.env,
			fmt.Sprintf("The environment variable %s is %q; %s.", s.env, raw, expected))
		return value, false
	}
	return value, true
}

const credentialsHelp = "Set either username and password (or OCP_USERNAME and OCP_PASSWORD), " +
	"or access_key_id and access_key_secret (or OCP_ACCESS_KEY_ID and OCP_ACCESS_KEY_SECRET)."

// anyUnknown reports whether some value of the provider block is known only later
// (it depends on a resource not yet created).
func (config providerModel) anyUnknown() bool {
	return anyUnknown(config.URL, config.Username, config.Password, config.AccessKeyID, config.AccessKeySecret,
		config.CACertPEM, config.InsecureSkipVerify, config.RequestTimeout, config.MaxRetries)
}

// newClientFromConfig resolves the provider block and its environment fallbacks into
// an OCP client. It returns nil, without error, while some value is still unknown
// (it depends on a resource not yet created), so that plan works; it returns nil with
// errors in diags when the configuration is wrong.
func newClientFromConfig(ctx context.Context, config providerModel, version string, diags *diag.Diagnostics) API {
	if config.anyUnknown() {
		tflog.Debug(ctx, "OCP provider configuration is not known yet; the client is created once it is")
		return nil
	}
	cfg := resolveConfig(config, version, diags)
	ctx = tflog.MaskLogStrings(ctx, nonEmpty(cfg.Password, cfg.AccessKeySecret)...)
	if diags.HasError() {
		return nil
	}
	client, err := ocpclient.New(cfg)
	if err != nil {
		addConfigError(diags, err)
		return nil
	}
	tflog.Debug(ctx, "OCP client configured", map[string]any{"url": cfg.URL, "auth": authMode(cfg)})
	return client
}

// resolveConfig takes each setting from the provider block, else from its environment
// variable (credentials as a group: see resolveCredentials), and reports in diags the
// values that cannot work, all at once.
func resolveConfig(config providerModel, version string, diags *diag.Diagnostics) ocpclient.Config {
	creds := resolveCredentials(config)
	cfg := ocpclient.Config{
		URL:                settingURL.resolve(config.URL),
		Username:           creds.given[settingUsername],
		Password:           creds.given[settingPassword],
		AccessKeyID:        creds.given[settingAccessKeyID],
		AccessKeySecret:    creds.given[settingAccessKeySecret],
		CACertPEM:          settingCACertPEM.resolve(config.CACertPEM),
		InsecureSkipVerify: resolveInsecure(config.InsecureSkipVerify, diags),
		RequestTimeout:     resolveRequestTimeout(config.RequestTimeout, diags),
		MaxRetries:         resolveMaxRetries(config.MaxRetries, diags),
		UserAgent:          "terraform-provider-ocp/" + version,
	}
	if cfg.URL == "" {
		diags.AddAttributeError(settingURL.path(), "Missing OCP URL",
			"Set url in the provider block or the OCP_URL environment variable, e.g. https://ocp.example.com:8080.")
	}
	checkCredentials(creds, diags)
	checkCACertIsNotAPath(cfg.CACertPEM, settingCACertPEM.source(config.CACertPEM), diags)
	return cfg
}

func resolveInsecure(value types.Bool, diags *diag.Diagnostics) bool {
	if !value.IsNull() {
		return value.ValueBool()
	}
	insecure, _ := parseEnv(settingInsecure, strconv.ParseBool, "set it to true or false", diags)
	return insecure
}

// resolveRequestTimeout returns 0 when neither the block nor the environment sets a
// timeout; ocpclient then applies its default.
func resolveRequestTimeout(value timetypes.GoDuration, diags *diag.Diagnostics) time.Duration {
	if !value.IsNull() {
		// The schema's type and its positiveDuration validator have already checked it.
		timeout, _ := value.ValueGoDuration()
		return timeout
	}
	timeout, _ := parseEnv(settingRequestTimeout, ocpclient.ParseRequestTimeout,
		`set it to a positive Go duration such as "30s" or "2m"`, diags)
	return timeout
}

func resolveMaxRetries(value types.Int64, diags *diag.Diagnostics) int {
	if !value.IsNull() {
		return int(value.ValueInt64())
	}
	retries, ok := parseEnv(settingMaxRetries, ocpclient.ParseMaxRetries,
		fmt.Sprintf("set it to a whole number from 0 to %d, such as %d", ocpclient.MaxRetriesLimit, ocpclient.DefaultMaxRetries), diags)
	if !ok {
		return ocpclient.DefaultMaxRetries
	}
	return retries
}

// checkCACertIsNotAPath rejects a ca_cert_pem that names a certificate file instead of
// holding it: an easy slip, as other tools take a path, and ocpclient would only say
// "not valid PEM". The file is not read: the setting's contract is the PEM text itself.
func checkCACertIsNotAPath(value, source string, diags *diag.Diagnostics) {
	if !looksLikeFilePath(value) {
		return
	}
	diags.AddAttributeError(settingCACertPEM.path(), "CA certificate given as a file path",
		fmt.Sprintf("%s is %q, which looks like a file path; it takes the PEM-encoded certificate itself. "+
			`Pass the file's contents instead: ca_cert_pem = file("ca.pem") in the provider block, `+
			`or OCP_CA_CERT_PEM="$(cat ca.pem)" in the shell.`, source, value))
}

// looksLikeFilePath tells a file name from PEM text, which has a BEGIN line and spans
// several lines.
func looksLikeFilePath(value string) bool {
	if value == "" || strings.Contains(value, "-----BEGIN") || strings.ContainsAny(value, "\r\n") {
		return false
	}
	pathPrefixes := []string{"/", "./", "../", "~/", `.\`, `..\`}
	if filepath.IsAbs(value) || slices.ContainsFunc(pathPrefixes, func(p string) bool { return strings.HasPrefix(value, p) }) {
		return true
	}
	switch strings.ToLower(filepath.Ext(value)) {
	case ".pem", ".crt", ".cer":
		return true
	}
	info, err := os.Stat(value)
	return err == nil && info.Mode().IsRegular()
}

// credentialPair is one way to authenticate: a name and its secret.
type credentialPair struct {
	name, secret setting
	// needs says what the pair requires, in ocpclient's words.
	needs string
}

var (
	basicPair     = credentialPair{settingUsername, settingPassword, "Basic authentication needs both a username and a password"}
	accessKeyPair = credentialPair{settingAccessKeyID, settingAccessKeySecret, "Access key authentication needs both an access key id and its secret"}
	// credentialSettings are resolved as a group, in the order messages name them.
	credentialSettings = []setting{basicPair.name, basicPair.secret, accessKeyPair.name, accessKeyPair.secret}
)

// credentialPrecedence is the rule resolveCredentials applies, told to users whom it surprises.
const credentialPrecedence = "when the provider block sets credentials, the environment only completes the pair " +
	"the block chose (such as OCP_PASSWORD for a username in the block), and the other pair's variables are ignored"

// credentials are the credential settings the provider uses.
type credentials struct {
	// fromBlock: the provider block chose the authentication mode.
	fromBlock bool
	// given holds the settings that are set: those not null in the block (as the
	// schema's conflictsWithAccessKey validator counts them), or not empty in the environment.
	given map[setting]string
	// fromEnvironment marks the given settings that came from the environment.
	fromEnvironment map[setting]bool
}

// resolveCredentials takes the authentication mode from the provider block when it
// sets any credential attribute; the environment may then complete that pair (a
// username in the block, its password in OCP_PASSWORD) but never adds the other
// one. Resolved one by one, a block with one pair in a workspace that exports the
// other (HCP Terraform variables shared by several configurations) would always
// conflict. A block without credentials takes them all from the environment.
func resolveCredentials(config providerModel) credentials {
	block := map[setting]types.String{
		settingUsername: config.Username, settingPassword: config.Password,
		settingAccessKeyID: config.AccessKeyID, settingAccessKeySecret: config.AccessKeySecret,
	}
	creds := credentials{fromBlock: true, given: map[setting]string{}, fromEnvironment: map[setting]bool{}}
	for _, s := range credentialSettings {
		if value := block[s]; !value.IsNull() {
			creds.given[s] = value.ValueString()
		}
	}
	creds.fromBlock = len(creds.given) > 0
	for _, pair := range []credentialPair{basicPair, accessKeyPair} {
		if !creds.fromBlock || creds.hasAny(pair) {
			creds.completeFromEnvironment(pair)
		}
	}
	return creds
}

// completeFromEnvironment takes the pair's settings that are not set yet from
// their environment variables.
func (c credentials) completeFromEnvironment(pair credentialPair) {
	for _, s := range []setting{pair.name, pair.secret} {
		if value := os.Getenv(s.env); value != "" && !c.has(s) {
			c.given[s], c.fromEnvironment[s] = value, true
		}
	}
}

// checkCredentials reports credentials that cannot work. Unlike ocpclient's own check,
// it knows where they came from, so it names the attributes or variables to change
// (never their values) and says how.
func checkCredentials(c credentials, diags *diag.Diagnostics) {
	basic, accessKey := c.hasAny(basicPair), c.hasAny(accessKeyPair)
	switch {
	case basic && accessKey:
		diags.AddAttributeError(settingUsername.path(), "Invalid OCP credentials", c.bothPairsDetail())
	case basic:
		c.checkComplete(basicPair, diags)
	case accessKey:
		c.checkComplete(accessKeyPair, diags)
	default:
		diags.AddAttributeError(settingUsername.path(), "Invalid OCP credentials",
			"Neither the provider block nor the environment sets credentials. "+credentialsHelp)
	}
}

func (c credentials) bothPairsDetail() string {
	if c.fromBlock {
		return fmt.Sprintf("Both a username/password and an access key pair are set in the provider block: %s. "+
			"Remove the pair you do not use from the provider block.%s", c.givenNames(), c.ignoredEnvironmentNote())
	}
	return fmt.Sprintf("Both a username/password and an access key pair are set, all from the environment: %s "+
		"(the provider block sets no credentials). Unset the variables of the pair you do not use, "+
		"or set the credentials you want in the provider block: %s.", c.givenNames(), credentialPrecedence)
}

// checkComplete reports a pair of which only one half is set.
func (c credentials) checkComplete(pair credentialPair, diags *diag.Diagnostics) {
	set, missing := pair.name, pair.secret
	switch {
	case c.has(set) && c.has(missing):
		return
	case !c.has(set):
		set, missing = missing, set
	}
	detail := fmt.Sprintf("%s: %s is set but neither the provider block sets %s nor is %s set in the environment. "+
		"Set one of them.%s", pair.needs, c.name(set), missing.attribute, missing.env, c.ignoredEnvironmentNote())
	if !c.fromBlock {
		detail = fmt.Sprintf("%s: the environment sets %s but not %s. Set %s as well, or set %s and %s in the provider block.",
			pair.needs, set.env, missing.env, missing.env, pair.name.attribute, pair.secret.attribute)
	}
	diags.AddAttributeError(missing.path(), "Invalid OCP credentials", detail)
}

func (c credentials) has(s setting) bool {
	_, ok := c.given[s]
	return ok
}

func (c credentials) hasAny(pair credentialPair) bool { return c.has(pair.name) || c.has(pair.secret) }

// givenNames lists the settings the source sets, by attribute or by variable.
func (c credentials) givenNames() string {
	var names []string
	for _, s := range credentialSettings {
		if c.has(s) {
			names = append(names, c.name(s))
		}
	}
	return joinNames(names)
}

// name is how messages call s: by attribute in the block, by variable in the environment.
func (c credentials) name(s setting) string {
	if c.fromEnvironment[s] {
		return s.env
	}
	return s.attribute
}

// ignoredEnvironmentNote names the credential variables that are set but not read
// because the block sets credentials, for the user who expected them to apply.
func (c credentials) ignoredEnvironmentNote() string {
	var ignored []string
	for _, s := range credentialSettings {
		if os.Getenv(s.env) != "" && !c.fromEnvironment[s] {
			ignored = append(ignored, s.env)
		}
	}
	if !c.fromBlock || len(ignored) == 0 {
		return ""
	}
	verb := "are"
	if len(ignored) == 1 {
		verb = "is"
	}
	return fmt.Sprintf(" %s %s set in the environment but not used: %s.", joinNames(ignored), verb, credentialPrecedence)
}

// joinNames joins names as prose: "a", "a and b", "a, b and c".
func joinNames(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// addConfigError attributes a client configuration error to the provider attribute
// (and environment variable) it comes from.
func addConfigError(diags *diag.Diagnostics, err error) {
	var cfgErr *ocpclient.ConfigError
	if !errors.As(err, &cfgErr) {
		diags.AddError("Invalid OCP provider configuration", err.Error())
		return
	}
	switch cfgErr.Field {
	case ocpclient.FieldURL:
		diags.AddAttributeError(settingURL.path(), "Invalid OCP URL",
			fmt.Sprintf("url (or OCP_URL): %s.", cfgErr.Message))
	case ocpclient.FieldCACert:
		diags.AddAttributeError(settingCACertPEM.path(), "Invalid CA certificate",
			fmt.Sprintf("ca_cert_pem (or OCP_CA_CERT_PEM): %s.", cfgErr.Message))
	default:
		diags.AddAttributeError(settingUsername.path(), "Invalid OCP credentials",
			fmt.Sprintf("The provider's credentials cannot be used: %s. %s", cfgErr.Message, credentialsHelp))
	}
}

func authMode(cfg ocpclient.Config) string {
	if cfg.AccessKeyID != "" {
		return "access_key"
	}
	return "basic"
}

func anyUnknown(values ...attr.Value) bool {
	for _, v := range values {
		if v.IsUnknown() {
			return true
		}
	}
	return false
}

func nonEmpty(values ...string) []string {
	var kept []string
	for _, v := range values {
		if v != "" {
			kept = append(kept, v)
		}
	}
	return kept
}
