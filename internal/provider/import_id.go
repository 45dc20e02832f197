package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// A scope's Terraform id and import ID are OCP's ids joined by "/":
// "<cluster_id>/<tenant_id>" for a tenant, "<cluster_id>" for a cluster.

// parseImportID reads an import ID of positive integers separated by "/", as many
// as form names (e.g. "<cluster_id>/<tenant_id>").
func parseImportID(id, form string) ([]int64, error) {
	parts := strings.Split(id, "/")
	want := strings.Count(form, "/") + 1
	ids := make([]int64, 0, want)
	for _, part := range parts {
		n, err := strconv.ParseInt(part, 10, 64)
		if err != nil || n <= 0 {
			break
		}
		ids = append(ids, n)
	}
	if len(parts) != want || len(ids) != want {
		return nil, fmt.Errorf("expected an import ID of the form %s (positive integers, OCP's ids), such as %q; got %q",
			form, exampleImportID(want), id)
	}
	return ids, nil
}

func exampleImportID(parts int) string {
	return strings.Join([]string{"1000005", "1000012"}[:parts], "/")
}

// scopeImportID parses the import ID of a cluster- or tenant-scoped object.
func scopeImportID(id string, tenant bool) (ocpclient.BackupScope, error) {
	if !tenant {
		ids, err := parseImportID(id, "<cluster_id>")
		if err != nil {
			return ocpclient.BackupScope{}, err
		}
		return ocpclient.BackupScope{ClusterID: ids[0]}, nil
	}
	ids, err := parseImportID(id, "<cluster_id>/<tenant_id>")
	if err != nil {
		return ocpclient.BackupScope{}, err
	}
	return ocpclient.BackupScope{ClusterID: ids[0], TenantID: ids[1]}, nil
}

// scopeID is the Terraform id of a cluster- or tenant-scoped object.
func scopeID(scope ocpclient.BackupScope) string {
	if scope.IsTenant() {
		return fmt.Sprintf("%d/%d", scope.ClusterID, scope.TenantID)
	}
	return strconv.FormatInt(scope.ClusterID, 10)
}

// setScopeAttributes writes id, cluster_id and (for a tenant) tenant_id of an
// imported object.
func setScopeAttributes(ctx context.Context, state *tfsdk.State, scope ocpclient.BackupScope) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.Append(state.SetAttribute(ctx, path.Root("id"), scopeID(scope))...)
	diags.Append(state.SetAttribute(ctx, path.Root("cluster_id"), scope.ClusterID)...)
	if scope.IsTenant() {
		diags.Append(state.SetAttribute(ctx, path.Root("tenant_id"), scope.TenantID)...)
	}
	return diags
}
