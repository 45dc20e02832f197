// Package process tunes the provider's process: how it is served, its memory limit, the SDK's logs
// and an optional pprof endpoint. These are main's concerns, kept out of the
// provider library so that tests and other importers of the provider get none of them.
package process

import (
	"log"
	"os"
)

// Prepare tunes the provider process; call it first in main. It keeps the heap
// near softMemoryLimit unless GOMEMLIMIT says otherwise, switches off the logs
// nobody asked for, and serves pprof when PprofAddrEnv asks for it.
func Prepare() {
	limitMemoryUnlessSet()
	quietLogsUnlessAsked()
	if addr := os.Getenv(PprofAddrEnv); addr != "" {
		if _, err := servePprof(addr); err != nil {
			// Stderr reaches Terraform's own log; the provider serves on regardless.
			log.Printf("pprof not served: %v", err)
		}
	}
}
