package main

import (
	"fmt"
	"log"
	"strings"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// limitedRun is the outcome of the rate-limited apply.
type limitedRun struct {
	n, limit   int
	seconds    float64
	served     int // requests answered normally
	throttled  int // requests answered 429
	failures   int
	notRunning int
}

// rateLimitedRun applies n schedules while the mock allows limit requests a second.
func (b *bench) rateLimitedRun(n, limit int) limitedRun {
	ocp := newOCP(n, ocpmock.Options{})
	defer ocp.close()
	ws := b.scheduleWorkspace("rate-limited", b.provider, n, ocp)
	ocp.SetRateLimit(limit)
	run := limitedRun{n: n, limit: limit}
	var err error
	if run.seconds, err = ws.run("apply"); err != nil {
		log.Print(err)
		run.failures++
	}
	run.throttled = ocp.Throttled()
	run.served = callDelta(nil, ocp.CallCounts()).total() - run.throttled
	run.notRunning = n - len(ocp.running(firstTenant, n))
	return run
}

func rateLimitedSection(run limitedRun) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n## Rate-limited apply\n\nThe mock allows %d requests a second and answers 429 with `RateLimit-Reset` beyond that.\n\n",
		run.limit)
	fmt.Fprintf(&b, "| N | total time | requests served | answered 429 | achieved rate / limit | failed applies | schedules not running |\n|---|---|---|---|---|---|---|\n")
	fmt.Fprintf(&b, "| %d | %.1f s | %d | %d | %.2f | %d | %d |\n", run.n, run.seconds, run.served, run.throttled,
		float64(run.served)/run.seconds/float64(run.limit), run.failures, run.notRunning)
	fmt.Fprintf(&b, "\nTarget: utilisation ≥ 0.8 with no failure.\n")
	return b.String()
}
