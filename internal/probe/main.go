package probe

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// Main runs the probe as the ocpprobe command does: settings from args and the
// environment (getenv), the report on stdout, problems with the settings on
// stderr. It returns the exit status.
func Main(ctx context.Context, version string, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	settings, err := ParseSettings(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return ExitHolds
	}
	if err != nil {
		fmt.Fprintf(stderr, "ocpprobe: %v\n", err)
		return ExitCannotRun
	}
	settings.Version = version
	settings.Client.UserAgent = "ocpprobe/" + version
	client, err := ocpclient.New(settings.Client)
	if err != nil {
		fmt.Fprintf(stderr, "ocpprobe: %v\n", err)
		return ExitCannotRun
	}
	report := Run(ctx, client, settings)
	if err := report.WriteTo(stdout, settings.Format); err != nil {
		fmt.Fprintf(stderr, "ocpprobe: writing the report: %v\n", err)
		return ExitCannotRun
	}
	return report.ExitCode()
}
