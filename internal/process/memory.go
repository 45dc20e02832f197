package process

import (
	"os"
	"runtime/debug"
)

// softMemoryLimit is the heap size above which the provider's garbage collector
// works harder. The provider keeps little alive between calls, but Terraform's
// bursts of parallel calls leave garbage that, collected lazily, pushed the
// process past 80 MiB at 500 resources in the benchmark; with this limit it stays
// under 64 MiB (bench/results.md).
const softMemoryLimit = 48 << 20

// limitMemoryUnlessSet sets softMemoryLimit, unless the user chose a limit with
// GOMEMLIMIT, which the runtime has already applied.
func limitMemoryUnlessSet() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
}
