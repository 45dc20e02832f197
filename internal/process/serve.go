package process

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// Serve serves the provider over protocol 6 as providerserver.Serve does, with
// the framework's per-call contexts released once each call has answered.
//
// The framework (terraform-plugin-framework v1.19, proto6server registerContext)
// derives a cancellable context from every RPC's context and keeps its cancel
// function until StopProvider, which Terraform sends only on an interrupt. Each
// kept function holds its context and, through the parent chain, everything the
// call's context carries: the gRPC stream and the terraform-plugin-log loggers of
// the call, about 15 KB. A plan of 2000 resources makes some 8000 such calls, so
// the process kept about 120 MB alive that no call used any more: the peak RSS
// grew with the resource count, and once the live heap passed the soft memory
// limit the garbage collector ran without pause.
//
// Serve hands the framework, for each per-resource call, a context that forwards
// to the call's own context until the call has answered and then lets go of it,
// so that what the framework keeps is a few small objects per call.
func Serve(address string, p func() provider.Provider, debug bool) error {
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	return tf6server.Serve(address, func() tfprotov6.ProviderServer {
		return releaseCallContexts(providerserver.NewProtocol6(p())())
	}, opts...)
}

// frameworkServer is what the framework's protocol 6 server implements: the
// optional list, action and state store services included, so that wrapping it
// hides none of them from tf6server's type assertions.
//
// The interfaces are deprecated in favour of ProviderServer itself, but this
// terraform-plugin-go's tf6server still finds the services through them.
type frameworkServer interface {
	tfprotov6.ProviderServerWithListResource //nolint:staticcheck // see above
	tfprotov6.ProviderServerWithActions      //nolint:staticcheck // see above
	tfprotov6.ProviderServerWithStateStores  //nolint:staticcheck // see above
}

// releaseCallContexts wraps the framework's server; a server that lacks the
// optional services is served as it is.
func releaseCallContexts(server tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	if full, ok := server.(frameworkServer); ok {
		return releasingServer{full}
	}
	return server
}

// releasingServer passes the calls Terraform makes once per resource instance
// (and per function call) a context that lets go of the call's context once the
// call has answered. The calls made once per command (GetProviderSchema,
// ConfigureProvider, ...) and the streaming ones, whose answer is read after the
// method returns, go to the framework as they are.
type releasingServer struct {
	frameworkServer
}

// released calls call with a context forwarding to ctx until call returns.
func released[Req, Resp any](ctx context.Context, req Req, call func(context.Context, Req) (Resp, error)) (Resp, error) {
	callCtx := newReleasableContext(ctx)
	defer callCtx.release()
	return call(callCtx, req)
}

func (s releasingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return released(ctx, req, s.frameworkServer.ValidateResourceConfig)
}

func (s releasingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return released(ctx, req, s.frameworkServer.UpgradeResourceState)
}

func (s releasingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return released(ctx, req, s.frameworkServer.ReadResource)
}

func (s releasingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return released(ctx, req, s.frameworkServer.PlanResourceChange)
}

func (s releasingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return released(ctx, req, s.frameworkServer.ApplyResourceChange)
}

func (s releasingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return released(ctx, req, s.frameworkServer.ImportResourceState)
}

func (s releasingServer) MoveResourceState(ctx context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return released(ctx, req, s.frameworkServer.MoveResourceState)
}

func (s releasingServer) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return released(ctx, req, s.frameworkServer.UpgradeResourceIdentity)
}

func (s releasingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return released(ctx, req, s.frameworkServer.ValidateDataResourceConfig)
}

func (s releasingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return released(ctx, req, s.frameworkServer.ReadDataSource)
}

func (s releasingServer) CallFunction(ctx context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return released(ctx, req, s.frameworkServer.CallFunction)
}

// releasableContext forwards to a call's context until release, and from then on
// is a cancelled context that carries no values. Whatever holds it after the call
// (the framework's list of cancel functions) no longer holds the call's context.
type releasableContext struct {
	call atomic.Pointer[context.Context]
}

func newReleasableContext(ctx context.Context) *releasableContext {
	c := &releasableContext{}
	c.call.Store(&ctx)
	return c
}

func (c *releasableContext) release() { c.call.Store(nil) }

// callContext is the call's context, or nil after release.
func (c *releasableContext) callContext() context.Context {
	if ctx := c.call.Load(); ctx != nil {
		return *ctx
	}
	return nil
}

func (c *releasableContext) Deadline() (time.Time, bool) {
	if ctx := c.callContext(); ctx != nil {
		return ctx.Deadline()
	}
	return time.Time{}, false
}

func (c *releasableContext) Done() <-chan struct{} {
	if ctx := c.callContext(); ctx != nil {
		return ctx.Done()
	}
	return closedChan
}

func (c *releasableContext) Err() error {
	if ctx := c.callContext(); ctx != nil {
		return ctx.Err()
	}
	return context.Canceled
}

func (c *releasableContext) Value(key any) any {
	if ctx := c.callContext(); ctx != nil {
		return ctx.Value(key)
	}
	return nil
}

var closedChan = func() chan struct{} {
	ch := make(chan struct{})
	close(ch)
	return ch
}()
