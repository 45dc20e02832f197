package main

import (
	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// ledger compares what OCP holds for a range of tenants with what a workspace's
// state holds, after the applies of a scenario.
type ledger struct {
	// schedulesInState are the schedules running in state (enabled).
	schedulesInState, running int
	// orphanSchedules run in OCP without running in state; lostSchedules run in
	// state without running in OCP.
	orphanSchedules, lostSchedules int
	// startedTwice counts tenants whose scheduling OCP started more than once;
	// repeatedStarts the start calls OCP refused because scheduling already ran,
	// which the provider adopts (an apply that did not would have failed).
	startedTwice, repeatedStarts int
	// strategiesInState are the strategies the schedules in state carry.
	strategiesInState, strategiesInOCP int
	// orphanStrategies exist in OCP without being carried in state;
	// lostStrategies are carried in state without existing in OCP.
	orphanStrategies, lostStrategies int
}

// audit reads the n tenants from first in ocp and in the workspace's state.
func audit(ws workspace, ocp *ocp, first, n int) ledger {
	var l ledger
	schedules, strategies, err := ws.stateSchedules()
	must(err)
	running := ocp.running(first, n)
	l.schedulesInState, l.running = len(schedules), len(running)
	l.orphanSchedules, l.lostSchedules = difference(running, schedules), difference(schedules, running)
	withStrategy := map[int64]bool{}
	for i := 0; i < n; i++ {
		tenant := int64(first + i)
		if ocp.StrategyBody(benchCluster, tenant) != nil {
			withStrategy[tenant] = true
		}
		starts := ocp.StartCallsOf(benchCluster, tenant)
		if starts.Started > 1 {
			l.startedTwice++
		}
		l.repeatedStarts += starts.AlreadyRunning
	}
	l.strategiesInState, l.strategiesInOCP = len(strategies), len(withStrategy)
	l.orphanStrategies, l.lostStrategies = difference(withStrategy, strategies), difference(strategies, withStrategy)
	return l
}

// difference counts the members of a that b lacks.
func difference(a, b map[int64]bool) int {
	count := 0
	for id := range a {
		if !b[id] {
			count++
		}
	}
	return count
}

// startCalls counts the start calls that reached the mock.
func startCalls(ocp *ocp) int { return ocp.Calls(ocpmock.RouteStartSchedule) }
