// Command bench measures the provider against two floors on the same Terraform CLI:
// terraform_data (Terraform core alone) and a no-op build of this provider (the
// plugin machinery alone, no I/O). For each N it interleaves apply, a no-op plan and
// destroy of N resources per variant, counts the mock OCP's API calls per resource,
// samples the provider process's peak RSS, then runs one apply against a rate-limited
// mock. It also measures a strategy and a schedule per tenant, as
// examples/modules/tenant-backup declares them, and counts the strategy reads of
// its plan. It writes bench/results.md and bench/chart.svg; with -module-only it
// measures only the strategy and schedule per tenant and prints that table.
//
//	go run ./bench -terraform PATH [-n 100,500] [-rounds 3] [-rate-limit 20] [-module-only]
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

const (
	benchCluster = 1000005
	firstTenant  = 2000000
	// The tenants of the strategy and schedule per tenant start without a strategy.
	firstBareTenant = 3000000
	benchUser       = "bench"
	benchPassword   = "bench-password"
	providerAddress = "registry.terraform.io/ocp-tf/ocp"
)

var phases = []string{"apply", "plan", "destroy"}

// variant is one way of declaring N resources.
type variant struct {
	name      string
	pluginDir string // "" for terraform_data, which needs no plugin
}

// sample is one timed phase of one variant.
type sample struct {
	variant, phase string
	n              int
	seconds        float64
	calls          calls
	peakRSSKiB     int64
}

// calls counts the requests the mock answered during a phase.
type calls struct {
	// writes are POST, PATCH and DELETE requests; get the GET requests, of which
	// strategyGET read tenant strategies.
	writes, get, strategyGET int
}

func main() {
	terraform := flag.String("terraform", "", "Terraform CLI to measure with")
	sizes := flag.String("n", "100,500", "resource counts")
	rounds := flag.Int("rounds", 3, "repetitions of each phase (the median is reported)")
	rateLimit := flag.Int("rate-limit", 20, "requests per second the mock allows in the rate-limited run (with the largest N)")
	out := flag.String("out", "bench", "directory for results.md and chart.svg")
	moduleOnly := flag.Bool("module-only", false, "measure only a strategy and a schedule per tenant and print that "+
		"table, leaving results.md and chart.svg as they are")
	flag.Parse()
	if *terraform == "" {
		log.Fatal("-terraform is required")
	}
	counts, err := parseSizes(*sizes)
	if err != nil {
		log.Fatal(err)
	}
	work, err := os.MkdirTemp("", "ocp-bench")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(work)

	b := &bench{terraform: *terraform, work: work}
	b.provider = variant{name: "provider", pluginDir: b.build("real", ".")}
	b.startMock(counts[len(counts)-1])
	if *moduleOnly {
		fmt.Print(moduleSection(b.measureModule(counts, *rounds), counts))
		return
	}
	b.variants = []variant{
		{name: "terraform_data"},
		{name: "no-op provider", pluginDir: b.build("noop", "./bench/noopprovider")},
		b.provider,
	}
	var samples []sample
	for _, n := range counts {
		for round := 0; round < *rounds; round++ {
			for _, v := range b.variants {
				log.Printf("N=%d round %d: %s", n, round+1, v.name)
				samples = append(samples, b.runPhases(v, n, b.workspace(v, n))...)
			}
		}
	}
	module := b.measureModule(counts, *rounds)
	limited := b.rateLimitedRun(counts[len(counts)-1], *rateLimit)
	top := b.profileApply(counts[len(counts)-1], *out)
	report := buildReport(samples, counts, limited, *terraform) + moduleSection(module, counts) + profileSection(top, counts[len(counts)-1])
	must(os.WriteFile(filepath.Join(*out, "results.md"), []byte(report), 0o644))
	must(os.WriteFile(filepath.Join(*out, "chart.svg"), []byte(chart(samples, counts)), 0o644))
	fmt.Print(report)
}

type bench struct {
	terraform string
	work      string
	variants  []variant
	// provider is the real provider, the last of variants.
	provider variant
	mock     *ocpmock.Server
	mockURL  string
}

// build compiles a provider main package into its own plugin directory.
func (b *bench) build(name, pkg string) string {
	dir := filepath.Join(b.work, "plugins-"+name)
	cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-ocp"), pkg)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	must(cmd.Run())
	return dir
}

// startMock serves the mock OCP on loopback with n tenants that have strategies
// and n that have none.
func (b *bench) startMock(n int) {
	b.mock = ocpmock.New(ocpmock.Options{})
	b.mock.AddUser(benchUser, benchPassword)
	b.mock.AddCluster(benchCluster, "bench")
	for i := 0; i < n; i++ {
		b.mock.AddTenant(benchCluster, int64(firstTenant+i), fmt.Sprintf("tenant-%d", i), true)
		b.mock.AddTenant(benchCluster, int64(firstBareTenant+i), fmt.Sprintf("bare-%d", i), false)
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	must(err)
	b.mockURL = "http://" + listener.Addr().String()
	go func() { _ = http.Serve(listener, b.mock) }() //nolint:gosec // loopback only, for the run's length.
}

// runPhases times apply, plan and destroy of the n resources (or tenants) that
// dir declares for variant v.
func (b *bench) runPhases(v variant, n int, dir string) []sample {
	var out []sample
	for _, phase := range phases {
		before := b.mock.CallCounts()
		rss := watchPeakRSS(v.pluginDir)
		seconds, err := b.terraformRun(dir, v, phase)
		must(err)
		s := sample{variant: v.name, phase: phase, n: n, seconds: seconds, peakRSSKiB: rss.stop()}
		if v.pluginDir != "" {
			s.calls = callDelta(before, b.mock.CallCounts())
		}
		out = append(out, s)
	}
	return out
}

// measureModule times apply, plan and destroy of a strategy and a schedule for
// each of n tenants, rounds times for each n.
func (b *bench) measureModule(counts []int, rounds int) []sample {
	var samples []sample
	for _, n := range counts {
		dir := b.moduleWorkspace(n)
		for round := 0; round < rounds; round++ {
			log.Printf("N=%d round %d: strategy and schedule per tenant", n, round+1)
			samples = append(samples, b.runPhases(b.provider, n, dir)...)
		}
	}
	return samples
}

// workspace writes the configuration of n resources for v.
func (b *bench) workspace(v variant, n int) string {
	config := fmt.Sprintf(`
resource "terraform_data" "t" {
  for_each = toset([for i in range(%d) : tostring(i)])
  input    = each.key
}
`, n)
	if v.pluginDir != "" {
		config = ocpProviderBlock + fmt.Sprintf(`
resource "ocp_tenant_backup_schedule" "t" {
  for_each   = toset([for i in range(%d) : tostring(%d + i)])
  cluster_id = %d
  tenant_id  = tonumber(each.key)
}
`, n, firstTenant, benchCluster)
	}
	return b.writeWorkspace(fmt.Sprintf("%s-%d", strings.ReplaceAll(v.name, " ", "-"), n), v, config)
}

// moduleWorkspace writes the configuration of a strategy and a schedule for each
// of n tenants, declared as examples/modules/tenant-backup declares them: each
// schedule depends on the strategies, and both refresh from the tenant's strategy.
func (b *bench) moduleWorkspace(n int) string {
	config := ocpProviderBlock + fmt.Sprintf(`
locals {
  tenants = toset([for i in range(%d) : tostring(%d + i)])
}

resource "ocp_tenant_backup_strategy" "t" {
  for_each   = local.tenants
  cluster_id = %d
  tenant_id  = tonumber(each.key)
  schedule = {
    mode = "WEEK"
    time = "01:00+08:00"
    days = { "7" = "FULL_BACKUP" }
  }
  storage = {
    type = "FILE"
    url  = "/obbackup/${each.key}"
  }
}

resource "ocp_tenant_backup_schedule" "t" {
  for_each   = local.tenants
  depends_on = [ocp_tenant_backup_strategy.t]
  cluster_id = %d
  tenant_id  = tonumber(each.key)
}
`, n, firstBareTenant, benchCluster, benchCluster)
	return b.writeWorkspace(fmt.Sprintf("strategy-and-schedule-%d", n), b.provider, config)
}

const ocpProviderBlock = `
terraform {
  required_providers {
    ocp = { source = "ocp-tf/ocp" }
  }
}

provider "ocp" {}
`

// writeWorkspace writes config into the directory name, with a CLI configuration
// pointing Terraform at v's plugin.
func (b *bench) writeWorkspace(name string, v variant, config string) string {
	dir := filepath.Join(b.work, name)
	must(os.MkdirAll(dir, 0o755))
	must(os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o644))
	cliConfig := "provider_installation {\n  filesystem_mirror {\n    path = \"/nonexistent\"\n  }\n}\n"
	if v.pluginDir != "" {
		cliConfig = fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  filesystem_mirror {\n    path = \"/nonexistent\"\n  }\n}\n",
			providerAddress, v.pluginDir)
	}
	must(os.WriteFile(filepath.Join(dir, "cli.tfrc"), []byte(cliConfig), 0o644))
	return dir
}

// terraformRun runs one phase, with extra environment, and returns its wall time
// in seconds.
func (b *bench) terraformRun(dir string, v variant, phase string, extraEnv ...string) (float64, error) {
	args := map[string][]string{
		"apply":   {"apply", "-auto-approve", "-input=false", "-no-color"},
		"plan":    {"plan", "-input=false", "-no-color", "-detailed-exitcode"},
		"destroy": {"destroy", "-auto-approve", "-input=false", "-no-color"},
	}[phase]
	cmd := exec.Command(b.terraform, args...)
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(), "TF_CLI_CONFIG_FILE="+filepath.Join(dir, "cli.tfrc"), "CHECKPOINT_DISABLE=1",
		"TF_IN_AUTOMATION=1", "OCP_URL="+b.mockURL, "OCP_USERNAME="+benchUser, "OCP_PASSWORD="+benchPassword)
	cmd.Env = append(cmd.Env, extraEnv...)
	start := time.Now()
	output, err := cmd.CombinedOutput()
	elapsed := time.Since(start).Seconds()
	if err != nil {
		return elapsed, fmt.Errorf("%s %s failed: %w\n%s", v.name, phase, err, output)
	}
	return elapsed, nil
}

// cleanEnv is this process's environment without Terraform logging or CLI settings.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TF_") && !strings.HasPrefix(kv, "OCP_") {
			env = append(env, kv)
		}
	}
	return env
}

// callDelta counts the calls between two counter snapshots.
func callDelta(before, after map[ocpmock.Route]int) calls {
	var c calls
	for route, n := range after {
		delta := n - before[route]
		if strings.HasPrefix(string(route), "GET") {
			c.get += delta
		} else {
			c.writes += delta
		}
	}
	c.strategyGET = after[ocpmock.RouteGetStrategy] - before[ocpmock.RouteGetStrategy]
	return c
}

func parseSizes(raw string) ([]int, error) {
	var counts []int
	for _, part := range strings.Split(raw, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("-n %q: want positive counts such as 100,500", raw)
		}
		counts = append(counts, n)
	}
	sort.Ints(counts)
	return counts, nil
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
