package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// OCP stores some strings in a normal form of its own (times with seconds,
// milliseconds and a numeric offset; directories with a trailing slash). A
// normalizedString compares by that form, so what OCP echoes back never shows as a
// difference from what the user wrote.

// normalization names how a normalizedString compares.
type normalization int

const (
	// normalizeOffsetTime: "02:00+08:00", "02:00:00.000+08:00" and "18:00Z" are one
	// instant of the day.
	normalizeOffsetTime normalization = iota + 1
	// normalizeDirectory: "/obbackup" and "/obbackup/" are one directory.
	normalizeDirectory
)

// canonical returns the comparable form of s, and false when s is not valid.
func (n normalization) canonical(s string) (string, bool) {
	switch n {
	case normalizeOffsetTime:
		millis, ok := offsetTimeMillisUTC(s)
		return strconv.Itoa(millis), ok
	case normalizeDirectory:
		return strings.TrimRight(s, "/"), true
	}
	return s, true
}

// asWritten is s, as OCP answered it, in the form a user writes: a time without
// seconds and milliseconds that are zero ("02:00:00.000+08:00" is "02:00+08:00"), a
// directory without its trailing slash. What the provider reads from OCP with no
// prior value to keep (an import, terraform query, a data source) takes this form,
// so that configuration generated from it and configuration written by hand are
// the same text and plan nothing.
func (n normalization) asWritten(s string) string {
	switch n {
	case normalizeOffsetTime:
		m := ocpclient.OffsetTimePattern.FindStringSubmatch(s)
		if m == nil || atoiOrZero(m[3]) != 0 || atoiOrZero(m[4]) != 0 {
			return s
		}
		return m[1] + ":" + m[2] + m[5]
	case normalizeDirectory:
		if trimmed := strings.TrimRight(s, "/"); trimmed != "" {
			return trimmed
		}
	}
	return s
}

// canonicalOrSelf is the comparable form of s, or s itself when it is not valid.
func (n normalization) canonicalOrSelf(s string) string {
	if c, ok := n.canonical(s); ok {
		return c
	}
	return s
}

// offsetTimeMillisUTC is the instant of the day in UTC, in milliseconds.
func offsetTimeMillisUTC(s string) (int, bool) {
	m := ocpclient.OffsetTimePattern.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	hours, minutes, seconds := atoiOrZero(m[1]), atoiOrZero(m[2]), atoiOrZero(m[3])
	millis := atoiOrZero((m[4] + "000")[:3])
	offset := 0
	if m[5] != "Z" {
		offset = (atoiOrZero(m[5][1:3])*60 + atoiOrZero(m[5][4:6])) * 60 * 1000
		if m[5][0] == '-' {
			offset = -offset
		}
	}
	const day = 24 * 60 * 60 * 1000
	local := ((hours*60+minutes)*60+seconds)*1000 + millis
	return ((local-offset)%day + day) % day, true
}

// atoiOrZero reads digits the pattern already checked; an absent part is zero.
func atoiOrZero(digits string) int {
	n, _ := strconv.Atoi(digits)
	return n
}

type normalizedStringType struct {
	basetypes.StringType
	normalization normalization
}

var (
	offsetTimeType = normalizedStringType{normalization: normalizeOffsetTime}
	directoryType  = normalizedStringType{normalization: normalizeDirectory}
)

func (t normalizedStringType) Equal(o attr.Type) bool {
	other, ok := o.(normalizedStringType)
	return ok && other.normalization == t.normalization
}

func (t normalizedStringType) String() string {
	return fmt.Sprintf("normalizedStringType(%d)", t.normalization)
}

func (t normalizedStringType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return normalizedString{StringValue: in, normalization: t.normalization}, nil
}

func (t normalizedStringType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	value, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	stringValue, ok := value.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", value)
	}
	return normalizedString{StringValue: stringValue, normalization: t.normalization}, nil
}

func (t normalizedStringType) ValueType(context.Context) attr.Value {
	return normalizedString{normalization: t.normalization}
}

// normalizedString is a string attribute compared by its normal form.
type normalizedString struct {
	basetypes.StringValue
	normalization normalization
}

var _ basetypes.StringValuableWithSemanticEquals = normalizedString{}

func (v normalizedString) Type(context.Context) attr.Type {
	return normalizedStringType{normalization: v.normalization}
}

func (v normalizedString) Equal(o attr.Value) bool {
	other, ok := o.(normalizedString)
	return ok && other.normalization == v.normalization && v.StringValue.Equal(other.StringValue)
}

func (v normalizedString) StringSemanticEquals(_ context.Context, o basetypes.StringValuable) (bool, diag.Diagnostics) {
	other, ok := o.(normalizedString)
	if !ok {
		return false, nil
	}
	a, aOK := v.normalization.canonical(v.ValueString())
	b, bOK := v.normalization.canonical(other.ValueString())
	return aOK && bOK && a == b, nil
}

// fromOCP is a value OCP answered, in the form a user writes (asWritten).
func fromOCP(n normalization, s string) normalizedString {
	return newNormalized(n, n.asWritten(s))
}

// newNormalized is a known value of the given normalization; empty is null.
func newNormalized(n normalization, s string) normalizedString {
	if s == "" {
		return normalizedString{StringValue: basetypes.NewStringNull(), normalization: n}
	}
	return normalizedString{StringValue: basetypes.NewStringValue(s), normalization: n}
}
