package main

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// floorResource stores what Terraform plans and keeps it, making the calls the
// schedule's job needs: a start per create, a strategy GET per refresh, a stop
// per delete.
type floorResource struct {
	of  resource.Resource
	ocp *client
}

// floorResourceWithIdentity is a floorResource whose resource has an identity.
type floorResourceWithIdentity struct {
	*floorResource
	withIdentity resource.ResourceWithIdentity
}

var (
	_ resource.ResourceWithConfigure = (*floorResource)(nil)
	_ resource.ResourceWithIdentity  = floorResourceWithIdentity{}
)

// newFloorResource is the floor of the provider's resource real.
func newFloorResource(of resource.Resource) resource.Resource {
	floor := &floorResource{of: of}
	if withIdentity, ok := of.(resource.ResourceWithIdentity); ok {
		return floorResourceWithIdentity{floorResource: floor, withIdentity: withIdentity}
	}
	return floor
}

func (r *floorResource) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	r.of.Metadata(ctx, req, resp)
}

func (r *floorResource) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	r.of.Schema(ctx, req, resp)
}

func (r floorResourceWithIdentity) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	r.withIdentity.IdentitySchema(ctx, req, resp)
}

func (r *floorResource) Configure(_ context.Context, req resource.ConfigureRequest, _ *resource.ConfigureResponse) {
	r.ocp, _ = req.ProviderData.(*client)
}

func (r *floorResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = unknownAsNull(req.Plan.Raw)
	setIdentity(resp.Identity, resp.State)
	if err := r.ocp.post(resp.State, "startSchedule"); err != nil {
		resp.Diagnostics.AddError("startSchedule failed", err.Error())
	}
}

func (r *floorResource) Read(_ context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	setIdentity(resp.Identity, req.State)
	if err := r.ocp.getStrategy(req.State); err != nil {
		resp.Diagnostics.AddError("strategy GET failed", err.Error())
	}
}

func (r *floorResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = unknownAsNull(req.Plan.Raw)
	setIdentity(resp.Identity, resp.State)
}

func (r *floorResource) Delete(_ context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	if err := r.ocp.post(req.State, "stopSchedule"); err != nil {
		resp.Diagnostics.AddError("stopSchedule failed", err.Error())
	}
}

// unknownAsNull is v with every unknown value replaced by a null of its type.
func unknownAsNull(v tftypes.Value) tftypes.Value {
	nulled, _ := tftypes.Transform(v, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	return nulled
}

// setIdentity copies the identity's attributes from the state's attributes of
// the same names.
func setIdentity(identity *tfsdk.ResourceIdentity, state tfsdk.State) {
	if identity == nil {
		return
	}
	var attributes map[string]tftypes.Value
	if state.Raw.As(&attributes) != nil {
		return
	}
	identityType, ok := identity.Schema.Type().TerraformType(context.Background()).(tftypes.Object)
	if !ok {
		return
	}
	values := map[string]tftypes.Value{}
	for name := range identityType.AttributeTypes {
		values[name] = attributes[name]
	}
	identity.Raw = tftypes.NewValue(identityType, values)
}
