package main

import (
	"errors"
	"fmt"
	"log"
	"math/rand/v2"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// killTrial is one apply of n schedules whose process group (Terraform and the
// provider) was killed with SIGKILL once killAfter start calls had reached OCP,
// and the apply after it.
type killTrial struct {
	n, killAfter int
	// endedFirst: the apply ended on its own before the kill point.
	endedFirst bool
	// startsAtKill and runningAtKill are what OCP had seen and ran once the group
	// was dead, inStateAtKill the schedules in Terraform's state file then (-1: not
	// readable); survivors the provider processes still alive.
	startsAtKill, runningAtKill, inStateAtKill, survivors int
	// tornState: the kill cut Terraform's own write of its state file short, and
	// the trial put back terraform.tfstate.backup (or no state) as a user would.
	tornState bool
	// recovery is the next apply's failure; nil when it exited 0.
	recovery error
	after    ledger
}

// killApplies runs trials applies of n schedules, each killed at a random point
// within its own share of the apply (the first trial in the first fifth of the
// start calls with five trials, and so on), each followed by a normal apply.
func (b *bench) killApplies(n, trials int, seed uint64) []killTrial {
	random := rand.New(rand.NewPCG(seed, seed)) //nolint:gosec // reproducible kill points, not secrets.
	var out []killTrial
	for i := range trials {
		low, high := max(1, i*n/trials), max(2, (i+1)*n/trials)
		killAfter := low + random.IntN(high-low)
		log.Printf("N=%d trial %d: SIGKILL after %d start calls", n, i+1, killAfter)
		out = append(out, b.killTrial(fmt.Sprintf("sigkill-%d", i+1), n, killAfter))
	}
	return out
}

func (b *bench) killTrial(scenario string, n, killAfter int) killTrial {
	ocp := newOCP(n, ocpmock.Options{})
	defer ocp.close()
	ws := b.scheduleWorkspace(scenario, b.provider, n, ocp)
	trial := killTrial{n: n, killAfter: killAfter}
	apply := ws.command("apply")
	// Its own process group, which the provider plugin Terraform starts joins.
	apply.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	must(apply.Start())
	ended := make(chan error, 1)
	go func() { ended <- apply.Wait() }()
	if awaitStartCalls(ocp, killAfter, ended) {
		// The apply may end between the last look and the kill: then the group is gone.
		if err := syscall.Kill(-apply.Process.Pid, syscall.SIGKILL); err != nil && !errors.Is(err, syscall.ESRCH) {
			must(err)
		}
	}
	trial.endedFirst = !killed(<-ended)
	trial.survivors = awaitNoProcess(b.provider.pluginDir, 2*time.Second)
	trial.startsAtKill, trial.runningAtKill = startCalls(ocp), len(ocp.running(firstTenant, n))
	trial.inStateAtKill = -1
	if inState, _, err := ws.stateSchedules(); err == nil {
		trial.inStateAtKill = len(inState)
	} else {
		// Terraform's local backend does not write its state file atomically.
		log.Printf("the kill tore Terraform's state file (%v); putting back its backup", err)
		trial.tornState = true
		ws.restoreStateBackup()
	}
	_, trial.recovery = ws.run("apply")
	if trial.recovery != nil {
		log.Print(trial.recovery)
	}
	trial.after = audit(ws, ocp, firstTenant, n)
	return trial
}

// awaitStartCalls waits until count start calls have reached ocp; false when the
// command ended first.
func awaitStartCalls(ocp *ocp, count int, ended chan error) bool {
	for startCalls(ocp) < count {
		select {
		case err := <-ended:
			ended <- err
			return false
		case <-time.After(time.Millisecond):
		}
	}
	return true
}

// killed reports whether a command's error says a signal ended it.
func killed(err error) bool {
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		return false
	}
	status, ok := exit.Sys().(syscall.WaitStatus)
	return ok && status.Signaled()
}

// awaitNoProcess waits, up to limit, until no process runs from dir, and returns
// how many still do.
func awaitNoProcess(dir string, limit time.Duration) int {
	deadline := time.Now().Add(limit)
	for {
		alive := len(processesIn(dir))
		if alive == 0 || time.Now().After(deadline) {
			return alive
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func sigkillSection(trials []killTrial) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n## SIGKILL\n\nAn apply of N schedules runs in its own process group, with the real provider as Terraform "+
		"starts it; once the chosen number of start calls has reached the mock, the whole group gets SIGKILL. The schedules "+
		"OCP started whose answers Terraform had not recorded in its state file are running without state, so the next "+
		"apply (run normally) meets them: OCP refuses those starts as already running and the provider adopts them. "+
		"Terraform rewrites its local state file after each resource, and a kill while it does leaves the file empty "+
		"or cut short (Terraform's local backend does not write it atomically): the trial then puts back "+
		"terraform.tfstate.backup, or no state, as a user would, and every running schedule missing from it is adopted. Each trial kills within its own share of the apply's start calls.\n\n")
	fmt.Fprintf(&b, "| trial | N | killed after start calls | start calls at kill | running at kill | in state at kill | "+
		"provider processes left | next apply | in state | running | started twice | repeated starts adopted | "+
		"running, not in state | in state, not running |\n")
	fmt.Fprintf(&b, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for i, t := range trials {
		killed := fmt.Sprint(t.killAfter)
		if t.endedFirst {
			killed += " (the apply ended first)"
		}
		fmt.Fprintf(&b, "| %d | %d | %s | %d | %d | %s | %d | %s | %d | %d | %d | %d | %d | %d |\n", i+1, t.n, killed,
			t.startsAtKill, t.runningAtKill, t.stateAtKill(), t.survivors, exitStatus(t.recovery),
			t.after.schedulesInState, t.after.running, t.after.startedTwice, t.after.repeatedStarts, t.after.orphanSchedules, t.after.lostSchedules)
	}
	fmt.Fprintf(&b, "\nTargets: the next apply exits 0; every schedule in state and running; none started twice; "+
		"nothing running outside state.\n\nStrategies are left out (these tenants have theirs already): a strategy that a "+
		"schedule carries, created by a killed apply, is in OCP but not in state, and the next apply's create stops with "+
		"\"Backup strategy already exists\" and the import to run. The "+
		"provider adopts a strategy it finds only when its own create's answer was lost (then OCP holds it as planned); "+
		"one found at create time may be someone else's, which a destroy would then delete.\n")
	return b.String()
}

// stateAtKill is how many schedules the state file held once the group was dead.
func (t killTrial) stateAtKill() string {
	if t.tornState {
		return "torn by the kill; backup put back"
	}
	if t.inStateAtKill < 0 {
		return "not readable"
	}
	return fmt.Sprint(t.inStateAtKill)
}

// exitStatus describes how a Terraform command ended.
func exitStatus(err error) string {
	if err == nil {
		return "exit 0"
	}
	return "failed"
}
