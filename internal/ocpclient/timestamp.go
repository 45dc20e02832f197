package ocpclient

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
)

// Timestamp is a point in time in one of OCP's answers. OCP's documentation
// writes times as ISO 8601 with an offset (2024-09-10T10:03:11.979+08:00), but
// does not show every field of the task lists: a field may come as another
// ISO 8601 form (+0800, +08), as "2024-09-10 10:03:11", or as a number since the
// epoch (an OceanBase checkpoint SCN counts nanoseconds). Every one of these is
// read; At is zero when the field is absent, null or unreadable, and Raw keeps what
// OCP wrote.
type Timestamp struct {
	At  time.Time
	Raw string
	// zoneless marks a time written without an offset, read as UTC until
	// assumingZone places it in OCP's own zone.
	zoneless bool
}

// timestampLayouts are the written forms with an offset, most likely first.
var timestampLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999-0700",
	"2006-01-02T15:04:05.999999999-07",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999-0700",
	"2006-01-02 15:04:05.999999999-07",
}

// zonelessLayouts are the written forms without an offset.
var zonelessLayouts = []string{
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
}

// UnmarshalJSON never fails: a time OCP writes in an unexpected form must not make
// the whole answer unreadable.
func (t *Timestamp) UnmarshalJSON(raw []byte) error {
	trimmed := bytes.TrimSpace(raw)
	*t = Timestamp{}
	if bytes.Equal(trimmed, []byte("null")) {
		return nil
	}
	var text string
	if json.Unmarshal(trimmed, &text) != nil {
		text = string(trimmed)
	}
	*t = ParseTimestamp(text)
	return nil
}

// ParseTimestamp reads text as Timestamp does.
func ParseTimestamp(text string) Timestamp {
	text = strings.TrimSpace(text)
	ts := Timestamp{Raw: text}
	if number, err := strconv.ParseFloat(text, 64); err == nil {
		ts.At = fromEpoch(number)
		return ts
	}
	for _, layout := range timestampLayouts {
		if at, err := time.Parse(layout, text); err == nil {
			ts.At = at
			return ts
		}
	}
	for _, layout := range zonelessLayouts {
		if at, err := time.Parse(layout, text); err == nil {
			ts.At, ts.zoneless = at, true
			return ts
		}
	}
	return ts
}

// assumingZone places a time written without an offset in zone: OCP writing its
// task times that way writes them in its own zone, the one its envelope's
// timestamp carries. Other times are left as they are.
func (t Timestamp) assumingZone(zone *time.Location) Timestamp {
	if t.zoneless && !t.At.IsZero() {
		at := t.At
		t.At = time.Date(at.Year(), at.Month(), at.Day(), at.Hour(), at.Minute(), at.Second(), at.Nanosecond(), zone)
		t.zoneless = false
	}
	return t
}

// fromEpoch reads a count since the epoch in the unit its size implies: seconds
// until the year 5138, then milliseconds, microseconds, nanoseconds.
func fromEpoch(number float64) time.Time {
	if number <= 0 || math.IsInf(number, 0) || math.IsNaN(number) {
		return time.Time{}
	}
	switch {
	case number < 1e11:
		return time.Unix(0, int64(number*1e9)).UTC()
	case number < 1e14:
		return time.UnixMilli(int64(number)).UTC()
	case number < 1e17:
		return time.UnixMicro(int64(number)).UTC()
	case number < math.MaxInt64:
		return time.Unix(0, int64(number)).UTC()
	}
	return time.Time{}
}

// IsZero reports whether no time could be read.
func (t Timestamp) IsZero() bool { return t.At.IsZero() }

// String is the time in RFC 3339, in UTC, which Terraform's timecmp and timeadd
// read; what OCP wrote when it could not be read; empty when absent.
func (t Timestamp) String() string {
	if t.At.IsZero() {
		return t.Raw
	}
	return t.At.UTC().Format(time.RFC3339)
}

// Seconds is a duration in seconds as OCP may write it: a number, a number in a
// string, or a fraction. Valid is false when the field is absent or unreadable.
type Seconds struct {
	Value int64
	Valid bool
}

// UnmarshalJSON never fails, as Timestamp's does not.
func (s *Seconds) UnmarshalJSON(raw []byte) error {
	*s = Seconds{}
	var text string
	if json.Unmarshal(raw, &text) != nil {
		text = string(bytes.TrimSpace(raw))
	}
	number, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
	if err == nil && !math.IsNaN(number) && !math.IsInf(number, 0) && math.Abs(number) < math.MaxInt64 {
		*s = Seconds{Value: int64(math.Round(number)), Valid: true}
	}
	return nil
}
