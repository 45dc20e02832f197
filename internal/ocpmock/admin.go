package ocpmock

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// AdminPrefix opens the paths of the admin endpoints that WithAdmin serves. It is
// no part of OCP's API, so that no OCP client reaches them by mistake.
const AdminPrefix = "/_mock/"

// WithAdmin serves the mock's OCP API and, under AdminPrefix, endpoints for people
// trying the provider by hand: change state behind the provider's back as a DBA in
// the console would, queue faults, and read the call counters. Tests call the
// Server's methods instead. The endpoints take no credentials, which is why only
// the standalone mock, listening on loopback, serves them.
func (s *Server) WithAdmin() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/", s)
	const cluster, tenant = "/_mock/clusters/{clusterId}", "/_mock/clusters/{clusterId}/tenants/{tenantId}"
	for _, scope := range []string{cluster, tenant} {
		mux.HandleFunc("POST "+scope+"/stop-schedule", s.onScope(s.adminSetSchedule(false)))
		mux.HandleFunc("POST "+scope+"/start-schedule", s.onScope(s.adminSetSchedule(true)))
		mux.HandleFunc("DELETE "+scope+"/strategy", s.onScope(s.adminDeleteStrategy))
	}
	mux.HandleFunc("DELETE "+tenant, s.onScope(s.adminDeleteTenant))
	mux.HandleFunc("GET /_mock/faults", s.adminListFaults)
	mux.HandleFunc("POST /_mock/faults", s.adminInjectFault)
	mux.HandleFunc("DELETE /_mock/faults", s.adminClearFaults)
	mux.HandleFunc("GET /_mock/calls", s.adminCalls)
	mux.HandleFunc("DELETE /_mock/calls", s.adminResetCalls)
	mux.HandleFunc("GET /_mock/routes", s.adminRoutes)
	mux.HandleFunc(AdminPrefix, func(w http.ResponseWriter, r *http.Request) {
		writeAdminError(w, adminErrorf(http.StatusNotFound, "no admin endpoint %s %s", r.Method, r.URL.Path))
	})
	return mux
}

// adminError is an admin endpoint's refusal: its HTTP status and what went wrong.
type adminError struct {
	status  int
	message string
}

func (e *adminError) Error() string { return e.message }

func adminErrorf(status int, format string, args ...any) error {
	return &adminError{status: status, message: fmt.Sprintf(format, args...)}
}

// writeAdminError answers {"error": message}, with 400 for anything but an adminError.
func writeAdminError(w http.ResponseWriter, err error) {
	status := http.StatusBadRequest
	var refusal *adminError
	if errors.As(err, &refusal) {
		status = refusal.status
	}
	writeJSON(w, status, map[string]string{"error": err.Error()})
}

// scopeState is what a cluster's or tenant's backups look like after an admin call.
type scopeState struct {
	ClusterID       int64 `json:"clusterId"`
	TenantID        int64 `json:"tenantId,omitempty"`
	Exists          bool  `json:"exists"`
	HasStrategy     bool  `json:"hasStrategy"`
	ScheduleEnabled bool  `json:"scheduleEnabled"`
}

// onScope serves an admin call on the cluster or tenant its path names: act
// changes the scope under the lock, and the answer is the scope's state after it.
func (s *Server) onScope(act func(key scopeKey) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key, err := adminScope(r)
		if err != nil {
			writeAdminError(w, err)
			return
		}
		s.mu.Lock()
		err = act(key)
		state := s.scopeStateLocked(key)
		s.mu.Unlock()
		if err != nil {
			writeAdminError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, state)
	}
}

// adminScope reads the cluster id, and on tenant paths the tenant id, of the path.
func adminScope(r *http.Request) (scopeKey, error) {
	var key scopeKey
	var err error
	if key.clusterID, err = adminPathID(r, "clusterId"); err != nil {
		return scopeKey{}, err
	}
	if r.PathValue("tenantId") != "" {
		key.tenantID, err = adminPathID(r, "tenantId")
	}
	return key, err
}

func adminPathID(r *http.Request, name string) (int64, error) {
	raw := r.PathValue(name)
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, adminErrorf(http.StatusBadRequest, "%s in the path must be a positive whole number (an OCP id), got %q", name, raw)
	}
	return id, nil
}

func (s *Server) scopeStateLocked(key scopeKey) scopeState {
	state := scopeState{ClusterID: key.clusterID, TenantID: key.tenantID}
	if slot := s.slotLocked(key); slot != nil {
		state.Exists = true
		if strategy := *slot; strategy != nil {
			state.HasStrategy, state.ScheduleEnabled = true, strategy.ScheduleEnabled
		}
	}
	return state
}

// describeScope names a scope in admin answers.
func describeScope(key scopeKey) string {
	if key.tenantID == 0 {
		return fmt.Sprintf("cluster %d", key.clusterID)
	}
	return fmt.Sprintf("tenant %d/%d", key.clusterID, key.tenantID)
}

// strategySlotLocked is slotLocked with a 404 that names what is missing.
func (s *Server) strategySlotLocked(key scopeKey) (**Strategy, error) {
	if s.clusters[key.clusterID] == nil {
		return nil, adminErrorf(http.StatusNotFound, "no cluster %d", key.clusterID)
	}
	slot := s.slotLocked(key)
	if slot == nil {
		return nil, adminErrorf(http.StatusNotFound, "cluster %d has no tenant %d", key.clusterID, key.tenantID)
	}
	return slot, nil
}

// strategyLocked is the scope's strategy, or a refusal that says why there is none.
func (s *Server) strategyLocked(key scopeKey) (*Strategy, error) {
	slot, err := s.strategySlotLocked(key)
	if err != nil {
		return nil, err
	}
	if *slot == nil {
		return nil, adminErrorf(http.StatusNotFound, "%s has no backup strategy", describeScope(key))
	}
	return *slot, nil
}

// adminSetSchedule starts or stops scheduled backups as the console would: it
// succeeds when they already are as asked, unlike OCP's own start and stop.
func (s *Server) adminSetSchedule(enabled bool) func(key scopeKey) error {
	return func(key scopeKey) error {
		strategy, err := s.strategyLocked(key)
		if err == nil {
			strategy.ScheduleEnabled = enabled
		}
		return err
	}
}

func (s *Server) adminDeleteStrategy(key scopeKey) error {
	if _, err := s.strategyLocked(key); err != nil {
		return err
	}
	*s.slotLocked(key) = nil
	return nil
}

func (s *Server) adminDeleteTenant(key scopeKey) error {
	if _, err := s.strategySlotLocked(key); err != nil {
		return err
	}
	delete(s.tenants, key)
	return nil
}

// faultSpec is a Fault as the admin endpoints take and list it.
type faultSpec struct {
	Route         Route             `json:"route"`
	Status        int               `json:"status,omitempty"`
	Body          string            `json:"body,omitempty"`
	Headers       map[string]string `json:"headers,omitempty"`
	Delay         string            `json:"delay,omitempty"`
	Passthrough   bool              `json:"passthrough,omitempty"`
	Drop          bool              `json:"drop,omitempty"`
	MalformedJSON bool              `json:"malformedJson,omitempty"`
	Times         int               `json:"times,omitempty"`
}

func (s *Server) adminInjectFault(w http.ResponseWriter, r *http.Request) {
	var spec faultSpec
	decoder := json.NewDecoder(r.Body)
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(&spec); err != nil {
		writeAdminError(w, fmt.Errorf("the body must be a JSON fault such as {\"route\": %q, \"status\": 503}: %w", RouteGetStrategy, err))
		return
	}
	fault, err := s.faultFromSpec(spec)
	if err != nil {
		writeAdminError(w, err)
		return
	}
	s.InjectFault(spec.Route, fault)
	s.adminListFaults(w, r)
}

// faultFromSpec checks a spec field by field; the errors name the field.
func (s *Server) faultFromSpec(spec faultSpec) (Fault, error) {
	if err := s.checkRoute(spec.Route); err != nil {
		return Fault{}, err
	}
	replaces := spec.Status != 0 || spec.Body != "" || len(spec.Headers) > 0
	switch {
	case spec.Status != 0 && (spec.Status < 200 || spec.Status > 599):
		return Fault{}, fmt.Errorf("status must be an HTTP status from 200 to 599, got %d", spec.Status)
	case spec.Times < 0:
		return Fault{}, fmt.Errorf("times must be 1 or more (or left out for once), got %d", spec.Times)
	case countTrue(replaces, spec.Drop, spec.MalformedJSON) > 1:
		return Fault{}, errors.New("status/body/headers, drop and malformedJson are different faults: give one of them")
	case spec.Passthrough && spec.MalformedJSON:
		return Fault{}, errors.New("passthrough goes with drop, status or delay, not with malformedJson")
	}
	delay, err := parseDelay(spec.Delay)
	if err != nil {
		return Fault{}, err
	}
	header := http.Header{}
	for name, value := range spec.Headers {
		header.Set(name, value)
	}
	return Fault{
		Status: spec.Status, Body: spec.Body, Header: header, Delay: delay, Passthrough: spec.Passthrough,
		Drop: spec.Drop, MalformedJSON: spec.MalformedJSON, Times: spec.Times,
	}, nil
}

func (s *Server) checkRoute(route Route) error {
	routes := s.routeNames()
	if slices.Contains(routes, string(route)) {
		return nil
	}
	what := fmt.Sprintf("route %q is not a route of the mock", route)
	if route == "" {
		what = "route is required"
	}
	return fmt.Errorf("%s; the routes are: %s", what, strings.Join(routes, ", "))
}

func parseDelay(raw string) (time.Duration, error) {
	if raw == "" {
		return 0, nil
	}
	delay, err := time.ParseDuration(raw)
	if err != nil || delay < 0 {
		return 0, fmt.Errorf("delay must be a duration such as \"2s\" or \"500ms\", got %q", raw)
	}
	return delay, nil
}

func countTrue(conditions ...bool) int {
	n := 0
	for _, c := range conditions {
		if c {
			n++
		}
	}
	return n
}

// adminListFaults answers the faults still queued, in the order they will apply,
// each with the calls it has left.
func (s *Server) adminListFaults(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	specs := []faultSpec{}
	for _, route := range s.routes {
		for _, f := range s.faults[route] {
			specs = append(specs, f.spec(route))
		}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"faults": specs})
}

func (f *Fault) spec(route Route) faultSpec {
	spec := faultSpec{
		Route: route, Status: f.Status, Body: f.Body, Passthrough: f.Passthrough, Drop: f.Drop,
		MalformedJSON: f.MalformedJSON, Times: f.Times,
	}
	if f.Delay > 0 {
		spec.Delay = f.Delay.String()
	}
	for name := range f.Header {
		if spec.Headers == nil {
			spec.Headers = map[string]string{}
		}
		spec.Headers[name] = f.Header.Get(name)
	}
	return spec
}

func (s *Server) adminClearFaults(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	clear(s.faults)
	s.mu.Unlock()
	s.adminListFaults(w, r)
}

// adminCalls answers how many requests reached each route (faulted and throttled
// ones included) and how many the rate limiter refused.
func (s *Server) adminCalls(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"calls": s.CallCounts(), "throttled": s.Throttled()})
}

func (s *Server) adminResetCalls(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	clear(s.calls)
	s.throttled = 0
	s.mu.Unlock()
	s.adminCalls(w, r)
}

func (s *Server) adminRoutes(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"routes": s.routeNames()})
}

// routeNames lists the routes faults and counters know, in the order New
// registers them, which groups them by what they serve.
func (s *Server) routeNames() []string {
	names := make([]string, len(s.routes))
	for i, route := range s.routes {
		names[i] = string(route)
	}
	return names
}
