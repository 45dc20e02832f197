package process

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/ocp-tf/terraform-provider-ocp/internal/provider"
)

func TestReleaseCallContextsWrapsTheFrameworkServer(t *testing.T) {
	server := releaseCallContexts(providerserver.NewProtocol6(provider.New("test")())())
	if _, ok := server.(releasingServer); !ok {
		t.Fatalf("the framework's server was served unwrapped (%T): it lacks an optional service", server)
	}
	// tf6server looks for the optional services by type assertion.
	if _, ok := server.(tfprotov6.ProviderServerWithListResource); !ok { //nolint:staticcheck // tf6server still asserts it
		t.Error("the wrapped server hides the list resource service")
	}
	if _, ok := server.(tfprotov6.ProviderServerWithActions); !ok { //nolint:staticcheck // tf6server still asserts it
		t.Error("the wrapped server hides the action service")
	}
	if _, ok := server.(tfprotov6.ProviderServerWithStateStores); !ok { //nolint:staticcheck // tf6server still asserts it
		t.Error("the wrapped server hides the state store service")
	}
}

type key struct{}

func TestReleasableContextForwardsUntilReleased(t *testing.T) {
	parent, cancel := context.WithTimeout(context.WithValue(context.Background(), key{}, "call"), time.Hour)
	defer cancel()
	ctx := newReleasableContext(parent)

	if got := ctx.Value(key{}); got != "call" {
		t.Errorf("Value = %v, want the call's value", got)
	}
	if _, ok := ctx.Deadline(); !ok {
		t.Error("Deadline: the call's deadline is missing")
	}
	if ctx.Err() != nil || ctx.Done() != parent.Done() {
		t.Error("Done and Err are not the call's")
	}

	ctx.release()

	if got := ctx.Value(key{}); got != nil {
		t.Errorf("Value after release = %v, want nil", got)
	}
	if !errors.Is(ctx.Err(), context.Canceled) {
		t.Errorf("Err after release = %v, want context.Canceled", ctx.Err())
	}
	select {
	case <-ctx.Done():
	default:
		t.Error("Done after release is not closed")
	}
}

// The framework derives a cancellable context from the call's; cancelling the
// call's context must still cancel it, without a goroutine per call.
func TestReleasableContextPropagatesCancellation(t *testing.T) {
	parent, cancelParent := context.WithCancel(context.Background())
	ctx := newReleasableContext(parent)
	before := runtime.NumGoroutine()
	child, cancelChild := context.WithCancel(ctx)
	defer cancelChild()
	if after := runtime.NumGoroutine(); after > before {
		t.Errorf("deriving a context started %d goroutines", after-before)
	}

	cancelParent()

	select {
	case <-child.Done():
	case <-time.After(time.Second):
		t.Fatal("cancelling the call's context did not cancel the framework's")
	}
}
