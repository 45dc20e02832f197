package ocpmock

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// adminTest is the mock of newTestServer served with its admin endpoints, as the
// standalone mock serves it: ocp calls OCP's API, admin the endpoints.
type adminTest struct {
	t     *testing.T
	mock  *Server
	ocp   caller
	admin string
}

func newAdminTest(t *testing.T) adminTest {
	t.Helper()
	s, _ := newTestServer(t)
	srv := httptest.NewServer(s.WithAdmin())
	t.Cleanup(srv.Close)
	return adminTest{t: t, mock: s, ocp: newCaller(t, srv.URL, basicAuth("admin", "pw")), admin: srv.URL}
}

// call sends an admin request, without credentials, and decodes its JSON answer.
func (a adminTest) call(method, path, body string) (int, map[string]any) {
	a.t.Helper()
	r, err := http.NewRequest(method, a.admin+path, strings.NewReader(body))
	if err != nil {
		a.t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		a.t.Fatal(err)
	}
	var answer map[string]any
	if err := json.Unmarshal(raw, &answer); err != nil {
		a.t.Fatalf("%s %s: answer is not a JSON object: %s", method, path, raw)
	}
	return resp.StatusCode, answer
}

// mustCall sends an admin request that must succeed.
func (a adminTest) mustCall(method, path, body string) map[string]any {
	a.t.Helper()
	status, answer := a.call(method, path, body)
	if status != http.StatusOK {
		a.t.Fatalf("%s %s: HTTP %d %v", method, path, status, answer)
	}
	return answer
}

// refused checks that an admin request is answered status with an error naming want.
func (a adminTest) refused(method, path, body string, status int, want string) {
	a.t.Helper()
	gotStatus, answer := a.call(method, path, body)
	message, _ := answer["error"].(string)
	if gotStatus != status || !strings.Contains(message, want) {
		a.t.Errorf("%s %s %s: got HTTP %d %v, want %d with an error naming %q", method, path, body, gotStatus, answer, status, want)
	}
}

// faults calls /_mock/faults and returns the faults it answers are queued.
func (a adminTest) faults(method, body string) []any {
	a.t.Helper()
	queued, _ := a.mustCall(method, "/_mock/faults", body)["faults"].([]any)
	return queued
}

// calls calls /_mock/calls and returns the counters it answers.
func (a adminTest) calls(method string) map[string]any {
	a.t.Helper()
	counts, _ := a.mustCall(method, "/_mock/calls", "")["calls"].(map[string]any)
	return counts
}

// scheduleEnabled is what OCP's strategy answer says about scheduling at path.
func (a adminTest) scheduleEnabled(path string) any {
	a.t.Helper()
	var strategy map[string]any
	a.ocp.do(http.MethodGet, path, nil).decode(a.t, &strategy)
	return lookup(strategy, "obBackupScheduleConfig", "backupScheduleEnabled")
}

func TestAdminStopsAndStartsSchedules(t *testing.T) {
	a := newAdminTest(t)
	if got := a.ocp.do(http.MethodPost, tenantStrategy+"/startSchedule", nil); !got.ok() {
		t.Fatalf("start: %v", got)
	}
	answer := a.mustCall(http.MethodPost, "/_mock/clusters/1/tenants/11/stop-schedule", "")
	if answer["scheduleEnabled"] != false || answer["hasStrategy"] != true || answer["tenantId"] != float64(11) {
		t.Errorf("stop answered %v", answer)
	}
	if got := a.scheduleEnabled(tenantStrategy); got != false {
		t.Errorf("after stop-schedule OCP says backupScheduleEnabled %v", got)
	}
	a.mustCall(http.MethodPost, "/_mock/clusters/1/tenants/11/start-schedule", "")
	if got := a.scheduleEnabled(tenantStrategy); got != true {
		t.Errorf("after start-schedule OCP says backupScheduleEnabled %v", got)
	}

	a.mock.AddClusterStrategy(1)
	answer = a.mustCall(http.MethodPost, "/_mock/clusters/1/start-schedule", "")
	if _, tenant := answer["tenantId"]; tenant || answer["scheduleEnabled"] != true {
		t.Errorf("cluster start answered %v", answer)
	}
	if got := a.scheduleEnabled("/api/v2/ob/clusters/1" + strategyPath); got != true {
		t.Errorf("after the cluster's start-schedule OCP says backupScheduleEnabled %v", got)
	}
}

func TestAdminScopeErrorsNameWhatIsMissing(t *testing.T) {
	a := newAdminTest(t)
	a.mock.AddTenant(1, 12, "bare", false)
	a.refused(http.MethodPost, "/_mock/clusters/2/tenants/11/stop-schedule", "", http.StatusNotFound, "no cluster 2")
	a.refused(http.MethodPost, "/_mock/clusters/1/tenants/99/stop-schedule", "", http.StatusNotFound, "cluster 1 has no tenant 99")
	a.refused(http.MethodPost, "/_mock/clusters/1/tenants/12/start-schedule", "", http.StatusNotFound, "tenant 1/12 has no backup strategy")
	a.refused(http.MethodPost, "/_mock/clusters/1/stop-schedule", "", http.StatusNotFound, "cluster 1 has no backup strategy")
	a.refused(http.MethodPost, "/_mock/clusters/1/tenants/x/stop-schedule", "", http.StatusBadRequest, "tenantId")
	a.refused(http.MethodPut, "/_mock/clusters/1/tenants/11/stop-schedule", "", http.StatusNotFound, "no admin endpoint PUT")
}

func TestAdminDeletesTenant(t *testing.T) {
	a := newAdminTest(t)
	answer := a.mustCall(http.MethodDelete, "/_mock/clusters/1/tenants/11", "")
	if answer["exists"] != false {
		t.Errorf("delete answered %v", answer)
	}
	if got := a.ocp.do(http.MethodGet, "/api/v2/ob/clusters/1/tenants/11", nil); !got.gone() {
		t.Errorf("deleted tenant: want not found, got %v", got)
	}
	a.refused(http.MethodDelete, "/_mock/clusters/1/tenants/11", "", http.StatusNotFound, "no tenant 11")
}

func TestAdminDeletesStrategy(t *testing.T) {
	a := newAdminTest(t)
	answer := a.mustCall(http.MethodDelete, "/_mock/clusters/1/tenants/11/strategy", "")
	if answer["exists"] != true || answer["hasStrategy"] != false {
		t.Errorf("delete answered %v", answer)
	}
	if got := a.ocp.do(http.MethodGet, tenantStrategy, nil); !got.ok() || string(got.env.Data) != "null" {
		t.Errorf("deleted strategy: want data null, got %v", got)
	}
	a.refused(http.MethodDelete, "/_mock/clusters/1/tenants/11/strategy", "", http.StatusNotFound, "has no backup strategy")
}

func TestAdminFaultFailsItsCallsThenRecovers(t *testing.T) {
	a := newAdminTest(t)
	queued := a.faults(http.MethodPost,
		`{"route": "GET backupStrategy", "status": 503, "headers": {"Retry-After": "1"}, "delay": "10ms", "times": 2}`)
	if len(queued) != 1 {
		t.Fatalf("queued faults: %v", queued)
	}
	for call := 1; call <= 2; call++ {
		got := a.ocp.do(http.MethodGet, tenantStrategy, nil)
		if !got.refused(http.StatusServiceUnavailable) || got.header.Get("Retry-After") != "1" {
			t.Errorf("call %d: got %v, want OCP's 503 with Retry-After", call, got)
		}
	}
	if got := a.ocp.do(http.MethodGet, tenantStrategy, nil); !got.ok() {
		t.Errorf("third call: got %v, want the real answer", got)
	}
	if left := a.faults(http.MethodGet, ""); len(left) != 0 {
		t.Errorf("faults left after their calls: %v", left)
	}
}

func TestAdminClearsFaults(t *testing.T) {
	a := newAdminTest(t)
	a.faults(http.MethodPost, `{"route": "GET backupStrategy", "drop": true}`)
	if left := a.faults(http.MethodDelete, ""); len(left) != 0 {
		t.Errorf("faults left after clearing: %v", left)
	}
	if got := a.ocp.do(http.MethodGet, tenantStrategy, nil); !got.ok() {
		t.Errorf("after clearing: got %v, want the real answer", got)
	}
}

func TestAdminRefusesFaultsNamingTheField(t *testing.T) {
	a := newAdminTest(t)
	for body, want := range map[string]string{
		`{"route": "GET strategy"}`:                                                   "the routes are: GET clusters, GET cluster,",
		`{"status": 503}`:                                                             "route is required",
		`{"route": "GET backupStrategy", "count": 1}`:                                 `unknown field "count"`,
		`{"route": "GET backupStrategy", "status": "503"}`:                            "status",
		`{"route": "GET backupStrategy", "status": 42}`:                               "status must be",
		`{"route": "GET backupStrategy", "times": -1}`:                                "times must be",
		`{"route": "GET backupStrategy", "delay": "soon"}`:                            "delay must be",
		`{"route": "GET backupStrategy", "drop": true, "status": 502}`:                "drop",
		`{"route": "GET backupStrategy", "malformedJson": true, "passthrough": true}`: "passthrough",
		`not json`: "the body must be a JSON fault",
	} {
		a.refused(http.MethodPost, "/_mock/faults", body, http.StatusBadRequest, want)
	}
	if got := a.mock.Calls(RouteGetStrategy); got != 0 {
		t.Errorf("refused faults reached the API: %d calls", got)
	}
}

func TestAdminCountsAndResetsCalls(t *testing.T) {
	a := newAdminTest(t)
	a.ocp.do(http.MethodGet, tenantStrategy, nil)
	a.ocp.do(http.MethodGet, tenantStrategy, nil)
	if calls := a.calls(http.MethodGet); calls["GET backupStrategy"] != float64(2) || len(calls) != 1 {
		t.Errorf("calls = %v, want only 2 × GET backupStrategy (admin calls are not OCP's)", calls)
	}
	if calls := a.calls(http.MethodDelete); len(calls) != 0 {
		t.Errorf("calls after reset = %v", calls)
	}
}

func TestAdminListsRoutes(t *testing.T) {
	a := newAdminTest(t)
	routes, _ := a.mustCall(http.MethodGet, "/_mock/routes", "")["routes"].([]any)
	for _, want := range []Route{RouteListClusters, RouteGetStrategy, RouteStopClusterSchedule, RouteBackupNow} {
		if !slices.Contains(routes, any(string(want))) {
			t.Errorf("routes %v lack %q", routes, want)
		}
	}
}
