package ocpclient

import (
	"context"
	"net/http"
	"testing"
)

// A write that a proxy answered 503 (after it may have passed it on) and that OCP
// then refused when repeated leaves open that the first attempt took effect.
func TestRepeatedWriteAfterGatewayFailureMayHaveBeenProcessed(t *testing.T) {
	proxy503 := answer{status: http.StatusServiceUnavailable, header: http.Header{"Content-Type": {"text/html"}},
		body: "<html>503 Service Temporarily Unavailable</html>"}
	conflict := answer{status: http.StatusConflict,
		body: `{"successful":false,"status":409,"traceId":"t-409","error":{"code":10009,"message":"Backup strategy already exists"}}`}
	cases := map[string]struct {
		answers []answer
		want    bool
	}{
		"409 after a proxy's 503": {[]answer{proxy503, conflict}, true},
		"409 at once":             {[]answer{conflict}, false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			srv := newScriptedServer(t, tc.answers...)
			_, err := testClient(t, srv.URL).CreateBackupStrategy(context.Background(), BackupScope{ClusterID: 1, TenantID: 11}, BackupStrategyConfig{})
			if !IsConflict(err) {
				t.Fatalf("want the 409, got %v", err)
			}
			if got := MaybeProcessed(err); got != tc.want {
				t.Errorf("MaybeProcessed = %v, want %v (%v)", got, tc.want, err)
			}
		})
	}
}
