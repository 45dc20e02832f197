package main

import (
	"errors"
	"fmt"
	"log"
	"sort"
	"strings"
	"time"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// The chaos soak's request timeout: the slow answers of ocpmock.TransientFaults
// (ocpmock.SlowAnswer) miss it.
const chaosRequestTimeout = time.Second

// soakApply is one apply of the soak.
type soakApply struct {
	seconds float64
	// errors counts the titles of the errors the apply ended with.
	errors map[string]int
	calls  int
	faults int
	// nothingToDo: Terraform found no change to make.
	nothingToDo bool
}

// soakRun is the chaos soak: applies until one finds nothing to do, then the audit.
type soakRun struct {
	n          int
	rate       float64
	seed       uint64
	applies    []soakApply
	faultsMet  []int // in ocpmock.TransientFaults' order
	after      ledger
	maxApplies int
}

// converged reports whether the last apply found nothing to do.
func (r soakRun) converged() bool {
	return len(r.applies) > 0 && r.applies[len(r.applies)-1].nothingToDo
}

// soak applies a schedule carrying its strategy for each of n tenants, as the
// module declares them, while rate of OCP's calls meet a random fault, until an
// apply finds nothing to do or maxApplies applies ran.
func (b *bench) soak(n int, rate float64, seed uint64, maxApplies int) soakRun {
	ocp := newOCP(n, ocpmock.Options{})
	defer ocp.close()
	ws := b.moduleWorkspace("chaos", n, ocp)
	ws.env = []string{"OCP_REQUEST_TIMEOUT=" + chaosRequestTimeout.String()}
	ocp.SetRandomFaults(ocpmock.RandomTransientFaults(rate, seed))
	run := soakRun{n: n, rate: rate, seed: seed, maxApplies: maxApplies}
	for len(run.applies) < maxApplies && !run.converged() {
		log.Printf("N=%d chaos: apply %d", n, len(run.applies)+1)
		run.applies = append(run.applies, soakOnce(ws, ocp))
	}
	run.faultsMet = ocp.RandomFaultCounts()
	ocp.SetRandomFaults(ocpmock.RandomFaults{})
	run.after = audit(ws, ocp, firstBareTenant, n)
	return run
}

// soakOnce applies under the faults.
func soakOnce(ws workspace, ocp *ocp) soakApply {
	before, faultsBefore := ocp.CallCounts(), sum(ocp.RandomFaultCounts())
	var step soakApply
	var output string
	var err error
	step.seconds, output, err = ws.runOutput("apply")
	var failed *runError
	if errors.As(err, &failed) {
		step.errors = failed.errorTitles()
	}
	step.nothingToDo = err == nil && strings.Contains(output, "No changes.")
	step.calls = callDelta(before, ocp.CallCounts()).total()
	step.faults = sum(ocp.RandomFaultCounts()) - faultsBefore
	return step
}

// describeErrors lists error titles with their counts, the most frequent first.
func describeErrors(titles map[string]int) string {
	if len(titles) == 0 {
		return "none"
	}
	ordered := make([]string, 0, len(titles))
	for title := range titles {
		ordered = append(ordered, title)
	}
	sort.Slice(ordered, func(i, j int) bool {
		a, b := ordered[i], ordered[j]
		return titles[a] > titles[b] || titles[a] == titles[b] && a < b
	})
	parts := make([]string, len(ordered))
	for i, title := range ordered {
		parts[i] = fmt.Sprintf("%d× %s", titles[title], title)
	}
	return strings.Join(parts, "; ")
}

func sum(values []int) int {
	total := 0
	for _, v := range values {
		total += v
	}
	return total
}

func chaosSection(run soakRun) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n## Chaos\n\n%d tenants, each with a schedule carrying its strategy as in the section above, applied while %.0f%% of OCP's calls meet a fault drawn at random (seed %d) from OCP's and its proxies' transient faults "+
		"(`ocpmock.TransientFaults`, each of which the fault-injection suite also injects on its own); the provider's request_timeout is %v and the slow answers take %v. "+
		"Terraform applies again until an apply finds nothing to do.\n\n",
		run.n, run.rate*100, run.seed, chaosRequestTimeout, ocpmock.SlowAnswer)
	fmt.Fprintf(&b, "| apply | wall time | calls | faults met | errors | |\n|---|---|---|---|---|---|\n")
	for i, a := range run.applies {
		fmt.Fprintf(&b, "| %d | %.1f s | %d | %d | %s | %s |\n", i+1, a.seconds, a.calls, a.faults, describeErrors(a.errors),
			map[bool]string{true: "nothing to do", false: ""}[a.nothingToDo])
	}
	if run.converged() {
		fmt.Fprintf(&b, "\n%d applies made the changes; the next one found nothing to do.\n", len(run.applies)-1)
	} else {
		fmt.Fprintf(&b, "\nAfter %d applies there were still changes to make.\n", run.maxApplies)
	}
	fmt.Fprintf(&b, "\nFaults met, by kind:\n\n| fault | calls |\n|---|---|\n")
	for i, f := range ocpmock.TransientFaults() {
		fmt.Fprintf(&b, "| %s | %d |\n", f.Name, run.faultsMet[i])
	}
	l := run.after
	fmt.Fprintf(&b, "\nAfterwards, without faults (a strategy is in state when a schedule in state carries it):\n\n"+
		"| | in state | in OCP | in OCP, not in state | in state, not in OCP |\n|---|---|---|---|---|\n")
	fmt.Fprintf(&b, "| strategies | %d | %d | %d | %d |\n", l.strategiesInState, l.strategiesInOCP, l.orphanStrategies, l.lostStrategies)
	fmt.Fprintf(&b, "| running schedules | %d | %d | %d | %d |\n", l.schedulesInState, l.running, l.orphanSchedules, l.lostSchedules)
	fmt.Fprintf(&b, "\nSchedules started twice: %d; start calls refused as already running, and adopted: %d.\n\n"+
		"Targets: nothing left to do after at most 3 applies; nothing in OCP that is not in state, nothing in state that OCP lacks; "+
		"no schedule started twice.\n", l.startedTwice, l.repeatedStarts)
	return b.String()
}
