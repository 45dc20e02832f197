package ocpmock

import (
	"net/http"
	"testing"
)

func TestScheduleStateMachine(t *testing.T) {
	s, baseURL := newTestServer(t)
	admin := newCaller(t, baseURL, basicAuth("admin", "pw"))
	start, stop := tenantStrategy+"/startSchedule", tenantStrategy+"/stopSchedule"
	if got := admin.do(http.MethodPost, start, nil); !got.ok() {
		t.Fatalf("start: %v", got)
	}
	var strategy map[string]any
	admin.do(http.MethodGet, tenantStrategy, nil).decode(t, &strategy)
	if enabled := lookup(strategy, "obBackupScheduleConfig", "backupScheduleEnabled"); enabled != true {
		t.Fatalf("after start: backupScheduleEnabled = %v", enabled)
	}
	if got := admin.do(http.MethodPost, start, nil); !got.refused(http.StatusConflict) {
		t.Errorf("second start: want 409, got %v", got)
	}
	if got := admin.do(http.MethodPost, stop, nil); !got.ok() {
		t.Fatalf("stop: %v", got)
	}
	if enabled, _ := s.ScheduleEnabled(1, 11); enabled {
		t.Error("stop did not stop")
	}
	s.DeleteStrategy(1, 11)
	if got := admin.do(http.MethodGet, tenantStrategy, nil); !got.ok() || string(got.env.Data) != "null" {
		t.Errorf("deleted strategy: want data null, got %v", got)
	}
	s.DeleteTenant(1, 11)
	if got := admin.do(http.MethodGet, tenantStrategy, nil); !got.gone() {
		t.Errorf("deleted tenant: want not found, got %v", got)
	}
	if got := s.Calls(RouteStartSchedule); got != 2 {
		t.Errorf("start calls = %d, want 2", got)
	}
	if got := s.StartCallsOf(1, 11); got != (StartCalls{Started: 1, AlreadyRunning: 1}) {
		t.Errorf("start calls of tenant 11 = %+v, want one that started and one refused as already running", got)
	}
}

// With SwitchAtTaskEnd, a start takes effect only when its task ends.
func TestScheduleSwitchAtTaskEnd(t *testing.T) {
	s, baseURL := newTestServerWith(t, Options{TaskPolls: 1, SwitchAtTaskEnd: true})
	admin := newCaller(t, baseURL, basicAuth("admin", "pw"))
	if got := admin.do(http.MethodPost, tenantStrategy+"/startSchedule", nil); !got.ok() {
		t.Fatalf("start: %v", got)
	}
	if enabled, _ := s.ScheduleEnabled(1, 11); enabled {
		t.Error("running before the start's task ended")
	}
	s.FinishTasks()
	if enabled, _ := s.ScheduleEnabled(1, 11); !enabled {
		t.Error("not running once the start's task ended")
	}
}
