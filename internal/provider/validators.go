package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// joinQuoted lists values as `A`, `B` for descriptions.
func joinQuoted(values []string) string {
	return "`" + strings.Join(values, "`, `") + "`"
}

// checkedString is a string validator made of a check: what a value must be, and
// the problem with a value, as a summary and a detail ("" when it is fine).
type checkedString struct {
	description string
	check       func(attribute path.Path, value string) (summary, detail string)
}

func (v checkedString) Description(context.Context) string { return v.description }

func (v checkedString) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v checkedString) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if summary, detail := v.check(req.Path, req.ConfigValue.ValueString()); detail != "" {
		resp.Diagnostics.AddAttributeError(req.Path, summary, detail)
	}
}

// positiveDuration refuses a duration of zero or less; the attribute's type,
// timetypes.GoDuration, refuses what is no Go duration at all.
var positiveDuration = checkedString{
	description: "value must be a positive duration such as 30s or 2m",
	check: func(attribute path.Path, value string) (string, string) {
		if d, err := time.ParseDuration(value); err == nil && d <= 0 {
			return "Invalid duration", fmt.Sprintf("%s is %q; expected a positive Go duration such as \"30s\", \"90s\" or \"2m\".",
				attribute, value)
		}
		return "", ""
	},
}

// baseURL checks the provider's url as the client will read it
// (ocpclient.ParseBaseURL): an absolute http(s) address without OCP's API path.
var baseURL = checkedString{
	description: "value must be OCP's base URL, such as https://ocp.example.com:8080, without /api/v2",
	check: func(_ path.Path, value string) (string, string) {
		if _, err := ocpclient.ParseBaseURL(value); err != nil {
			return "Invalid OCP URL", fmt.Sprintf("url: %s.", err)
		}
		return "", ""
	},
}

// scheduleDaysValidator checks the schedule's days against its mode; see validateDays.
type scheduleDaysValidator struct{}

func (scheduleDaysValidator) Description(context.Context) string {
	return "days must be valid for the mode (1–7 for WEEK, 1–31 for MONTH) and include a FULL_BACKUP"
}

func (v scheduleDaysValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (scheduleDaysValidator) ValidateObject(ctx context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	attrs := req.ConfigValue.Attributes()
	mode, modeOK := attrs["mode"].(types.String)
	days, daysOK := attrs["days"].(types.Map)
	// An invalid mode is the mode validator's to report; days cannot be judged by it.
	if !modeOK || !daysOK || !slices.Contains(scheduleModes, mode.ValueString()) || days.IsUnknown() || days.IsNull() {
		return
	}
	var values map[string]types.String
	resp.Diagnostics.Append(days.ElementsAs(ctx, &values, false)...)
	plain := map[string]string{}
	for day, kind := range values {
		if kind.IsUnknown() {
			return
		}
		plain[day] = kind.ValueString()
	}
	for _, problem := range validateDays(mode.ValueString(), plain) {
		resp.Diagnostics.AddAttributeError(req.Path.AtName("days"), "Invalid backup days", problem+".")
	}
}

// storageCredentialsValidator requires credentials for object storage and forbids
// them for FILE, where OCP would ignore them silently.
type storageCredentialsValidator struct{}

func (storageCredentialsValidator) Description(context.Context) string {
	return "OSS, COS and S3 need endpoint, access_key_id and access_key_secret or access_key_secret_wo (COS also app_id); FILE takes none of them"
}

func (v storageCredentialsValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (storageCredentialsValidator) ValidateObject(_ context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	attrs := req.ConfigValue.Attributes()
	storageType, ok := attrs["type"].(types.String)
	// An unknown type is the type validator's to report, before any per-type rule.
	if !ok || !slices.Contains(storageTypeNames(), storageType.ValueString()) {
		return
	}
	kind := storageType.ValueString()
	required := map[string][]string{
		"FILE": nil,
		"OSS":  {"endpoint", "access_key_id", "access_key_secret"},
		"COS":  {"endpoint", "access_key_id", "access_key_secret", "app_id"},
		"S3":   {"endpoint", "access_key_id", "access_key_secret"},
	}[kind]
	allowed := map[string]bool{"region": kind == "S3"}
	for _, name := range required {
		allowed[name] = true
	}
	// The secret may come write-only instead.
	secretRequired := slices.Contains(required, "access_key_secret")
	allowed["access_key_secret_wo"], allowed["access_key_secret_wo_version"] = secretRequired, secretRequired
	secret, secretWO := attrs["access_key_secret"], attrs["access_key_secret_wo"]
	if secretRequired && isSet(secret) && isSet(secretWO) {
		resp.Diagnostics.AddAttributeError(req.Path.AtName("access_key_secret_wo"), "Two storage secrets",
			"Give either access_key_secret or access_key_secret_wo, not both.")
	}
	if version := attrs["access_key_secret_wo_version"]; secretRequired && !isNullValue(secretWO) && version != nil && version.IsNull() {
		resp.Diagnostics.AddAttributeError(req.Path.AtName("access_key_secret_wo_version"), "Missing secret version",
			"access_key_secret_wo needs access_key_secret_wo_version. Terraform keeps no trace of a write-only secret, "+
				"so a change of its version is the only sign the provider gets of a new secret: without one, the secret "+
				"could never be rotated. Set access_key_secret_wo_version = 1, and raise it with each new secret.")
	}
	for _, name := range []string{"endpoint", "access_key_id", "access_key_secret", "app_id", "region",
		"access_key_secret_wo", "access_key_secret_wo_version"} {
		value := attrs[name]
		// A write-only secret stands in for access_key_secret.
		missing := value != nil && value.IsNull() && slices.Contains(required, name) &&
			(name != "access_key_secret" || isNullValue(secretWO))
		switch {
		case value == nil || value.IsUnknown():
		case missing:
			resp.Diagnostics.AddAttributeError(req.Path.AtName(name), "Missing storage setting",
				fmt.Sprintf("%s storage needs %s%s.", kind, name, secretAlternative(name)))
		case !value.IsNull() && !allowed[name]:
			resp.Diagnostics.AddAttributeError(req.Path.AtName(name), "Storage setting not used",
				fmt.Sprintf("%s storage does not take %s; remove it.", kind, name))
		}
	}
}

// secretAlternative names the other way to give the secret.
func secretAlternative(name string) string {
	if name == "access_key_secret" {
		return " (or access_key_secret_wo, write-only, with Terraform or OpenTofu 1.11 or later)"
	}
	return ""
}

func isSet(v attr.Value) bool { return v != nil && !v.IsNull() && !v.IsUnknown() }

// isNullValue reports a value known to be null (not merely unknown yet).
func isNullValue(v attr.Value) bool { return v == nil || v.IsNull() }

// protocolPrefix matches a URL scheme such as "oss://" or "file://".
var protocolPrefix = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*://`)

// storageDirectoryValidator refuses a storage url with a protocol prefix: OCP takes
// the directory alone and derives the protocol from the storage type.
type storageDirectoryValidator struct{}

func (storageDirectoryValidator) Description(context.Context) string {
	return "must be a directory without protocol prefix, such as /obbackup/orders or bucket/orders"
}

func (v storageDirectoryValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (storageDirectoryValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := req.ConfigValue.ValueString()
	if prefix := protocolPrefix.FindString(value); prefix != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Storage URL with a protocol prefix",
			fmt.Sprintf("%s is %q; write it without %q, such as %q: OCP takes the protocol from the storage type.",
				req.Path, value, prefix, strings.TrimPrefix(value, prefix)))
	}
}
