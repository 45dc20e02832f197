package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The list data sources (ocp_clusters, ocp_tenants) share these filters.

var pathNameRegex = path.Root("name_regex")

func nameContainsAttribute(kind string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true,
		Description: fmt.Sprintf("Only %ss whose name contains this text, in any case (OCP's own filter, applied again by the provider "+
			"in case an OCP version ignores it).", kind),
	}
}

// optionalList is a list of the value, or none when it is null.
func optionalList(value types.String) []string {
	if value.IsNull() || value.IsUnknown() {
		return nil
	}
	return []string{value.ValueString()}
}

// validRegexp accepts a string that Go's regexp package (RE2, the syntax of
// Terraform's own regex function) compiles.
type validRegexp struct{}

func (validRegexp) Description(context.Context) string {
	return "must be a regular expression in RE2 syntax"
}

func (v validRegexp) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (validRegexp) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := regexp.Compile(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid regular expression",
			fmt.Sprintf("%q is not a regular expression in RE2 syntax: %v.", req.ConfigValue.ValueString(), err))
	}
}
