package ocpmock

import (
	"fmt"
	"maps"
	"strconv"
	"time"
)

// TimeForm is how the mock writes the times of task lists. OCP documents its
// envelope's timestamp (ISO 8601 with an offset) but not the task fields, so the
// mock offers every plausible form.
type TimeForm int

// The forms of TimeForm.
const (
	// TimeUTC is RFC 3339 in UTC: 2024-01-02T03:04:05Z.
	TimeUTC TimeForm = iota
	// TimeOffsetMillis is the envelope's form: 2024-01-02T11:04:05.000+08:00.
	TimeOffsetMillis
	// TimeSpaced has no T and no offset, in UTC: 2024-01-02 03:04:05.
	TimeSpaced
	// TimeEpochMillis is a JSON number of milliseconds since the epoch.
	TimeEpochMillis
	// TimeLocalSpaced is OCP's local time (+08:00, as its samples) without T or
	// offset: 2024-01-02 11:04:05; the envelope's timestamp then carries +08:00.
	TimeLocalSpaced
)

// DelayForm is how the mock writes a log backup task's delay, which OCP names but
// does not describe.
type DelayForm int

// The forms of DelayForm.
const (
	// DelaySeconds is a JSON number of seconds.
	DelaySeconds DelayForm = iota
	// DelayString is the seconds in a JSON string.
	DelayString
	// DelayAbsent leaves the delay out; only the checkpoint tells.
	DelayAbsent
)

// shanghai is the offset OCP's documented samples carry.
var shanghai = time.FixedZone("+08:00", 8*60*60)

// format writes t in form.
func (form TimeForm) format(t time.Time) any {
	switch form {
	case TimeOffsetMillis:
		return t.In(shanghai).Format("2006-01-02T15:04:05.000-07:00")
	case TimeSpaced:
		return t.UTC().Format(time.DateTime)
	case TimeEpochMillis:
		return t.UnixMilli()
	case TimeLocalSpaced:
		return t.In(shanghai).Format(time.DateTime)
	default:
		return t.UTC().Format(time.RFC3339)
	}
}

// withTaskTimes is a copy of task whose RFC 3339 times under keys are written in
// Options.TaskTimes's form.
func (s *Server) withTaskTimes(task map[string]any, keys ...string) map[string]any {
	answer := maps.Clone(task)
	for _, key := range keys {
		if at, err := time.Parse(time.RFC3339, fmt.Sprint(task[key])); err == nil {
			answer[key] = s.opts.TaskTimes.format(at)
		}
	}
	return answer
}

// writeDelay puts a log backup task's delay into task in Options.LogDelay's form.
func (s *Server) writeDelay(task map[string]any, delay time.Duration) {
	seconds := int64(delay / time.Second)
	switch s.opts.LogDelay {
	case DelayString:
		task["delay"] = strconv.FormatInt(seconds, 10)
	case DelayAbsent:
	default:
		task["delay"] = seconds
	}
}

// SetLogDelay makes a tenant's log archiving lag delay behind: its checkpoint is
// that long ago.
func (s *Server) SetLogDelay(clusterID, tenantID int64, delay time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mustTenantLocked(clusterID, tenantID).LogDelay = delay
}
