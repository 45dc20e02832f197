package provider

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

func TestReadStrategy_tellsMissingStrategyFromMissingScope(t *testing.T) {
	proxyPage := &ocpclient.APIError{HTTPStatus: http.StatusNotFound, Excerpt: "<html>nginx</html>"}
	unreachable := errors.New("connection refused")
	cases := map[string]struct {
		api     fakeAPI
		want    presence
		wantErr bool
	}{
		"strategy":                    {api: fakeAPI{strategy: strategyWithFlag(nil)}, want: presenceStrategy},
		"data null":                   {api: fakeAPI{}, want: presenceNoStrategy},
		"404, tenant exists":          {api: fakeAPI{strategyErr: ocpError(404, "10002")}, want: presenceNoStrategy},
		"400 any code, tenant exists": {api: fakeAPI{strategyErr: ocpError(400, "70013")}, want: presenceNoStrategy},
		"404, tenant 404":             {api: fakeAPI{strategyErr: ocpError(404, "10002"), tenantErr: ocpError(404, "10002")}, want: presenceTenantGone},
		"400, tenant 400 60002":       {api: fakeAPI{strategyErr: ocpError(400, "60002"), tenantErr: ocpError(400, "60002")}, want: presenceTenantGone},
		"404, cluster 404": {api: fakeAPI{strategyErr: ocpError(404, "10002"), tenantErr: ocpError(404, "10002"),
			clusterErr: ocpError(404, "10002")}, want: presenceClusterGone},
		"proxy 404 page":         {api: fakeAPI{strategyErr: proxyPage}, wantErr: true},
		"404, tenant read fails": {api: fakeAPI{strategyErr: ocpError(404, "10002"), tenantErr: unreachable}, wantErr: true},
		"401":                    {api: fakeAPI{strategyErr: ocpError(401, "0")}, wantErr: true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, got, err := readStrategy(context.Background(), &tc.api, unitScope)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("want an error, got presence %d", got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got presence %d, err %v; want %d (calls %v)", got, err, tc.want, tc.api.calls)
			}
		})
	}
}

func TestScheduleRead_warningsSayWhatTheNextApplyDoes(t *testing.T) {
	stopped := false
	cases := map[string]struct {
		api         fakeAPI
		wantRemoved bool
		want        []string
		forbidden   []string
	}{
		// Kept, with enabled = false: the plan shows enabled going back to true.
		"stopped in the console": {api: fakeAPI{strategy: strategyWithFlag(&stopped)}},
		"strategy deleted": {api: fakeAPI{strategyErr: ocpError(404, "10002")}, wantRemoved: true,
			want: []string{"has no backup strategy", "only once the tenant has a backup strategy"}},
		"tenant deleted": {api: fakeAPI{strategyErr: ocpError(400, "60002"), tenantErr: ocpError(400, "60002")}, wantRemoved: true,
			want:      []string{"OCP has no tenant 11 in cluster 1", "remove the resource from the configuration"},
			forbidden: []string{"starts the scheduled backups again"}},
		"flag not reported": {api: fakeAPI{strategy: strategyWithFlag(nil)},
			want: []string{"backupScheduleEnabled", "cannot be detected"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resp := readSchedule(t, &tc.api)
			if resp.Diagnostics.HasError() {
				t.Fatalf("unexpected error: %v", resp.Diagnostics)
			}
			if removed := resp.State.Raw.IsNull(); removed != tc.wantRemoved {
				t.Errorf("removed from state = %v, want %v", removed, tc.wantRemoved)
			}
			warnings := warningsOf(resp.Diagnostics)
			for _, part := range tc.want {
				if !strings.Contains(warnings, part) {
					t.Errorf("warnings lack %q:\n%s", part, warnings)
				}
			}
			for _, part := range tc.forbidden {
				if strings.Contains(warnings, part) {
					t.Errorf("warnings say %q:\n%s", part, warnings)
				}
			}
		})
	}
}

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

func TestAdoptRunningSchedule_warningsDoNotReadAsFailures(t *testing.T) {
	running := true
	cases := map[string]struct {
		startErr error
		want     string
	}{
		"already running": {startErr: ocpError(http.StatusConflict, "10009"), want: "already running"},
		"answer lost": {startErr: &ocpclient.NoAnswerError{Method: "POST", Path: "/startSchedule", Reason: "got no answer",
			MaybeProcessed: true, Err: errors.New("connection reset")}, want: "did not come back"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r, _ := tenantScheduleOn(t, &fakeAPI{strategy: strategyWithFlag(&running)})
			var diags diag.Diagnostics
			if !r.adoptRunningSchedule(context.Background(), unitScope, tc.startErr, &diags) {
				t.Fatalf("not adopted: %v", diags)
			}
			warnings := warningsOf(diags)
			if !strings.Contains(warnings, tc.want) || strings.Contains(warnings, "failed: HTTP") {
				t.Errorf("warning should say %q and quote no failure:\n%s", tc.want, warnings)
			}
		})
	}
}

func TestScheduleRead_stoppedOutsideTerraformKeepsTheResourceDisabled(t *testing.T) {
	stopped := false
	resp := readSchedule(t, &fakeAPI{strategy: strategyWithFlag(&stopped)})
	var enabled types.Bool
	resp.Diagnostics.Append(resp.State.GetAttribute(context.Background(), path.Root("enabled"), &enabled)...)
	if resp.Diagnostics.HasError() || resp.State.Raw.IsNull() || !enabled.Equal(types.BoolValue(false)) {
		t.Fatalf("want the resource kept with enabled = false; got enabled %v, removed %v, %v", enabled, resp.State.Raw.IsNull(), resp.Diagnostics)
	}
}

// State written before enabled existed upgrades to enabled = true, every other
// attribute as it was: no diff on the first plan after the upgrade.
func TestScheduleUpgradeState_fromVersion0AddsEnabled(t *testing.T) {
	ctx := context.Background()
	r, current := tenantScheduleOn(t, &fakeAPI{})
	upgrader := r.UpgradeState(ctx)[0]
	prior := tfsdk.State{Schema: *upgrader.PriorSchema, Raw: tftypes.NewValue(upgrader.PriorSchema.Type().TerraformType(ctx), nil)}
	var diags diag.Diagnostics
	diags.Append(prior.SetAttribute(ctx, path.Root("id"), "1/11")...)
	diags.Append(prior.SetAttribute(ctx, path.Root("cluster_id"), int64(1))...)
	diags.Append(prior.SetAttribute(ctx, path.Root("tenant_id"), int64(11))...)
	diags.Append(prior.SetAttribute(ctx, path.Root("stop_on_destroy"), false)...)
	diags.Append(prior.SetAttribute(ctx, path.Root("trace_id"), "t-1")...)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if _, hasEnabled := upgrader.PriorSchema.Attributes["enabled"]; hasEnabled {
		t.Fatal("the prior schema must not have enabled")
	}
	resp := resource.UpgradeStateResponse{State: tfsdk.State{Schema: current.Schema}}
	upgrader.StateUpgrader(ctx, resource.UpgradeStateRequest{State: &prior}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	var upgraded tenantBackupScheduleModel
	if diags := resp.State.Get(ctx, &upgraded); diags.HasError() {
		t.Fatal(diags)
	}
	if !upgraded.Enabled.Equal(types.BoolValue(true)) || upgraded.TraceID.ValueString() != "t-1" ||
		upgraded.StopOnDestroy.ValueBool() || upgraded.TenantID.ValueInt64() != 11 {
		t.Errorf("upgraded state: %+v", upgraded)
	}
}

// An enabled known only at apply time may start the backups again, so the start
// call's facts must not be planned as they were.
func TestScheduleModifyPlan_unknownEnabledMayRestart(t *testing.T) {
	ctx := context.Background()
	r, schema := tenantScheduleOn(t, &fakeAPI{})
	state := scheduleInState(t, schema)
	var diags diag.Diagnostics
	diags.Append(state.SetAttribute(ctx, path.Root("enabled"), false)...)
	diags.Append(state.SetAttribute(ctx, path.Root("trace_id"), "t-old")...)
	plan := tfsdk.Plan{Schema: state.Schema, Raw: state.Raw.Copy()}
	diags.Append(plan.SetAttribute(ctx, path.Root("enabled"), types.BoolUnknown())...)
	if diags.HasError() {
		t.Fatal(diags)
	}
	resp := resource.ModifyPlanResponse{Plan: plan}
	r.ModifyPlan(ctx, resource.ModifyPlanRequest{State: state, Plan: plan}, &resp)
	var traceID types.String
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root("trace_id"), &traceID)...)
	if resp.Diagnostics.HasError() || !traceID.IsUnknown() {
		t.Fatalf("trace_id planned as %v, want unknown (%v)", traceID, resp.Diagnostics)
	}
}

// strategyAppearingAPI shows a tenant without a strategy for its first reads, as
// data null or, with absentAs, as that error, then with one.
type strategyAppearingAPI struct {
	API
	absentReads int
	absentAs    error
	reads       int
	tenantReads int
}

func (a *strategyAppearingAPI) GetBackupStrategy(context.Context, ocpclient.BackupScope) (*ocpclient.BackupStrategy, error) {
	a.reads++
	if a.reads <= a.absentReads {
		return nil, a.absentAs
	}
	return &ocpclient.BackupStrategy{}, nil
}

func (a *strategyAppearingAPI) GetTenant(_ context.Context, clusterID, tenantID int64) (*ocpclient.Tenant, error) {
	a.tenantReads++
	return &ocpclient.Tenant{ID: tenantID, ClusterID: clusterID}, nil
}

// wait_for_strategy polls until the strategy appears, never past its own limit,
// and leaves the create timeout's last minute to the start call.
func TestAwaitStrategy(t *testing.T) {
	scope := ocpclient.BackupScope{ClusterID: 1, TenantID: 11}
	for name, tt := range map[string]struct {
		absentReads int
		wait        types.String
		createLeft  time.Duration
		wantReads   int
	}{
		"no wait asked":                    {absentReads: 1000, wait: types.StringNull(), createLeft: 20 * time.Minute, wantReads: 0},
		"appears on the fourth read":       {absentReads: 3, wait: types.StringValue("10m"), createLeft: 20 * time.Minute, wantReads: 4},
		"never appears: the wait ends":     {absentReads: 1000, wait: types.StringValue("10s"), createLeft: 20 * time.Minute, wantReads: 6},
		"the create timeout's last minute": {absentReads: 1000, wait: types.StringValue("10m"), createLeft: time.Minute + 4*time.Second, wantReads: 3},
		"create timeout shorter than that": {absentReads: 1000, wait: types.StringValue("10m"), createLeft: 30 * time.Second, wantReads: 1},
	} {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				api := &strategyAppearingAPI{absentReads: tt.absentReads}
				r := &backupScheduleResource[tenantBackupScheduleModel, *tenantBackupScheduleModel]{resourceAPI: resourceAPI{session{api: api}}}
				ctx, cancel := context.WithTimeout(context.Background(), tt.createLeft)
				defer cancel()
				r.awaitStrategy(ctx, scope, tt.wait)
				if api.reads != tt.wantReads {
					t.Errorf("reads = %d, want %d", api.reads, tt.wantReads)
				}
			})
		})
	}
}

// Where OCP says "no strategy" with a 404, the tenant is read once, to tell a
// missing strategy from a missing tenant, not on every poll.
func TestAwaitStrategyReadsTheTenantOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		api := &strategyAppearingAPI{absentReads: 5, absentAs: &ocpclient.APIError{HTTPStatus: 404, FromOCP: true}}
		r := &backupScheduleResource[tenantBackupScheduleModel, *tenantBackupScheduleModel]{resourceAPI: resourceAPI{session{api: api}}}
		r.awaitStrategy(context.Background(), ocpclient.BackupScope{ClusterID: 1, TenantID: 11}, types.StringValue("10m"))
		if api.reads != 6 || api.tenantReads != 1 {
			t.Errorf("strategy reads = %d, tenant reads = %d; want 6 and 1", api.reads, api.tenantReads)
		}
	})
}
