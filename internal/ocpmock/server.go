package ocpmock

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// Route names one endpoint of the mock, for counters and fault injection.
type Route string

// The endpoints the mock serves. Tenant and cluster strategy endpoints are counted
// apart: "POST startSchedule" is the tenant's, "POST cluster startSchedule" the
// cluster's.
const (
	RouteListClusters          Route = "GET clusters"
	RouteGetCluster            Route = "GET cluster"
	RouteListTenants           Route = "GET tenants"
	RouteGetTenant             Route = "GET tenant"
	RouteGetStrategy           Route = "GET backupStrategy"
	RouteCreateStrategy        Route = "POST backupStrategy"
	RouteUpdateStrategy        Route = "PATCH backupStrategy"
	RouteDeleteStrategy        Route = "DELETE backupStrategy"
	RouteStartSchedule         Route = "POST startSchedule"
	RouteStopSchedule          Route = "POST stopSchedule"
	RouteGetClusterStrategy    Route = "GET cluster backupStrategy"
	RouteCreateClusterStrategy Route = "POST cluster backupStrategy"
	RouteUpdateClusterStrategy Route = "PATCH cluster backupStrategy"
	RouteDeleteClusterStrategy Route = "DELETE cluster backupStrategy"
	RouteStartClusterSchedule  Route = "POST cluster startSchedule"
	RouteStopClusterSchedule   Route = "POST cluster stopSchedule"
	RouteDataBackupTasks       Route = "GET dataBackupTasks"
	RouteGetTask               Route = "GET task"
)

const (
	clusterPrefix = "/api/v2/ob/clusters/{clusterId}"
	tenantPrefix  = clusterPrefix + "/tenants/{tenantId}"
	strategyPath  = "/backup/config/backupStrategy"
)

// Options change how the mock answers where OCP's real behaviour is not documented.
type Options struct {
	// OmitScheduleEnabled leaves backupScheduleEnabled out of the strategy answer,
	// as an OCP version without that field would.
	OmitScheduleEnabled bool
	// TaskPolls is how many reads a task reports RUNNING before it ends. Strategy
	// changes always answer with a task; with TaskPolls above zero, start and stop
	// do too.
	TaskPolls int
	// SwitchAtTaskEnd makes start and stop take effect when their task ends, not
	// when they are answered (with TaskPolls above zero): a caller that stops
	// following the task sees the old state for a while, then the new one.
	SwitchAtTaskEnd bool
	// NoStrategy is how a strategy read answers a cluster or tenant without one:
	// data null (the zero value), or OCP's error envelope with HTTP 404 or 400.
	// OCP_API.md §3.4 allows all three.
	NoStrategy NoStrategyAnswer
	// MissingTenantStatus is how an unknown tenant id is answered: HTTP 400 with
	// OCP's tenant-not-found code (zero value, as OCP's framework raises it) or 404.
	MissingTenantStatus int
	// Sparse makes strategy reads leave out backupMode, fill what the stored body
	// left unset with OCP's own defaults, and add fields the provider does not know.
	Sparse bool
	// MaxPageSize caps the page size of lists whatever size was asked, as a
	// server-side limit would; zero means OCP's documented 2000.
	MaxPageSize int
	// TotalPagesField names the page count of list answers: "totalPages" (zero
	// value, as OCP's samples show) or "totalPage" (as its field tables say).
	TotalPagesField string
	// PagedTasks answers task lists in OCP's page shape instead of a plain list.
	PagedTasks bool
	// TenantOverview serves the undocumented tenant backup overview (overview.go).
	TenantOverview bool
	// IgnoreListFilters answers cluster and tenant lists, and the status filter of
	// task lists, unfiltered, as an OCP version that does not know a filter
	// parameter would.
	IgnoreListFilters bool
	// TaskTimes is the form of the times in task lists (times.go).
	TaskTimes TimeForm
	// LogDelay is the form of a log backup task's delay (times.go).
	LogDelay DelayForm
	// Latency holds every API answer back this long, as a distant OCP's would
	// arrive: OCP acts at once, and its answer arrives Latency later. Other
	// requests are not held back meanwhile.
	Latency time.Duration
}

// NoStrategyAnswer is one of the shapes in which OCP may say "no strategy".
type NoStrategyAnswer int

// The shapes of NoStrategyAnswer.
const (
	NoStrategyNullData NoStrategyAnswer = iota
	NoStrategyNotFound
	NoStrategyBadRequest
)

// Server is the mock OCP. Use it as an http.Handler.
type Server struct {
	mu        sync.Mutex
	opts      Options
	clusters  map[int64]*Cluster
	tenants   map[scopeKey]*Tenant
	tasks     map[int64]*task
	nextID    int64
	users     map[string]string
	readOnly  map[string]bool
	keys      map[string]string
	faults    map[Route][]*Fault
	calls     map[Route]int
	throttled int
	limiter   rateLimiter
	failTasks string
	random    randomFaults
	// starts counts, by scope, how startSchedule calls were answered.
	starts map[scopeKey]StartCalls
	// inFlight is how many API requests are being answered; peakInFlight the
	// most at once since TakePeakInFlight.
	inFlight, peakInFlight int
	// refusedDestinations are storage URLs (without trailing slash) whose strategy
	// writes OCP refuses, with the message it refuses them with.
	refusedDestinations map[string]string
	mux                 *http.ServeMux
	now                 func() time.Time
	// sleep waits out Options.Latency; tests replace it to see the waits.
	sleep  func(time.Duration)
	routes []Route
}

// New returns an empty mock; add credentials, clusters and tenants before use.
func New(opts Options) *Server {
	s := &Server{
		opts:     opts,
		clusters: map[int64]*Cluster{},
		tenants:  map[scopeKey]*Tenant{},
		tasks:    map[int64]*task{},
		nextID:   3000000,
		users:    map[string]string{},
		readOnly: map[string]bool{},
		keys:     map[string]string{},
		faults:   map[Route][]*Fault{},
		calls:    map[Route]int{},
		starts:   map[scopeKey]StartCalls{},
		mux:      http.NewServeMux(),
		now:      time.Now,
		sleep:    time.Sleep,
	}
	// Every route in this one table; each handler lives in the file of its OCP area.
	s.handle("GET /api/v2/ob/clusters", RouteListClusters, s.listClusters)
	s.handle("GET "+clusterPrefix, RouteGetCluster, s.getCluster)
	s.handle("GET "+clusterPrefix+"/tenants", RouteListTenants, s.listTenants)
	s.handle("GET /api/v2/ob/tenants", RouteListAllTenants, s.listAllTenants)
	s.handle("GET "+tenantPrefix, RouteGetTenant, s.getTenant)
	s.handle("GET "+tenantPrefix+strategyPath, RouteGetStrategy, s.getStrategy)
	s.handle("POST "+tenantPrefix+strategyPath, RouteCreateStrategy, s.createStrategy)
	s.handle("PATCH "+tenantPrefix+strategyPath, RouteUpdateStrategy, s.updateStrategy)
	s.handle("DELETE "+tenantPrefix+strategyPath, RouteDeleteStrategy, s.deleteStrategy)
	s.handle("POST "+tenantPrefix+strategyPath+"/startSchedule", RouteStartSchedule, s.startSchedule)
	s.handle("POST "+tenantPrefix+strategyPath+"/stopSchedule", RouteStopSchedule, s.stopSchedule)
	s.handle("GET "+clusterPrefix+strategyPath, RouteGetClusterStrategy, s.getStrategy)
	s.handle("POST "+clusterPrefix+strategyPath, RouteCreateClusterStrategy, s.createStrategy)
	s.handle("PATCH "+clusterPrefix+strategyPath, RouteUpdateClusterStrategy, s.updateStrategy)
	s.handle("DELETE "+clusterPrefix+strategyPath, RouteDeleteClusterStrategy, s.deleteStrategy)
	s.handle("POST "+clusterPrefix+strategyPath+"/startSchedule", RouteStartClusterSchedule, s.startSchedule)
	s.handle("POST "+clusterPrefix+strategyPath+"/stopSchedule", RouteStopClusterSchedule, s.stopSchedule)
	s.handle("GET "+tenantPrefix+"/backup/task/dataBackupTasks", RouteDataBackupTasks, s.listDataBackupTasks)
	s.handle("POST "+tenantPrefix+"/backup/backupNow", RouteBackupNow, s.backupNow)
	s.handle("POST "+clusterPrefix+"/backup/backupNow", RouteClusterBackupNow, s.backupNow)
	s.handle("GET /api/v2/tasks/instances/{taskId}", RouteGetTask, s.getTask)
	s.handle("GET "+tenantPrefix+"/backup/task/logBackupTasks", RouteLogBackupTasks, s.listLogBackupTasks)
	s.handle("GET "+tenantPrefix+"/backup/overview", RouteTenantOverview, s.tenantOverview)
	s.mux.HandleFunc("/", s.writeNoHandler)
	return s
}

// AddUser accepts HTTP Basic credentials.
func (s *Server) AddUser(username, password string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[username] = password
}

// AddReadOnlyUser accepts HTTP Basic credentials that may read but not act: its
// POST calls get OCP's 403 "operation not permitted".
func (s *Server) AddReadOnlyUser(username, password string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[username] = password
	s.readOnly[username] = true
}

// AddAccessKey accepts an AccessKey pair.
func (s *Server) AddAccessKey(id, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys[id] = secret
}

// Calls returns how many requests reached route, faulted or throttled ones included.
func (s *Server) Calls(route Route) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[route]
}

// Throttled returns how many requests the rate limiter answered with 429.
func (s *Server) Throttled() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.throttled
}

// CallCounts returns a copy of all counters.
func (s *Server) CallCounts() map[Route]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	counts := make(map[Route]int, len(s.calls))
	for route, n := range s.calls {
		counts[route] = n
	}
	return counts
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mux.ServeHTTP(w, r)
}

// handle registers an API route behind the counter, the rate limiter, the fault
// injector and authentication, in the order a real deployment meets them, and
// answers after Options.Latency.
func (s *Server) handle(pattern string, route Route, h http.HandlerFunc) {
	s.routes = append(s.routes, route)
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		defer s.track()()
		if s.opts.Latency > 0 {
			// The server sends an answer once the handler returns (or, past a few
			// KiB, only its start), so the client has it Latency after OCP acted.
			defer s.sleep(s.opts.Latency)
		}
		fault, throttled := s.admit(route, w)
		if throttled {
			s.writeError(w, http.StatusTooManyRequests, 0, "Too many requests, please try again later")
			return
		}
		if fault != nil {
			time.Sleep(fault.Delay)
		}
		if fault != nil && !fault.Passthrough {
			fault.apply(s, w)
			return
		}
		if !s.authenticate(w, r) {
			return
		}
		if fault != nil && (fault.Drop || fault.Status != 0) {
			// OCP acted, but its answer never arrives.
			h(discardWriter{header: http.Header{}}, r)
			fault.apply(s, w)
			return
		}
		h(w, r)
	})
}

// track counts a request in flight until the function it returns is called.
func (s *Server) track() (done func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inFlight++
	s.peakInFlight = max(s.peakInFlight, s.inFlight)
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.inFlight--
	}
}

// TakePeakInFlight returns the most API requests answered at once since the last
// call (or since New), and starts counting anew from those in flight now.
func (s *Server) TakePeakInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	peak := s.peakInFlight
	s.peakInFlight = s.inFlight
	return peak
}

// admit counts the request and decides whether it is throttled or faulted.
func (s *Server) admit(route Route, w http.ResponseWriter) (*Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[route]++
	if !s.limiter.allow(s.now(), w.Header()) {
		s.throttled++
		return nil, true
	}
	return s.takeFaultLocked(route), false
}

// OCP codes the mock answers with.
const (
	codeIllegalArgument = 10001
	codeNotFound        = 10002
	codeScheduleState   = 10009
	codeNotPermitted    = 30014
	codeTenantNotFound  = 60002
	// codeBackupStrategyAbsent is made up: OCP documents no backup error codes, and
	// the provider must not depend on any.
	codeBackupStrategyAbsent = 70013
)

// envelopeMeta is what OCP's success and error envelopes share.
type envelopeMeta struct {
	Successful bool   `json:"successful"`
	Timestamp  string `json:"timestamp"`
	Duration   int    `json:"duration"`
	Status     int    `json:"status"`
	TraceID    string `json:"traceId"`
	Server     string `json:"server"`
}

type successEnvelope struct {
	Data any `json:"data"`
	envelopeMeta
}

type errorEnvelope struct {
	envelopeMeta
	Error errorBody `json:"error"`
}

type errorBody struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

const serverName = "mock-ocp-1"

func (s *Server) writeData(w http.ResponseWriter, data any) {
	writeJSON(w, http.StatusOK, successEnvelope{Data: data, envelopeMeta: s.meta(http.StatusOK)})
}

func (s *Server) writeError(w http.ResponseWriter, status, code int, message string) {
	writeJSON(w, status, errorEnvelope{envelopeMeta: s.meta(status), Error: errorBody{Code: code, Message: message}})
}

func (s *Server) meta(status int) envelopeMeta {
	return envelopeMeta{
		Successful: status/100 == 2, Timestamp: s.timestamp(), Duration: 3,
		Status: status, TraceID: newTraceID(), Server: serverName,
	}
}

// timestamp is the envelope's time, in OCP's zone: +08:00 where task times are
// written as local time, the machine's otherwise.
func (s *Server) timestamp() string {
	now := s.now()
	if s.opts.TaskTimes == TimeLocalSpaced {
		now = now.In(shanghai)
	}
	return now.Format("2006-01-02T15:04:05.000-07:00")
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func newTraceID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
