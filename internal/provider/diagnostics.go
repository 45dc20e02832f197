package provider

import (
	"fmt"
	"strings"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// errorDetail explains an OCP error and adds what to do about the common classes.
// Advice about OCP's verdicts fits only OCP's own answers; a proxy's page already
// says where it came from.
func errorDetail(err error) string {
	detail := err.Error()
	switch {
	case ocpclient.IsUnauthorized(err):
		detail += "\n\nOCP rejected the credentials. Check username and password (OCP_USERNAME, OCP_PASSWORD) " +
			"or access_key_id and access_key_secret (OCP_ACCESS_KEY_ID, OCP_ACCESS_KEY_SECRET). With an access key, " +
			"this machine's clock must also be within 15 minutes of OCP's."
	case ocpclient.IsForbidden(err):
		detail += "\n\nThe OCP user lacks permission for this operation; grant it backup and recovery " +
			"permission on the cluster in OCP's console."
	case ocpclient.IsThrottled(err):
		detail += "\n\nOCP kept throttling the requests. Lower terraform's -parallelism, raise max_retries, " +
			"or ask the OCP administrator to raise the user's rate limit."
	}
	return detail
}

// withFailedReread adds to an error's detail that the read meant to settle it
// failed too.
func withFailedReread(detail string, readErr error) string {
	return detail + fmt.Sprintf("\n\nReading the backup strategy afterwards failed too: %s", readErr)
}

func capitalized(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
