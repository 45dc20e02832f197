package provider

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

type named struct {
	id   int64
	name string
}

func pick(items []named, name string) (named, error) {
	return pickByName(items, name, "tenant", func(n named) string { return n.name }, func(n named) int64 { return n.id })
}

func TestPickByName(t *testing.T) {
	// OCP's name filter is a substring match; the lookup wants the exact name.
	items := []named{{1, "orders"}, {2, "orders-archive"}, {3, "billing"}}
	if got, err := pick(items, "orders"); err != nil || got.id != 1 {
		t.Errorf("exact match: got %v, %v", got, err)
	}
	var miss *lookupMiss
	_, err := pick(items, "order")
	if !errors.As(err, &miss) || !strings.Contains(err.Error(), `"orders" (id 1)`) {
		t.Errorf("no exact match should list the near names: %v", err)
	}
	_, err = pick(append(items, named{4, "orders"}), "orders")
	if !errors.As(err, &miss) || !strings.Contains(err.Error(), "ids 1, 4") || !strings.Contains(err.Error(), "by id") {
		t.Errorf("two exact matches should name both ids: %v", err)
	}
}

func TestAddLookupError_titledByWhatHappened(t *testing.T) {
	cases := map[string]struct {
		err  error
		want string
	}{
		"no such name":        {&lookupMiss{"OCP has no tenant named exactly \"x\""}, "Tenant not found"},
		"OCP's 404 for an id": {ocpError(http.StatusNotFound, "10002"), "Tenant not found"},
		"403":                 {ocpError(http.StatusForbidden, "30014"), `Could not read tenant "orders"`},
		"unreachable":         {&ocpclient.NoAnswerError{Reason: "got no answer", Err: errors.New("refused")}, `Could not read tenant "orders"`},
		"a proxy's 404 page":  {&ocpclient.APIError{HTTPStatus: http.StatusNotFound, Excerpt: "<html/>"}, `Could not read tenant "orders"`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var diags diag.Diagnostics
			addLookupError(&diags, "tenant", types.Int64Null(), types.StringValue("orders"), tc.err)
			if len(diags) != 1 || diags[0].Summary() != tc.want {
				t.Errorf("got %v, want the title %q", diags, tc.want)
			}
		})
	}
	var diags diag.Diagnostics
	addLookupError(&diags, "cluster", types.Int64Value(5), types.StringNull(), ocpError(http.StatusForbidden, "30014"))
	if diags[0].Summary() != "Could not read cluster id 5" {
		t.Errorf("a lookup by id names the id: %q", diags[0].Summary())
	}
}
