package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// scopeKind is what tells a tenant's resource from a cluster's twin (schedules and
// strategy data sources alike); each model names its own.
type scopeKind struct {
	tenant bool
	noun   string
	// idForm is the form of the resource's id and import ID.
	idForm string
	// idAttribute holds the scope's own id: where errors about the ids point.
	idAttribute path.Path
}

var (
	tenantScope  = scopeKind{tenant: true, noun: "tenant", idForm: "<cluster_id>/<tenant_id>", idAttribute: path.Root("tenant_id")}
	clusterScope = scopeKind{noun: "cluster", idForm: "<cluster_id>", idAttribute: path.Root("cluster_id")}
)

// kindOfScope is the kind of scope: a tenant's or a cluster's.
func kindOfScope(scope ocpclient.BackupScope) scopeKind {
	if scope.IsTenant() {
		return tenantScope
	}
	return clusterScope
}

// attributeGetter is a plan, a state or a configuration: what scopeIn reads.
type attributeGetter interface {
	GetAttribute(ctx context.Context, attribute path.Path, target any) diag.Diagnostics
}

// scopeIn reads the scope a resource's ids name in data, attribute by attribute;
// known is false while an id is known only at apply time (in a plan).
func (k scopeKind) scopeIn(ctx context.Context, data attributeGetter, diags *diag.Diagnostics) (scope ocpclient.BackupScope, known bool) {
	var cluster, tenant types.Int64
	diags.Append(data.GetAttribute(ctx, path.Root("cluster_id"), &cluster)...)
	if k.tenant {
		diags.Append(data.GetAttribute(ctx, path.Root("tenant_id"), &tenant)...)
	}
	return ocpclient.BackupScope{ClusterID: cluster.ValueInt64(), TenantID: tenant.ValueInt64()}, !cluster.IsUnknown() && !tenant.IsUnknown()
}

// idAttributes are the attributes that name the scope.
func (k scopeKind) idAttributes() map[string]schema.Attribute {
	attributes := map[string]schema.Attribute{
		"cluster_id": scopeIDAttribute("OCP id of the cluster (not OceanBase's obClusterId)."),
	}
	if k.tenant {
		attributes["tenant_id"] = scopeIDAttribute("OCP id of the tenant (not OceanBase's obTenantId).")
	}
	return attributes
}

func scopeIDAttribute(description string) schema.Int64Attribute {
	return schema.Int64Attribute{
		Description:   description + " Changing it replaces the resource.",
		Required:      true,
		Validators:    []validator.Int64{int64validator.AtLeast(1)},
		PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplace()},
	}
}
