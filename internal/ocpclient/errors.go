package ocpclient

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
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
	// FromOCP is true when the answer came in OCP's own envelope. Anything else came
	// from something in front of OCP (a proxy, load balancer or SSO gateway) or from
	// another service at a wrong address, and says nothing about OCP's objects.
	FromOCP bool
	// AfterGatewayFailure: an earlier attempt of this call was answered 502, 503 or
	// 504 and repeated, so OCP may have carried out that attempt (see MaybeProcessed).
	AfterGatewayFailure bool
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

// IsNotFound reports whether err is OCP saying that the addressed object (cluster,
// tenant or strategy) does not exist. Only OCP's own envelope counts: a proxy's
// 404 means the path to OCP failed, never that an object is gone.
func IsNotFound(err error) bool {
	apiErr, ok := ocpAnswer(err)
	return ok && (apiErr.HTTPStatus == http.StatusNotFound ||
		apiErr.HTTPStatus == http.StatusBadRequest && apiErr.Code == tenantNotFoundCode)
}

// IsNoStrategyAnswer reports whether err is one of the answers with which OCP may
// say that a cluster or tenant has no backup strategy: HTTP 404 or 400 in OCP's own
// envelope, whatever the code (OCP_API.md §3.4 allows both besides data null,
// and OCP documents no backup error codes). The same answers come when the tenant
// or cluster itself is gone or the request was refused, so a caller that gets one
// from a strategy read tells these apart by reading the tenant (or cluster).
func IsNoStrategyAnswer(err error) bool {
	apiErr, ok := ocpAnswer(err)
	return ok && (apiErr.HTTPStatus == http.StatusNotFound || apiErr.HTTPStatus == http.StatusBadRequest)
}

// ocpAnswer returns the failure OCP itself answered with, if err is one.
func ocpAnswer(err error) (*APIError, bool) {
	var apiErr *APIError
	return apiErr, errors.As(err, &apiErr) && apiErr.FromOCP
}

// IsConflict reports whether OCP refused the call because of the object's current
// state (HTTP 409 in its envelope).
func IsConflict(err error) bool {
	apiErr, ok := ocpAnswer(err)
	return ok && apiErr.HTTPStatus == http.StatusConflict
}

// IsUnauthorized reports whether OCP rejected the credentials (an SSO gateway's 401
// in front of OCP is not OCP's verdict on them).
func IsUnauthorized(err error) bool {
	apiErr, ok := ocpAnswer(err)
	return ok && apiErr.HTTPStatus == http.StatusUnauthorized
}

// IsForbidden reports whether OCP refused the call for lack of permission.
func IsForbidden(err error) bool {
	apiErr, ok := ocpAnswer(err)
	return ok && apiErr.HTTPStatus == http.StatusForbidden
}

// IsThrottled reports whether OCP kept throttling the call (HTTP 429) until the
// retries for it ran out.
func IsThrottled(err error) bool {
	apiErr, ok := ocpAnswer(err)
	return ok && apiErr.HTTPStatus == http.StatusTooManyRequests
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
	// Attempts is how many requests the call sent, and Elapsed how long it took
	// in all, retries and waits included.
	Attempts int
	Elapsed  time.Duration
	// advice says what to change, where the reason calls for it.
	advice string
}

func (e *NoAnswerError) Error() string {
	msg := fmt.Sprintf("OCP call %s %s to %s: %s after %s over %s: %v",
		e.Method, e.Path, e.Host, e.Reason, attemptCount(e.Attempts), readableDuration(e.Elapsed), e.Err)
	if e.advice != "" {
		msg += ". " + e.advice
	}
	return msg
}

func attemptCount(n int) string {
	if n == 1 {
		return "1 attempt"
	}
	return fmt.Sprintf("%d attempts", n)
}

// readableDuration rounds d to what a reader can take in: milliseconds below a
// second, tenths of a second above.
func readableDuration(d time.Duration) time.Duration {
	if d < time.Second {
		return d.Round(time.Millisecond)
	}
	return d.Round(100 * time.Millisecond)
}

func (e *NoAnswerError) Unwrap() error { return e.Err }

// MaybeProcessed reports whether err leaves open that OCP carried the call out: no
// answer came back although the request may have reached OCP, a proxy in front
// of OCP answered 502, 503 or 504 itself (to this attempt, or to an earlier one
// that was repeated), or a success came back unreadable (cut short, or replaced on
// the way). A proxy answers so when OCP was slow or the connection to it broke,
// which may be after it forwarded the request (OCP_API.md §2.3, [INF]). OCP's
// own answers in its envelope are not such a doubt: its 503 means it did not take
// the request.
func MaybeProcessed(err error) bool {
	var noAnswer *NoAnswerError
	if errors.As(err, &noAnswer) {
		return noAnswer.MaybeProcessed
	}
	var apiErr *APIError
	return errors.As(err, &apiErr) && (apiErr.AfterGatewayFailure ||
		!apiErr.FromOCP && (isGatewayFailure(apiErr.HTTPStatus) || apiErr.HTTPStatus/100 == 2))
}

// IsRefusal reports whether OCP itself weighed the call and refused it: an answer
// in its envelope with a 4xx status, or an action it reported failed for an object
// (beSuccessful false). Sending such a call again changes nothing; any other
// failure may be gone on the next attempt.
func IsRefusal(err error) bool {
	var failed *BackupOperationError
	if errors.As(err, &failed) {
		return true
	}
	apiErr, ok := ocpAnswer(err)
	return ok && apiErr.HTTPStatus/100 == 4
}

// isGatewayFailure reports the statuses with which a proxy says that the server
// behind it failed or did not answer in time.
func isGatewayFailure(status int) bool {
	return status == http.StatusBadGateway || status == http.StatusServiceUnavailable ||
		status == http.StatusGatewayTimeout
}

// redirectError explains a 3xx answer. The client never follows redirects: the
// credentials are added below net/http's redirect handling, so following one
// would send them wherever Location points, another host or plain http included.
func redirectError(req call, resp *http.Response) *APIError {
	apiErr := &APIError{Method: req.method, Path: req.path, HTTPStatus: resp.StatusCode}
	location, err := resp.Location()
	if err != nil {
		apiErr.Message = "the server answered with a redirect but no usable Location. " + noRedirects +
			": set url to the address OCP answers at itself"
		return apiErr
	}
	advice := "set url to the address OCP answers at itself, not a proxy's or a login page's"
	if base, ok := movedBaseURL(location, req.path); ok {
		advice = fmt.Sprintf("if OCP answers there, set url to %s", base)
	}
	apiErr.Message = fmt.Sprintf("the server redirected to %s. %s: %s", location.Redacted(), noRedirects, advice)
	return apiErr
}

const noRedirects = "The provider does not follow redirects, so that its credentials never go to another address"

// movedBaseURL is the base URL a redirect implies when it points at the same API
// path elsewhere (http to https, another host or port), as a moved OCP would.
func movedBaseURL(location *url.URL, apiPath string) (string, bool) {
	prefix, found := strings.CutSuffix(location.Path, apiPath)
	if !found {
		return "", false
	}
	base := url.URL{Scheme: location.Scheme, Host: location.Host, Path: prefix}
	return base.String(), true
}
