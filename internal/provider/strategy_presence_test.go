package provider

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

func TestPresence_describesWhatIsTrue(t *testing.T) {
	cases := map[presence]string{
		presenceClusterGone: "OCP has no cluster 1",
		presenceTenantGone:  "OCP has no tenant 11 in cluster 1",
		presenceNoStrategy:  "has no backup strategy",
	}
	for p, want := range cases {
		if got := p.describe(unitScope); !strings.Contains(got, want) {
			t.Errorf("presence %d: %q lacks %q", p, got, want)
		}
	}
	var diags diag.Diagnostics
	presenceClusterGone.addNotFound(&diags, unitScope, "")
	if diags[0].Summary() != "Cluster not found" {
		t.Errorf("a gone cluster is titled %q", diags[0].Summary())
	}
}

func TestReadStrategy_tellsMissingStrategyFromMissingScope(t *testing.T) {
	proxyPage := &ocpclient.APIError{HTTPStatus: http.StatusNotFound, Excerpt: "<html>nginx</html>"}
	unreachable := errors.New("connection refused")
	cases := map[string]struct {
		api     fakeAPI
		want    presence
		wantErr bool
	}{
		"strategy":                    {api: fakeAPI{strategy: strategyWithFlag(nil)}, want: presenceStrategy},
		"data null":                   {api: fakeAPI{}, want: presenceNoStrategy},
		"404, tenant exists":          {api: fakeAPI{strategyErr: ocpError(404, "10002")}, want: presenceNoStrategy},
		"400 any code, tenant exists": {api: fakeAPI{strategyErr: ocpError(400, "70013")}, want: presenceNoStrategy},
		"404, tenant 404":             {api: fakeAPI{strategyErr: ocpError(404, "10002"), tenantErr: ocpError(404, "10002")}, want: presenceTenantGone},
		"400, tenant 400 60002":       {api: fakeAPI{strategyErr: ocpError(400, "60002"), tenantErr: ocpError(400, "60002")}, want: presenceTenantGone},
		"404, cluster 404": {api: fakeAPI{strategyErr: ocpError(404, "10002"), tenantErr: ocpError(404, "10002"),
			clusterErr: ocpError(404, "10002")}, want: presenceClusterGone},
		"every route 404, the cluster list too (a wrong base URL)": {api: fakeAPI{strategyErr: ocpError(404, "10002"),
			tenantErr: ocpError(404, "10002"), clusterErr: ocpError(404, "10002"), listErr: ocpError(404, "10002")}, wantErr: true},
		"cluster 404, yet listed": {api: fakeAPI{strategyErr: ocpError(404, "10002"), tenantErr: ocpError(404, "10002"),
			clusterErr: ocpError(404, "10002"), listed: []ocpclient.Cluster{{ID: unitScope.ClusterID}}}, wantErr: true},
		"proxy 404 page":         {api: fakeAPI{strategyErr: proxyPage}, wantErr: true},
		"404, tenant read fails": {api: fakeAPI{strategyErr: ocpError(404, "10002"), tenantErr: unreachable}, wantErr: true},
		"401":                    {api: fakeAPI{strategyErr: ocpError(401, "0")}, wantErr: true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, got, err := readStrategy(context.Background(), &tc.api, unitScope)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("want an error, got presence %d", got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got presence %d, err %v; want %d (calls %v)", got, err, tc.want, tc.api.calls)
			}
		})
	}
}
