package provider

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

func TestErrorDetail_advicePerClass(t *testing.T) {
	proxy401 := &ocpclient.APIError{HTTPStatus: http.StatusUnauthorized, Excerpt: "<html>SSO login</html>"}
	cases := map[string]struct {
		err       error
		want      string
		forbidden string
	}{
		"401":                     {err: ocpError(http.StatusUnauthorized, "0"), want: "OCP rejected the credentials"},
		"403":                     {err: ocpError(http.StatusForbidden, "30014"), want: "backup and recovery permission"},
		"429":                     {err: ocpError(http.StatusTooManyRequests, "0"), want: "-parallelism"},
		"500":                     {err: ocpError(http.StatusInternalServerError, "10010"), forbidden: "\n\n"},
		"a gateway's 401 page":    {err: proxy401, forbidden: "OCP rejected the credentials"},
		"not an OCP error at all": {err: errors.New("boom"), forbidden: "\n\n"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := errorDetail(tc.err)
			if !strings.HasPrefix(got, tc.err.Error()) {
				t.Errorf("detail does not start with the error itself: %q", got)
			}
			if tc.want != "" && !strings.Contains(got, tc.want) {
				t.Errorf("detail lacks %q: %q", tc.want, got)
			}
			if tc.forbidden != "" && strings.Contains(got, tc.forbidden) {
				t.Errorf("detail has %q: %q", tc.forbidden, got)
			}
		})
	}
}

func TestParseImportID(t *testing.T) {
	cases := map[string]struct {
		id, form string
		want     []int64
	}{
		"tenant":               {"1000005/1000012", "<cluster_id>/<tenant_id>", []int64{1000005, 1000012}},
		"cluster":              {"7", "<cluster_id>", []int64{7}},
		"too few parts":        {"7", "<cluster_id>/<tenant_id>", nil},
		"too many parts":       {"1/2/3", "<cluster_id>/<tenant_id>", nil},
		"zero":                 {"1/0", "<cluster_id>/<tenant_id>", nil},
		"negative":             {"-1/2", "<cluster_id>/<tenant_id>", nil},
		"not a number":         {"orders", "<cluster_id>", nil},
		"beyond int64":         {"9223372036854775808", "<cluster_id>", nil},
		"empty":                {"", "<cluster_id>", nil},
		"trailing separator":   {"1/", "<cluster_id>/<tenant_id>", nil},
		"spaces are not blank": {" 1/2", "<cluster_id>/<tenant_id>", nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := parseImportID(tc.id, tc.form)
			if tc.want == nil {
				if err == nil || !strings.Contains(err.Error(), tc.form) {
					t.Fatalf("want an error showing %s, got %v, %v", tc.form, got, err)
				}
				return
			}
			if err != nil || len(got) != len(tc.want) || got[0] != tc.want[0] || got[len(got)-1] != tc.want[len(tc.want)-1] {
				t.Fatalf("got %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

func TestScopeID(t *testing.T) {
	if got := scopeID(ocpclient.BackupScope{ClusterID: 1, TenantID: 11}); got != "1/11" {
		t.Errorf("tenant scope id = %q", got)
	}
	if got := scopeID(ocpclient.BackupScope{ClusterID: 1}); got != "1" {
		t.Errorf("cluster scope id = %q", got)
	}
}

type named struct {
	id   int64
	name string
}

func pick(items []named, name string) (named, error) {
	return pickByName(items, name, "tenant", func(n named) string { return n.name }, func(n named) int64 { return n.id })
}

func TestPickByName(t *testing.T) {
	// OCP's name filter is a substring match; the lookup wants the exact name.
	items := []named{{1, "orders"}, {2, "orders-archive"}, {3, "billing"}}
	if got, err := pick(items, "orders"); err != nil || got.id != 1 {
		t.Errorf("exact match: got %v, %v", got, err)
	}
	var miss *lookupMiss
	_, err := pick(items, "order")
	if !errors.As(err, &miss) || !strings.Contains(err.Error(), `"orders" (id 1)`) {
		t.Errorf("no exact match should list the near names: %v", err)
	}
	_, err = pick(append(items, named{4, "orders"}), "orders")
	if !errors.As(err, &miss) || !strings.Contains(err.Error(), "ids 1, 4") || !strings.Contains(err.Error(), "by id") {
		t.Errorf("two exact matches should name both ids: %v", err)
	}
}

func TestAddLookupError_titledByWhatHappened(t *testing.T) {
	cases := map[string]struct {
		err  error
		want string
	}{
		"no such name":        {&lookupMiss{"OCP has no tenant named exactly \"x\""}, "Tenant not found"},
		"OCP's 404 for an id": {ocpError(http.StatusNotFound, "10002"), "Tenant not found"},
		"403":                 {ocpError(http.StatusForbidden, "30014"), `Could not read tenant "orders"`},
		"unreachable":         {&ocpclient.NoAnswerError{Reason: "got no answer", Err: errors.New("refused")}, `Could not read tenant "orders"`},
		"a proxy's 404 page":  {&ocpclient.APIError{HTTPStatus: http.StatusNotFound, Excerpt: "<html/>"}, `Could not read tenant "orders"`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var diags diag.Diagnostics
			addLookupError(&diags, "tenant", types.Int64Null(), types.StringValue("orders"), tc.err)
			if len(diags) != 1 || diags[0].Summary() != tc.want {
				t.Errorf("got %v, want the title %q", diags, tc.want)
			}
		})
	}
	var diags diag.Diagnostics
	addLookupError(&diags, "cluster", types.Int64Value(5), types.StringNull(), ocpError(http.StatusForbidden, "30014"))
	if diags[0].Summary() != "Could not read cluster id 5" {
		t.Errorf("a lookup by id names the id: %q", diags[0].Summary())
	}
}

func TestCommandMemory_tellsOnceWhatADeleteStopped(t *testing.T) {
	memory := newCommandMemory()
	if got := memory.takeStoppedByDelete(unitScope); got != scheduleStopped {
		t.Errorf("nothing remembered: got %v", got)
	}
	memory.rememberStoppedByDelete(unitScope, scheduleRunning)
	if got := memory.takeStoppedByDelete(ocpclient.BackupScope{ClusterID: 1, TenantID: 12}); got != scheduleStopped {
		t.Errorf("another scope: got %v", got)
	}
	if got := memory.takeStoppedByDelete(unitScope); got != scheduleRunning {
		t.Errorf("first take: got %v, want running", got)
	}
	if got := memory.takeStoppedByDelete(unitScope); got != scheduleStopped {
		t.Errorf("second take: got %v, want nothing", got)
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

func TestPresence_describesWhatIsTrue(t *testing.T) {
	cases := map[presence]string{
		presenceClusterGone: "OCP has no cluster 1",
		presenceTenantGone:  "OCP has no tenant 11 in cluster 1",
		presenceNoStrategy:  "has no backup strategy",
	}
	for p, want := range cases {
		if got := p.describe(unitScope); !strings.Contains(got, want) {
			t.Errorf("presence %d: %q lacks %q", p, got, want)
		}
	}
	var diags diag.Diagnostics
	presenceClusterGone.addNotFound(&diags, unitScope, "")
	if diags[0].Summary() != "Cluster not found" {
		t.Errorf("a gone cluster is titled %q", diags[0].Summary())
	}
}

func TestSettle_rereadsOnlyAfterALostAnswer(t *testing.T) {
	cases := map[string]struct {
		writeErr  error
		wantReads int
	}{
		"refused: one read": {writeErr: ocpError(http.StatusBadRequest, "10001"), wantReads: 1},
		"lost: reads until done": {writeErr: &ocpclient.NoAnswerError{Reason: "reset", MaybeProcessed: true,
			Err: errors.New("connection reset")}, wantReads: 2},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			reads := 0
			read := func(context.Context) (int, error) { reads++; return reads, nil }
			got, err := settle(context.Background(), tc.writeErr, read, func(n int) bool { return n >= 2 })
			if err != nil || reads != tc.wantReads || got != tc.wantReads {
				t.Errorf("got %d after %d reads (%v), want %d reads", got, reads, err, tc.wantReads)
			}
		})
	}
}
