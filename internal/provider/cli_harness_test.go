package provider

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	goversion "github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// terraform-plugin-testing initialises its working directory before it writes a
// step's configuration, so it cannot install modules. Tests that apply the example
// module therefore drive the Terraform CLI themselves, with terraform-exec, against
// the provider served in-process.

// cliTest is a Terraform working directory holding a copy of examples/.
type cliTest struct {
	t         *testing.T
	examples  string
	reattach  tfexec.ReattachInfo
	terraform string
}

func newCLITest(t *testing.T) *cliTest {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance tests skipped unless env 'TF_ACC' set")
	}
	terraform := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if terraform == "" {
		t.Fatal("TF_ACC_TERRAFORM_PATH must name the Terraform or OpenTofu binary (make test sets it)")
	}
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

func repoExamplesDir(t *testing.T) string {
	t.Helper()
	_, thisFile, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the test file")
	}
	return filepath.Join(filepath.Dir(thisFile), "..", "..", "examples")
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
