package provider

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

func TestErrorDetail_advicePerClass(t *testing.T) {
	proxy401 := &ocpclient.APIError{HTTPStatus: http.StatusUnauthorized, Excerpt: "<html>SSO login</html>"}
	cases := map[string]struct {
		err       error
		want      string
		forbidden string
	}{
		"401":                     {err: ocpError(http.StatusUnauthorized, "0"), want: "OCP rejected the credentials"},
		"403":                     {err: ocpError(http.StatusForbidden, "30014"), want: "backup and recovery permission"},
		"429":                     {err: ocpError(http.StatusTooManyRequests, "0"), want: "-parallelism"},
		"500":                     {err: ocpError(http.StatusInternalServerError, "10010"), forbidden: "\n\n"},
		"a gateway's 401 page":    {err: proxy401, forbidden: "OCP rejected the credentials"},
		"not an OCP error at all": {err: errors.New("boom"), forbidden: "\n\n"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := errorDetail(tc.err)
			if !strings.HasPrefix(got, tc.err.Error()) {
				t.Errorf("detail does not start with the error itself: %q", got)
			}
			if tc.want != "" && !strings.Contains(got, tc.want) {
				t.Errorf("detail lacks %q: %q", tc.want, got)
			}
			if tc.forbidden != "" && strings.Contains(got, tc.forbidden) {
				t.Errorf("detail has %q: %q", tc.forbidden, got)
			}
		})
	}
}
