package provider

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/hashicorp/terraform-exec/tfexec"
	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// revisedOCP is a fake OCP whose strategies have revisions: a strategy GET
// answers, as the strategy's id, the revision of the scope when the GET arrived;
// a strategy update (or a change in OCP's console) makes a new revision. While
// held is open, GETs wait for the test to close it, or for their context to end.
// It embeds a nil API, so an
// unexpected call panics.
type revisedOCP struct {
	API
	mu        sync.Mutex
	revisions map[ocpclient.BackupScope]int64
	gets      int
	failNext  error
	held      chan struct{}
}

func newRevisedOCP() *revisedOCP {
	return &revisedOCP{revisions: map[ocpclient.BackupScope]int64{}}
}

func (o *revisedOCP) GetBackupStrategy(ctx context.Context, scope ocpclient.BackupScope) (*ocpclient.BackupStrategy, error) {
	o.mu.Lock()
	o.gets++
	revision, err, held := o.revisions[scope], o.failNext, o.held
	o.failNext = nil
	o.mu.Unlock()
	if held != nil {
		select {
		case <-held:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if err != nil {
		return nil, err
	}
	return &ocpclient.BackupStrategy{ID: revision}, nil
}

func (o *revisedOCP) UpdateBackupStrategy(_ context.Context, scope ocpclient.BackupScope, _ ocpclient.BackupStrategyConfig) (*ocpclient.BackupOperation, error) {
	o.changeInConsole(scope)
	return &ocpclient.BackupOperation{}, nil
}

// changeInConsole is a change that someone makes outside this provider.
func (o *revisedOCP) changeInConsole(scope ocpclient.BackupScope) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.revisions[scope]++
}

// holdGETs makes the GETs from now on wait until release.
func (o *revisedOCP) holdGETs() (release func()) {
	o.mu.Lock()
	defer o.mu.Unlock()
	held := make(chan struct{})
	o.held = held
	return func() {
		o.mu.Lock()
		defer o.mu.Unlock()
		o.held = nil
		close(held)
	}
}

func (o *revisedOCP) getCount() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.gets
}

// otherScope is a tenant of unitScope's cluster.
var otherScope = ocpclient.BackupScope{ClusterID: unitScope.ClusterID, TenantID: unitScope.TenantID + 1}

// answer is what one read returned.
type answer struct {
	revision int64
	err      error
}

// readAsync reads the scope's strategy through api on a goroutine of its own.
func readAsync(ctx context.Context, api API, scope ocpclient.BackupScope) <-chan answer {
	done := make(chan answer, 1)
	go func() { done <- readNow(ctx, api, scope) }()
	return done
}

func readNow(ctx context.Context, api API, scope ocpclient.BackupScope) answer {
	strategy, err := api.GetBackupStrategy(ctx, scope)
	if err != nil {
		return answer{err: err}
	}
	return answer{revision: strategy.ID}
}

func (o *revisedOCP) expectGETs(t *testing.T, want int, when string) {
	t.Helper()
	if got := o.getCount(); got != want {
		t.Errorf("%s: OCP saw %d strategy GETs, want %d", when, got, want)
	}
}

func TestStrategyCache_concurrentAndLaterRefreshReadsShareOneGET(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ocp := newRevisedOCP()
		s := newSession(ocp)
		release := ocp.holdGETs()
		var reads []<-chan answer
		for range 5 {
			reads = append(reads, readAsync(t.Context(), s.refresh, unitScope))
		}
		synctest.Wait()
		ocp.expectGETs(t, 1, "five reads waiting")
		release()
		for _, read := range reads {
			if got := <-read; got.err != nil {
				t.Errorf("a read failed: %v", got.err)
			}
		}
		readNow(t.Context(), s.refresh, unitScope)
		ocp.expectGETs(t, 1, "a read after them")
	})
}

// A read after a write is OCP's answer to a GET that began after the write: it
// joins no GET under way when the write was sent, and takes no answer from before.
func TestStrategyCache_aWriteEndsSharingForTheScope(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ocp := newRevisedOCP()
		s := newSession(ocp)
		release := ocp.holdGETs()
		before := readAsync(t.Context(), s.refresh, unitScope)
		synctest.Wait()
		if _, err := s.api.UpdateBackupStrategy(t.Context(), unitScope, ocpclient.BackupStrategyConfig{}); err != nil {
			t.Fatal(err)
		}
		after := readAsync(t.Context(), s.refresh, unitScope)
		synctest.Wait()
		ocp.expectGETs(t, 2, "a read begun before the write, one after it")
		release()
		if got := <-before; got.revision != 0 {
			t.Errorf("the read begun before the write: revision %d, want 0", got.revision)
		}
		if got := <-after; got.revision != 1 {
			t.Errorf("the read after the write: revision %d, want 1 (the write's)", got.revision)
		}
		// The GET begun before the write ended after it: its answer is not kept.
		ocp.changeInConsole(unitScope)
		if got := readNow(t.Context(), s.refresh, unitScope); got.revision != 2 {
			t.Errorf("a later read: revision %d, want 2 (read from OCP)", got.revision)
		}
		ocp.expectGETs(t, 3, "every read after the write")
	})
}

func TestStrategyCache_errorsAreNotKept(t *testing.T) {
	ocp := newRevisedOCP()
	s := newSession(ocp)
	ocp.failNext = &ocpclient.NoAnswerError{Reason: "got no answer", Err: errors.New("connection refused")}
	if got := readNow(context.Background(), s.refresh, unitScope); got.err == nil {
		t.Fatal("the failed GET's error did not reach the read")
	}
	if got := readNow(context.Background(), s.refresh, unitScope); got.err != nil {
		t.Fatalf("the read after a failed one: %v", got.err)
	}
	readNow(context.Background(), s.refresh, unitScope)
	ocp.expectGETs(t, 2, "a failed read and two good ones")
}

func TestStrategyCache_scopesAreIndependent(t *testing.T) {
	ctx := context.Background()
	ocp := newRevisedOCP()
	s := newSession(ocp)
	cluster := ocpclient.BackupScope{ClusterID: unitScope.ClusterID}
	for _, scope := range []ocpclient.BackupScope{unitScope, cluster, otherScope} {
		readNow(ctx, s.refresh, scope)
	}
	ocp.expectGETs(t, 3, "three scopes")
	if _, err := s.api.UpdateBackupStrategy(ctx, unitScope, ocpclient.BackupStrategyConfig{}); err != nil {
		t.Fatal(err)
	}
	readNow(ctx, s.refresh, cluster)
	readNow(ctx, s.refresh, otherScope)
	ocp.expectGETs(t, 3, "the other scopes after a write to one")
	if got := readNow(ctx, s.refresh, unitScope); got.revision != 1 {
		t.Errorf("the written scope: revision %d, want 1", got.revision)
	}
}

// The reads that decide what a write sends, or settle what it did, go to OCP: a
// change made in OCP's console since the refresh shows.
func TestSession_readsOutsideRefreshAskOCP(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ocp := newRevisedOCP()
		s := newSession(ocp)
		readNow(t.Context(), s.refresh, unitScope)
		ocp.changeInConsole(unitScope)
		if got := readNow(t.Context(), s.api, unitScope); got.revision != 1 {
			t.Errorf("a read through api after a change in the console: revision %d, want 1", got.revision)
		}
		release := ocp.holdGETs()
		refresh := readAsync(t.Context(), s.refresh, otherScope)
		synctest.Wait()
		direct := readAsync(t.Context(), s.api, otherScope)
		synctest.Wait()
		ocp.expectGETs(t, 4, "a read through api while a refresh read waits")
		release()
		<-refresh
		<-direct
	})
}

// A read that stops waiting (its timeout, Ctrl-C) fails alone: the others still
// get the shared GET's answer.
func TestStrategyCache_aReadThatGivesUpFailsAlone(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ocp := newRevisedOCP()
		s := newSession(ocp)
		release := ocp.holdGETs()
		ctx, cancel := context.WithCancel(t.Context())
		first := readAsync(ctx, s.refresh, unitScope)
		synctest.Wait()
		second := readAsync(t.Context(), s.refresh, unitScope)
		synctest.Wait()
		cancel()
		if got := <-first; !errors.Is(got.err, context.Canceled) {
			t.Errorf("the read that gave up: %v, want context.Canceled", got.err)
		}
		release()
		if got := <-second; got.err != nil {
			t.Errorf("the read that waited: %v", got.err)
		}
		ocp.expectGETs(t, 1, "two reads, one given up")
	})
}

// A configuration that declares each tenant's strategy and its schedule as
// resources of their own (the module's earlier form, still a valid one) refreshes
// both from the tenant's strategy, and a plan still asks OCP once per tenant.
func TestAccStrategyCache_strategyBesideScheduleReadOncePerPlan(t *testing.T) {
	const tenants, firstTenant = 4, 1000040
	ocp := newExampleOCP(t)
	ocp.addExampleTenants(firstTenant, tenants, false)
	cli := newCLITest(t)
	tf := cli.root("strategy-beside-schedule", strategyBesideScheduleConfig(firstTenant, tenants))
	cli.initAndApply(tf)
	if err := ocp.expectCalls(ocpmock.RouteStartSchedule, tenants); err != nil {
		t.Fatal(err)
	}
	cli.expectOneStrategyReadPerTenant(tf, ocp, firstTenant, tenants)
}

// expectOneStrategyReadPerTenant plans the applied configuration in tf, whose
// tenants firstTenant onwards have their backups running: the plan is empty and
// reads each tenant's strategy from OCP once. What the provider read is forgotten
// with the command (the provider served in-process here lives through all of
// them), so a schedule stopped in OCP's console after that plan shows in the next.
func (c *cliTest) expectOneStrategyReadPerTenant(tf *tfexec.Terraform, ocp *testOCP, firstTenant, tenants int64) {
	c.t.Helper()
	ctx := context.Background()
	before := ocp.Calls(ocpmock.RouteGetStrategy)
	changes, err := tf.Plan(ctx, tfexec.Reattach(c.reattach))
	if err != nil || changes {
		c.t.Fatalf("plan: changes=%v err=%v, want an empty plan", changes, err)
	}
	if got := ocp.Calls(ocpmock.RouteGetStrategy) - before; int64(got) != tenants {
		c.t.Errorf("the plan read strategies %d times for %d tenants, want once per tenant", got, tenants)
	}

	ocp.SetScheduleEnabled(exampleClusterID, firstTenant, false)
	changes, err = tf.Plan(ctx, tfexec.Reattach(c.reattach))
	if err != nil || !changes {
		c.t.Errorf("plan after scheduled backups were stopped in OCP: changes=%v err=%v, want the schedule to start again", changes, err)
	}
}

// strategyBesideScheduleConfig declares a strategy and a schedule, as resources of
// their own, for each of the example cluster's tenants firstTenant onwards.
func strategyBesideScheduleConfig(firstTenant, tenants int64) string {
	return requiredProviders + fmt.Sprintf(`
provider "ocp" {}

resource "ocp_tenant_backup_strategy" "this" {
  for_each   = { for i in range(%d) : "tenant-${i}" => %d + i }
  cluster_id = %d
  tenant_id  = each.value
  schedule   = { mode = "WEEK", time = "01:00+08:00", days = { "7" = "FULL_BACKUP" } }
  storage    = { type = "FILE", url = "/obbackup/${each.key}" }
}

resource "ocp_tenant_backup_schedule" "this" {
  for_each   = ocp_tenant_backup_strategy.this
  cluster_id = each.value.cluster_id
  tenant_id  = each.value.tenant_id
}
`, tenants, firstTenant, exampleClusterID)
}
