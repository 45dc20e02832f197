package provider

import (
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The list data sources (ocp_clusters, ocp_tenants) and the schedules' list
// resources share these filters.

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
var validRegexp = checkedString{
	description: "must be a regular expression in RE2 syntax",
	check: func(_ path.Path, value string) (string, string) {
		if _, err := regexp.Compile(value); err != nil {
			return "Invalid regular expression", fmt.Sprintf("%q is not a regular expression in RE2 syntax: %v.", value, err)
		}
		return "", ""
	},
}
