package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// Data sources that look an object up by OCP id or by exact name share these
// attributes and embed byIDOrName, which requires exactly one of them.

func lookupIDAttribute(kind string) schema.Int64Attribute {
	return schema.Int64Attribute{
		Description: fmt.Sprintf("OCP id of the %s. Give this or `name`.", kind),
		Optional:    true,
		Computed:    true,
		Validators:  []validator.Int64{int64validator.AtLeast(1)},
	}
}

func lookupNameAttribute(kind string) schema.StringAttribute {
	return schema.StringAttribute{
		Description: fmt.Sprintf("Exact name of the %s. Give this or `id`.", kind),
		Optional:    true,
		Computed:    true,
		Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
	}
}

type byIDOrName struct{}

func (byIDOrName) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name")),
	}
}

var (
	_ datasource.DataSourceWithConfigValidators = (*clusterDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*tenantDataSource)(nil)
)

// lookupMiss is a lookup by name that did not find exactly one object.
type lookupMiss struct{ message string }

func (e *lookupMiss) Error() string { return e.message }

// pickByName returns the one item whose name is exactly name. OCP's name filter is
// a substring match, so its answer may hold other objects too; zero or several
// exact matches are *lookupMiss errors that say what OCP has.
func pickByName[T any](items []T, name, kind string, nameOf func(T) string, idOf func(T) int64) (T, error) {
	var matches []T
	var near []string
	for _, item := range items {
		if nameOf(item) == name {
			matches = append(matches, item)
		} else {
			near = append(near, fmt.Sprintf("%q (id %d)", nameOf(item), idOf(item)))
		}
	}
	var zero T
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		msg := fmt.Sprintf("OCP has no %s named exactly %q", kind, name)
		if len(near) > 0 {
			msg += "; names containing it: " + strings.Join(near, ", ")
		}
		return zero, &lookupMiss{msg}
	default:
		ids := make([]string, len(matches))
		for i, m := range matches {
			ids[i] = fmt.Sprint(idOf(m))
		}
		return zero, &lookupMiss{fmt.Sprintf("more than one %s is named %q (ids %s); look it up by id instead", kind, name, strings.Join(ids, ", "))}
	}
}

// addLookupError titles a failed lookup by what happened: OCP answered that it
// has no such object, or OCP could not be asked at all (credentials, permissions,
// an unreachable OCP), which says nothing about the object.
func addLookupError(diags *diag.Diagnostics, kind string, id types.Int64, name types.String, err error) {
	var miss *lookupMiss
	if ocpclient.IsNotFound(err) || errors.As(err, &miss) {
		diags.AddError(capitalized(kind)+" not found", errorDetail(err))
		return
	}
	which := fmt.Sprintf("%q", name.ValueString())
	if !id.IsNull() {
		which = "id " + id.String()
	}
	diags.AddError(fmt.Sprintf("Could not read %s %s", kind, which), errorDetail(err))
}
