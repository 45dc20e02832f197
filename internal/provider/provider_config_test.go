package provider

import (
	"context"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

const testConfigURL = "https://ocp.example.com:8080"

// isolateOCPEnvironment unsets every OCP_* variable the provider reads, so that a
// developer's shell does not leak into the test; each test then sets its own.
func isolateOCPEnvironment(t *testing.T, env map[string]string) {
	t.Helper()
	for _, name := range []string{"OCP_URL", "OCP_USERNAME", "OCP_PASSWORD", "OCP_ACCESS_KEY_ID",
		"OCP_ACCESS_KEY_SECRET", "OCP_CA_CERT_PEM", "OCP_INSECURE_SKIP_VERIFY", "OCP_REQUEST_TIMEOUT", "OCP_MAX_RETRIES"} {
		t.Setenv(name, env[name])
	}
}

// configure runs the provider's configuration step on model in the current environment.
func configure(model providerModel) (API, diag.Diagnostics) {
	var diags diag.Diagnostics
	client := newClientFromConfig(context.Background(), model, "test", &diags)
	return client, diags
}

func basicBlock() providerModel {
	return providerModel{URL: types.StringValue(testConfigURL),
		Username: types.StringValue(testUsername), Password: types.StringValue(testPassword)}
}

func accessKeyBlock() providerModel {
	return providerModel{URL: types.StringValue(testConfigURL),
		AccessKeyID: types.StringValue(testAccessKeyID), AccessKeySecret: types.StringValue(testAccessKeySecret)}
}

var (
	basicEnv     = map[string]string{"OCP_USERNAME": testUsername, "OCP_PASSWORD": testPassword}
	accessKeyEnv = map[string]string{"OCP_ACCESS_KEY_ID": testAccessKeyID, "OCP_ACCESS_KEY_SECRET": testAccessKeySecret}
)

func merged(envs ...map[string]string) map[string]string {
	all := map[string]string{}
	for _, env := range envs {
		for k, v := range env {
			all[k] = v
		}
	}
	return all
}

// wantError checks that diags hold exactly one error, on attribute at, whose text
// contains every part and none of the test secrets.
func wantError(t *testing.T, diags diag.Diagnostics, at string, parts ...string) {
	t.Helper()
	if len(diags.Errors()) != 1 {
		t.Fatalf("want one error on %s, got %v", at, diags)
	}
	d := diags.Errors()[0]
	withPath, ok := d.(diag.DiagnosticWithPath)
	if !ok || !withPath.Path().Equal(path.Root(at)) {
		t.Errorf("error is not attributed to %s: %v", at, d)
	}
	text := d.Summary() + "\n" + d.Detail()
	for _, part := range parts {
		if !strings.Contains(text, part) {
			t.Errorf("error does not contain %q:\n%s", part, text)
		}
	}
	for _, secret := range []string{testPassword, testAccessKeySecret} {
		if strings.Contains(text, secret) {
			t.Errorf("error contains a secret:\n%s", text)
		}
	}
}

func TestNewClientFromConfig_blockCredentialsWinOverEnvironment(t *testing.T) {
	tests := map[string]struct {
		block providerModel
		env   map[string]string
	}{
		"basic in block, access key in environment": {basicBlock(), accessKeyEnv},
		"access key in block, basic in environment": {accessKeyBlock(), basicEnv},
		"basic in block, both pairs in environment": {basicBlock(), merged(basicEnv, accessKeyEnv)},
		"only url in block, basic in environment":   {providerModel{URL: types.StringValue(testConfigURL)}, basicEnv},
		// A user name in the block, its password kept out of the configuration.
		"username in block, password in environment": {usernameInBlock(), merged(map[string]string{"OCP_PASSWORD": testPassword}, accessKeyEnv)},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			isolateOCPEnvironment(t, tt.env)
			client, diags := configure(tt.block)
			if diags.HasError() || client == nil {
				t.Fatalf("want a client, got %v", diags)
			}
		})
	}
}

func TestNewClientFromConfig_credentialErrorsNameTheirSource(t *testing.T) {
	urlOnly := providerModel{URL: types.StringValue(testConfigURL)}
	mixedBlock := basicBlock()
	mixedBlock.AccessKeyID, mixedBlock.AccessKeySecret = accessKeyBlock().AccessKeyID, accessKeyBlock().AccessKeySecret
	usernameOnly := urlOnly
	usernameOnly.Username = types.StringValue(testUsername)
	tests := map[string]struct {
		block providerModel
		env   map[string]string
		at    string
		want  []string
	}{
		"environment holds both pairs": {urlOnly, merged(basicEnv, accessKeyEnv), "username",
			[]string{"Invalid OCP credentials", "from the environment",
				"OCP_USERNAME", "OCP_PASSWORD", "OCP_ACCESS_KEY_ID", "OCP_ACCESS_KEY_SECRET",
				"Unset", "provider block"}},
		"block holds both pairs": {mixedBlock, nil, "username",
			[]string{"Invalid OCP credentials", "in the provider block",
				"username, password, access_key_id and access_key_secret", "Remove"}},
		"block holds both pairs, environment ignored": {mixedBlock, basicEnv, "username",
			[]string{"in the provider block", "OCP_USERNAME and OCP_PASSWORD are set in the environment but not used"}},
		// The environment completes the block's pair, never the other one.
		"username in block, access key in environment": {usernameOnly, accessKeyEnv, "password",
			[]string{"needs both a username and a password", "username is set but neither the provider block sets password nor is OCP_PASSWORD set",
				"OCP_ACCESS_KEY_ID and OCP_ACCESS_KEY_SECRET are set in the environment but not used"}},
		"access key id alone in environment": {urlOnly, map[string]string{"OCP_ACCESS_KEY_ID": testAccessKeyID}, "access_key_secret",
			[]string{"needs both an access key id and its secret", "OCP_ACCESS_KEY_ID but not OCP_ACCESS_KEY_SECRET"}},
		"no credentials anywhere": {urlOnly, nil, "username",
			[]string{"Invalid OCP credentials", "OCP_USERNAME"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			isolateOCPEnvironment(t, tt.env)
			client, diags := configure(tt.block)
			if client != nil {
				t.Error("want no client")
			}
			wantError(t, diags, tt.at, tt.want...)
		})
	}
}

func TestNewClientFromConfig_requestTimeoutAndMaxRetriesFromEnvironment(t *testing.T) {
	retrySettings := basicBlock()
	retrySettings.RequestTimeout = timetypes.NewGoDurationValueFromStringMust("10s")
	retrySettings.MaxRetries = types.Int64Value(2)
	tests := map[string]struct {
		block       providerModel
		env         map[string]string
		wantTimeout time.Duration
		wantRetries int
	}{
		"defaults":          {basicBlock(), nil, 0, ocpclient.DefaultMaxRetries},
		"from environment":  {basicBlock(), map[string]string{"OCP_REQUEST_TIMEOUT": "45s", "OCP_MAX_RETRIES": "7"}, 45 * time.Second, 7},
		"zero retries":      {basicBlock(), map[string]string{"OCP_MAX_RETRIES": "0"}, 0, 0},
		"block wins":        {retrySettings, map[string]string{"OCP_REQUEST_TIMEOUT": "45s", "OCP_MAX_RETRIES": "7"}, 10 * time.Second, 2},
		"block without env": {retrySettings, nil, 10 * time.Second, 2},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			isolateOCPEnvironment(t, tt.env)
			var diags diag.Diagnostics
			cfg := resolveConfig(tt.block, "test", &diags)
			if diags.HasError() {
				t.Fatal(diags)
			}
			if cfg.RequestTimeout != tt.wantTimeout || cfg.MaxRetries != tt.wantRetries {
				t.Errorf("request timeout %v, max retries %d; want %v, %d",
					cfg.RequestTimeout, cfg.MaxRetries, tt.wantTimeout, tt.wantRetries)
			}
		})
	}
}

func TestNewClientFromConfig_invalidRetrySettingsInEnvironment(t *testing.T) {
	tests := map[string]struct {
		env  map[string]string
		at   string
		want []string
	}{
		"timeout not a duration": {map[string]string{"OCP_REQUEST_TIMEOUT": "soon"}, "request_timeout",
			[]string{"OCP_REQUEST_TIMEOUT", `"soon"`, `"30s"`}},
		"timeout without unit": {map[string]string{"OCP_REQUEST_TIMEOUT": "30"}, "request_timeout",
			[]string{"OCP_REQUEST_TIMEOUT", `"30"`, `"30s"`}},
		"timeout negative": {map[string]string{"OCP_REQUEST_TIMEOUT": "-5s"}, "request_timeout",
			[]string{"OCP_REQUEST_TIMEOUT", "positive"}},
		"retries out of range": {map[string]string{"OCP_MAX_RETRIES": "11"}, "max_retries",
			[]string{"OCP_MAX_RETRIES", `"11"`, "0 to 10"}},
		"retries not a number": {map[string]string{"OCP_MAX_RETRIES": "three"}, "max_retries",
			[]string{"OCP_MAX_RETRIES", `"three"`, "0 to 10"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			isolateOCPEnvironment(t, tt.env)
			client, diags := configure(basicBlock())
			if client != nil {
				t.Error("want no client")
			}
			wantError(t, diags, tt.at, tt.want...)
		})
	}
}

func TestNewClientFromConfig_caCertFilePath(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ocp-ca"), []byte("-----BEGIN CERTIFICATE-----\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	blockAdvice := []string{"ca_cert_pem", "looks like a file path", `file("ca.pem")`}
	tests := map[string]struct {
		block string
		env   string
		want  []string
	}{
		"absolute path":       {block: "/etc/ssl/certs/ocp-ca.pem", want: blockAdvice},
		"relative path":       {block: "./ca.pem", want: blockAdvice},
		"parent path":         {block: "../certs/ca", want: blockAdvice},
		"bare .crt name":      {block: "ocp-ca.crt", want: blockAdvice},
		"existing file":       {block: "ocp-ca", want: blockAdvice},
		"path in environment": {env: "/etc/ocp/ca.pem", want: []string{"OCP_CA_CERT_PEM", "looks like a file path", `"$(cat ca.pem)"`}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			isolateOCPEnvironment(t, map[string]string{"OCP_CA_CERT_PEM": tt.env})
			block := basicBlock()
			if tt.block != "" {
				block.CACertPEM = types.StringValue(tt.block)
			}
			_, diags := configure(block)
			wantError(t, diags, "ca_cert_pem", tt.want...)
		})
	}
}

func TestNewClientFromConfig_caCertContentsAreNotTakenForAPath(t *testing.T) {
	server := httptest.NewTLSServer(http.NotFoundHandler())
	server.Close()
	validPEM := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: server.Certificate().Raw}))
	isolateOCPEnvironment(t, nil)

	block := basicBlock()
	block.CACertPEM = types.StringValue(validPEM)
	if client, diags := configure(block); client == nil || diags.HasError() {
		t.Errorf("valid PEM: want a client, got %v", diags)
	}

	block.CACertPEM = types.StringValue("not a certificate")
	_, diags := configure(block)
	wantError(t, diags, "ca_cert_pem", "not valid PEM")
	if strings.Contains(diags.Errors()[0].Detail(), "file path") {
		t.Errorf("text that is no path is called a file path: %v", diags)
	}
}

// Users learn the variables from the attribute docs and the provider page, so every
// attribute names its OCP_* variable in both.
func TestProviderConfig_everyAttributeNamesItsEnvironmentVariable(t *testing.T) {
	var resp provider.SchemaResponse
	(&ocpProvider{}).Schema(context.Background(), provider.SchemaRequest{}, &resp)
	page, err := os.ReadFile(filepath.Join("..", "..", "templates", "index.md.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	for name, attribute := range resp.Schema.Attributes {
		env := "`OCP_" + strings.ToUpper(name) + "`"
		if !strings.Contains(attribute.GetDescription(), env) {
			t.Errorf("description of %s does not name %s: %q", name, env, attribute.GetDescription())
		}
		if !strings.Contains(string(page), env) {
			t.Errorf("templates/index.md.tmpl does not list %s", env)
		}
	}
}

func usernameInBlock() providerModel {
	return providerModel{URL: types.StringValue(testConfigURL), Username: types.StringValue(testUsername)}
}

// A provider block known only at apply time is deferred when Terraform allows it,
// and configured without a client (so that plan works) when it does not.
func TestConfigure_defersAnUnknownConfigurationWhenAllowed(t *testing.T) {
	ctx := context.Background()
	p := New("test")()
	var schema provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &schema)
	objectType, ok := schema.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatal("the provider schema is not an object")
	}
	values := map[string]tftypes.Value{}
	for name, attributeType := range objectType.AttributeTypes {
		values[name] = tftypes.NewValue(attributeType, nil)
	}
	values["url"] = tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	config := tfsdk.Config{Schema: schema.Schema, Raw: tftypes.NewValue(objectType, values)}
	for _, allowed := range []bool{true, false} {
		var resp provider.ConfigureResponse
		p.Configure(ctx, provider.ConfigureRequest{Config: config,
			ClientCapabilities: provider.ConfigureProviderClientCapabilities{DeferralAllowed: allowed}}, &resp)
		switch {
		case resp.Diagnostics.HasError():
			t.Errorf("deferral allowed %v: %v", allowed, resp.Diagnostics)
		case allowed && (resp.Deferred == nil || resp.Deferred.Reason != provider.DeferredReasonProviderConfigUnknown):
			t.Errorf("deferral allowed: want the configuration deferred as unknown, got %+v", resp.Deferred)
		case !allowed && (resp.Deferred != nil || resp.ResourceData != nil):
			t.Errorf("deferral not allowed: want no deferral and no client yet, got %+v, %v", resp.Deferred, resp.ResourceData)
		}
	}
}

// OCP_URL with OCP's API path is refused at Configure as the url attribute is at
// plan time, saying what to write instead.
func TestNewClientFromConfig_apiPathInTheEnvironmentURL(t *testing.T) {
	isolateOCPEnvironment(t, map[string]string{"OCP_URL": "https://ocp.example.com:8080/api/v2",
		"OCP_USERNAME": testUsername, "OCP_PASSWORD": testPassword})
	api, diags := configure(providerModel{})
	if api != nil {
		t.Fatal("configured a client for a url with OCP's API path")
	}
	wantError(t, diags, "url", "OCP_URL", "ends in OCP's API path /api/v2", `write "https://ocp.example.com:8080" instead`)
}
