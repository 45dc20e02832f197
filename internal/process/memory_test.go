package process

import (
	"runtime/debug"
	"testing"
)

// keepMemoryLimit restores the process's memory limit after the test.
func keepMemoryLimit(t *testing.T) {
	t.Helper()
	before := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
}

func TestLimitMemoryUnlessSetAppliesSoftLimit(t *testing.T) {
	keepMemoryLimit(t)
	t.Setenv("GOMEMLIMIT", "")

	limitMemoryUnlessSet()

	if got := debug.SetMemoryLimit(-1); got != 48<<20 {
		t.Errorf("memory limit = %d, want 48 MiB", got)
	}
}

func TestLimitMemoryUnlessSetRespectsGOMEMLIMIT(t *testing.T) {
	keepMemoryLimit(t)
	// The runtime reads GOMEMLIMIT only at start, so stand in for what it applied.
	const usersLimit = 1 << 30
	t.Setenv("GOMEMLIMIT", "1GiB")
	debug.SetMemoryLimit(usersLimit)

	limitMemoryUnlessSet()

	if got := debug.SetMemoryLimit(-1); got != usersLimit {
		t.Errorf("memory limit = %d, want GOMEMLIMIT's %d", got, usersLimit)
	}
}
