package probe

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"time"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

var (
	taskTimeForm = assumption{"tasks.time_form",
		"Task times (`startTime`, `finishTime`) are ISO 8601 with an offset, as OCP's envelope timestamp",
		"§2.1 [DOC], §3.6 [INF]"}
	logProgress = assumption{"tasks.log_progress",
		"Log backup tasks carry `checkpoint` (a time) and `delay` (seconds)",
		"§3.6 [DOC], [INF] for their forms"}
)

// timeForm is the form in which OCP wrote a time, as far as the provider cares.
type timeForm int

const (
	timeAbsent timeForm = iota
	// timeRFC3339 is RFC 3339 with an offset or Z: the form assumed.
	timeRFC3339
	// timeOtherOffset is another ISO 8601 form with an offset, such as one with a
	// space for the T: the client reads the instant it names.
	timeOtherOffset
	// timeNoOffset is a date and time without an offset, which the client places in
	// the zone of OCP's envelope timestamp.
	timeNoOffset
	// timeEpoch is a count since the epoch, as a number or in a string.
	timeEpoch
	timeUnreadable
)

// epochCount matches a count since the epoch written in a string.
var epochCount = regexp.MustCompile(`^\d+(\.\d+)?$`)

// offsetSuffix matches the end of a time that carries its offset.
var offsetSuffix = regexp.MustCompile(`(Z|[+-]\d\d(:?\d\d)?)$`)

// taskTime is one time field of a task: what OCP wrote, and what the client reads.
type taskTime struct {
	name string
	raw  json.RawMessage
	read ocpclient.Timestamp
}

// readTaskTime reads a time field of a task; one left out reads as zero, as in the
// client (Timestamp itself never fails).
func readTaskTime(task map[string]json.RawMessage, name string) taskTime {
	t := taskTime{name: name, raw: bytes.TrimSpace(task[name])}
	_ = json.Unmarshal(t.raw, &t.read)
	return t
}

// form tells the form from the client's reading of it, so that a form counts as
// readable exactly when the provider reads it.
func (t taskTime) form() timeForm {
	text := t.read.Raw
	switch {
	case absent(t.raw):
		return timeAbsent
	case t.read.IsZero():
		return timeUnreadable
	case jsonKind(t.raw) == "a number" || epochCount.MatchString(text):
		return timeEpoch
	case !offsetSuffix.MatchString(text):
		return timeNoOffset
	}
	if _, err := time.Parse(time.RFC3339, text); err != nil {
		return timeOtherOffset
	}
	return timeRFC3339
}

// String quotes the field as OCP wrote it and says how the client reads it.
func (t taskTime) String() string {
	quoted := fmt.Sprintf("`%s` %s", t.name, t.raw)
	switch t.form() {
	case timeAbsent:
		return fmt.Sprintf("no `%s`", t.name)
	case timeRFC3339:
		return quoted + " (RFC 3339 with an offset)"
	case timeOtherOffset:
		return fmt.Sprintf("%s (ISO 8601 with an offset, not RFC 3339), read as %s", quoted, t.read)
	case timeNoOffset:
		return quoted + " (no offset), taken in the zone of OCP's envelope timestamp"
	case timeEpoch:
		return fmt.Sprintf("%s (a count since the epoch), read as %s", quoted, t.read)
	default:
		return quoted + " (not a time the client reads)"
	}
}

// absent reports a field OCP left out or wrote as null.
func absent(raw json.RawMessage) bool {
	return jsonKind(raw) == "absent" || jsonKind(raw) == "null"
}

// firstTask decodes the first task of a list that was read, or says why there is
// none to look at; kind names the tasks.
func firstTask(shape Fact, tasks []json.RawMessage, kind string) (map[string]json.RawMessage, string) {
	if why := noTaskToRead(shape, tasks, kind); why != "" {
		return nil, why
	}
	var first map[string]json.RawMessage
	if json.Unmarshal(tasks[0], &first) != nil {
		return nil, "a task is not an object"
	}
	return first, ""
}

const dataTaskTimeAttributes = "`start_time` and `finish_time` of data sources ocp_tenant_backup_tasks and ocp_tenant_backup_status"

// checkTaskTimeForm reads the first data backup task's startTime as the client does.
func checkTaskTimeForm(shape Fact, tasks []json.RawMessage) Fact {
	task, why := firstTask(shape, tasks, "data backup")
	if task == nil {
		return taskTimeForm.unobservable(why)
	}
	start := readTaskTime(task, "startTime")
	seen := "the first task's " + start.String()
	switch start.form() {
	case timeAbsent:
		return taskTimeForm.unobservable("the first task has no `startTime`")
	case timeRFC3339:
		return taskTimeForm.holds(seen)
	case timeOtherOffset:
		return taskTimeForm.differs(seen, tolerated("The client reads this form: "+dataTaskTimeAttributes+
			" show the same instant in RFC 3339 UTC."))
	case timeNoOffset:
		return taskTimeForm.differs(seen, tolerated("The client takes a time without an offset in the zone of OCP's envelope "+
			"timestamp, as OCP writing its server's local time would mean: if OCP writes UTC in another zone, "+
			dataTaskTimeAttributes+" — and `check` blocks comparing them — are off by that zone's offset."))
	case timeEpoch:
		return taskTimeForm.differs(seen, tolerated("The client reads a count since the epoch in the unit its size implies: "+
			dataTaskTimeAttributes+" show it in RFC 3339 UTC."))
	default:
		return taskTimeForm.differs(seen, breaks(dataTaskTimeAttributes+" show OCP's text, on which `timecmp` in `check` "+
			"blocks fails; tasks are not ordered newest first, so `last_successful_backup` and `last_failed_backup` may not be the latest."))
	}
}

// checkLogProgress reads the first log backup task's checkpoint and delay as the
// client does: delay_seconds is OCP's delay, else the time since the checkpoint.
func checkLogProgress(shape Fact, tasks []json.RawMessage) Fact {
	task, why := firstTask(shape, tasks, "log backup")
	if task == nil {
		return logProgress.unobservable(why)
	}
	checkpoint := readTaskTime(task, "checkpoint")
	var delay ocpclient.Seconds // stays invalid when OCP leaves the delay out
	_ = json.Unmarshal(task["delay"], &delay)
	var d differences
	checkCheckpoint(checkpoint, &d)
	switch {
	case delay.Valid:
	case checkpoint.read.IsZero():
		d.add(breaks("Data source ocp_tenant_backup_status leaves `log_archive.delay_seconds` null: OCP gives no delay the " +
			"client reads, and no checkpoint it reads to compute it from."))
	default:
		d.add(tolerated("`log_archive.delay_seconds` is computed from the checkpoint: the time since it."))
	}
	return d.verdict(logProgress, "the first task's "+checkpoint.String()+", "+describeDelay(task["delay"], delay))
}

// checkCheckpoint adds what the checkpoint's form means for log_archive.
func checkCheckpoint(checkpoint taskTime, d *differences) {
	switch checkpoint.form() {
	case timeRFC3339, timeOtherOffset:
	case timeAbsent:
		d.add(tolerated("`log_archive.checkpoint` of data source ocp_tenant_backup_status is null."))
	case timeNoOffset:
		d.add(tolerated("The client takes a checkpoint without an offset in the zone of OCP's envelope timestamp: if OCP " +
			"writes UTC in another zone, `log_archive.checkpoint` — and `delay_seconds` where OCP gives no delay — are off by that zone's offset."))
	case timeEpoch:
		d.add(tolerated(fmt.Sprintf("The client reads a number as a count since the epoch (an OceanBase SCN counts "+
			"nanoseconds): `log_archive.checkpoint` shows %s; if that is not when logs were last archived, please report it.", checkpoint.read)))
	default:
		d.add(breaks("`log_archive.checkpoint` of data source ocp_tenant_backup_status shows OCP's text, on which `timecmp` " +
			"in `check` blocks fails."))
	}
}

// describeDelay quotes the delay as OCP wrote it, and whether the client reads it.
func describeDelay(raw json.RawMessage, delay ocpclient.Seconds) string {
	switch {
	case absent(raw):
		return "no `delay`"
	case !delay.Valid:
		return fmt.Sprintf("`delay` %s (not seconds the client reads)", bytes.TrimSpace(raw))
	case jsonKind(raw) == "a string":
		return fmt.Sprintf("`delay` %s (seconds in a string)", bytes.TrimSpace(raw))
	default:
		return fmt.Sprintf("`delay` %s", bytes.TrimSpace(raw))
	}
}
