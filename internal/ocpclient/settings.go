package ocpclient

import (
	"errors"
	"regexp"
	"strconv"
	"time"
)

// The settings a user writes as text (provider attributes, environment variables,
// the probe's flags), parsed alike wherever they come from.

// MaxRetriesLimit bounds Config.MaxRetries as users may set it.
const MaxRetriesLimit = 10

// ParseRequestTimeout reads a request timeout: a positive Go duration such as "30s".
func ParseRequestTimeout(raw string) (time.Duration, error) {
	d, err := time.ParseDuration(raw)
	if err == nil && d <= 0 {
		err = errors.New("not positive")
	}
	return d, err
}

// ParseMaxRetries reads a retry count from 0 to MaxRetriesLimit.
func ParseMaxRetries(raw string) (int, error) {
	n, err := strconv.Atoi(raw)
	if err == nil && (n < 0 || n > MaxRetriesLimit) {
		err = errors.New("out of range")
	}
	return n, err
}

// OffsetTimePattern is a time of day with its UTC offset as OCP takes it (Java's
// OffsetTime): HH:MM[:SS[.sss]] and Z or ±HH:MM.
var OffsetTimePattern = regexp.MustCompile(`^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.(\d{1,3}))?)?(Z|[+-](?:0\d|1[0-8]):[0-5]\d)$`)
