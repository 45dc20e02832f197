package ocpclient

import (
	"encoding/json"
	"testing"
	"time"
)

// Every form in which OCP may plausibly write a task's time reads as the same
// instant; what cannot be read keeps OCP's text and no time.
func TestTimestampReadsEveryForm(t *testing.T) {
	want := time.Date(2024, 9, 10, 2, 3, 11, 0, time.UTC)
	for name, raw := range map[string]string{
		"RFC 3339 UTC":            `"2024-09-10T02:03:11Z"`,
		"offset with millis":      `"2024-09-10T10:03:11.000+08:00"`,
		"no offset":               `"2024-09-10T02:03:11"`,
		"spaced":                  `"2024-09-10 02:03:11"`,
		"spaced with offset":      `"2024-09-10 10:03:11+08:00"`,
		"offset without colon":    `"2024-09-10T10:03:11.000+0800"`,
		"offset in hours":         `"2024-09-10T10:03:11+08"`,
		"spaced, offset in hours": `"2024-09-10 10:03:11+08"`,
		"epoch seconds":           `1725933791`,
		"epoch millis":            `1725933791000`,
		"epoch millis in string":  `"1725933791000"`,
		"epoch micros":            `1725933791000000`,
		"SCN in nanoseconds":      `1725933791000000000`,
		"epoch seconds, fraction": `1725933791.0`,
	} {
		t.Run(name, func(t *testing.T) {
			var ts Timestamp
			if err := json.Unmarshal([]byte(raw), &ts); err != nil {
				t.Fatal(err)
			}
			if !ts.At.Equal(want) {
				t.Errorf("At = %v, want %v", ts.At, want)
			}
			if got := ts.String(); got != "2024-09-10T02:03:11Z" {
				t.Errorf("String() = %q", got)
			}
		})
	}
	for name, raw := range map[string]string{
		"null": `null`, "empty": `""`, "words": `"yesterday"`, "zero": `0`, "negative": `-5`, "object": `{"a":1}`,
	} {
		t.Run("unreadable "+name, func(t *testing.T) {
			var ts Timestamp
			if err := json.Unmarshal([]byte(raw), &ts); err != nil {
				t.Fatalf("an unreadable time must not fail the answer: %v", err)
			}
			if !ts.IsZero() {
				t.Errorf("At = %v, want zero", ts.At)
			}
		})
	}
}

func TestSecondsReadsNumbersAndStrings(t *testing.T) {
	for raw, want := range map[string]Seconds{
		`42`: {42, true}, `"42"`: {42, true}, `41.6`: {42, true}, `0`: {0, true},
		`null`: {}, `"soon"`: {}, `1e300`: {}, `""`: {},
	} {
		var s Seconds
		if err := json.Unmarshal([]byte(raw), &s); err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if s != want {
			t.Errorf("%s: got %+v, want %+v", raw, s, want)
		}
	}
}

// A time without an offset is OCP's local time: the zone of its envelope's
// timestamp places it.
func TestZonelessTimesTakeOCPsZone(t *testing.T) {
	meta := ResponseMeta{Timestamp: "2024-09-10T18:00:00.000+08:00"}
	ts := ParseTimestamp("2024-09-10 10:03:11").assumingZone(meta.serverZone())
	if want := time.Date(2024, 9, 10, 2, 3, 11, 0, time.UTC); !ts.At.Equal(want) {
		t.Errorf("At = %v, want %v", ts.At, want)
	}
	withOffset := ParseTimestamp("2024-09-10T10:03:11Z").assumingZone(meta.serverZone())
	if got := withOffset.String(); got != "2024-09-10T10:03:11Z" {
		t.Errorf("a time with an offset moved to %s", got)
	}
	if zone := (ResponseMeta{}).serverZone(); zone != time.UTC {
		t.Errorf("without a timestamp, zone = %v, want UTC", zone)
	}
}
