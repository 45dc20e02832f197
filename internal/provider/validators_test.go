package provider

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// errorsOf joins the summaries and details of the errors in diags.
func errorsOf(diags diag.Diagnostics) string {
	var text string
	for _, d := range diags.Errors() {
		text += d.Summary() + ": " + d.Detail() + "\n"
	}
	return text
}

func validateString(v validator.String, value string) string {
	var resp validator.StringResponse
	v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("x"), ConfigValue: types.StringValue(value)}, &resp)
	return errorsOf(resp.Diagnostics)
}

func validateObject(t *testing.T, v validator.Object, attrs map[string]attr.Value) string {
	t.Helper()
	attrTypes := map[string]attr.Type{}
	for name, value := range attrs {
		attrTypes[name] = value.Type(context.Background())
	}
	object, diags := types.ObjectValue(attrTypes, attrs)
	if diags.HasError() {
		t.Fatal(diags)
	}
	var resp validator.ObjectResponse
	v.ValidateObject(context.Background(), validator.ObjectRequest{Path: path.Root("x"), ConfigValue: object}, &resp)
	return errorsOf(resp.Diagnostics)
}

func TestValidateDays(t *testing.T) {
	cases := map[string]struct {
		mode string
		days map[string]string
		want []string
	}{
		"valid week":          {"WEEK", map[string]string{"1": fullBackup, "7": incrementalBackup}, nil},
		"valid month":         {"MONTH", map[string]string{"31": fullBackup}, nil},
		"day 8 of a week":     {"WEEK", map[string]string{"8": fullBackup}, []string{`day "8"`, `"1" to "7"`}},
		"day 0":               {"MONTH", map[string]string{"0": fullBackup}, []string{`day "0"`}},
		"leading zero":        {"WEEK", map[string]string{"01": fullBackup}, []string{`day "01"`}},
		"no full backup":      {"WEEK", map[string]string{"1": incrementalBackup}, []string{"at least one day must be FULL_BACKUP"}},
		"unknown kind alone":  {"WEEK", map[string]string{"1": "FULL"}, nil},
		"not a number at all": {"MONTH", map[string]string{"monday": fullBackup}, []string{`day "monday"`}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			problems := strings.Join(validateDays(tc.mode, tc.days), "\n")
			if len(tc.want) == 0 && problems != "" {
				t.Fatalf("unexpected problems: %s", problems)
			}
			for _, part := range tc.want {
				if !strings.Contains(problems, part) {
					t.Errorf("problems lack %q: %s", part, problems)
				}
			}
		})
	}
}

func TestScheduleDaysValidator_stepsAsideForAnInvalidMode(t *testing.T) {
	days := types.MapValueMust(types.StringType, map[string]attr.Value{"1": types.StringValue(fullBackup)})
	if got := validateObject(t, scheduleDaysValidator{}, map[string]attr.Value{"mode": types.StringValue("week"), "days": days}); got != "" {
		t.Errorf("a mode the mode validator refuses must not be judged by: %s", got)
	}
	eight := types.MapValueMust(types.StringType, map[string]attr.Value{"8": types.StringValue(fullBackup)})
	if got := validateObject(t, scheduleDaysValidator{}, map[string]attr.Value{"mode": types.StringValue("WEEK"), "days": eight}); !strings.Contains(got, "Invalid backup days") {
		t.Errorf("day 8 of a week not refused: %q", got)
	}
}

func storageAttrs(storageType string, set ...string) map[string]attr.Value {
	attrs := map[string]attr.Value{"type": types.StringValue(storageType), "access_key_secret_wo_version": types.Int64Null()}
	for _, name := range []string{"endpoint", "access_key_id", "access_key_secret", "app_id", "region", "access_key_secret_wo"} {
		attrs[name] = types.StringNull()
	}
	for _, name := range set {
		attrs[name] = types.StringValue("x")
	}
	if slices.Contains(set, "access_key_secret_wo_version") {
		attrs["access_key_secret_wo_version"] = types.Int64Value(1)
	}
	return attrs
}

func TestStorageCredentialsValidator(t *testing.T) {
	cases := map[string]struct {
		attrs map[string]attr.Value
		want  string
	}{
		"FILE alone":             {storageAttrs("FILE"), ""},
		"FILE with a key":        {storageAttrs("FILE", "access_key_id"), "FILE storage does not take access_key_id"},
		"OSS complete":           {storageAttrs("OSS", "endpoint", "access_key_id", "access_key_secret"), ""},
		"OSS without secret":     {storageAttrs("OSS", "endpoint", "access_key_id"), "OSS storage needs access_key_secret"},
		"COS without app_id":     {storageAttrs("COS", "endpoint", "access_key_id", "access_key_secret"), "COS storage needs app_id"},
		"S3 with region":         {storageAttrs("S3", "endpoint", "access_key_id", "access_key_secret", "region"), ""},
		"OSS with region":        {storageAttrs("OSS", "endpoint", "access_key_id", "access_key_secret", "region"), "OSS storage does not take region"},
		"unknown type ignored":   {storageAttrs("NFS", "endpoint"), ""},
		"OSS, write-only secret": {storageAttrs("OSS", "endpoint", "access_key_id", "access_key_secret_wo", "access_key_secret_wo_version"), ""},
		"OSS, write-only secret without its version": {storageAttrs("OSS", "endpoint", "access_key_id", "access_key_secret_wo"),
			"access_key_secret_wo needs access_key_secret_wo_version"},
		"OSS, both secrets": {storageAttrs("OSS", "endpoint", "access_key_id", "access_key_secret", "access_key_secret_wo"),
			"Give either access_key_secret or access_key_secret_wo, not both"},
		"OSS, no secret":          {storageAttrs("OSS", "endpoint", "access_key_id"), "or access_key_secret_wo"},
		"FILE, write-only secret": {storageAttrs("FILE", "access_key_secret_wo"), "FILE storage does not take access_key_secret_wo"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := validateObject(t, storageCredentialsValidator{}, tc.attrs)
			if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestStorageDirectoryValidator(t *testing.T) {
	for value, want := range map[string]string{
		"bucket/orders":        "",
		"/obbackup/orders":     "",
		"oss://bucket/orders":  `without "oss://", such as "bucket/orders"`,
		"file:///obbackup":     `"/obbackup"`,
		"S3://bucket":          "protocol prefix",
		"bucket/with://inside": "",
	} {
		got := validateString(storageDirectoryValidator{}, value)
		if want == "" && got != "" || !strings.Contains(got, want) {
			t.Errorf("%q: got %q, want %q", value, got, want)
		}
	}
}

// What is no duration at all is the type's (timetypes.GoDuration) to refuse.
func TestPositiveDuration(t *testing.T) {
	for value, ok := range map[string]bool{"30s": true, "2m": true, "0s": false, "-1s": false, "soon": true} {
		if got := validateString(positiveDuration, value); (got == "") != ok {
			t.Errorf("%q: error %q, want ok=%v", value, got, ok)
		}
	}
}

func TestOffsetTimeValidator(t *testing.T) {
	for value, ok := range map[string]bool{
		"02:00+08:00": true, "02:00:00Z": true, "23:59:59.999-05:30": true,
		"02:00": false, "24:00+08:00": false, "2:00+08:00": false, "02:00+19:00": false,
	} {
		if got := validateString(offsetTimeValidator, value); (got == "") != ok {
			t.Errorf("%q: error %q, want ok=%v", value, got, ok)
		}
	}
}

func TestBaseURL_refusesOCPsAPIPath(t *testing.T) {
	for value, ok := range map[string]bool{
		"https://ocp.example.com:8080": true, "http://127.0.0.1:18080/": true, "https://gw.example.com/ocp": true,
		"https://ocp.example.com/api/v2": false, "https://ocp.example.com/api/v2/": false, "https://ocp.example.com/api": false,
		"ocp.example.com": false,
	} {
		if got := validateString(baseURL, value); (got == "") != ok {
			t.Errorf("%q: error %q, want ok=%v", value, got, ok)
		}
	}
	if got := validateString(baseURL, "https://ocp.example.com/api/v2"); !strings.Contains(got, `write "https://ocp.example.com" instead`) {
		t.Errorf("the error must say what to write instead: %q", got)
	}
}

func TestAccCarriedStrategy_rejectedAtPlan(t *testing.T) {
	ocp := newTestOCP(t, ocpmock.Options{})
	tests := map[string]struct {
		schedule, storage string
		want              []string
		// forbidden: rules that depend on the mistaken value must step aside.
		forbidden []string
	}{
		"day outside a week": {
			schedule: `    mode = "WEEK"
    time = "02:00+08:00"
    days = { "8" = "FULL_BACKUP" }`,
			storage: fileStorage, want: []string{"Invalid backup days", `day "8"`, `"1" to "7"`},
		},
		"no full backup": {
			schedule: `    mode = "MONTH"
    time = "02:00+08:00"
    days = { "3" = "INCREMENTAL_BACKUP" }`,
			storage: fileStorage, want: []string{"at least one day must be FULL_BACKUP"},
		},
		"unknown backup kind": {
			schedule: `    mode = "WEEK"
    time = "02:00+08:00"
    days = { "1" = "FULL" }`,
			storage: fileStorage, want: []string{"schedule.days", "FULL_BACKUP"},
		},
		"time without offset": {
			schedule: `    mode = "WEEK"
    time = "02:00"
    days = { "1" = "FULL_BACKUP" }`,
			storage: fileStorage, want: []string{"schedule.time", "UTC offset"},
		},
		"credentials for FILE": {
			schedule: weeklySchedule,
			storage: `    type          = "FILE"
    url           = "/obbackup"
    access_key_id = "AK"`,
			want: []string{"Storage setting not used", "FILE storage does not take access_key_id"},
		},
		"OSS without secret": {
			schedule: weeklySchedule,
			storage: `    type          = "OSS"
    url           = "bucket/x"
    endpoint      = "oss.example.com"
    access_key_id = "AK"`,
			want: []string{"Missing storage setting", "OSS storage needs access_key_secret"},
		},
		"COS without app id": {
			schedule: weeklySchedule,
			storage: `    type              = "COS"
    url               = "bucket/x"
    endpoint          = "cos.example.com"
    access_key_id     = "AK"
    access_key_secret = "SK"`,
			want: []string{"COS storage needs app_id"},
		},
		"mode in lower case": {
			schedule: `    mode = "week"
    time = "02:00+08:00"
    days = { "1" = "FULL_BACKUP" }`,
			storage:   fileStorage,
			want:      []string{"value must be one of", "WEEK", "MONTH"},
			forbidden: []string{`to "0"`, "Invalid backup days"},
		},
		"unknown storage type": {
			schedule: weeklySchedule,
			storage: `    type     = "NFS"
    url      = "/obbackup"
    endpoint = "nfs.example.com"`,
			want:      []string{"value must be one of", "FILE", "OSS", "COS", "S3"},
			forbidden: []string{"Missing storage setting", "Storage setting not used"},
		},
		"url with a protocol prefix": {
			schedule: weeklySchedule,
			storage: `    type              = "OSS"
    url               = "oss://bucket/orders"
    endpoint          = "oss-cn-hangzhou.aliyuncs.com"
    access_key_id     = "LTAI-test"
    access_key_secret = "oss-Secret-9b1e-never-print"`,
			want: []string{"Storage URL with a protocol prefix", `"bucket/orders"`},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			expectation := expectErrorWithout(t, errorParts(tt.want...), tt.forbidden...)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				ErrorCheck:               expectation.check,
				Steps: []resource.TestStep{{
					Config:   ocp.strategyConfig(testTenantNoStrategy, tt.schedule, tt.storage),
					PlanOnly: true,
				}},
			})
		})
	}
	if err := ocp.expectCalls(ocpmock.RouteCreateStrategy, 0); err != nil {
		t.Error(err)
	}
}
