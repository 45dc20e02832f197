package probe

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// noGrace makes the put-back skip its wait for calls in flight, which the tests
// below never leave.
func noGrace(t *testing.T) {
	t.Helper()
	saved := inFlightGrace
	inFlightGrace = 0
	t.Cleanup(func() { inFlightGrace = saved })
}

// -write records each answer and leaves scheduling as found, from either state.
func TestWriteRecordsAnswersAndPutsBack(t *testing.T) {
	for name, running := range map[string]bool{"found running": true, "found stopped": false} {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t, ocpmock.Options{})
			f.mock.SetScheduleEnabled(1, 11, running)
			r := f.run(t, context.Background(), inspecting(11), writing)
			if r.Failure != "" {
				t.Fatalf("failure: %s", r.Failure)
			}
			if enabled, _ := f.mock.ScheduleEnabled(1, 11); enabled != running {
				t.Errorf("scheduling running=%t after the probe, want %t as found", enabled, running)
			}
			expectation{verdict: Holds, seen: "after stopSchedule: false"}.check(t, fact(t, r, "schedule.enabled_follows"))
			expectation{verdict: Holds, seen: "HTTP 409 in OCP's envelope, error code 10009: Backup schedule is already running"}.
				check(t, fact(t, r, "schedule.start_when_running"))
			expectation{verdict: Holds, seen: "HTTP 409 in OCP's envelope, error code 10009: Backup schedule is already stopped"}.
				check(t, fact(t, r, "schedule.stop_when_stopped"))
			expectation{verdict: Holds, seen: "no taskIdList in 2 successful answers"}.check(t, fact(t, r, "schedule.synchronous"))
			if got := len(r.Write.Steps); got != 4 {
				t.Errorf("%d steps, want 4", got)
			}
			if !strings.HasPrefix(r.Write.PutBack, runningWord(running)+", as found") {
				t.Errorf("put back: %q", r.Write.PutBack)
			}
			if r.ExitCode() != ExitHolds {
				t.Errorf("exit code %d", r.ExitCode())
			}
			if text := rendered(t, r); !strings.Contains(text, "| 2 | `"+actionName(!running)+"` | "+runningWord(!running)+" |") {
				t.Errorf("the Markdown report lacks the repeated call:\n%s", text)
			}
		})
	}
}

// Start and stop answered with tasks: the probe waits for them and says so.
func TestWriteWithAsynchronousActions(t *testing.T) {
	f := newFixture(t, ocpmock.Options{TaskPolls: 1, TenantOverview: true})
	r := f.run(t, context.Background(), inspecting(11), writing)
	expectation{verdict: Differs, tolerated: true, seen: "2 of 2 successful answers list tasks"}.check(t, fact(t, r, "schedule.synchronous"))
	if got := r.Write.Steps[0].OverviewAfter; got != "NORMAL" {
		t.Errorf("overview after the start: %q, want NORMAL", got)
	}
	if enabled, _ := f.mock.ScheduleEnabled(1, 11); enabled {
		t.Error("scheduling left running; it was found stopped")
	}
}

// Without backupScheduleEnabled the state to put back is unknown, so nothing is changed.
func TestWriteChangesNothingWhenTheStateCannotBeRead(t *testing.T) {
	f := newFixture(t, ocpmock.Options{OmitScheduleEnabled: true})
	r := f.run(t, context.Background(), inspecting(11), writing)
	for _, id := range []string{"schedule.enabled_follows", "schedule.start_when_running", "schedule.stop_when_stopped", "schedule.synchronous"} {
		expectation{verdict: NotObservable, seen: "changed nothing"}.check(t, fact(t, r, id))
	}
	if calls := f.mock.Calls(ocpmock.RouteStartSchedule) + f.mock.Calls(ocpmock.RouteStopSchedule); calls != 0 {
		t.Errorf("%d start/stop calls, want none", calls)
	}
}

// A step that fails ends the steps, and the tenant is put back all the same.
func TestWritePutsBackAfterAFailedStep(t *testing.T) {
	noGrace(t)
	f := newFixture(t, ocpmock.Options{})
	f.mock.SetScheduleEnabled(1, 11, true)
	// Found running, the steps are stop, stop, start, start: the first start fails.
	f.mock.InjectFault(ocpmock.RouteStartSchedule, ocpmock.Fault{Status: http.StatusInternalServerError})
	r := f.run(t, context.Background(), inspecting(11), writing)
	if enabled, _ := f.mock.ScheduleEnabled(1, 11); !enabled {
		t.Fatal("scheduling left stopped; it was found running")
	}
	if r.ExitCode() != ExitCannotRun || !strings.Contains(r.Failure, "step 3 failed") {
		t.Errorf("exit %d, failure %q", r.ExitCode(), r.Failure)
	}
	if !strings.HasPrefix(r.Write.PutBack, "running again, as found: startSchedule put it back") {
		t.Errorf("put back: %q", r.Write.PutBack)
	}
	expectation{verdict: Holds, seen: "already stopped"}.check(t, fact(t, r, "schedule.stop_when_stopped"))
	expectation{verdict: NotObservable, seen: "the steps stopped early"}.check(t, fact(t, r, "schedule.enabled_follows"))
}

// An interruption (the command's SIGINT or SIGTERM cancels its context) while a
// call is in flight still puts the tenant back, on a context of its own.
func TestWritePutsBackWhenInterrupted(t *testing.T) {
	noGrace(t)
	ctx, interrupt := context.WithCancel(context.Background())
	defer interrupt()
	var stops atomic.Int32
	// The second stopSchedule (stop when stopped) is interrupted before OCP sees it.
	f := newFixtureBehind(t, ocpmock.Options{}, func(mock http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.URL.Path, "/stopSchedule") && stops.Add(1) == 2 {
				interrupt()
				select {
				case <-r.Context().Done():
				case <-time.After(5 * time.Second):
				}
				return
			}
			mock.ServeHTTP(w, r)
		})
	})
	f.mock.SetScheduleEnabled(1, 11, true)
	r := f.run(t, ctx, inspecting(11), writing)
	if enabled, _ := f.mock.ScheduleEnabled(1, 11); !enabled {
		t.Fatal("scheduling left stopped; it was found running")
	}
	if r.ExitCode() != ExitCannotRun || !strings.Contains(r.Failure, "interrupted during step 2") {
		t.Errorf("exit %d, failure %q", r.ExitCode(), r.Failure)
	}
	if !strings.HasPrefix(r.Write.PutBack, "running again, as found") {
		t.Errorf("put back: %q", r.Write.PutBack)
	}
}

// Interrupted while waiting for a step's task, which changes the tenant only when
// it ends: the put-back waits for that task first, so the task cannot undo it.
func TestWritePutsBackAfterTheInterruptedStepsTasks(t *testing.T) {
	noGrace(t)
	ctx, interrupt := context.WithCancel(context.Background())
	defer interrupt()
	var polls atomic.Int32
	f := newFixtureBehind(t, ocpmock.Options{TaskPolls: 3, SwitchAtTaskEnd: true}, func(mock http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.Contains(r.URL.Path, "/tasks/instances/") && polls.Add(1) == 1 {
				interrupt() // during the first step's wait
			}
			mock.ServeHTTP(w, r)
		})
	})
	r := f.run(t, ctx, inspecting(11), writing)
	if !strings.Contains(r.Failure, "interrupted during step 1") {
		t.Errorf("failure %q, want the interruption of step 1", r.Failure)
	}
	f.mock.FinishTasks() // whatever still runs ends now
	if enabled, _ := f.mock.ScheduleEnabled(1, 11); enabled {
		t.Errorf("scheduling left running; it was found stopped (put back: %q)", r.Write.PutBack)
	}
}
