package provider

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"ocp": providerserver.NewProtocol6WithError(New("test")()),
}

// errorParts matches an error that contains parts in order. Terraform wraps long
// diagnostics, so a space in a part matches any run of white space.
func errorParts(parts ...string) *regexp.Regexp {
	quoted := make([]string, len(parts))
	for i, part := range parts {
		quoted[i] = strings.ReplaceAll(regexp.QuoteMeta(part), " ", `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, ".*"))
}

// errorExpectation checks a step's error in full: it must match pattern and contain
// none of the forbidden strings. ExpectError cannot say "does not contain", so the
// check runs as the test case's ErrorCheck and the test fails if it never ran.
type errorExpectation struct {
	mu        sync.Mutex
	pattern   *regexp.Regexp
	forbidden []string
	seen      bool
}

func expectErrorWithout(t *testing.T, pattern *regexp.Regexp, forbidden ...string) *errorExpectation {
	t.Helper()
	e := &errorExpectation{pattern: pattern, forbidden: forbidden}
	t.Cleanup(func() {
		if !t.Skipped() && !e.seenError() {
			t.Errorf("expected an error matching %q, but no step failed", pattern)
		}
	})
	return e
}

func (e *errorExpectation) seenError() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.seen
}

func (e *errorExpectation) check(err error) error {
	e.mu.Lock()
	e.seen = true
	e.mu.Unlock()
	if !e.pattern.MatchString(err.Error()) {
		return fmt.Errorf("error does not match %q: %w", e.pattern, err)
	}
	for _, secret := range e.forbidden {
		if strings.Contains(err.Error(), secret) {
			return fmt.Errorf("error output contains a secret: %w", err)
		}
	}
	return nil
}

func TestAccProvider_configurationErrors(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	resourceBlock := scheduleBlock(testTenantID, "")
	tests := map[string]struct {
		provider string
		want     *regexp.Regexp
	}{
		"both credential pairs": {
			provider: fmt.Sprintf(`provider "ocp" {
  url               = %q
  username          = "u"
  password          = "p"
  access_key_id     = "a"
  access_key_secret = "s"
}`, ocp.URL),
			want: errorParts("Invalid Attribute Combination", "access_key_id"),
		},
		"no credentials": {
			provider: fmt.Sprintf(`provider "ocp" {
  url = %q
}`, ocp.URL),
			want: errorParts("Invalid OCP credentials", "OCP_USERNAME"),
		},
		"password without username": {
			provider: fmt.Sprintf(`provider "ocp" {
  url      = %q
  password = "p"
}`, ocp.URL),
			want: errorParts("needs both a username and a password"),
		},
		"url without scheme": {
			provider: `provider "ocp" {
  url      = "ocp.example.com:8080"
  username = "u"
  password = "p"
}`,
			want: errorParts("Invalid OCP URL", "is not an absolute http:// or https:// address"),
		},
		"bad request_timeout": {
			provider: fmt.Sprintf(`provider "ocp" {
  url             = %q
  username        = "u"
  password        = "p"
  request_timeout = "soon"
}`, ocp.URL),
			want: errorParts("Invalid Time Duration String Value", "request_timeout", "soon"),
		},
		"zero request_timeout": {
			provider: fmt.Sprintf(`provider "ocp" {
  url             = %q
  username        = "u"
  password        = "p"
  request_timeout = "0s"
}`, ocp.URL),
			want: errorParts("request_timeout", "expected a positive"),
		},
		"max_retries out of range": {
			provider: fmt.Sprintf(`provider "ocp" {
  url         = %q
  username    = "u"
  password    = "p"
  max_retries = 50
}`, ocp.URL),
			want: errorParts("max_retries", "between 0 and 10"),
		},
		"invalid CA certificate": {
			provider: fmt.Sprintf(`provider "ocp" {
  url         = %q
  username    = "u"
  password    = "p"
  ca_cert_pem = "not a certificate"
}`, ocp.URL),
			want: errorParts("Invalid CA certificate", "ca_cert_pem"),
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Setenv("OCP_URL", "")
			t.Setenv("OCP_USERNAME", "")
			t.Setenv("OCP_PASSWORD", "")
			t.Setenv("OCP_ACCESS_KEY_ID", "")
			t.Setenv("OCP_ACCESS_KEY_SECRET", "")
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      requiredProviders + tt.provider + resourceBlock,
					ExpectError: tt.want,
				}},
			})
		})
	}
	if err := ocp.expectCalls(ocpmock.RouteStartSchedule, 0); err != nil {
		t.Error(err)
	}
}

func TestAccProvider_environmentFallback(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	t.Setenv("OCP_URL", ocp.URL)
	t.Setenv("OCP_USERNAME", "")
	t.Setenv("OCP_PASSWORD", "")
	t.Setenv("OCP_ACCESS_KEY_ID", testAccessKeyID)
	t.Setenv("OCP_ACCESS_KEY_SECRET", testAccessKeySecret)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: requiredProviders + `provider "ocp" {}` + scheduleBlock(testTenantID, ""),
			Check:  checkMock(ocp.sawSchedule(testTenantID, true)),
		}},
	})
}

// A provider block that depends on a resource still to be created is unknown during
// plan; the plan must still succeed and the apply then use the real values. A data
// source is read during plan unless depends_on defers it, as the error advises.
func TestAccProvider_unknownConfigurationDuringPlan(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: requiredProviders + fmt.Sprintf(`
resource "terraform_data" "ocp_endpoint" {
  input = %q
}

provider "ocp" {
  url      = terraform_data.ocp_endpoint.output
  username = %q
  password = %q
}

# Read during apply, once the provider's configuration is known.
data "ocp_tenant" "orders" {
  depends_on = [terraform_data.ocp_endpoint]
  cluster_id = %d
  name       = "orders"
}
`, ocp.URL, testUsername, testPassword, testClusterID) + scheduleBlock(testTenantID, ""),
			ConfigStateChecks: append(startedScheduleChecks(testTenantID),
				statecheck.ExpectKnownValue("data.ocp_tenant.orders", tfjsonpath.New("id"), knownvalue.Int64Exact(testTenantID))),
			Check: checkMock(ocp.sawCalls(ocpmock.RouteStartSchedule, 1)),
		}},
	})
}

// skipForCLIMatrix skips, under go test -short, a suite that tests the provider's
// own logic over many faults or answer shapes. It does not depend on which CLI
// drives it, so make test runs it once and the CLI matrix runs with -short.
func skipForCLIMatrix(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("the provider's own logic over many faults; make test runs it, the CLI matrix (-short) does not")
	}
}
