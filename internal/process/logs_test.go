package process

import (
	"os"
	"testing"
)

// clearLogRequests unsets every log request for the test, as a Terraform run
// without logs leaves them, and restores them afterwards.
func clearLogRequests(t *testing.T) {
	t.Helper()
	for _, name := range logRequests {
		t.Setenv(name, "")
	}
}

func TestQuietLogsUnlessAskedSwitchesOffWhenNothingAsked(t *testing.T) {
	clearLogRequests(t)

	quietLogsUnlessAsked()

	for _, name := range []string{"TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"} {
		if got := os.Getenv(name); got != "OFF" {
			t.Errorf("%s = %q, want OFF", name, got)
		}
	}
	for _, name := range []string{"TF_LOG", "TF_LOG_PATH"} {
		if got := os.Getenv(name); got != "" {
			t.Errorf("%s = %q, want it left unset", name, got)
		}
	}
}

func TestQuietLogsUnlessAskedLeavesLogsAloneWhenAsked(t *testing.T) {
	for _, asked := range logRequests {
		t.Run(asked, func(t *testing.T) {
			clearLogRequests(t)
			t.Setenv(asked, "DEBUG")

			quietLogsUnlessAsked()

			for _, name := range logRequests {
				want := ""
				if name == asked {
					want = "DEBUG"
				}
				if got := os.Getenv(name); got != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
		})
	}
}
