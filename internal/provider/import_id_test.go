package provider

import (
	"strings"
	"testing"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

func TestParseImportID(t *testing.T) {
	cases := map[string]struct {
		id, form string
		want     []int64
	}{
		"tenant":               {"1000005/1000012", "<cluster_id>/<tenant_id>", []int64{1000005, 1000012}},
		"cluster":              {"7", "<cluster_id>", []int64{7}},
		"too few parts":        {"7", "<cluster_id>/<tenant_id>", nil},
		"too many parts":       {"1/2/3", "<cluster_id>/<tenant_id>", nil},
		"zero":                 {"1/0", "<cluster_id>/<tenant_id>", nil},
		"negative":             {"-1/2", "<cluster_id>/<tenant_id>", nil},
		"not a number":         {"orders", "<cluster_id>", nil},
		"beyond int64":         {"9223372036854775808", "<cluster_id>", nil},
		"empty":                {"", "<cluster_id>", nil},
		"trailing separator":   {"1/", "<cluster_id>/<tenant_id>", nil},
		"spaces are not blank": {" 1/2", "<cluster_id>/<tenant_id>", nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := parseImportID(tc.id, tc.form)
			if tc.want == nil {
				if err == nil || !strings.Contains(err.Error(), tc.form) {
					t.Fatalf("want an error showing %s, got %v, %v", tc.form, got, err)
				}
				return
			}
			if err != nil || len(got) != len(tc.want) || got[0] != tc.want[0] || got[len(got)-1] != tc.want[len(tc.want)-1] {
				t.Fatalf("got %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

func TestScopeID(t *testing.T) {
	if got := scopeID(ocpclient.BackupScope{ClusterID: 1, TenantID: 11}); got != "1/11" {
		t.Errorf("tenant scope id = %q", got)
	}
	if got := scopeID(ocpclient.BackupScope{ClusterID: 1}); got != "1" {
		t.Errorf("cluster scope id = %q", got)
	}
}

// FuzzScopeImportID: any import ID parses without panic; an accepted one names
// positive ids, and its canonical form parses back to the same scope. A rejected one
// gets an error that shows the expected form.
func FuzzScopeImportID(f *testing.F) {
	for _, seed := range []string{"1/11", "1000005/1000012", "11", "1/0", "-1/2", "a/b", "1/2/3", "", "/", "01/+2", "9223372036854775808/1"} {
		f.Add(seed, true)
		f.Add(seed, false)
	}
	f.Fuzz(func(t *testing.T, id string, tenant bool) {
		scope, err := scopeImportID(id, tenant)
		if err != nil {
			if !strings.Contains(err.Error(), "<cluster_id>") {
				t.Fatalf("error does not show the expected form: %v", err)
			}
			return
		}
		if scope.ClusterID <= 0 || (tenant && scope.TenantID <= 0) || (!tenant && scope.TenantID != 0) {
			t.Fatalf("%q accepted as %+v", id, scope)
		}
		again, err := scopeImportID(scopeID(scope), tenant)
		if err != nil || again != scope {
			t.Fatalf("%q → %q → %+v, %v", id, scopeID(scope), again, err)
		}
	})
}
