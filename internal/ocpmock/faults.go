package ocpmock

import (
	"net/http"
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

func (s *Server) takeFaultLocked(route Route) *Fault {
	queue := s.faults[route]
	if len(queue) == 0 {
		return nil
	}
	f := queue[0]
	f.Times--
	if f.Times == 0 {
		s.faults[route] = queue[1:]
	}
	return f
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
