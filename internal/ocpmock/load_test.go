package ocpmock

import (
	"net/http"
	"reflect"
	"sync"
	"testing"
	"time"
)

// Every API answer waits Options.Latency after OCP acted, and the waits overlap:
// requests sent at once are all held at the same time, none waits for another's
// answer.
func TestLatencyHoldsAnswersWithoutSerialisingThem(t *testing.T) {
	const latency, requests = 50 * time.Millisecond, 8
	s, baseURL := newTestServerWith(t, Options{Latency: latency})
	var mu sync.Mutex
	var waits []time.Duration
	held, release := make(chan struct{}), make(chan struct{})
	s.sleep = func(d time.Duration) {
		mu.Lock()
		waits = append(waits, d)
		mu.Unlock()
		held <- struct{}{}
		<-release
	}
	admin := newCaller(t, baseURL, basicAuth("admin", "pw"))
	statuses := make(chan int, requests)
	for i := range requests {
		r := admin.request(http.MethodGet, tenantStrategy, nil)
		if i == 0 {
			r = admin.request(http.MethodPost, tenantStrategy+"/startSchedule", nil)
		}
		go func() {
			resp, err := http.DefaultClient.Do(r)
			if err != nil {
				statuses <- 0
				return
			}
			resp.Body.Close()
			statuses <- resp.StatusCode
		}()
	}
	for i := range requests {
		select {
		case <-held:
		case <-time.After(10 * time.Second):
			t.Fatalf("only %d of %d requests were held at once", i, requests)
		}
	}
	if peak := s.TakePeakInFlight(); peak != requests {
		t.Errorf("peak in flight = %d, want %d", peak, requests)
	}
	if enabled, _ := s.ScheduleEnabled(1, 11); !enabled || len(statuses) > 0 {
		t.Errorf("while the answers wait: scheduling started = %v, answers arrived = %d; want OCP to have acted and no answer yet",
			enabled, len(statuses))
	}
	close(release)
	for range requests {
		if status := <-statuses; status != http.StatusOK {
			t.Errorf("answer: HTTP %d, want 200", status)
		}
	}
	for _, wait := range waits {
		if wait != latency {
			t.Errorf("waited %v, want %v", wait, latency)
		}
	}
}

// The peak restarts from the requests still in flight when it is taken.
func TestPeakInFlightStartsAnewWhenTaken(t *testing.T) {
	s, baseURL := newTestServer(t)
	admin := newCaller(t, baseURL, basicAuth("admin", "pw"))
	admin.do(http.MethodGet, tenantStrategy, nil)
	if peak := s.TakePeakInFlight(); peak != 1 {
		t.Errorf("peak after one request = %d, want 1", peak)
	}
	if peak := s.TakePeakInFlight(); peak != 0 {
		t.Errorf("peak with nothing sent since = %d, want 0", peak)
	}
}

// The same seed fails the same calls with the same faults; each failure is one of
// the faults given, and the counts say which.
func TestRandomFaultsFollowTheirSeed(t *testing.T) {
	faults := RandomFaults{Rate: 0.3, Seed: 7, Faults: []Fault{
		{Status: http.StatusInternalServerError},
		{Status: http.StatusServiceUnavailable},
	}}
	run := func() ([]int, []int) {
		s, baseURL := newTestServer(t)
		s.SetRandomFaults(faults)
		admin := newCaller(t, baseURL, basicAuth("admin", "pw"))
		statuses := make([]int, 200)
		for i := range statuses {
			statuses[i] = admin.do(http.MethodGet, tenantStrategy, nil).status
		}
		return statuses, s.RandomFaultCounts()
	}
	statuses, counts := run()
	again, _ := run()
	if !reflect.DeepEqual(statuses, again) {
		t.Error("the same seed failed different calls")
	}
	seen := map[int]int{}
	for _, status := range statuses {
		seen[status]++
	}
	if seen[http.StatusInternalServerError] != counts[0] || seen[http.StatusServiceUnavailable] != counts[1] ||
		seen[http.StatusOK] != len(statuses)-counts[0]-counts[1] {
		t.Errorf("statuses %v do not match the counts %v", seen, counts)
	}
	if failed := counts[0] + counts[1]; failed < 40 || failed > 80 {
		t.Errorf("%d of 200 calls failed, want about 60 (a rate of 0.3)", failed)
	}
}

// Faults queued for a route come before random ones, and a zero rate ends them.
func TestRandomFaultsComeAfterQueuedOnesAndStop(t *testing.T) {
	s, baseURL := newTestServer(t)
	s.SetRandomFaults(RandomFaults{Rate: 1, Faults: []Fault{{Status: http.StatusBadGateway}}})
	s.InjectFault(RouteGetStrategy, Fault{Status: http.StatusGatewayTimeout})
	admin := newCaller(t, baseURL, basicAuth("admin", "pw"))
	for _, want := range []int{http.StatusGatewayTimeout, http.StatusBadGateway} {
		if got := admin.do(http.MethodGet, tenantStrategy, nil); got.status != want {
			t.Errorf("got %v, want HTTP %d", got, want)
		}
	}
	s.SetRandomFaults(RandomFaults{})
	if got := admin.do(http.MethodGet, tenantStrategy, nil); !got.ok() {
		t.Errorf("after switching random faults off: %v", got)
	}
}
