package provider

import (
	"os"
	"testing"
)

// TestMain makes the in-process provider answer to its registry address, so that
// configurations declaring source = "ocp-tf/ocp" (as the example module does) use it,
// and removes the provider that tests built.
func TestMain(m *testing.M) {
	if os.Getenv("TF_ACC_PROVIDER_NAMESPACE") == "" {
		_ = os.Setenv("TF_ACC_PROVIDER_NAMESPACE", "ocp-tf")
	}
	code := m.Run()
	if providerBuild.dir != "" {
		_ = os.RemoveAll(providerBuild.dir)
	}
	os.Exit(code)
}
