package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// The results attribute mirrors OCP's backupObjectOpsResultList.

type backupResultModel struct {
	Successful types.Bool          `tfsdk:"successful"`
	Objects    []backupObjectModel `tfsdk:"objects"`
	TaskIDs    []int64             `tfsdk:"task_ids"`
	ErrorCode  types.String        `tfsdk:"error_code"`
	Hint       types.String        `tfsdk:"hint"`
}

type backupObjectModel struct {
	BackupDimension types.String `tfsdk:"backup_dimension"`
	ClusterID       types.Int64  `tfsdk:"cluster_id"`
	TenantID        types.Int64  `tfsdk:"tenant_id"`
}

var backupObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"backup_dimension": types.StringType,
	"cluster_id":       types.Int64Type,
	"tenant_id":        types.Int64Type,
}}

var resultObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"successful": types.BoolType,
	"objects":    types.ListType{ElemType: backupObjectType},
	"task_ids":   types.ListType{ElemType: types.Int64Type},
	"error_code": types.StringType,
	"hint":       types.StringType,
}}

func resultAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"successful": schema.BoolAttribute{Computed: true, Description: "OCP's beSuccessful for this group of objects."},
		"objects": schema.ListNestedAttribute{
			Computed:    true,
			Description: "The objects the result is about.",
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"backup_dimension": schema.StringAttribute{Computed: true, Description: "`TENANT` or `CLUSTER`."},
				"cluster_id":       schema.Int64Attribute{Computed: true, Description: "OCP cluster id."},
				"tenant_id":        schema.Int64Attribute{Computed: true, Description: "OCP tenant id (null for a cluster)."},
			}},
		},
		"task_ids":   schema.ListAttribute{Computed: true, ElementType: types.Int64Type, Description: "Asynchronous OCP task ids, if any."},
		"error_code": schema.StringAttribute{Computed: true, Description: "OCP's error code when the result failed."},
		"hint":       schema.StringAttribute{Computed: true, Description: "OCP's hint when the result failed."},
	}
}

func resultsValue(ctx context.Context, results []ocpclient.BackupObjectOpsResult) (types.List, diag.Diagnostics) {
	models := make([]backupResultModel, len(results))
	for i, r := range results {
		models[i] = backupResultModel{
			Successful: types.BoolValue(r.Successful),
			Objects:    make([]backupObjectModel, len(r.Objects)),
			TaskIDs:    append([]int64{}, r.TaskIDs...),
			ErrorCode:  stringOrNull(r.ErrorCodeText()),
			Hint:       stringOrNull(r.Hint),
		}
		for j, o := range r.Objects {
			models[i].Objects[j] = backupObjectModel{
				BackupDimension: types.StringValue(o.BackupDimension),
				ClusterID:       types.Int64Value(o.ClusterID),
				TenantID:        int64OrNull(o.TenantID),
			}
		}
	}
	return types.ListValueFrom(ctx, resultObjectType, models)
}
