package ocpclient

import (
	"testing"
	"time"
)

func TestParseRequestTimeoutAndMaxRetries(t *testing.T) {
	for raw, want := range map[string]time.Duration{"30s": 30 * time.Second, "2m": 2 * time.Minute, "0s": -1, "-1s": -1, "30": -1} {
		got, err := ParseRequestTimeout(raw)
		if want < 0 && err == nil || want >= 0 && (err != nil || got != want) {
			t.Errorf("ParseRequestTimeout(%q) = %v, %v", raw, got, err)
		}
	}
	for raw, ok := range map[string]bool{"0": true, "10": true, "11": false, "-1": false, "four": false} {
		if _, err := ParseMaxRetries(raw); (err == nil) != ok {
			t.Errorf("ParseMaxRetries(%q): error %v, want ok=%v", raw, err, ok)
		}
	}
	for s, ok := range map[string]bool{"02:00+08:00": true, "02:00:00.000Z": true, "24:00Z": false, "02:00": false} {
		if OffsetTimePattern.MatchString(s) != ok {
			t.Errorf("OffsetTimePattern on %q: want %v", s, ok)
		}
	}
}
