package provider

import (
	"strings"
	"testing"
)

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
