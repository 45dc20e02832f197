// Command ocpprobe tells whether an OCP answers as the provider assumes. It reads
// the provider's OCP_* environment variables and, with GETs only unless -write is
// given, checks each fact the provider infers about OCP's API; see README.md,
// "Is my OCP compatible?".
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/ocp-tf/terraform-provider-ocp/internal/probe"
)

// version is set by -ldflags "-X main.version=…" in release builds.
var version = "dev"

func main() {
	// An interrupt cancels the probe's context; -write then still puts the
	// tenant back, on a context of its own.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := probe.Main(ctx, version, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
