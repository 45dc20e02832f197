package process

import (
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"time"
)

// PprofAddrEnv names a loopback address on which the provider process serves
// net/http/pprof, for profiling it while Terraform drives it (make bench does).
const PprofAddrEnv = "OCP_PROVIDER_PPROF_ADDR"

// servePprof serves the profiles on addr in the background and returns the
// server, whose Addr is where it listens. It refuses any address but a loopback
// IP: the process runs wherever Terraform runs, and its profiles show its memory.
func servePprof(addr string) (*http.Server, error) {
	if !isLoopbackIP(addr) {
		return nil, fmt.Errorf("%s=%q is not a loopback IP address and port", PprofAddrEnv, addr)
	}
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	server := &http.Server{Addr: listener.Addr().String(), Handler: pprofMux(), ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = server.Serve(listener) }()
	return server, nil
}

func isLoopbackIP(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	ip := net.ParseIP(host)
	return err == nil && ip != nil && ip.IsLoopback()
}

// pprofMux routes the paths of net/http/pprof; Index also serves the named
// profiles (heap, goroutine, allocs, ...) under /debug/pprof/. The server gets a
// mux of its own rather than http.DefaultServeMux, where importing net/http/pprof
// also puts these paths, so that it serves the profiles and nothing else. Only main
// packages import this package, which keeps that import out of the provider
// library and its tests.
func pprofMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}
