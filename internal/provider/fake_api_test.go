package provider

import (
	"context"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// fakeAPI answers the calls a unit test scripts. It embeds a nil API, so a call the
// test did not expect panics and fails the test loudly.
type fakeAPI struct {
	API
	strategy    *ocpclient.BackupStrategy
	strategyErr error
	tenantErr   error
	clusterErr  error
	startErr    error
	tasksErr    error
	// tasks are the tenant's data backup tasks; a backup OCP starts is added, and
	// with concurrent one that someone else started at the same time too.
	tasks      []ocpclient.DataBackupTask
	concurrent bool
	// listed is OCP's cluster list, and listErr its failure.
	listed  []ocpclient.Cluster
	listErr error
	// Each write answers its error once, then succeeds; with actsFirst, OCP carries
	// the write out before it answers (as when only the answer was lost).
	createErr, updateErr, deleteErr, stopErr, backupNowErr error
	actsFirst                                              bool
	calls                                                  []string
}

func (f *fakeAPI) CreateBackupStrategy(_ context.Context, _ ocpclient.BackupScope, body ocpclient.BackupStrategyConfig) (*ocpclient.BackupOperation, error) {
	return f.write("CreateBackupStrategy", &f.createErr, func() { f.strategy = asOCPEchoes(body) })
}

func (f *fakeAPI) UpdateBackupStrategy(_ context.Context, _ ocpclient.BackupScope, body ocpclient.BackupStrategyConfig) (*ocpclient.BackupOperation, error) {
	return f.write("UpdateBackupStrategy", &f.updateErr, func() { f.strategy = asOCPEchoes(body) })
}

func (f *fakeAPI) DeleteBackupStrategy(context.Context, ocpclient.BackupScope) (*ocpclient.BackupOperation, error) {
	return f.write("DeleteBackupStrategy", &f.deleteErr, func() { f.strategy = nil })
}

func (f *fakeAPI) StopBackupSchedule(context.Context, ocpclient.BackupScope) (*ocpclient.BackupOperation, error) {
	return f.write("StopBackupSchedule", &f.stopErr, func() { f.strategy = strategyWithFlag(new(bool)) })
}

func (f *fakeAPI) BackupNow(_ context.Context, _ ocpclient.BackupScope, req ocpclient.BackupNowRequest) (*ocpclient.BackupOperation, error) {
	return f.write("BackupNow", &f.backupNowErr, func() {
		for range map[bool]int{false: 1, true: 2}[f.concurrent] {
			f.tasks = append(f.tasks, ocpclient.DataBackupTask{TaskID: int64(1000 + len(f.tasks)), DataBackupTaskType: req.DataBackupMode,
				StartTime: ocpclient.Timestamp{At: time.Now()}})
		}
	})
}

// write records a write call and answers *scripted once; act is what OCP does
// when the write takes effect.
func (f *fakeAPI) write(call string, scripted *error, act func()) (*ocpclient.BackupOperation, error) {
	f.calls = append(f.calls, call)
	err := *scripted
	*scripted = nil
	if err == nil || f.actsFirst {
		act()
	}
	if err != nil {
		return nil, err
	}
	return &ocpclient.BackupOperation{}, nil
}

// count is how many times the fake answered call.
func (f *fakeAPI) count(call string) int {
	n := 0
	for _, c := range f.calls {
		if c == call {
			n++
		}
	}
	return n
}

func (f *fakeAPI) ListTenantDataBackupTasks(context.Context, int64, int64, ocpclient.DataBackupTaskFilter) ([]ocpclient.DataBackupTask, error) {
	f.calls = append(f.calls, "ListTenantDataBackupTasks")
	if f.tasksErr != nil {
		return nil, f.tasksErr
	}
	return slices.Clone(f.tasks), nil
}

func (f *fakeAPI) GetBackupStrategy(ctx context.Context, _ ocpclient.BackupScope) (*ocpclient.BackupStrategy, error) {
	f.calls = append(f.calls, "GetBackupStrategy")
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return f.strategy, f.strategyErr
}

func (f *fakeAPI) GetTenant(_ context.Context, clusterID, tenantID int64) (*ocpclient.Tenant, error) {
	f.calls = append(f.calls, "GetTenant")
	if f.tenantErr != nil {
		return nil, f.tenantErr
	}
	return &ocpclient.Tenant{ID: tenantID, ClusterID: clusterID}, nil
}

func (f *fakeAPI) GetCluster(_ context.Context, clusterID int64) (*ocpclient.Cluster, error) {
	f.calls = append(f.calls, "GetCluster")
	if f.clusterErr != nil {
		return nil, f.clusterErr
	}
	return &ocpclient.Cluster{ID: clusterID}, nil
}

func (f *fakeAPI) StartBackupSchedule(context.Context, ocpclient.BackupScope) (*ocpclient.BackupOperation, error) {
	f.calls = append(f.calls, "StartBackupSchedule")
	return nil, f.startErr
}

func (f *fakeAPI) ListClusters(context.Context, ocpclient.ClusterFilter) ([]ocpclient.Cluster, error) {
	f.calls = append(f.calls, "ListClusters")
	return f.listed, f.listErr
}

// ocpError is an answer in OCP's own error envelope.
func ocpError(status int, code string) error {
	return &ocpclient.APIError{Method: http.MethodGet, Path: "/api/v2/…", HTTPStatus: status, Code: code,
		Message: http.StatusText(status), FromOCP: true}
}

// strategyWithFlag is a strategy whose backupScheduleEnabled is enabled, or absent
// when enabled is nil.
func strategyWithFlag(enabled *bool) *ocpclient.BackupStrategy {
	return &ocpclient.BackupStrategy{BackupStrategyConfig: ocpclient.BackupStrategyConfig{
		ScheduleConfig: &ocpclient.BackupScheduleConfig{ScheduleEnabled: enabled},
	}}
}

var unitScope = ocpclient.BackupScope{ClusterID: 1, TenantID: 11}

// tenantScheduleOn is ocp_tenant_backup_schedule served by api, with its schema.
func tenantScheduleOn(t *testing.T, api API) (*backupScheduleResource, resource.SchemaResponse) {
	t.Helper()
	r, ok := NewTenantBackupScheduleResource().(*backupScheduleResource)
	if !ok {
		t.Fatal("unexpected resource type")
	}
	r.session = *newSession(api)
	var schema resource.SchemaResponse
	r.Schema(context.Background(), resource.SchemaRequest{}, &schema)
	if schema.Diagnostics.HasError() {
		t.Fatal(schema.Diagnostics)
	}
	return r, schema
}

// scheduleInState is the state of a tenant schedule for unitScope.
func scheduleInState(t *testing.T, schema resource.SchemaResponse) tfsdk.State {
	t.Helper()
	ctx := context.Background()
	state := tfsdk.State{Schema: schema.Schema, Raw: tftypes.NewValue(schema.Schema.Type().TerraformType(ctx), nil)}
	var diags diag.Diagnostics
	diags.Append(state.SetAttribute(ctx, path.Root("id"), scopeID(unitScope))...)
	diags.Append(state.SetAttribute(ctx, path.Root("cluster_id"), unitScope.ClusterID)...)
	diags.Append(state.SetAttribute(ctx, path.Root("tenant_id"), unitScope.TenantID)...)
	diags.Append(state.SetAttribute(ctx, path.Root("stop_on_destroy"), true)...)
	if diags.HasError() {
		t.Fatal(diags)
	}
	return state
}

// readSchedule runs the schedule resource's Read against api.
func readSchedule(t *testing.T, api API) resource.ReadResponse {
	t.Helper()
	r, schema := tenantScheduleOn(t, api)
	state := scheduleInState(t, schema)
	resp := resource.ReadResponse{State: state}
	r.Read(context.Background(), resource.ReadRequest{State: state}, &resp)
	return resp
}

// warningsOf joins the summaries and details of the warnings in diags.
func warningsOf(diags diag.Diagnostics) string {
	var text string
	for _, d := range diags.Warnings() {
		text += d.Summary() + ": " + d.Detail() + "\n"
	}
	return text
}
