package provider

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// The fault-injection suite: every fault against create, refresh, delete and import
// of ocp_tenant_backup_schedule. Each case states the outcome (success, or an error
// with these parts) and how many requests the faulted call made.

// operation is one Terraform operation and the call it depends on.
type operation string

const (
	opCreate operation = "create"
	opRead   operation = "read"
	opDelete operation = "delete"
	opImport operation = "import"
)

// outcome is what a fault must lead to for one operation.
type outcome struct {
	applicable bool
	failParts  []string // nil: the operation succeeds
	attempts   int      // requests the faulted call made
	removed    bool     // read: the resource leaves state
	// actedAnyway: OCP changed the schedule although the operation failed.
	actedAnyway bool
}

func succeeds(attempts int) outcome { return outcome{applicable: true, attempts: attempts} }

// fails: the operation fails with an error holding parts, after one request: the
// answers that fail an operation are the ones not worth retrying.
func fails(parts ...string) outcome {
	return outcome{applicable: true, attempts: 1, failParts: parts}
}

func actedAnyway(o outcome) outcome {
	o.actedAnyway = true
	return o
}

func removedFromState() outcome { return outcome{applicable: true, removed: true} }

var notApplicable = outcome{}

type faultCase struct {
	name    string
	opts    ocpmock.Options
	inject  func(ocp *testOCP, route ocpmock.Route)
	outcome map[operation]outcome
}

func injectFault(f ocpmock.Fault) func(*testOCP, ocpmock.Route) {
	return func(ocp *testOCP, route ocpmock.Route) { ocp.InjectFault(route, f) }
}

// sameForAll is one outcome for every operation.
func sameForAll(o outcome) map[operation]outcome {
	return map[operation]outcome{opCreate: o, opRead: o, opDelete: o, opImport: o}
}

// byMethod: GET calls (read, import) and POST calls (create, delete) differ.
func byMethod(get, post outcome) map[operation]outcome {
	return map[operation]outcome{opCreate: post, opRead: get, opDelete: post, opImport: get}
}

// startedAgain: a create whose start failed without effect, and was not refused
// by OCP, starts once more and succeeds.
func startedAgain(outcomes map[operation]outcome) map[operation]outcome {
	outcomes[opCreate] = succeeds(2)
	return outcomes
}

const faultHint = "Backup destination is read-only"

// transientOutcomes is what each of ocpmock.TransientFaults leads to.
var transientOutcomes = map[string]map[operation]outcome{
	"429 with RateLimit-Reset":         sameForAll(succeeds(2)),
	"429 without reset headers":        sameForAll(succeeds(2)),
	"500":                              startedAgain(byMethod(succeeds(2), fails("HTTP 500", "traceId"))),
	"502":                              startedAgain(byMethod(succeeds(2), fails("HTTP 502", "traceId"))),
	"503":                              sameForAll(succeeds(2)),
	"504":                              startedAgain(byMethod(succeeds(2), fails("HTTP 504", "traceId"))),
	"connection reset before OCP acts": startedAgain(byMethod(succeeds(2), fails("got no answer"))),
	// OCP carried the call out, but its answer was lost: the schedule that OCP
	// started is adopted (create), the one it stopped counts as stopped (delete).
	"connection reset after OCP acts":        byMethod(succeeds(2), succeeds(1)),
	"answer slower than the request timeout": byMethod(succeeds(2), succeeds(1)),
	"malformed JSON":                         startedAgain(byMethod(succeeds(2), fails("HTTP 200", "malformed OCP response"))),
	"HTML error page": startedAgain(byMethod(succeeds(2),
		fails("HTTP 500", "without OCP's error envelope", "<h1>500 Internal Server Error</h1>"))),
	"200 with successful false": startedAgain(byMethod(succeeds(2), fails("HTTP 200", "Unexpected internal error", "traceId feedface01"))),
}

// transientFaultCases are the cases of ocpmock.TransientFaults; one without an
// outcome in transientOutcomes has none, which fails the suite.
func transientFaultCases() []faultCase {
	var cases []faultCase
	for _, f := range ocpmock.TransientFaults() {
		cases = append(cases, faultCase{name: f.Name, inject: injectFault(f.Fault), outcome: transientOutcomes[f.Name]})
	}
	return cases
}

var faultCases = append(transientFaultCases(), []faultCase{
	{name: "200 with one beSuccessful false", inject: injectFault(ocpmock.Fault{Status: http.StatusOK,
		Body: `{"successful":true,"status":200,"traceId":"feedface02","data":{"obBackupTaskType":"BACKUP_SCHEDULE",
		"backupObjectOpsResultList":[{"beSuccessful":false,"hint":"` + faultHint + `","errorCode":"BACKUP_DEST_READONLY"}]}}`}),
		outcome: byMethod(notApplicable, fails(faultHint, "BACKUP_DEST_READONLY", "traceId feedface02"))},
	{name: "401", inject: injectFault(ocpmock.Fault{Status: http.StatusUnauthorized}),
		outcome: sameForAll(fails("HTTP 401", "OCP rejected the credentials"))},
	{name: "403", inject: injectFault(ocpmock.Fault{Status: http.StatusForbidden}),
		outcome: sameForAll(fails("HTTP 403", "lacks permission"))},
	{name: "404 tenant", inject: func(ocp *testOCP, _ ocpmock.Route) { ocp.DeleteTenant(testClusterID, testTenantID) },
		outcome: map[operation]outcome{
			opCreate: fails("Tenant not found", "OCP has no tenant 11"),
			opRead:   removedFromState(),
			// The refresh before destroy already finds it gone: nothing to stop.
			opDelete: succeeds(0),
			opImport: fails("Nothing to import", "OCP has no tenant 11"),
		}},
	{name: "404 strategy", inject: func(ocp *testOCP, _ ocpmock.Route) { ocp.DeleteStrategy(testClusterID, testTenantID) },
		outcome: map[operation]outcome{
			opCreate: fails("Tenant has no backup strategy"),
			opRead:   removedFromState(),
			opDelete: succeeds(0),
			opImport: fails("Nothing to import", "has no backup strategy"),
		}},
	// The mock switches scheduling before its task fails, as an OCP task that fails
	// in a later step would: the resource follows what OCP then shows.
	{name: "task fails", opts: ocpmock.Options{TaskPolls: 1},
		inject:  func(ocp *testOCP, _ ocpmock.Route) { ocp.FailNextTasks("OBServer 10.0.0.3 unreachable") },
		outcome: byMethod(notApplicable, actedAnyway(fails("did not succeed", "OBServer 10.0.0.3 unreachable")))},
}...)

func TestAccFaultInjection(t *testing.T) {
	skipForCLIMatrix(t)
	for _, fc := range faultCases {
		if fc.outcome == nil {
			t.Errorf("fault %q has no outcome in transientOutcomes", fc.name)
		}
		for _, op := range []operation{opCreate, opRead, opDelete, opImport} {
			want := fc.outcome[op]
			if !want.applicable {
				continue
			}
			t.Run(fmt.Sprintf("%s/%s", op, fc.name), func(t *testing.T) {
				ocp := newTestOCP(t, fc.opts)
				// Short enough for the slow-answer case, long enough for the rest.
				ocp.requestTimeout = "1s"
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
					Steps:                    faultSteps(ocp, fc, op, want),
				})
			})
		}
	}
}

// faultSteps builds the steps of one case: bring the resource to where the
// operation applies, inject the fault, run the operation, check the outcome.
func faultSteps(ocp *testOCP, fc faultCase, op operation, want outcome) []resource.TestStep {
	config := ocp.scheduleConfig(testTenantID, "")
	route := map[operation]ocpmock.Route{opCreate: ocpmock.RouteStartSchedule, opRead: ocpmock.RouteGetStrategy,
		opDelete: ocpmock.RouteStopSchedule, opImport: ocpmock.RouteGetStrategy}[op]
	var before int
	arm := func() {
		before = ocp.Calls(route)
		fc.inject(ocp, route)
	}
	// attemptsCheck compares the faulted call's requests; later reads by the CLI
	// (refreshes after the operation) are not part of it, so GET operations count
	// only up to the first answer that got through.
	attemptsCheck := func() error {
		if want.removed {
			return nil
		}
		got := ocp.Calls(route) - before
		if op == opCreate || op == opDelete || want.failParts != nil {
			if got != want.attempts {
				return fmt.Errorf("%s made %d requests, want %d", route, got, want.attempts)
			}
		} else if got < want.attempts {
			return fmt.Errorf("%s made %d requests, want at least %d", route, got, want.attempts)
		}
		return nil
	}
	step := resource.TestStep{Config: config, PreConfig: arm}
	if want.failParts != nil {
		step.ExpectError = errorParts(want.failParts...)
	}
	// After a failure the follow-up step checks what OCP saw (the failed step's
	// Check does not run), and clears the task failures so the post-test destroy
	// can run.
	followUp := resource.TestStep{
		PreConfig: func() { ocp.checkNow(attemptsCheck)(); ocp.FailNextTasks("") },
		Config:    config,
		PlanOnly:  true,
	}
	switch op {
	case opCreate:
		if want.failParts == nil {
			step.Check = checkMock(attemptsCheck, ocp.sawSchedule(testTenantID, true))
			return []resource.TestStep{step}
		}
		// A failed create must not orphan a schedule OCP did start.
		followUp.ExpectNonEmptyPlan = true
		followUp.ConfigPlanChecks.PostApplyPostRefresh = []plancheck.PlanCheck{
			followsOCP{ocp: ocp, whenRunning: plancheck.ResourceActionDestroyBeforeCreate, whenStopped: plancheck.ResourceActionCreate},
		}
		return []resource.TestStep{step, followUp}
	case opRead:
		step.RefreshState = true
		step.Config = ""
		if want.removed {
			step.ExpectNonEmptyPlan = true
			step.RefreshPlanChecks = resource.RefreshPlanChecks{PostRefresh: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(scheduleResourceAddr, plancheck.ResourceActionCreate),
			}}
		}
		step.Check = checkMock(attemptsCheck)
		return []resource.TestStep{{Config: config}, step}
	case opDelete:
		step.Destroy = true
		if want.failParts == nil {
			step.Check = checkMock(attemptsCheck, func() error {
				if enabled, _ := ocp.ScheduleEnabled(testClusterID, testTenantID); enabled {
					return fmt.Errorf("destroy succeeded but the schedule still runs")
				}
				return nil
			})
			return []resource.TestStep{{Config: config}, step}
		}
		// A failed stop keeps a still running schedule in state.
		followUp.ExpectNonEmptyPlan = want.actedAnyway
		followUp.ConfigPlanChecks.PostApplyPostRefresh = []plancheck.PlanCheck{
			followsOCP{ocp: ocp, whenRunning: plancheck.ResourceActionNoop, whenStopped: plancheck.ResourceActionUpdate},
		}
		return []resource.TestStep{{Config: config}, step, followUp}
	default:
		ocp.SetScheduleEnabled(testClusterID, testTenantID, true)
		step.ResourceName = scheduleResourceAddr
		step.ImportState = true
		step.ImportStateId = fmt.Sprintf("%d/%d", testClusterID, testTenantID)
		if want.failParts == nil {
			step.ImportStateCheck = func([]*terraform.InstanceState) error { return attemptsCheck() }
		}
		return []resource.TestStep{step}
	}
}

// followsOCP checks the plan after a failed operation against what OCP runs: a
// running schedule must still be in state (whenRunning: replaced when the failed
// create left it tainted, untouched after a failed stop); a stopped one must be
// started again (whenStopped: created anew after a failed create, enabled again in
// place after a failed stop left it in state).
type followsOCP struct {
	ocp                      *testOCP
	whenRunning, whenStopped plancheck.ResourceActionType
}

func (c followsOCP) CheckPlan(ctx context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	want := c.whenStopped
	if enabled, _ := c.ocp.ScheduleEnabled(testClusterID, testTenantID); enabled {
		want = c.whenRunning
	}
	plancheck.ExpectResourceAction(scheduleResourceAddr, want).CheckPlan(ctx, req, resp)
}

// The bench's chaos soak at a small N: while a share of OCP's calls meets faults
// drawn at random from ocpmock.TransientFaults, the tenants' schedules, each
// carrying its strategy, are applied until a plan finds nothing to do. Then, with the faults
// off, state and OCP agree on every tenant and no tenant's backups were started
// twice: each fault either left nothing behind or left what the next apply
// adopted.
func TestAccFaultInjection_randomFaultsAcrossTenants(t *testing.T) {
	skipForCLIMatrix(t)
	const tenants, firstTenant, maxApplies = 6, 1000060, 6
	ocp := newExampleOCP(t)
	ocp.addExampleTenants(firstTenant, tenants, false)
	t.Setenv("OCP_REQUEST_TIMEOUT", "1s") // shorter than the slow answers' ocpmock.SlowAnswer
	cli := newCLITest(t)
	tf := cli.root("random-faults", fleetConfig("this", firstTenant, tenants, true))
	cli.init(tf)

	ocp.SetRandomFaults(ocpmock.RandomTransientFaults(0.3, 1))
	applies := cli.applyUntilSettled(tf, maxApplies)
	met := 0
	for _, count := range ocp.RandomFaultCounts() {
		met += count
	}
	ocp.SetRandomFaults(ocpmock.RandomFaults{})
	t.Logf("%d applies, %d calls met a fault", applies, met)
	if met == 0 {
		t.Fatal("no call met a fault, so nothing was tested: raise the rate or change the seed")
	}

	inState := cli.stateSchedules(tf)
	for i := int64(0); i < tenants; i++ {
		tenant := firstTenant + i
		schedule := inState[tenant]
		if schedule["strategy"] == nil || ocp.StrategyBody(exampleClusterID, tenant) == nil {
			t.Errorf("tenant %d: strategy in state %v, in OCP %v; want both", tenant,
				schedule["strategy"] != nil, ocp.StrategyBody(exampleClusterID, tenant) != nil)
		}
		if schedule["enabled"] != true || !ocp.exampleScheduleEnabled(tenant) {
			t.Errorf("tenant %d: schedule enabled in state %v, running in OCP %v; want both", tenant,
				schedule["enabled"], ocp.exampleScheduleEnabled(tenant))
		}
		if starts := ocp.StartCallsOf(exampleClusterID, tenant); starts.Started != 1 {
			t.Errorf("tenant %d: OCP started its backups %d times, want once", tenant, starts.Started)
		}
	}
	if len(inState) != tenants {
		t.Errorf("state holds %d schedules, want %d", len(inState), tenants)
	}
}
