package provider

import (
	"net"
	"net/http"
	_ "net/http/pprof" //nolint:gosec // served only on loopback, and only when OCP_PROVIDER_PPROF_ADDR asks.
	"os"
	"runtime/debug"
	"time"
)

// logSettings are the variables with which a user asks Terraform for logs; Terraform
// passes them on to the provider process.
var logSettings = []string{"TF_LOG", "TF_LOG_PATH", "TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"}

// softMemoryLimit is the heap size above which the provider's garbage collector
// works harder. The provider keeps little alive between calls, but Terraform's
// bursts of parallel calls leave garbage that, collected lazily, pushed the
// process past 80 MiB at 500 resources in the benchmark; with this limit it stays
// under 64 MiB (bench/results.md).
const softMemoryLimit = 48 << 20

// PprofAddrEnv names a loopback address on which the provider process serves
// net/http/pprof, for profiling it while Terraform drives it (make bench does).
const PprofAddrEnv = "OCP_PROVIDER_PPROF_ADDR"

// PrepareProcess tunes the provider process; call it first in main. It keeps the
// heap near softMemoryLimit unless GOMEMLIMIT says otherwise, quiets the logs
// nobody asked for (see QuietSDKLogsUnlessAsked), and serves pprof when asked to.
func PrepareProcess() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	QuietSDKLogsUnlessAsked()
	if addr := os.Getenv(PprofAddrEnv); addr != "" {
		servePprof(addr)
	}
}

// servePprof serves the profiles on a loopback address only; anything else is
// ignored, since the process runs wherever Terraform runs.
func servePprof(addr string) {
	host, _, err := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		return
	}
	server := &http.Server{Addr: addr, Handler: http.DefaultServeMux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = server.ListenAndServe() }()
}

// QuietSDKLogsUnlessAsked switches the plugin SDK's and the provider's logs off when
// no log was asked for. Otherwise every gRPC call formats trace lines that Terraform
// reads only to discard: the benchmark measured up to 13% of a destroy's wall time.
// Call it first in main.
func QuietSDKLogsUnlessAsked() {
	for _, name := range logSettings {
		if os.Getenv(name) != "" {
			return
		}
	}
	for _, name := range logSettings[2:] {
		_ = os.Setenv(name, "OFF")
	}
}
