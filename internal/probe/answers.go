package probe

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

// ocpError is the error object of OCP's envelope, its code kept raw so that its
// JSON type can be told.
type ocpError struct {
	Code    json.RawMessage `json:"code"`
	Message string          `json:"message"`
}

// errorOf returns the answer's error object, if it has one.
func errorOf(a ocpclient.RawAnswer) (ocpError, bool) {
	var failure ocpError
	return failure, a.Field("error", &failure)
}

// succeeded reports what the client calls success: 2xx with successful true.
func succeeded(a ocpclient.RawAnswer) bool {
	var successful bool
	return a.HTTPStatus/100 == 2 && a.Field("successful", &successful) && successful
}

// refusedWith reports an answer in OCP's envelope with this HTTP status.
func refusedWith(a ocpclient.RawAnswer, status int) bool {
	return a.IsEnvelope() && a.HTTPStatus == status
}

// errorCode is the answer's error.code as text ("" without one).
func errorCode(a ocpclient.RawAnswer) string {
	failure, _ := errorOf(a)
	return strings.Trim(string(bytes.TrimSpace(failure.Code)), `"`)
}

// dataObject decodes the answer's data as a JSON object; nil when it is none.
func dataObject(a ocpclient.RawAnswer) map[string]any {
	var data map[string]any
	if !a.Field("data", &data) {
		return nil
	}
	return data
}

// jsonKind names the JSON type of raw, "absent" when there is none.
func jsonKind(raw json.RawMessage) string {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 {
		return "absent"
	}
	switch trimmed[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "a list"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	default:
		return "a number"
	}
}

// describe renders an answer for the report: its status, and OCP's error or the
// start of a body that is not OCP's.
func describe(a ocpclient.RawAnswer) string {
	switch {
	case !a.IsEnvelope():
		return fmt.Sprintf("HTTP %d without OCP's envelope: %q", a.HTTPStatus, a.Excerpt)
	case succeeded(a):
		return fmt.Sprintf("HTTP %d, successful, data %s", a.HTTPStatus, jsonKind(a.Fields["data"]))
	}
	text := fmt.Sprintf("HTTP %d in OCP's envelope", a.HTTPStatus)
	failure, ok := errorOf(a)
	if !ok {
		return text + ", without an error object"
	}
	if code := errorCode(a); code != "" {
		text += ", error code " + code
	}
	if failure.Message != "" {
		text += ": " + failure.Message
	}
	return text
}

// lookup follows a dotted path of object fields; ok is false when a step is missing.
func lookup(body map[string]any, dotted string) (any, bool) {
	var current any = body
	for _, key := range strings.Split(dotted, ".") {
		object, ok := current.(map[string]any)
		if !ok {
			return nil, false
		}
		if current, ok = object[key]; !ok {
			return nil, false
		}
	}
	return current, true
}

// fieldNames lists an object's keys in order, for a report.
func fieldNames[V any](object map[string]V) []string {
	names := make([]string, 0, len(object))
	for name := range object {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// codeList renders names as `a`, `b` and `c`.
func codeList(names []string) string {
	quoted := make([]string, len(names))
	for i, name := range names {
		quoted[i] = "`" + name + "`"
	}
	if len(quoted) < 2 {
		return strings.Join(quoted, "")
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " and " + quoted[len(quoted)-1]
}
