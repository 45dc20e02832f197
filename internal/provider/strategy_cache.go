package provider

import (
	"context"
	"sync"

	"golang.org/x/sync/singleflight"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// A module that declares a tenant's strategy and its schedule refreshes both, and
// both read the tenant's strategy. Within one Terraform command the provider asks
// OCP once per scope for such reads: concurrent ones share one GET, later ones take
// its answer.
//
// Only refresh reads share (session.refresh): Read, and ImportState, which Terraform
// calls while planning. They describe what OCP held when the command began, and in
// an apply Terraform makes them all before it applies anything. Every read that
// decides what a write sends or what a write did (patchToPlan's current
// backupScheduleEnabled, the reads that settle a lost answer, the observations
// after a start or a stop, backupNow's destination) goes to OCP through session.api:
// between the refresh and the write, someone may have changed the strategy in OCP's
// console. Data sources read through session.api too: Terraform reads one during
// apply when it depends on pending changes, which may be another provider's, and a
// data source cannot tell that read from a plan's.
//
// The cache lives in the session that the provider's Configure creates, once per
// Terraform command, so it is forgotten with the command.

// strategyCache shares one command's refresh reads of backup strategies by scope.
type strategyCache struct {
	flights singleflight.Group
	mu      sync.Mutex
	// answers are OCP's answers to this command's refresh reads; nil is OCP's
	// "no strategy" (data null). Errors are never kept: the next read asks again.
	answers map[ocpclient.BackupScope]*ocpclient.BackupStrategy
	// written holds the scopes this command sent a write. OCP carries a write out
	// in a task that ends after the call has returned (or, when the answer was
	// lost, at a time nobody knows), so no answer read after it is known to be
	// final: a written scope is read from OCP every time for the rest of the
	// command, never from a GET that began before the write, nor shared with one.
	written map[ocpclient.BackupScope]bool
}

func newStrategyCache() *strategyCache {
	return &strategyCache{
		answers: map[ocpclient.BackupScope]*ocpclient.BackupStrategy{},
		written: map[ocpclient.BackupScope]bool{},
	}
}

// getStrategy is the client's read of a scope's strategy.
type getStrategy func(context.Context, ocpclient.BackupScope) (*ocpclient.BackupStrategy, error)

// read returns the scope's strategy as this command last read it, or reads it with
// get, in one GET shared by the concurrent reads of the scope. Callers share the
// answer, so they must not change it.
func (c *strategyCache) read(ctx context.Context, scope ocpclient.BackupScope, get getStrategy) (*ocpclient.BackupStrategy, error) {
	c.mu.Lock()
	answer, kept := c.answers[scope]
	written := c.written[scope]
	c.mu.Unlock()
	switch {
	case written:
		return get(ctx, scope)
	case kept:
		return answer, nil
	}
	flight := c.flights.DoChan(scope.String(), func() (any, error) {
		// The GET is not bound to the context of the read that happens to start it:
		// that read's timeout or end must not fail the others waiting for the
		// answer. The client's request timeout and retry limit bound it.
		strategy, err := get(context.WithoutCancel(ctx), scope)
		if err == nil {
			c.keep(scope, strategy)
		}
		return strategy, err
	})
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case shared := <-flight:
		strategy, _ := shared.Val.(*ocpclient.BackupStrategy)
		return strategy, shared.Err
	}
}

// keep keeps the answer of a GET for the reads after it. One that ends after a
// write to its scope is kept too, but never served: read asks OCP for a written
// scope before it looks at answers.
func (c *strategyCache) keep(scope ocpclient.BackupScope, strategy *ocpclient.BackupStrategy) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.answers[scope] = strategy
}

// markWritten records that this command sent a write to the scope; see written.
func (c *strategyCache) markWritten(scope ocpclient.BackupScope) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.written[scope] = true
}

// invalidatingAPI is the client with the writes that change a scope's strategy or
// its scheduling marking the scope written before they are sent, so that no
// refresh read from then on is served an answer from before the write.
// BackupNow is not among them: it takes the strategy's mode and destination and
// starts a backup task (reference §3.5), and the strategy's answer (§3.4) holds
// nothing that a backup changes.
type invalidatingAPI struct {
	API
	strategies *strategyCache
}

func (a invalidatingAPI) CreateBackupStrategy(ctx context.Context, scope ocpclient.BackupScope, strategy ocpclient.BackupStrategyConfig) (*ocpclient.BackupOperation, error) {
	a.strategies.markWritten(scope)
	return a.API.CreateBackupStrategy(ctx, scope, strategy)
}

func (a invalidatingAPI) UpdateBackupStrategy(ctx context.Context, scope ocpclient.BackupScope, strategy ocpclient.BackupStrategyConfig) (*ocpclient.BackupOperation, error) {
	a.strategies.markWritten(scope)
	return a.API.UpdateBackupStrategy(ctx, scope, strategy)
}

func (a invalidatingAPI) DeleteBackupStrategy(ctx context.Context, scope ocpclient.BackupScope) (*ocpclient.BackupOperation, error) {
	a.strategies.markWritten(scope)
	return a.API.DeleteBackupStrategy(ctx, scope)
}

func (a invalidatingAPI) StartBackupSchedule(ctx context.Context, scope ocpclient.BackupScope) (*ocpclient.BackupOperation, error) {
	a.strategies.markWritten(scope)
	return a.API.StartBackupSchedule(ctx, scope)
}

func (a invalidatingAPI) StopBackupSchedule(ctx context.Context, scope ocpclient.BackupScope) (*ocpclient.BackupOperation, error) {
	a.strategies.markWritten(scope)
	return a.API.StopBackupSchedule(ctx, scope)
}

// refreshAPI is the API of refresh reads: strategy reads go through the command's
// cache, everything else (writes included) as through invalidatingAPI.
type refreshAPI struct {
	API
	strategies *strategyCache
}

func (a refreshAPI) GetBackupStrategy(ctx context.Context, scope ocpclient.BackupScope) (*ocpclient.BackupStrategy, error) {
	return a.strategies.read(ctx, scope, a.API.GetBackupStrategy)
}
