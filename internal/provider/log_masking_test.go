package provider

import (
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// With TF_LOG=TRACE, the provider's and Terraform's logs of runs that use every
// credential (Basic, AccessKey, a rejected password, an object storage secret) and
// the diagnostics of a failure contain none of them.
func TestAccLogsNeverContainSecrets(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance tests skipped unless env 'TF_ACC' set")
	}
	logDir := t.TempDir()
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_LOG_PATH_MASK", filepath.Join(logDir, "%s.log"))
	const wrongPassword = "Wrong-3f0a-never-print"
	const ossSecret = "oss-Secret-9b1e-never-print"

	// Secrets reach the provider as users pass them: through OCP_* variables and
	// sensitive input variables. (Written into a test's configuration, they would
	// show in the test framework's own log of that configuration.)
	ocp := newTestOCP(t, ocpmock.Options{})
	urlOnly := requiredProviders + fmt.Sprintf(`
provider "ocp" {
  url         = %q
  max_retries = 0
}
`, ocp.URL)
	run := func(name string, env map[string]string, tc resource.TestCase) {
		t.Run(name, func(t *testing.T) {
			for _, key := range []string{"OCP_USERNAME", "OCP_PASSWORD", "OCP_ACCESS_KEY_ID", "OCP_ACCESS_KEY_SECRET"} {
				t.Setenv(key, env[key])
			}
			tc.ProtoV6ProviderFactories = testAccProtoV6ProviderFactories
			resource.Test(t, tc)
		})
	}
	basic := map[string]string{"OCP_USERNAME": testUsername, "OCP_PASSWORD": testPassword}
	run("basic", basic, resource.TestCase{Steps: []resource.TestStep{{Config: urlOnly + scheduleBlock(testTenantID, "")}}})
	run("access key", map[string]string{"OCP_ACCESS_KEY_ID": testAccessKeyID, "OCP_ACCESS_KEY_SECRET": testAccessKeySecret},
		resource.TestCase{Steps: []resource.TestStep{{Config: urlOnly + scheduleBlock(testOtherTenantID, "")}}})
	strategy := func(day string) resource.TestStep {
		return resource.TestStep{
			// The secret reached OCP: the check below is not vacuous.
			Check: checkMock(ocp.expectBody(testTenantNoStrategy, ossSecret,
				"obBackupServiceStorageConfig", "obBackupStorageBaseInfo", "ossAccessKey", "accessKeySecret")),
			ConfigVariables: config.Variables{"oss_secret": config.StringVariable(ossSecret)},
			Config: urlOnly + fmt.Sprintf(`
variable "oss_secret" {
  type      = string
  sensitive = true
}

resource "ocp_tenant_backup_schedule" "this" {
  cluster_id = %d
  tenant_id  = %d
  strategy = {
    schedule = {
      mode = "WEEK"
      time = "02:00+08:00"
      days = { %q = "FULL_BACKUP" }
    }
    storage = {
      type              = "OSS"
      url               = "bucket/scratch"
      endpoint          = "oss.example.com"
      access_key_id     = "LTAI-test"
      access_key_secret = var.oss_secret
    }
  }
}
`, testClusterID, testTenantNoStrategy, day),
		}
	}
	run("object storage secret", basic, resource.TestCase{Steps: []resource.TestStep{strategy("1"), strategy("2")}})
	rejected := expectErrorWithout(t, errorParts("HTTP 401"), wrongPassword, testPassword)
	run("rejected password", map[string]string{"OCP_USERNAME": testUsername, "OCP_PASSWORD": wrongPassword},
		resource.TestCase{
			ErrorCheck: rejected.check,
			Steps:      []resource.TestStep{{Config: urlOnly + scheduleBlock(testTenantID, "")}},
		})
	secrets := map[string]string{
		"password":              testPassword,
		"rejected password":     wrongPassword,
		"access key secret":     testAccessKeySecret,
		"object storage secret": ossSecret,
		"Basic header":          base64.StdEncoding.EncodeToString([]byte(testUsername + ":" + testPassword)),
		"rejected Basic header": base64.StdEncoding.EncodeToString([]byte(testUsername + ":" + wrongPassword)),
	}
	files, err := filepath.Glob(filepath.Join(logDir, "*.log"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no log files were written to %s (%v)", logDir, err)
	}
	var all strings.Builder
	for _, file := range files {
		content, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(content)
	}
	logs := all.String()
	for _, marker := range []string{"OCP request", "OCP response"} {
		if !strings.Contains(logs, marker) {
			t.Errorf("the logs lack provider lines %q: the check would prove nothing", marker)
		}
	}
	for name, secret := range secrets {
		if strings.Contains(logs, secret) {
			t.Errorf("the %s appears in the TRACE logs", name)
		}
	}
}
