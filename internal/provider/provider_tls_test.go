package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

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
				step.Check = checkMock(ocp.sawSchedule(testTenantID, true))
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{step},
			})
		})
	}
}
