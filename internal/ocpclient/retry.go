package ocpclient

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"syscall"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// maxThrottledRetries bounds the retries of one call that OCP throttled (429). They
// are counted apart from max_retries (callState.throttled beside callState.failures):
// under a rate limit shared by many parallel calls, one call may be turned away
// several times before its turn, and that is no reason to fail it.
//
// Every wait between attempts is at most RetryWaitMax (30 s by default), whatever
// failed: OCP's Retry-After or RateLimit-Reset is followed up to it, and otherwise
// the wait doubles from RetryWaitMin with each attempt of the call, 429s included,
// so an ordinary retry after throttling may wait the whole RetryWaitMax too. One
// call thus takes at worst (MaxRetries + maxThrottledRetries + 1) × RequestTimeout
// plus (MaxRetries + maxThrottledRetries) × RetryWaitMax of waiting: with the
// defaults, 35 × 30 s + 17 min = 34.5 min. The context's deadline ends it sooner.
const maxThrottledRetries = 30

// callState is what one call keeps across its attempts. It lives in the call's
// context, as the client serves many calls at once; retryablehttp runs the hooks
// that update it on the calling goroutine, one attempt after the other.
type callState struct {
	started time.Time
	// attempts is how many requests were sent so far.
	attempts int
	// failures counts the failed attempts other than 429s, against max_retries.
	failures int
	// throttled counts the attempts OCP answered 429, against maxThrottledRetries.
	throttled int
	// gatewayFailed: an attempt was answered 502, 503 or 504, perhaps by a proxy
	// after it had passed the request on, so a later answer to a repeated write
	// (a 409 "already exists") may be about what that attempt did.
	gatewayFailed bool
	// sentOnce: a write that OCP would carry out again if sent again (backupNow
	// takes another backup). It is repeated only when it never reached anything: a
	// refused connection, or OCP's 429, which its rate limiter answers before
	// handling the request (OCP_API.md §1.5).
	sentOnce bool
}

type callStateKey struct{}

func withCallState(ctx context.Context, started time.Time, sentOnce bool) context.Context {
	return context.WithValue(ctx, callStateKey{}, &callState{started: started, sentOnce: sentOnce})
}

// callStateOf returns the call's state, or nil outside a call made by do.
func callStateOf(ctx context.Context) *callState {
	state, _ := ctx.Value(callStateKey{}).(*callState)
	return state
}

// retryPolicy decides whether an attempt is repeated. Only answers that prove the
// server did not act are retried for POST: a 429 (throttled before handling), a 503
// (service not taking requests) and a connection that was never established. A GET
// is safe to repeat, so it is repeated after every answer but a success and a
// verdict (a 4xx): any 5xx, a 2xx that is not OCP's successful envelope (cut short,
// a proxy's page, successful false) and any transport failure. One read failing
// fails the plan of every resource, so a read gives up only after its retries.
// Each kind of failure spends its own budget: 429s at most maxThrottledRetries
// retries, the others at most maxRetries. When the budget of an attempt's failure
// is spent, its answer (or error) is the call's.
//
// A 503 without OCP's envelope comes from a proxy, which may have forwarded the
// request before giving up on OCP. It is retried all the same, since it mostly
// means OCP is down or restarting; MaybeProcessed tells the caller to re-read
// what OCP did when the last answer is such a 503.
func retryPolicy(maxRetries int) retryablehttp.CheckRetry {
	return func(ctx context.Context, resp *http.Response, err error) (bool, error) {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return false, ctxErr
		}
		throttled := resp != nil && resp.StatusCode == http.StatusTooManyRequests
		if !throttled && !retriable(resp, err) {
			return false, nil
		}
		state := callStateOf(ctx)
		switch {
		case state == nil:
			return true, nil
		case throttled:
			return state.retryThrottled(), nil
		case state.sentOnce && !neverConnected(err):
			return false, nil
		}
		return state.retryFailure(resp, maxRetries), nil
	}
}

// retryThrottled counts a 429 and reports whether the throttled budget allows
// another attempt.
func (s *callState) retryThrottled() bool {
	s.throttled++
	return s.throttled <= maxThrottledRetries
}

// retryFailure counts a retriable failure other than a 429 and reports whether
// max_retries allows another attempt.
func (s *callState) retryFailure(resp *http.Response, maxRetries int) bool {
	s.gatewayFailed = s.gatewayFailed || resp != nil && isGatewayFailure(resp.StatusCode)
	s.failures++
	return s.failures <= maxRetries
}

// retriable reports whether a failed attempt other than a 429 may be repeated.
func retriable(resp *http.Response, err error) bool {
	if err != nil {
		// An untrusted certificate stays untrusted: retrying only delays the error.
		return !isCertificateError(err) && (failedIdempotentRequest(err) || neverConnected(err))
	}
	switch {
	case resp.StatusCode == http.StatusServiceUnavailable:
		return true
	case !isIdempotent(resp.Request):
		return false
	case resp.StatusCode/100 == 2:
		return !answeredSuccess(resp)
	}
	return resp.StatusCode/100 == 5
}

// answeredSuccess reports whether a 2xx answer's body is OCP's envelope with
// successful true. It reads the body and leaves an unread copy in its place, for
// the caller to decode (or for retryablehttp to drain before a retry).
func answeredSuccess(resp *http.Response) bool {
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	var env struct {
		Successful *bool `json:"successful"`
	}
	return err == nil && json.Unmarshal(body, &env) == nil && env.Successful != nil && *env.Successful
}

func isIdempotent(req *http.Request) bool {
	return req != nil && (req.Method == http.MethodGet || req.Method == http.MethodHead)
}

// failedIdempotentRequest reports whether a request that got no answer was a GET or
// HEAD; net/http's *url.Error names the method in Op ("Get", "Post", …).
func failedIdempotentRequest(err error) bool {
	var urlErr *url.Error
	return errors.As(err, &urlErr) && (urlErr.Op == "Get" || urlErr.Op == "Head")
}

// neverConnected reports a failure to establish the connection, after which the
// server cannot have acted on the request.
func neverConnected(err error) bool {
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	return errors.Is(err, syscall.ECONNREFUSED)
}

// retryBackoff waits as long as OCP asks (Retry-After, or RateLimit-Reset from its rate
// limiter) and otherwise backs off exponentially; never longer than maxWait.
func retryBackoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if wait, ok := serverRequestedWait(resp, maxWait); ok {
		return min(max(wait, minServerWait), maxWait)
	}
	return retryablehttp.DefaultBackoff(minWait, maxWait, attempt, nil)
}

// minServerWait keeps a "retry now" answer from turning into a busy loop.
const minServerWait = 50 * time.Millisecond

// serverRequestedWait reads the wait the answer asks for, at most ceiling. A value
// that is no wait at all (negative, NaN, malformed) is ignored, so the exponential
// backoff applies; a huge one waits the ceiling.
func serverRequestedWait(resp *http.Response, ceiling time.Duration) (time.Duration, bool) {
	if resp == nil {
		return 0, false
	}
	if wait, ok := parseRetryAfter(resp.Header.Get("Retry-After"), ceiling); ok {
		return wait, true
	}
	if seconds, ok := parseSeconds(resp.Header.Get("RateLimit-Reset")); ok {
		return rateLimitWait(min(seconds, ceiling.Seconds())), true
	}
	return 0, false
}

// parseSeconds reads a count of seconds that is a wait: not negative, not NaN. A
// number too large for a float64 counts as infinite, which is still a wait.
func parseSeconds(value string) (float64, bool) {
	seconds, err := strconv.ParseFloat(value, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, false
	}
	return seconds, seconds >= 0
}

// rateLimitWait turns OCP's RateLimit-Reset, whole seconds rounded up, into a wait.
// The window really resets somewhere in the last of those seconds, so each throttled
// request waits until a random point of it: the requests that waited spread over
// the new window instead of all idling until its end.
func rateLimitWait(seconds float64) time.Duration {
	wait := secondsToDuration(seconds)
	if seconds < 1 || seconds != float64(int64(seconds)) {
		return wait
	}
	return wait - time.Second + time.Duration(rand.Int64N(int64(time.Second))) //nolint:gosec // jitter, not a secret.
}

// parseRetryAfter reads Retry-After as delay-seconds or as an HTTP date, at most
// ceiling. Seconds are compared with the ceiling before they become a Duration,
// which a huge count would overflow.
func parseRetryAfter(value string, ceiling time.Duration) (time.Duration, bool) {
	if seconds, ok := parseSeconds(value); ok {
		return secondsToDuration(min(seconds, ceiling.Seconds())), true
	}
	if at, err := http.ParseTime(value); err == nil {
		return min(max(time.Until(at), 0), ceiling), true
	}
	return 0, false
}

func secondsToDuration(seconds float64) time.Duration {
	return time.Duration(seconds * float64(time.Second))
}

// isCertificateError reports a TLS certificate that failed verification.
func isCertificateError(err error) bool {
	var verification *tls.CertificateVerificationError
	var unknownAuthority x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	return errors.As(err, &verification) || errors.As(err, &unknownAuthority) ||
		errors.As(err, &hostname) || errors.As(err, &invalid)
}
