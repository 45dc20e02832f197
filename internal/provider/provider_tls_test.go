package provider

import (
	"encoding/pem"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// newTLSTestOCP serves the mock over HTTPS with a self-signed certificate and
// returns that certificate as PEM.
func newTLSTestOCP(t *testing.T) (*testOCP, string) {
	t.Helper()
	plain := newTestOCP(t, ocpmock.Options{})
	server := httptest.NewTLSServer(plain.Server)
	t.Cleanup(server.Close)
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: server.Certificate().Raw})
	return &testOCP{Server: plain.Server, URL: server.URL}, string(certPEM)
}

func TestAccProvider_tls(t *testing.T) {
	tests := map[string]struct {
		setting string
		want    []string
	}{
		"trusted through ca_cert_pem": {setting: "ca_cert_pem = %q"},
		"insecure_skip_verify":        {setting: "insecure_skip_verify = true"},
		"untrusted": {want: []string{"to 127.0.0.1", "the TLS certificate is not trusted",
			"ca_cert_pem (or OCP_CA_CERT_PEM)", "insecure_skip_verify"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			ocp, certPEM := newTLSTestOCP(t)
			setting := tt.setting
			if setting == "ca_cert_pem = %q" {
				setting = fmt.Sprintf(setting, certPEM)
			}
			step := resource.TestStep{
				Config: requiredProviders + fmt.Sprintf(`
provider "ocp" {
  url      = %q
  username = %q
  password = %q
  %s
}
`, ocp.URL, testUsername, testPassword, setting) + scheduleBlock(testTenantID, ""),
			}
			if tt.want != nil {
				step.ExpectError = errorParts(tt.want...)
			} else {
				step.Check = checkMock(func() error { return ocp.expectSchedule(testTenantID, true) })
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{step},
			})
		})
	}
}
