package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// withTimeout applies the timeouts block's value for one operation.
func withTimeout(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	fallback time.Duration, diags *diag.Diagnostics) (context.Context, context.CancelFunc, bool) {
	timeout, d := get(ctx, fallback)
	diags.Append(d...)
	if d.HasError() {
		return ctx, nil, false
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	return ctx, cancel, true
}

// stringOrNull and int64OrNull map OCP's absent values (empty, zero) to null.
func stringOrNull(s string) types.String {
	return orNull(s, types.StringValue, types.StringNull)
}

// timeOrNull is a time OCP gave, in RFC 3339 in UTC (as timecmp and timeadd take
// it); null when OCP gave none, or none that can be read (ocpclient.Timestamp reads
// every form OCP is known to write).
func timeOrNull(t ocpclient.Timestamp) timetypes.RFC3339 {
	if t.IsZero() {
		return timetypes.NewRFC3339Null()
	}
	return timetypes.NewRFC3339TimeValue(t.At.UTC())
}

// computedDataSourceTime is a data source's computed time.
func computedDataSourceTime(description string) dschema.StringAttribute {
	return dschema.StringAttribute{Computed: true, CustomType: timetypes.RFC3339Type{}, Description: description}
}

func int64OrNull(n int64) types.Int64 {
	return orNull(n, types.Int64Value, types.Int64Null)
}

func orNull[T comparable, V any](value T, known func(T) V, null func() V) V {
	var zero T
	if value == zero {
		return null()
	}
	return known(value)
}

// fullyKnown reports whether value holds nothing that is known only at apply time.
func fullyKnown(ctx context.Context, value attr.Value) bool {
	raw, err := value.ToTerraformValue(ctx)
	return err == nil && raw.IsFullyKnown()
}
