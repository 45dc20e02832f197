package provider

import (
	"os"
	"runtime/debug"
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

// PrepareProcess tunes the provider process; call it first in main. It keeps the
// heap near softMemoryLimit unless GOMEMLIMIT says otherwise, and quiets the logs
// nobody asked for (see QuietSDKLogsUnlessAsked).
func PrepareProcess() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	QuietSDKLogsUnlessAsked()
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
