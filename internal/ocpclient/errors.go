package ocpclient

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// tenantNotFoundCode is OCP's "tenant id not found" code. OCP raises some not-found
// conditions as HTTP 400 with this code instead of 404.
const tenantNotFoundCode = "60002"

// APIError is a call that OCP (or something in front of it) answered with a failure.
type APIError struct {
	Method     string
	Path       string
	HTTPStatus int
	// Code is OCP's error.code, kept as text because OCP versions send it as a
	// number or a string; "0" means the failure did not come from a coded OCP exception.
	Code    string
	Message string
	TraceID string
	// Excerpt is the start of a body that was not OCP's JSON envelope (a proxy's page).
	Excerpt string
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "OCP call %s %s failed: HTTP %d", e.Method, e.Path, e.HTTPStatus)
	if text := http.StatusText(e.HTTPStatus); text != "" {
		fmt.Fprintf(&b, " %s", text)
	}
	if e.Code != "" {
		fmt.Fprintf(&b, ", OCP error code %s", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.Excerpt != "" {
		fmt.Fprintf(&b, "; the response was not OCP JSON, it begins: %s", e.Excerpt)
	}
	if e.TraceID != "" {
		fmt.Fprintf(&b, " (traceId %s)", e.TraceID)
	}
	return b.String()
}

// IsNotFound reports whether err says the addressed object (cluster, tenant or
// strategy) does not exist.
func IsNotFound(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	return apiErr.HTTPStatus == http.StatusNotFound ||
		(apiErr.HTTPStatus == http.StatusBadRequest && apiErr.Code == tenantNotFoundCode)
}

// IsConflict reports whether OCP refused the call because of the object's current
// state (HTTP 409).
func IsConflict(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.HTTPStatus == http.StatusConflict
}

// IsUnauthorized reports whether OCP rejected the credentials.
func IsUnauthorized(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.HTTPStatus == http.StatusUnauthorized
}

// BackupOperationError is a backup action that OCP accepted as a call but reported as
// failed for one or more of the objects it addresses (beSuccessful false).
type BackupOperationError struct {
	Method   string
	Path     string
	TaskType string
	Failed   []BackupObjectOpsResult
	TraceID  string
}

func (e *BackupOperationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "OCP call %s %s reported %s as failed", e.Method, e.Path, e.TaskType)
	for _, item := range e.Failed {
		fmt.Fprintf(&b, "; %s", item.describeFailure())
	}
	if e.TraceID != "" {
		fmt.Fprintf(&b, " (traceId %s)", e.TraceID)
	}
	return b.String()
}

// TaskFailedError is an asynchronous OCP task that ended in FAILED.
type TaskFailedError struct {
	TaskID  int64
	Name    string
	Message string
}

func (e *TaskFailedError) Error() string {
	msg := fmt.Sprintf("OCP task %d", e.TaskID)
	if e.Name != "" {
		msg += fmt.Sprintf(" (%s)", e.Name)
	}
	msg += " failed"
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg + "; see the task in OCP's console under Tasks for its logs"
}

// NoAnswerError is a call that got no HTTP answer: refused, reset, timed out,
// cancelled, or stopped by TLS verification.
type NoAnswerError struct {
	Method string
	Path   string
	Host   string
	Reason string
	// MaybeProcessed is true when the request may have reached OCP, so OCP may
	// have carried it out (or still be doing so) although no answer came back.
	MaybeProcessed bool
	Err            error
}

func (e *NoAnswerError) Error() string {
	return fmt.Sprintf("OCP call %s %s to %s: %s: %v", e.Method, e.Path, e.Host, e.Reason, e.Err)
}

func (e *NoAnswerError) Unwrap() error { return e.Err }

// MaybeProcessed reports whether err leaves open that OCP carried the call out.
func MaybeProcessed(err error) bool {
	var noAnswer *NoAnswerError
	return errors.As(err, &noAnswer) && noAnswer.MaybeProcessed
}
