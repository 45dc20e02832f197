// Command bench measures the provider against two floors on the same Terraform CLI:
// terraform_data (Terraform core alone) and a no-op build of this provider (the
// plugin machinery alone, no I/O). For each N it interleaves apply, a no-op plan and
// destroy of N resources per variant, counts the mock OCP's API calls per resource,
// samples the provider process's peak RSS, then runs one apply against a rate-limited
// mock. It writes bench/results.md and bench/chart.svg.
//
//	go run ./bench -terraform PATH [-n 100,500] [-rounds 3] [-rate-limit 20]
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
	benchCluster    = 1000005
	firstTenant     = 2000000
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
	callsPOST      int
	callsGET       int
	peakRSSKiB     int64
}

func main() {
	terraform := flag.String("terraform", "", "Terraform CLI to measure with")
	sizes := flag.String("n", "100,500", "resource counts")
	rounds := flag.Int("rounds", 3, "repetitions of each phase (the median is reported)")
	rateLimit := flag.Int("rate-limit", 20, "requests per second the mock allows in the rate-limited run (with the largest N)")
	out := flag.String("out", "bench", "directory for results.md and chart.svg")
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
	b.variants = []variant{
		{name: "terraform_data"},
		{name: "no-op provider", pluginDir: b.build("noop", "./bench/noopprovider")},
		{name: "provider", pluginDir: b.build("real", ".")},
	}
	b.startMock(counts[len(counts)-1])
	var samples []sample
	for _, n := range counts {
		for round := 0; round < *rounds; round++ {
			for _, v := range b.variants {
				log.Printf("N=%d round %d: %s", n, round+1, v.name)
				samples = append(samples, b.runPhases(v, n)...)
			}
		}
	}
	limited := b.rateLimitedRun(counts[len(counts)-1], *rateLimit)
	top := b.profileApply(counts[len(counts)-1], *out)
	report := buildReport(samples, counts, limited, *terraform) + profileSection(top, counts[len(counts)-1])
	must(os.WriteFile(filepath.Join(*out, "results.md"), []byte(report), 0o644))
	must(os.WriteFile(filepath.Join(*out, "chart.svg"), []byte(chart(samples, counts)), 0o644))
	fmt.Print(report)
}

type bench struct {
	terraform string
	work      string
	variants  []variant
	mock      *ocpmock.Server
	mockURL   string
}

// build compiles a provider main package into its own plugin directory.
func (b *bench) build(name, pkg string) string {
	dir := filepath.Join(b.work, "plugins-"+name)
	cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-ocp"), pkg)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	must(cmd.Run())
	return dir
}

// startMock serves the mock OCP on loopback with n tenants that have strategies.
func (b *bench) startMock(n int) {
	b.mock = ocpmock.New(ocpmock.Options{})
	b.mock.AddUser(benchUser, benchPassword)
	b.mock.AddCluster(benchCluster, "bench")
	for i := 0; i < n; i++ {
		b.mock.AddTenant(benchCluster, int64(firstTenant+i), fmt.Sprintf("tenant-%d", i), true)
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	must(err)
	b.mockURL = "http://" + listener.Addr().String()
	go func() { _ = http.Serve(listener, b.mock) }() //nolint:gosec // loopback only, for the run's length.
}

// runPhases times apply, plan and destroy of n resources of variant v.
func (b *bench) runPhases(v variant, n int) []sample {
	dir := b.workspace(v, n)
	var out []sample
	for _, phase := range phases {
		before := b.mock.CallCounts()
		rss := watchPeakRSS(v.pluginDir)
		seconds, err := b.terraformRun(dir, v, phase)
		must(err)
		s := sample{variant: v.name, phase: phase, n: n, seconds: seconds, peakRSSKiB: rss.stop()}
		if v.pluginDir != "" {
			s.callsPOST, s.callsGET = callDelta(before, b.mock.CallCounts())
		}
		out = append(out, s)
	}
	return out
}

// workspace writes the configuration of n resources for v and a CLI configuration
// pointing Terraform at v's plugin.
func (b *bench) workspace(v variant, n int) string {
	dir := filepath.Join(b.work, fmt.Sprintf("%s-%d", strings.ReplaceAll(v.name, " ", "-"), n))
	must(os.MkdirAll(dir, 0o755))
	config := fmt.Sprintf(`
resource "terraform_data" "t" {
  for_each = toset([for i in range(%d) : tostring(i)])
  input    = each.key
}
`, n)
	if v.pluginDir != "" {
		config = fmt.Sprintf(`
terraform {
  required_providers {
    ocp = { source = "ocp-tf/ocp" }
  }
}

provider "ocp" {}

resource "ocp_tenant_backup_schedule" "t" {
  for_each   = toset([for i in range(%d) : tostring(%d + i)])
  cluster_id = %d
  tenant_id  = tonumber(each.key)
}
`, n, firstTenant, benchCluster)
	}
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

// callDelta counts the POST and GET calls between two counter snapshots.
func callDelta(before, after map[ocpmock.Route]int) (post, get int) {
	for route, n := range after {
		delta := n - before[route]
		if strings.HasPrefix(string(route), "POST") {
			post += delta
		} else {
			get += delta
		}
	}
	return post, get
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
