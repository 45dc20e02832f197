// Command bench measures the provider against floors on the same Terraform CLI,
// and against a mock OCP that is slow, killed mid-apply or failing. The floors:
// terraform_data (Terraform core alone); the schema floor (bench/schemafloor: the
// provider's schemas with none of its logic, making the job's HTTP calls), which
// judges the provider's own cost; and the no-op provider (bench/noopprovider: the
// provider itself with an API that answers at once). Each section answers one
// question (-sections picks them):
//
//   - core: how far above the floors are apply, plan and destroy of N schedules,
//     with their API calls, CPU time per resource and the provider's peak RSS; an
//     apply against a rate-limited OCP; a CPU profile of the provider.
//   - large: the same for -large-n schedules, once, without terraform_data.
//   - module: the API calls of a schedule carrying its strategy per tenant,
//     refreshing from the tenant's strategy.
//   - latency: does anything serialise calls, when OCP answers after -latency?
//   - sigkill: does an apply killed with its provider recover in the next one?
//   - chaos: how many applies converge while a share of OCP's answers fail?
//
// With every section it writes bench/results.md and bench/chart.svg; with some, it
// prints their report only.
//
//	go run ./bench -terraform PATH [-sections core,large,module,latency,sigkill,chaos] [flags]
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

const (
	benchCluster = 1000005
	firstTenant  = 2000000
	// The tenants whose schedules carry their strategy start without one.
	firstBareTenant = 3000000
	benchUser       = "bench"
	benchPassword   = "bench-password"
	providerAddress = "registry.terraform.io/ocp-tf/ocp"
)

var (
	phases      = []string{"apply", "plan", "destroy"}
	allSections = []string{"core", "large", "module", "latency", "sigkill", "chaos"}
)

// The variants' names, as the report shows them.
const (
	coreName     = "terraform_data"
	noopName     = "no-op provider"
	floorName    = "schema floor"
	providerName = "provider"
)

// variant is one way of declaring N resources.
type variant struct {
	name      string
	pluginDir string // "" for terraform_data, which needs no plugin
}

// sample is one timed phase of one variant.
type sample struct {
	variant, phase string
	n              int
	// round is the repetition the sample belongs to, which pairs it with the
	// other variants' samples of that round.
	round   int
	seconds float64
	calls   calls
	usage
}

// settings are the flags: what to measure, and how much of it.
type settings struct {
	terraform        string
	sections         []string
	sizes            []int
	rounds           int
	moduleN          int
	rateLimit        int
	largeN           int
	largeRounds      int
	latency          time.Duration
	latencyN         int
	parallelism      []int
	sigkillN, trials int
	chaosN           int
	faultRate        float64
	seed             uint64
	maxApplies       int
	out              string
}

func parseSettings() settings {
	var s settings
	var sections, sizes, parallelism string
	flag.StringVar(&s.terraform, "terraform", "", "Terraform CLI to measure with")
	flag.StringVar(&sections, "sections", strings.Join(allSections, ","), "sections to run; results.md and chart.svg are written only when all run")
	flag.StringVar(&sizes, "n", "200,500", "core: resource counts")
	flag.IntVar(&s.rounds, "rounds", 3, "core and module: repetitions of each phase (the median is reported)")
	flag.IntVar(&s.moduleN, "module-n", 100, "module: tenants")
	flag.IntVar(&s.rateLimit, "rate-limit", 20, "core: requests per second the mock allows in the rate-limited apply (of the largest -n)")
	flag.IntVar(&s.largeN, "large-n", 2000, "large: resource count, measured once (Terraform core's time grows with its square: "+
		"2000 takes four times as long as 1000)")
	flag.IntVar(&s.largeRounds, "large-rounds", 1, "large: repetitions of each phase")
	flag.DurationVar(&s.latency, "latency", 50*time.Millisecond, "latency: how long the mock takes to answer each call")
	flag.IntVar(&s.latencyN, "latency-n", 500, "latency: resource count")
	flag.StringVar(&parallelism, "parallelism", "10,50", "latency: Terraform's -parallelism values")
	flag.IntVar(&s.sigkillN, "sigkill-n", 200, "sigkill: resource count")
	flag.IntVar(&s.trials, "trials", 5, "sigkill: applies killed, each at another point")
	flag.IntVar(&s.chaosN, "chaos-n", 500, "chaos: tenants, each with a schedule carrying its strategy")
	flag.Float64Var(&s.faultRate, "fault-rate", 0.1, "chaos: share of OCP calls that meet a fault")
	flag.Uint64Var(&s.seed, "seed", 1, "sigkill and chaos: seed of the kill points and of the faults")
	flag.IntVar(&s.maxApplies, "max-applies", 6, "chaos: applies before giving up, the one that finds nothing to do included")
	flag.StringVar(&s.out, "out", "bench", "directory for results.md and chart.svg")
	flag.Parse()
	if s.terraform == "" {
		log.Fatal("-terraform is required")
	}
	s.sections = strings.Split(sections, ",")
	for _, section := range s.sections {
		if !slices.Contains(allSections, section) {
			log.Fatalf("-sections: unknown section %q; the sections are %s", section, strings.Join(allSections, ","))
		}
	}
	var err error
	if s.sizes, err = parseCounts("-n", sizes); err == nil {
		s.parallelism, err = parseCounts("-parallelism", parallelism)
	}
	must(err)
	return s
}

func (s settings) runs(section string) bool { return slices.Contains(s.sections, section) }

// writesResults reports whether the run writes results.md and chart.svg: only a
// run of every section does.
func (s settings) writesResults() bool {
	for _, section := range allSections {
		if !s.runs(section) {
			return false
		}
	}
	return true
}

func main() {
	s := parseSettings()
	work, err := os.MkdirTemp("", "ocp-bench")
	must(err)
	defer os.RemoveAll(work)

	b := &bench{terraform: s.terraform, work: work}
	b.provider = variant{name: providerName, pluginDir: b.build("real", ".")}
	b.noop = variant{name: noopName, pluginDir: b.build("noop", "./bench/noopprovider")}
	b.floor = variant{name: floorName, pluginDir: b.build("floor", "./bench/schemafloor")}
	report, svg := b.measure(s)
	fmt.Print(report)
	if s.writesResults() {
		must(os.WriteFile(filepath.Join(s.out, "results.md"), []byte(report), 0o644))
		must(os.WriteFile(filepath.Join(s.out, "chart.svg"), []byte(svg), 0o644))
	}
}

// measure runs the sections s asks for and returns their report and chart.
func (b *bench) measure(s settings) (report, svg string) {
	var r strings.Builder
	r.WriteString(reportHeader(s.terraform))
	var floors []sample
	if s.runs("core") {
		floors = b.measureFloors(s.sizes, s.rounds, variant{name: coreName}, b.noop, b.floor, b.provider)
	}
	if s.runs("large") {
		floors = append(floors, b.measureFloors([]int{s.largeN}, s.largeRounds, b.noop, b.floor, b.provider)...)
	}
	if len(floors) > 0 {
		r.WriteString(floorsSection(floors))
	}
	if s.runs("core") {
		largest := s.sizes[len(s.sizes)-1]
		r.WriteString(rateLimitedSection(b.rateLimitedRun(largest, s.rateLimit)))
		// The profile goes beside results.md only when results.md is written.
		profileDir := b.work
		if s.writesResults() {
			profileDir = s.out
		}
		r.WriteString(profileSection(b.profileApply(largest, profileDir), largest))
	}
	if s.runs("module") {
		r.WriteString(moduleSection(b.measureModule(s.moduleN, s.rounds), s.moduleN))
	}
	var latencyRuns []latencyRun
	if s.runs("latency") {
		latencyRuns = b.measureLatency(s.latencyN, s.latency, s.parallelism)
		r.WriteString(latencySection(latencyRuns, s.latency))
	}
	if s.runs("sigkill") {
		r.WriteString(sigkillSection(b.killApplies(s.sigkillN, s.trials, s.seed)))
	}
	if s.runs("chaos") {
		r.WriteString(chaosSection(b.soak(s.chaosN, s.faultRate, s.seed, s.maxApplies)))
	}
	return r.String(), chart(floors, latencyRuns, s.latency)
}

type bench struct {
	terraform string
	work      string
	noop      variant
	floor     variant
	provider  variant
}

// build compiles a provider main package into its own plugin directory.
func (b *bench) build(name, pkg string) string {
	dir := filepath.Join(b.work, "plugins-"+name)
	cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-ocp"), pkg)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	must(cmd.Run())
	return dir
}

// measureFloors times apply, plan and destroy of n schedules (terraform_data
// resources for that variant) for each n and variant, rounds times, interleaving
// the variants so that a slow moment of the machine falls on all of them. Each
// variant has a mock OCP of its own, so that what one variant wrote is never
// what another meets.
func (b *bench) measureFloors(counts []int, rounds int, variants ...variant) []sample {
	var samples []sample
	for _, n := range counts {
		mocks := map[string]*ocp{}
		for _, v := range variants {
			mocks[v.name] = newOCP(n, ocpmock.Options{})
		}
		for round := 1; round <= rounds; round++ {
			for _, v := range variants {
				log.Printf("N=%d round %d: %s", n, round, v.name)
				samples = append(samples, b.runPhases(b.scheduleWorkspace("floors", v, n, mocks[v.name]), n, round)...)
			}
		}
		for _, mock := range mocks {
			mock.close()
		}
	}
	return samples
}

// runPhases times apply, plan and destroy in ws of its n resources (or tenants),
// in the given round.
func (b *bench) runPhases(ws workspace, n, round int) []sample {
	var out []sample
	for _, phase := range phases {
		before := ws.ocp.CallCounts()
		watcher := watchUsage(ws.variant.pluginDir)
		seconds, err := ws.run(phase)
		must(err)
		s := sample{variant: ws.variant.name, phase: phase, n: n, round: round, seconds: seconds, usage: watcher.stop()}
		if ws.variant.pluginDir != "" {
			s.calls = callDelta(before, ws.ocp.CallCounts())
		}
		out = append(out, s)
	}
	return out
}

// measureModule times apply, plan and destroy of a schedule carrying its strategy
// for each of n tenants, rounds times.
func (b *bench) measureModule(n, rounds int) []sample {
	ocp := newOCP(n, ocpmock.Options{})
	defer ocp.close()
	ws := b.moduleWorkspace(fmt.Sprintf("schedule-with-strategy-%d", n), n, ocp)
	var samples []sample
	for round := 1; round <= rounds; round++ {
		log.Printf("N=%d round %d: a schedule carrying its strategy per tenant", n, round)
		samples = append(samples, b.runPhases(ws, n, round)...)
	}
	return samples
}

func parseCounts(name, raw string) ([]int, error) {
	var counts []int
	for _, part := range strings.Split(raw, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("%s %q: want positive counts such as 100,500", name, raw)
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
