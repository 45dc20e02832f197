package provider

import (
	"context"
	"net/http"
	"testing"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

func TestObserveAfterAction_conflictSettlesAnUnreportedFlag(t *testing.T) {
	api := &fakeAPI{strategy: strategyWithFlag(nil)}
	got, err := observeAfterAction(context.Background(), api, unitScope, ocpError(http.StatusConflict, "10009"), true)
	if err != nil || got != scheduleRunning {
		t.Fatalf("got %v, %v; want running", got, err)
	}
}

// The settling re-read runs on a context of its own: an operation whose time ran
// out during the call still learns what OCP did.
func TestObserveAfterAction_readsAfterTheOperationTimedOut(t *testing.T) {
	running := true
	api := &fakeAPI{strategy: strategyWithFlag(&running)}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	lost := &ocpclient.NoAnswerError{Reason: "stopped before OCP answered", MaybeProcessed: true, Err: context.DeadlineExceeded}
	got, err := observeAfterAction(ctx, api, unitScope, lost, true)
	if err != nil || got != scheduleRunning {
		t.Fatalf("got %v, %v; want running", got, err)
	}
}

func TestScheduleState_runningAndOpposes(t *testing.T) {
	cases := map[scheduleState]struct{ running, opposesStart, opposesStop bool }{
		scheduleRunning:      {running: true, opposesStop: true},
		scheduleUndetermined: {running: true, opposesStop: true},
		scheduleStopped:      {opposesStart: true},
		scheduleNoStrategy:   {},
		scheduleTenantGone:   {},
		scheduleClusterGone:  {},
	}
	for state, want := range cases {
		if state.running() != want.running || state.opposes(true) != want.opposesStart || state.opposes(false) != want.opposesStop {
			t.Errorf("state %d: running=%v opposes(start)=%v opposes(stop)=%v, want %+v",
				state, state.running(), state.opposes(true), state.opposes(false), want)
		}
	}
}
