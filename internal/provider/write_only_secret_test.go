package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// The storage secret of a carried strategy as a write-only argument, fed by an
// ephemeral variable: it needs its version, OCP gets it, neither plan nor state
// holds it, a new version sends a new one, and every other update sends it again. Write-only arguments need Terraform or OpenTofu 1.11:
// of the CLI matrix, OpenTofu 1.12.6 runs this test, the older Terraform versions
// skip it.
func TestAccWriteOnlySecret(t *testing.T) {
	const first, second = "wo-Secret-1c7f-never-stored", "wo-Secret-2d8e-never-stored"
	storage := tfjsonpath.New("strategy").AtMapKey("storage")
	address := scheduleResourceAddr
	ocp := newTestOCP(t, ocpmock.Options{})
	configWithStorage := func(storage string) string {
		return ocp.strategyConfig(testTenantNoStrategy, weeklySchedule, `    type                         = "OSS"
    endpoint                     = "oss-cn-hangzhou.aliyuncs.com"
    access_key_id                = "LTAI-test"
    access_key_secret_wo         = var.oss_secret
`+storage) + `
variable "oss_secret" {
  type      = string
  ephemeral = true
}
`
	}
	configAt := func(url string, version int) string {
		return configWithStorage(fmt.Sprintf("    url = %q\n    access_key_secret_wo_version = %d", url, version))
	}
	configWith := func(version int) string { return configAt("bucket/scratch", version) }
	storedSecret := func(want string) func() error {
		return ocp.expectBody(testTenantNoStrategy, want, "obBackupServiceStorageConfig", "obBackupStorageBaseInfo", "ossAccessKey", "accessKeySecret")
	}
	noSecretInState := func(state *terraform.State) error {
		for _, module := range state.Modules {
			for address, rs := range module.Resources {
				for key, value := range rs.Primary.Attributes {
					if strings.Contains(value, first) || strings.Contains(value, second) {
						return fmt.Errorf("state of %s holds the write-only secret in %s", address, key)
					}
				}
			}
		}
		return nil
	}
	woIsNull := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(address, storage.AtMapKey("access_key_secret_wo"), knownvalue.Null()),
		statecheck.ExpectKnownValue(address, storage.AtMapKey("access_key_secret"), knownvalue.Null()),
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		Steps: []resource.TestStep{
			{
				// Without a version, a new secret could never be sent: refused at plan.
				Config:          configWithStorage(`    url = "bucket/scratch"`),
				ConfigVariables: config.Variables{"oss_secret": config.StringVariable(first)},
				ExpectError:     errorParts("Missing secret version", "could never be rotated"),
			},
			{
				// A failed create leaves a tainted resource in state, without the
				// secret: the framework blanks write-only values only on success.
				PreConfig:       func() { ocp.FailNextTasks("bucket scratch is not reachable") },
				Config:          configWith(1),
				ConfigVariables: config.Variables{"oss_secret": config.StringVariable(first)},
				ExpectError:     errorParts("did not succeed", "is not reachable"),
			},
			{
				// The next apply replaces it; a secret in state would fail this plan.
				PreConfig:         func() { ocp.FailNextTasks("") },
				Config:            configWith(1),
				ConfigVariables:   config.Variables{"oss_secret": config.StringVariable(first)},
				ConfigStateChecks: woIsNull,
				Check:             resource.ComposeTestCheckFunc(noSecretInState, checkMock(storedSecret(first))),
			},
			{
				// The same version: no change, whatever the variable holds.
				Config:          configWith(1),
				ConfigVariables: config.Variables{"oss_secret": config.StringVariable(second)},
				PlanOnly:        true,
			},
			{
				Config:            configWith(2),
				ConfigVariables:   config.Variables{"oss_secret": config.StringVariable(second)},
				ConfigStateChecks: woIsNull,
				Check: resource.ComposeTestCheckFunc(noSecretInState, checkMock(
					storedSecret(second),
					ocp.sawCalls(ocpmock.RouteUpdateStrategy, 1),
				)),
			},
			{
				// Any other update sends the secret too: OCP's modify takes the whole
				// strategy, and one without the secret would leave OCP without it.
				Config:          configAt("bucket/scratch2", 2),
				ConfigVariables: config.Variables{"oss_secret": config.StringVariable(second)},
				Check: resource.ComposeTestCheckFunc(noSecretInState, checkMock(
					storedSecret(second),
					ocp.sawCalls(ocpmock.RouteUpdateStrategy, 2),
				)),
			},
		},
	})
}
