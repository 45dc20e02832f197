package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// The provider against every shape of answer OCP_API.md allows for the same
// fact, and against what proxies in front of OCP answer. The mock's options pick
// the shape; each test runs in each of them.

// missingAnswers pairs a shape of "no strategy" with a shape of "no such tenant";
// the 404/404 and 400/400 pairs are the ambiguous ones that only a read of the
// tenant tells apart.
var missingAnswers = map[string]ocpmock.Options{
	"null data, tenant 400": {NoStrategy: ocpmock.NoStrategyNullData},
	"404, tenant 404":       {NoStrategy: ocpmock.NoStrategyNotFound, MissingTenantStatus: http.StatusNotFound},
	"400, tenant 400":       {NoStrategy: ocpmock.NoStrategyBadRequest},
}

// unknownTenantID is a tenant id the mock does not have.
const unknownTenantID = 99

// refreshPlansCreate is a refresh step after which the resource is gone from state
// and planned anew, without an error.
func refreshPlansCreate(addr string) resource.TestStep {
	return resource.TestStep{
		RefreshState:       true,
		ExpectNonEmptyPlan: true,
		RefreshPlanChecks: resource.RefreshPlanChecks{PostRefresh: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
		}},
	}
}

func TestAccMissingStrategyOrTenant_everyAnswerShape(t *testing.T) {
	skipForCLIMatrix(t)
	for shape, opts := range missingAnswers {
		t.Run(shape+"/create schedule without strategy", func(t *testing.T) {
			ocp := newTestOCP(t, opts)
			expectation := expectErrorWithout(t, errorParts("Tenant has no backup strategy", "Give this resource a strategy"),
				"was deleted, or the ids are wrong")
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				ErrorCheck:               expectation.check,
				Steps:                    []resource.TestStep{{Config: ocp.scheduleConfig(testTenantNoStrategy, "")}},
			})
		})
		t.Run(shape+"/create schedule for a missing tenant", func(t *testing.T) {
			ocp := newTestOCP(t, opts)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      ocp.scheduleConfig(unknownTenantID, ""),
					ExpectError: errorParts("Tenant not found", fmt.Sprintf("OCP has no tenant %d in cluster %d", unknownTenantID, testClusterID)),
				}},
			})
		})
		for name, refresh := range refreshesOfWhatIsGone {
			t.Run(shape+"/"+name, func(t *testing.T) {
				ocp := newTestOCP(t, opts)
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
					Steps: []resource.TestStep{
						{Config: refresh.config(ocp)},
						withPreConfig(refreshPlansCreate(refresh.addr), func() { refresh.remove(ocp) }),
					},
				})
			})
		}
	}
}

// refreshesOfWhatIsGone: something removed outside Terraform, and the resource
// whose refresh must plan it anew.
var refreshesOfWhatIsGone = map[string]struct {
	addr   string
	config func(*testOCP) string
	remove func(*testOCP)
}{
	"refresh schedule whose strategy is gone": {
		addr:   scheduleResourceAddr,
		config: func(ocp *testOCP) string { return ocp.scheduleConfig(testTenantID, "") },
		remove: func(ocp *testOCP) { ocp.DeleteStrategy(testClusterID, testTenantID) },
	},
	"refresh carried strategy that is gone": {
		addr: scheduleResourceAddr,
		config: func(ocp *testOCP) string {
			return ocp.strategyConfig(testTenantNoStrategy, weeklySchedule, fileStorage)
		},
		remove: func(ocp *testOCP) { ocp.DeleteStrategy(testClusterID, testTenantNoStrategy) },
	},
	"refresh carried strategy whose tenant is gone": {
		addr: scheduleResourceAddr,
		config: func(ocp *testOCP) string {
			return ocp.strategyConfig(testTenantNoStrategy, weeklySchedule, fileStorage)
		},
		remove: func(ocp *testOCP) { ocp.DeleteTenant(testClusterID, testTenantNoStrategy) },
	},
}

func withPreConfig(step resource.TestStep, pre func()) resource.TestStep {
	step.PreConfig = pre
	return step
}

// A proxy's or load balancer's 404 page says nothing about OCP's objects: refresh
// fails, quoting the page, and state keeps the resource.
func TestAccProxyNotFoundPageNeverEmptiesState(t *testing.T) {
	proxyPage := ocpmock.Fault{Status: http.StatusNotFound, Header: http.Header{"Content-Type": {"text/html"}},
		Body: "<html><head><title>404 Not Found</title></head><body><center>nginx</center></body></html>"}
	for _, carried := range []bool{false, true} {
		t.Run(fmt.Sprintf("carried strategy %t", carried), func(t *testing.T) {
			ocp := newTestOCP(t, ocpmock.Options{})
			addr := scheduleResourceAddr
			config := ocp.scheduleConfig(testTenantID, "")
			if carried {
				config = ocp.strategyConfig(testTenantNoStrategy, weeklySchedule, fileStorage)
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: config},
					{
						PreConfig:    func() { ocp.InjectFault(ocpmock.RouteGetStrategy, proxyPage) },
						RefreshState: true,
						ExpectError:  errorParts("HTTP 404", "did not come from OCP", "url", "<center>nginx</center>"),
					},
					{
						// The page came once; state still holds the resource.
						Config:           config,
						ConfigPlanChecks: plannedAction(addr, plancheck.ResourceActionNoop),
					},
				},
			})
		})
	}
}

// lostAnswers are the ways a write reaches OCP and its answer does not come back.
var lostAnswers = map[string]ocpmock.Fault{
	"connection reset after OCP acts": {Drop: true, Passthrough: true},
	"proxy 503 after forwarding": {Passthrough: true, Status: http.StatusServiceUnavailable,
		Header: http.Header{"Content-Type": {"text/html"}}, Body: "<html><body>503 Service Temporarily Unavailable</body></html>"},
	"answer slower than the request timeout": {Delay: 1500 * time.Millisecond, Passthrough: true},
}

// A strategy create that failed without effect (OCP, read back, holds no strategy)
// is sent once more, unless OCP itself refused it: its refusal would come again.
func TestAccCarriedStrategy_createWithoutEffectIsSentAgain(t *testing.T) {
	skipForCLIMatrix(t)
	for name, tt := range map[string]struct {
		fault     ocpmock.Fault
		wantError *regexp.Regexp
		creates   int
	}{
		"500":                              {fault: ocpmock.Fault{Status: http.StatusInternalServerError}, creates: 2},
		"answer cut short":                 {fault: ocpmock.Fault{MalformedJSON: true}, creates: 2},
		"connection reset before OCP acts": {fault: ocpmock.Fault{Drop: true}, creates: 2},
		"OCP's refusal": {fault: ocpmock.Fault{Status: http.StatusBadRequest}, creates: 1,
			wantError: errorParts("Could not create the backup strategy", "HTTP 400")},
	} {
		t.Run(name, func(t *testing.T) {
			ocp := newTestOCP(t, ocpmock.Options{})
			config := ocp.strategyConfig(testTenantNoStrategy, weeklySchedule, fileStorage)
			created := ocp.sawCalls(ocpmock.RouteCreateStrategy, tt.creates)
			steps := []resource.TestStep{{
				PreConfig:   func() { ocp.InjectFault(ocpmock.RouteCreateStrategy, tt.fault) },
				Config:      config,
				ExpectError: tt.wantError,
				Check:       checkMock(created),
			}}
			// After an expected error the step's Check does not run: the next step checks.
			next := resource.TestStep{PreConfig: ocp.checkNow(created), Config: config, PlanOnly: true}
			next.ExpectNonEmptyPlan = tt.wantError != nil
			steps = append(steps, next)
			resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testAccProtoV6ProviderFactories, Steps: steps})
		})
	}
}

// A strategy write whose answer was lost after OCP acted settles by re-reading: the
// apply succeeds with what OCP holds, and the next plan is empty.
func TestAccCarriedStrategy_lostAnswersSettleByReading(t *testing.T) {
	skipForCLIMatrix(t)
	for name, fault := range lostAnswers {
		for write, steps := range strategyWritesWithLostAnswers {
			t.Run(write+"/"+name, func(t *testing.T) {
				ocp := newTestOCP(t, ocpmock.Options{})
				// Short enough for the slow-answer fault.
				ocp.requestTimeout = "1s"
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
					Steps:                    steps(ocp, fault),
				})
			})
		}
	}
}

// strategyWritesWithLostAnswers are the steps that meet each strategy write with a
// fault on its call and check that it succeeded with what OCP holds.
var strategyWritesWithLostAnswers = map[string]func(*testOCP, ocpmock.Fault) []resource.TestStep{
	"create": func(ocp *testOCP, fault ocpmock.Fault) []resource.TestStep {
		config := ocp.strategyConfig(testTenantNoStrategy, weeklySchedule, fileStorage)
		return []resource.TestStep{
			{
				PreConfig: func() { ocp.InjectFault(ocpmock.RouteCreateStrategy, fault) },
				Config:    config,
				Check:     checkMock(ocp.expectBody(testTenantNoStrategy, "WEEK", "obBackupScheduleConfig", "backupScheduleMode")),
			},
			{Config: config, PlanOnly: true},
		}
	},
	"update": func(ocp *testOCP, fault ocpmock.Fault) []resource.TestStep {
		monthly := ocp.strategyConfig(testTenantNoStrategy, `    mode = "MONTH"
    time = "03:30+08:00"
    days = { "1" = "FULL_BACKUP" }`, fileStorage)
		return []resource.TestStep{
			{Config: ocp.strategyConfig(testTenantNoStrategy, weeklySchedule, fileStorage)},
			{
				PreConfig: func() { ocp.InjectFault(ocpmock.RouteUpdateStrategy, fault) },
				Config:    monthly,
				Check:     checkMock(ocp.expectBody(testTenantNoStrategy, "MONTH", "obBackupScheduleConfig", "backupScheduleMode")),
			},
			{Config: monthly, PlanOnly: true},
		}
	},
	"delete": func(ocp *testOCP, fault ocpmock.Fault) []resource.TestStep {
		config := ocp.strategyConfig(testTenantNoStrategy, weeklySchedule, fileStorage)
		return []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() { ocp.InjectFault(ocpmock.RouteDeleteStrategy, fault) },
				Config:    config,
				Destroy:   true,
				Check: checkMock(func() error {
					if body := ocp.StrategyBody(testClusterID, testTenantNoStrategy); body != nil {
						return fmt.Errorf("destroy succeeded but the strategy still exists")
					}
					return nil
				}),
			},
		}
	},
}

// An OCP that echoes less than it was sent (no backupMode) and fills optional
// fields with its own defaults and fields of its own shows no change.
func TestAccCarriedStrategy_sparseOCPShowsNoChange(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{Sparse: true})
	minimal := ocp.strategyConfig(testTenantNoStrategy, weeklySchedule, fileStorage)
	full := ocp.strategyConfig(testTenantNoStrategy, weeklySchedule+`
    start_log_backup    = false
    clean_enabled       = true
    data_retention_days = 30
    clean_time          = "04:00+08:00"`, fileStorage)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: minimal},
			{Config: minimal, PlanOnly: true},
			{Config: full, Check: checkMock(ocp.expectBody(testTenantNoStrategy, 30, "obBackupScheduleConfig", "backupDataRetentionDays"))},
			{Config: full, PlanOnly: true},
		},
	})
}

// When the create timeout runs out while OCP is still answering the start call,
// the re-read that settles it has time of its own: the started schedule is in state.
func TestAccTenantBackupSchedule_createTimeoutMidStartStillRecords(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	config := ocp.scheduleConfig(testTenantID, `  timeouts {
    create = "1s"
  }`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					ocp.InjectFault(ocpmock.RouteStartSchedule, ocpmock.Fault{Delay: 2 * time.Second, Passthrough: true})
				},
				Config: config,
				Check: checkMock(
					ocp.sawSchedule(testTenantID, true),
					ocp.sawCalls(ocpmock.RouteStartSchedule, 1),
				),
			},
			{Config: config, PlanOnly: true},
		},
	})
}

// Replacing a schedule that carries its strategy stops its backups and deletes the
// strategy, then creates both again and starts the backups: in one apply, one
// writer, nothing left stopped.
func TestAccCarriedStrategy_replacementDeletesAndCreatesBoth(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	config := ocp.strategyConfig(testTenantNoStrategy, weeklySchedule, fileStorage)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config, Check: checkMock(ocp.sawSchedule(testTenantNoStrategy, true))},
			{
				Config:           config,
				Taint:            []string{scheduleResourceAddr},
				ConfigPlanChecks: plannedAction(scheduleResourceAddr, plancheck.ResourceActionDestroyBeforeCreate),
				Check: checkMock(
					ocp.sawCalls(ocpmock.RouteDeleteStrategy, 1),
					ocp.sawCalls(ocpmock.RouteCreateStrategy, 2),
					ocp.sawSchedule(testTenantNoStrategy, true),
				),
			},
			{Config: config, PlanOnly: true},
		},
	})
}

// A url that is not OCP's base: one ending in OCP's API path is refused at plan,
// saying what to write; one where OCP answers every call with its 404 for an
// unknown route (a wrong proxy prefix) fails the refresh, pointing at url, and
// state keeps the schedule.
func TestAccWrongBaseURLNeverEmptiesState(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	config := ocp.scheduleConfig(testTenantID, "")
	withURL := func(url string) string {
		return strings.Replace(config, fmt.Sprintf("%q", ocp.URL), fmt.Sprintf("%q", url), 1)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				Config:      withURL(ocp.URL + "/api/v2"),
				PlanOnly:    true,
				ExpectError: errorParts("Invalid OCP URL", "ends in OCP's API path /api/v2", fmt.Sprintf("write %q instead", ocp.URL)),
			},
			{
				Config:      withURL(ocp.URL + "/ocp"),
				PlanOnly:    true,
				ExpectError: errorParts("No handler found", "cluster list", "check the provider's url"),
			},
			{
				Config:           config,
				ConfigPlanChecks: plannedAction(scheduleResourceAddr, plancheck.ResourceActionNoop),
				Check:            checkMock(ocp.sawSchedule(testTenantID, true)),
			},
		},
	})
}

// A lookup that cannot ask OCP says so, instead of "not found".
func TestAccDataSourceLookups_titledByWhatHappened(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	expectation := expectErrorWithout(t, errorParts("Could not read tenant", `"orders"`, "HTTP 401"), "Tenant not found")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		ErrorCheck:               expectation.check,
		Steps: []resource.TestStep{{
			Config: ocp.basicProvider("wrong-password") + fmt.Sprintf(`
data "ocp_tenant" "this" {
  cluster_id = %d
  name       = "orders"
}
`, testClusterID),
		}},
	})
}
