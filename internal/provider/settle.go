package provider

import (
	"context"
	"errors"
	"time"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// A write whose answer was lost (a timeout, a reset connection, a proxy's gateway
// error) may or may not have been carried out by OCP: ocpclient.MaybeProcessed tells
// which answers leave that open. The provider never guesses: it settles such a
// write by reading back what OCP holds. This file holds how; what each write
// accepts as done lives beside the write (strategy_writes.go for the strategy,
// backup_schedule.go and observeAfterAction for starting and stopping backups,
// backup_now.go for an on-demand backup).

// How long, and how often, OCP is re-read after a write whose answer was lost in
// flight (OCP may still be carrying it out), and the time those reads get of their
// own.
const (
	settleWindow = 5 * time.Second
	settlePoll   = 500 * time.Millisecond
	settleBudget = time.Minute
)

// settle reads what a failed write left. When the write may have reached OCP without
// its answer coming back (a timeout, a reset connection, a proxy's gateway error),
// it re-reads for a while until done shows. The reads run on a context of their own:
// the write may have used up the operation's time (a create timeout that expired
// mid-call), and what OCP did must still land in state.
func settle[T any](ctx context.Context, writeErr error, read func(context.Context) (T, error), done func(T) bool) (T, error) {
	operation := ctx
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleBudget)
	defer cancel()
	value, err := read(ctx)
	if !ocpclient.MaybeProcessed(writeErr) {
		return value, err
	}
	for deadline := time.Now().Add(settleWindow); err == nil && !done(value) && time.Now().Before(deadline); {
		time.Sleep(settlePoll)
		if interrupted(operation) {
			break
		}
		value, err = read(ctx)
	}
	return value, err
}

// sendAgain makes a write once more, after it failed with firstErr without effect;
// a second failure carries both errors, so that settling it knows that the first
// may have reached OCP too.
func sendAgain(firstErr error, write func() (*ocpclient.BackupOperation, error)) (*ocpclient.BackupOperation, error) {
	op, err := write()
	if err != nil {
		return nil, errors.Join(firstErr, err)
	}
	return op, nil
}

// interrupted reports whether the user stopped the operation (Ctrl-C), as opposed
// to its time running out.
func interrupted(ctx context.Context) bool {
	return errors.Is(ctx.Err(), context.Canceled)
}
