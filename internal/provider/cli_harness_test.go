package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	goversion "github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// terraform-plugin-testing initialises its working directory before it writes a
// step's configuration, so it cannot install modules. Tests that apply the example
// module, or need the CLI's own output, therefore drive the Terraform CLI
// themselves: with cliTest (terraform-exec, the provider served in-process). Only
// a test that kills the provider with the CLI needs the provider as a process of
// its own, started by Terraform: devOverrideWorkspace and terraformCommand.

// cliTest is a Terraform working directory holding a copy of examples/.
type cliTest struct {
	t         *testing.T
	examples  string
	reattach  tfexec.ReattachInfo
	terraform string
}

func newCLITest(t *testing.T) *cliTest {
	t.Helper()
	terraform := acceptanceTerraform(t)
	examples := filepath.Join(t.TempDir(), "examples")
	if err := os.CopyFS(examples, os.DirFS(repoExamplesDir(t))); err != nil {
		t.Fatal(err)
	}
	return &cliTest{t: t, examples: examples, reattach: serveProviderInProcess(t), terraform: terraform}
}

// dir returns a Terraform runner for a directory below the copied examples/.
func (c *cliTest) dir(rel string) *tfexec.Terraform {
	c.t.Helper()
	tf, err := tfexec.NewTerraform(filepath.Join(c.examples, rel), c.terraform)
	if err != nil {
		c.t.Fatal(err)
	}
	return tf
}

// root writes config as the main.tf of a new directory beside the copied examples
// (so that it can use ../modules) and returns a Terraform runner for it.
func (c *cliTest) root(name, config string) *tfexec.Terraform {
	c.t.Helper()
	dir := filepath.Join(c.examples, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		c.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
		c.t.Fatal(err)
	}
	return c.dir(name)
}

// run runs the CLI with args in tf's directory against the provider served
// in-process, and returns what it printed: for the commands terraform-exec does
// not have (apply -invoke, query, test), with the reattach information
// terraform-exec would pass.
func (c *cliTest) run(tf *tfexec.Terraform, args ...string) (string, error) {
	c.t.Helper()
	reattach, err := json.Marshal(c.reattach)
	if err != nil {
		c.t.Fatal(err)
	}
	cmd := exec.Command(c.terraform, append(args, "-no-color")...)
	cmd.Dir = tf.WorkingDir()
	cmd.Env = append(os.Environ(), "TF_REATTACH_PROVIDERS="+string(reattach), "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	output, err := cmd.CombinedOutput()
	return string(output), err
}

// invoke runs terraform apply -invoke=address.
func (c *cliTest) invoke(tf *tfexec.Terraform, address string) (string, error) {
	return c.run(tf, "apply", "-auto-approve", "-input=false", "-invoke="+address)
}

// skipUnlessTerraform skips the test on OpenTofu, and on Terraform older than
// version, which what names.
func skipUnlessTerraform(t *testing.T, tf *tfexec.Terraform, version, what string) {
	t.Helper()
	skipOnOpenTofu(t, what)
	skipBelow(t, tf, version, what)
}

// skipOnOpenTofu skips a test of what only Terraform has (make testacc-compat
// names OpenTofu's registry for its run).
func skipOnOpenTofu(t *testing.T, what string) {
	t.Helper()
	if os.Getenv("TF_ACC_PROVIDER_HOST") == "registry.opentofu.org" {
		t.Skipf("%s: OpenTofu does not have it", what)
	}
}

func repoExamplesDir(t *testing.T) string {
	t.Helper()
	return filepath.Join(repoRoot(t), "examples")
}

func repoRoot(t *testing.T) string {
	t.Helper()
	_, thisFile, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the test file")
	}
	return filepath.Join(filepath.Dir(thisFile), "..", "..")
}

// providerAddress is where Terraform (or OpenTofu, with TF_ACC_PROVIDER_HOST set to
// its registry) looks for source = "ocp-tf/ocp".
func providerAddress() string {
	host := os.Getenv("TF_ACC_PROVIDER_HOST")
	if host == "" {
		host = "registry.terraform.io"
	}
	return host + "/ocp-tf/ocp"
}

// serveProviderInProcess serves the provider in debug mode and returns what
// Terraform needs to attach to it instead of installing it.
func serveProviderInProcess(t *testing.T) tfexec.ReattachInfo {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	configCh := make(chan *plugin.ReattachConfig, 1)
	closeCh := make(chan struct{})
	serveErr := make(chan error, 1)
	go func() {
		serveErr <- tf6server.Serve(providerAddress(), providerserver.NewProtocol6(New("test")()),
			tf6server.WithDebug(ctx, configCh, closeCh),
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			tf6server.WithLoggingSink(t),
			tf6server.WithoutLogStderrOverride())
	}()
	var cfg *plugin.ReattachConfig
	select {
	case cfg = <-configCh:
	case err := <-serveErr:
		cancel()
		t.Fatalf("serving the provider: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		<-closeCh
	})
	return tfexec.ReattachInfo{providerAddress(): {
		Protocol:        string(cfg.Protocol),
		ProtocolVersion: cfg.ProtocolVersion,
		Pid:             cfg.Pid,
		Test:            true,
		Addr:            tfexec.ReattachConfigAddr{Network: cfg.Addr.Network(), String: cfg.Addr.String()},
	}}
}

// skipBelow skips the test when the CLI tf runs is older than version, which
// what names.
func skipBelow(t *testing.T, tf *tfexec.Terraform, version, what string) {
	t.Helper()
	current, _, err := tf.Version(context.Background(), true)
	if err != nil {
		t.Fatalf("reading the CLI's version: %v", err)
	}
	if current.LessThan(goversion.Must(goversion.NewVersion(version))) {
		t.Skipf("%s needs %s or later; this CLI is %s", what, version, current)
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	content, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(content)
}

// acceptanceTerraform is the CLI the acceptance tests run; it skips the test
// without TF_ACC.
func acceptanceTerraform(t *testing.T) string {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance tests skipped unless env 'TF_ACC' set")
	}
	terraform := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if terraform == "" {
		t.Fatal("TF_ACC_TERRAFORM_PATH must name the Terraform or OpenTofu binary (make test sets it)")
	}
	return terraform
}

// devOverrideWorkspace writes config into a new directory, with a CLI
// configuration that makes Terraform start the provider built from this
// repository.
func devOverrideWorkspace(t *testing.T, config string) string {
	t.Helper()
	dir := t.TempDir()
	// No other provider is installed from anywhere.
	cliConfig := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  filesystem_mirror {\n    path = %q\n  }\n}\n",
		providerAddress(), providerBinaryDir(t), filepath.Join(dir, "no-providers"))
	for name, content := range map[string]string{"main.tf": config, "cli.tfrc": cliConfig} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// terraformCommand is a Terraform command in dir with the CLI configuration
// devOverrideWorkspace wrote.
func terraformCommand(terraform, dir, command string, args ...string) *exec.Cmd {
	cmd := exec.Command(terraform, append([]string{command, "-auto-approve", "-input=false", "-no-color"}, args...)...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TF_CLI_CONFIG_FILE=") && !strings.HasPrefix(kv, "TF_REATTACH_PROVIDERS=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "TF_CLI_CONFIG_FILE="+filepath.Join(dir, "cli.tfrc"), "CHECKPOINT_DISABLE=1")
	return cmd
}

// providerBuild is the provider built for the tests that need it as a process of
// its own; TestMain removes dir.
var providerBuild struct {
	once sync.Once
	dir  string
	err  error
}

// providerBinaryDir builds the provider once per test run, into a directory that
// dev_overrides can name.
func providerBinaryDir(t *testing.T) string {
	t.Helper()
	providerBuild.once.Do(func() {
		// Not t.TempDir: the build serves every test of the run, and TestMain removes it.
		providerBuild.dir, providerBuild.err = os.MkdirTemp("", "terraform-provider-ocp-test") //nolint:usetesting // see above.
		if providerBuild.err != nil {
			return
		}
		build := exec.Command("go", "build", "-o", filepath.Join(providerBuild.dir, "terraform-provider-ocp"), ".")
		build.Dir = repoRoot(t)
		if output, err := build.CombinedOutput(); err != nil {
			providerBuild.err = fmt.Errorf("building the provider: %w\n%s", err, output)
		}
	})
	if providerBuild.err != nil {
		t.Fatal(providerBuild.err)
	}
	return providerBuild.dir
}

// stateInstances counts the resource instances in dir's local state.
func stateInstances(t *testing.T, dir string) int {
	t.Helper()
	var state struct {
		Resources []struct {
			Instances []json.RawMessage `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(dir, "terraform.tfstate"))), &state); err != nil {
		t.Fatal(err)
	}
	count := 0
	for _, resource := range state.Resources {
		count += len(resource.Instances)
	}
	return count
}

// initAndApply initialises tf's directory and applies it, failing the test on
// either error.
func (c *cliTest) initAndApply(tf *tfexec.Terraform) {
	c.t.Helper()
	c.init(tf)
	if err := tf.Apply(context.Background(), tfexec.Reattach(c.reattach)); err != nil {
		c.t.Fatalf("apply: %v", err)
	}
}

func (c *cliTest) init(tf *tfexec.Terraform) {
	c.t.Helper()
	if err := tf.Init(context.Background(), tfexec.Reattach(c.reattach)); err != nil {
		c.t.Fatalf("init: %v", err)
	}
}

// plan plans tf's directory and returns the plan as terraform show -json gives it,
// with the check results that plan's exit status does not carry.
func (c *cliTest) plan(tf *tfexec.Terraform) *tfjson.Plan {
	c.t.Helper()
	ctx := context.Background()
	planFile := filepath.Join(tf.WorkingDir(), "plan")
	if _, err := tf.Plan(ctx, tfexec.Reattach(c.reattach), tfexec.Out(planFile)); err != nil {
		c.t.Fatalf("plan: %v", err)
	}
	plan, err := tf.ShowPlanFile(ctx, planFile, tfexec.Reattach(c.reattach))
	if err != nil {
		c.t.Fatal(err)
	}
	return plan
}

// applyUntilSettled applies tf's directory until a plan after an apply finds
// nothing to do, and returns how many applies that took; failed applies and plans
// are logged and tried again, up to maxApplies applies, after which the test fails.
func (c *cliTest) applyUntilSettled(tf *tfexec.Terraform, maxApplies int) int {
	c.t.Helper()
	ctx := context.Background()
	for applies := 1; applies <= maxApplies; applies++ {
		if err := tf.Apply(ctx, tfexec.Reattach(c.reattach)); err != nil {
			c.t.Logf("apply %d failed: %v", applies, err)
			continue
		}
		changes, err := tf.Plan(ctx, tfexec.Reattach(c.reattach))
		if err == nil && !changes {
			return applies
		}
		c.t.Logf("plan after apply %d: changes=%v err=%v", applies, changes, err)
	}
	c.t.Fatalf("changes were left after %d applies", maxApplies)
	return maxApplies
}

// stateSchedules returns, by tenant_id, the attributes of every
// ocp_tenant_backup_schedule in tf's state.
func (c *cliTest) stateSchedules(tf *tfexec.Terraform) map[int64]map[string]any {
	c.t.Helper()
	state, err := tf.Show(context.Background(), tfexec.Reattach(c.reattach))
	if err != nil {
		c.t.Fatalf("show: %v", err)
	}
	schedules := map[int64]map[string]any{}
	if state.Values == nil {
		return schedules
	}
	for _, r := range state.Values.RootModule.Resources {
		// terraform-json decodes numbers as json.Number.
		id, err := strconv.ParseInt(fmt.Sprint(r.AttributeValues["tenant_id"]), 10, 64)
		if r.Type == "ocp_tenant_backup_schedule" && err == nil {
			schedules[id] = r.AttributeValues
		}
	}
	return schedules
}

// planWarnings plans tf's directory and returns its warnings as "summary: detail",
// from the machine-readable output of terraform plan -json.
func (c *cliTest) planWarnings(tf *tfexec.Terraform) []string {
	c.t.Helper()
	var out bytes.Buffer
	if _, err := tf.PlanJSON(context.Background(), &out, tfexec.Reattach(c.reattach)); err != nil {
		c.t.Fatalf("plan: %v\n%s", err, out.String())
	}
	var warnings []string
	for line := range strings.Lines(out.String()) {
		var message struct {
			Type       string `json:"type"`
			Diagnostic struct {
				Severity, Summary, Detail string
			} `json:"diagnostic"`
		}
		if json.Unmarshal([]byte(line), &message) == nil && message.Type == "diagnostic" && message.Diagnostic.Severity == "warning" {
			warnings = append(warnings, message.Diagnostic.Summary+": "+message.Diagnostic.Detail)
		}
	}
	return warnings
}
