package provider

import (
	"context"
	"testing"
)

func TestNormalizedStringSemanticEquality(t *testing.T) {
	tests := []struct {
		n    normalization
		a, b string
		want bool
	}{
		{normalizeOffsetTime, "02:00+08:00", "02:00:00.000+08:00", true},
		{normalizeOffsetTime, "02:00+08:00", "18:00:00Z", true},
		{normalizeOffsetTime, "00:30-01:00", "01:30:00.000+00:00", true},
		{normalizeOffsetTime, "02:00+08:00", "02:00:01+08:00", false},
		{normalizeOffsetTime, "02:00:00.5+08:00", "02:00:00.500+08:00", true},
		{normalizeOffsetTime, "2:00+08:00", "02:00+08:00", false},
		{normalizeDirectory, "/obbackup", "/obbackup/", true},
		{normalizeDirectory, "bucket/a", "bucket/b", false},
	}
	for _, tt := range tests {
		got, _ := newNormalized(tt.n, tt.a).StringSemanticEquals(context.Background(), newNormalized(tt.n, tt.b))
		if got != tt.want {
			t.Errorf("%q ~ %q = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestAsWritten_theFormAUserWrites(t *testing.T) {
	for _, tc := range []struct {
		n        normalization
		from, to string
	}{
		{normalizeOffsetTime, "02:00:00.000+08:00", "02:00+08:00"},
		{normalizeOffsetTime, "02:00:00Z", "02:00Z"},
		{normalizeOffsetTime, "02:00:30.000+08:00", "02:00:30.000+08:00"},
		{normalizeOffsetTime, "not a time", "not a time"},
		{normalizeDirectory, "/obbackup/", "/obbackup"},
		{normalizeDirectory, "bucket/orders//", "bucket/orders"},
		{normalizeDirectory, "/", "/"},
	} {
		if got := tc.n.asWritten(tc.from); got != tc.to {
			t.Errorf("asWritten(%q) = %q, want %q", tc.from, got, tc.to)
		}
	}
}
