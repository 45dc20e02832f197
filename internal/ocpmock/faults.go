package ocpmock

import (
	"math/rand/v2"
	"net/http"
	"slices"
	"time"
)

// Fault is an answer the mock gives instead of the real one, for the next Times calls
// of a route (once when Times is zero).
type Fault struct {
	// Status and Body replace the answer; an empty Body gets OCP's error envelope.
	Status int
	Body   string
	Header http.Header
	// Delay holds the answer back.
	Delay time.Duration
	// Passthrough lets the real handler act after Delay: with Drop, OCP acts but
	// the connection closes before its answer; with Status, OCP acts but a proxy
	// answers Status (and Body) instead, as one that timed out waiting for OCP
	// would; with neither, the answer is just late.
	Passthrough bool
	// Drop closes the connection without any answer.
	Drop bool
	// MalformedJSON answers 200 with a truncated JSON body.
	MalformedJSON bool
	Times         int
}

// InjectFault queues f for route; faults of one route apply in order.
func (s *Server) InjectFault(route Route, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f.Times <= 0 {
		f.Times = 1
	}
	s.faults[route] = append(s.faults[route], &f)
}

// takeFaultLocked returns the fault a call of route meets: the next one queued for
// the route, else perhaps a random one.
func (s *Server) takeFaultLocked(route Route) *Fault {
	queue := s.faults[route]
	if len(queue) == 0 {
		return s.random.draw()
	}
	f := queue[0]
	f.Times--
	if f.Times == 0 {
		s.faults[route] = queue[1:]
	}
	return f
}

// RandomFaults fails a share of all API calls, each with a fault drawn from a list.
type RandomFaults struct {
	// Rate is the share of calls that meet a fault, from 0 (none) to 1 (all).
	Rate float64
	// Seed fixes the sequence of draws: the same calls in the same order meet the
	// same faults.
	Seed   uint64
	Faults []Fault
}

// randomFaults draws the faults of RandomFaults and counts them by their index.
type randomFaults struct {
	RandomFaults
	rand  *rand.Rand
	drawn []int
}

// SetRandomFaults makes a share of the calls from now on meet random faults, after
// any faults queued for their route; a zero Rate (or no Faults) switches it off.
func (s *Server) SetRandomFaults(rf RandomFaults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rf.Faults = slices.Clone(rf.Faults)
	s.random = randomFaults{RandomFaults: rf, rand: rand.New(rand.NewPCG(rf.Seed, rf.Seed)), drawn: make([]int, len(rf.Faults))} //nolint:gosec // reproducible faults, not secrets.
}

// RandomFaultCounts returns how many calls met each of RandomFaults.Faults.
func (s *Server) RandomFaultCounts() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int(nil), s.random.drawn...)
}

func (r *randomFaults) draw() *Fault {
	if len(r.Faults) == 0 || r.rand.Float64() >= r.Rate {
		return nil
	}
	i := r.rand.IntN(len(r.Faults))
	r.drawn[i]++
	return &r.Faults[i]
}

// apply writes the fault's answer instead of the real one (after Delay).
func (f *Fault) apply(s *Server, w http.ResponseWriter) {
	switch {
	case f.Drop:
		dropConnection(w)
	case f.MalformedJSON:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"data": {"obBackupTaskType": "START_BACK`))
	default:
		f.writeReplacement(s, w)
	}
}

func (f *Fault) writeReplacement(s *Server, w http.ResponseWriter) {
	for name, values := range f.Header {
		w.Header()[name] = values
	}
	status := f.Status
	if status == 0 {
		status = http.StatusInternalServerError
	}
	if f.Body == "" {
		s.writeError(w, status, 0, http.StatusText(status))
		return
	}
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	_, _ = w.Write([]byte(f.Body))
}

func dropConnection(w http.ResponseWriter) {
	hijacker, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hijacker.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// discardWriter takes an answer nobody will read.
type discardWriter struct{ header http.Header }

func (d discardWriter) Header() http.Header         { return d.header }
func (d discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d discardWriter) WriteHeader(int)             {}
