package provider

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

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
)

func (s setting) path() path.Path { return path.Root(s.attribute) }

func (s setting) resolve(value types.String) string {
	if !value.IsNull() {
		return value.ValueString()
	}
	return os.Getenv(s.env)
}

const credentialsHelp = "Set either username and password (or OCP_USERNAME and OCP_PASSWORD), " +
	"or access_key_id and access_key_secret (or OCP_ACCESS_KEY_ID and OCP_ACCESS_KEY_SECRET)."

// newClientFromConfig resolves the provider block and its environment fallbacks into
// an OCP client. It returns nil, without error, while some value is still unknown
// (it depends on a resource not yet created), so that plan works; it returns nil with
// errors in diags when the configuration is wrong.
func newClientFromConfig(ctx context.Context, config providerModel, version string, diags *diag.Diagnostics) API {
	if anyUnknown(config.URL, config.Username, config.Password, config.AccessKeyID, config.AccessKeySecret,
		config.CACertPEM, config.InsecureSkipVerify, config.RequestTimeout, config.MaxRetries) {
		tflog.Debug(ctx, "OCP provider configuration is not known yet; the client is created once it is")
		return nil
	}
	cfg := ocpclient.Config{
		URL:             settingURL.resolve(config.URL),
		Username:        settingUsername.resolve(config.Username),
		Password:        settingPassword.resolve(config.Password),
		AccessKeyID:     settingAccessKeyID.resolve(config.AccessKeyID),
		AccessKeySecret: settingAccessKeySecret.resolve(config.AccessKeySecret),
		CACertPEM:       settingCACertPEM.resolve(config.CACertPEM),
		MaxRetries:      ocpclient.DefaultMaxRetries,
		UserAgent:       "terraform-provider-ocp/" + version,
	}
	ctx = tflog.MaskLogStrings(ctx, nonEmpty(cfg.Password, cfg.AccessKeySecret)...)
	if cfg.URL == "" {
		diags.AddAttributeError(settingURL.path(), "Missing OCP URL",
			"Set url in the provider block or the OCP_URL environment variable, e.g. https://ocp.example.com:8080.")
		return nil
	}
	cfg.InsecureSkipVerify = resolveInsecure(config.InsecureSkipVerify, diags)
	if !config.RequestTimeout.IsNull() {
		// The schema validator already rejected values that do not parse.
		cfg.RequestTimeout, _ = time.ParseDuration(config.RequestTimeout.ValueString())
	}
	if !config.MaxRetries.IsNull() {
		cfg.MaxRetries = int(config.MaxRetries.ValueInt64())
	}
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

func resolveInsecure(value types.Bool, diags *diag.Diagnostics) bool {
	if !value.IsNull() {
		return value.ValueBool()
	}
	raw := os.Getenv(settingInsecure.env)
	if raw == "" {
		return false
	}
	insecure, err := strconv.ParseBool(raw)
	if err != nil {
		diags.AddAttributeError(settingInsecure.path(), "Invalid OCP_INSECURE_SKIP_VERIFY",
			fmt.Sprintf("The environment variable OCP_INSECURE_SKIP_VERIFY is %q; set it to true or false.", raw))
	}
	return insecure
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
