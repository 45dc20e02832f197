package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// positiveDuration accepts Go duration strings greater than zero, such as "30s".
type positiveDuration struct{}

func (positiveDuration) Description(context.Context) string {
	return "value must be a positive duration such as 30s or 2m"
}

func (v positiveDuration) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (positiveDuration) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	d, err := time.ParseDuration(req.ConfigValue.ValueString())
	if err != nil || d <= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
			fmt.Sprintf("%s is %q; expected a positive Go duration such as \"30s\", \"90s\" or \"2m\".",
				req.Path, req.ConfigValue.ValueString()))
	}
}
