package process

import "os"

// logRequests are the variables with which a user asks Terraform for logs;
// Terraform passes them on to the provider process.
var logRequests = []string{"TF_LOG", "TF_LOG_PATH", "TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"}

// providerAndSDKLogs set the levels of the provider's and the plugin SDK's
// loggers, the ones quietLogsUnlessAsked switches off.
var providerAndSDKLogs = []string{"TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"}

// quietLogsUnlessAsked switches the provider's and the plugin SDK's logs off when
// no log was asked for. Otherwise every gRPC call formats trace lines that
// Terraform reads only to discard: the benchmark measured up to 13% of a
// destroy's wall time. It must run before the provider is served, which is when
// the loggers read these variables.
func quietLogsUnlessAsked() {
	if logsAsked() {
		return
	}
	for _, name := range providerAndSDKLogs {
		_ = os.Setenv(name, "OFF")
	}
}

func logsAsked() bool {
	for _, name := range logRequests {
		if os.Getenv(name) != "" {
			return true
		}
	}
	return false
}
