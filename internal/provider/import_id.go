package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
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

// scopeIdentitySchema is the identity of a scope's resource: OCP's ids, as in the
// import ID (Terraform 1.12 and later import by it, and terraform query lists it).
func scopeIdentitySchema(tenant bool) identityschema.Schema {
	attributes := map[string]identityschema.Attribute{
		"cluster_id": identityschema.Int64Attribute{RequiredForImport: true, Description: "OCP id of the cluster."},
	}
	if tenant {
		attributes["tenant_id"] = identityschema.Int64Attribute{RequiredForImport: true, Description: "OCP id of the tenant."}
	}
	return identityschema.Schema{Attributes: attributes}
}

// setScopeIdentity records scope as the identity, once: Terraform before 1.12 and
// OpenTofu send no identity (nil), and an identity once set never changes.
func setScopeIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, scope ocpclient.BackupScope) diag.Diagnostics {
	if identity == nil || !identity.Raw.IsNull() {
		return nil
	}
	diags := identity.SetAttribute(ctx, path.Root("cluster_id"), scope.ClusterID)
	if scope.IsTenant() {
		diags.Append(identity.SetAttribute(ctx, path.Root("tenant_id"), scope.TenantID)...)
	}
	return diags
}

// scopeFromImport is the scope an import names: by its ID ("terraform import", an
// import block's id) or by its identity (an import block's identity).
func scopeFromImport(ctx context.Context, req resource.ImportStateRequest, kind scopeKind) (ocpclient.BackupScope, diag.Diagnostics) {
	var diags diag.Diagnostics
	if req.ID != "" || req.Identity == nil {
		scope, err := scopeImportID(req.ID, kind.tenant)
		if err != nil {
			diags.AddError("Invalid import ID", err.Error())
		}
		return scope, diags
	}
	scope, _ := kind.scopeIn(ctx, req.Identity, &diags) // an identity holds known values only
	if !diags.HasError() && (scope.ClusterID <= 0 || kind.tenant && scope.TenantID <= 0) {
		diags.AddError("Invalid import identity", fmt.Sprintf("expected OCP's ids (positive integers) in the identity; got %s", scope))
	}
	return scope, diags
}
