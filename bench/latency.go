package main

import (
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// latencyRun is one phase of N schedules at one -parallelism against a mock that
// answers every call after a fixed latency.
type latencyRun struct {
	n, parallelism int
	phase          string
	// floor is the no-op provider's time for the same phase and parallelism.
	floor, measured  float64
	callsPerResource float64
	// peakInFlight is the most calls the mock answered at once.
	peakInFlight int
}

// bound is the time the phase takes when nothing serialises the calls: they run
// parallelism at a time, each taking the latency, on top of the floor.
func (r latencyRun) bound(latency time.Duration) float64 {
	return float64(r.n)*r.callsPerResource*latency.Seconds()/float64(r.parallelism) + r.floor
}

// measureLatency applies and plans n schedules at each parallelism, with the
// no-op provider for the floor, against a mock that answers after latency.
func (b *bench) measureLatency(n int, latency time.Duration, parallelism []int) []latencyRun {
	var runs []latencyRun
	for _, p := range parallelism {
		log.Printf("N=%d -parallelism=%d: latency %v", n, p, latency)
		ocp := newOCP(n, ocpmock.Options{Latency: latency})
		noop := b.scheduleWorkspace(fmt.Sprintf("latency-p%d", p), b.noop, n, ocp)
		provider := b.scheduleWorkspace(fmt.Sprintf("latency-p%d", p), b.provider, n, ocp)
		noop.parallelism, provider.parallelism = p, p
		for _, phase := range []string{"apply", "plan"} {
			floor, err := noop.run(phase)
			must(err)
			run := latencyRun{n: n, parallelism: p, phase: phase, floor: floor}
			before := ocp.CallCounts()
			ocp.TakePeakInFlight()
			run.measured, err = provider.run(phase)
			must(err)
			run.peakInFlight = ocp.TakePeakInFlight()
			run.callsPerResource = float64(callDelta(before, ocp.CallCounts()).total()) / float64(n)
			runs = append(runs, run)
		}
		ocp.close()
	}
	return runs
}

func latencySection(runs []latencyRun, latency time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n## Latency\n\nThe mock answers every call after %v. Nothing may serialise the provider's calls, so each phase "+
		"should take no longer than its bound: N × calls per resource × %v / P (the calls, P at a time) plus the floor, the no-op "+
		"provider's time for the same phase and -parallelism P. *peak in flight* is the most calls the mock answered at once: "+
		"a provider that serialised its calls would show 1, and at large P Terraform, busy with its own work between "+
		"calls, keeps fewer than P in flight. Wall times in seconds, one round; the chart's last panel draws them.\n\n", latency, latency)
	fmt.Fprintf(&b, "| N | P | phase | calls per resource | floor | bound | provider | provider/bound | peak in flight |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range runs {
		fmt.Fprintf(&b, "| %d | %d | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %d |\n", r.n, r.parallelism, r.phase,
			r.callsPerResource, r.floor, r.bound(latency), r.measured, r.measured/r.bound(latency), r.peakInFlight)
	}
	fmt.Fprintf(&b, "\nTarget: provider/bound ≤ 1.2.\n")
	return b.String()
}
