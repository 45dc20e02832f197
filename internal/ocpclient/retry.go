package ocpclient

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
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
// are counted apart from max_retries: under a rate limit shared by many parallel
// calls, one call may be turned away several times before its turn, and that is
// no reason to fail it. Each wait is still bounded by RetryWaitMax, and the
// context's deadline ends the call whatever the count.
const maxThrottledRetries = 30

// retryBudget counts one call's retries that were not throttling.
type retryBudget struct{ failures int }

type retryBudgetKey struct{}

func withRetryBudget(ctx context.Context) context.Context {
	return context.WithValue(ctx, retryBudgetKey{}, &retryBudget{})
}

// retryPolicy decides whether an attempt is repeated. Only answers that prove the
// server did not act are retried for POST: a 429 (throttled before handling), a 503
// (service not taking requests) and a connection that was never established. A GET
// is safe to repeat, so it also retries 502, 504 and any transport failure. Apart
// from 429s, at most maxRetries retries are made.
func retryPolicy(maxRetries int) retryablehttp.CheckRetry {
	return func(ctx context.Context, resp *http.Response, err error) (bool, error) {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return false, ctxErr
		}
		if resp != nil && resp.StatusCode == http.StatusTooManyRequests {
			return true, nil
		}
		if !retriable(resp, err) {
			return false, nil
		}
		budget, _ := ctx.Value(retryBudgetKey{}).(*retryBudget)
		if budget == nil {
			return true, nil
		}
		budget.failures++
		return budget.failures <= maxRetries, nil
	}
}

// retriable reports whether a failed attempt other than a 429 may be repeated.
func retriable(resp *http.Response, err error) bool {
	if err != nil {
		// An untrusted certificate stays untrusted: retrying only delays the error.
		return !isCertificateError(err) && (failedIdempotentRequest(err) || neverConnected(err))
	}
	switch resp.StatusCode {
	case http.StatusServiceUnavailable:
		return true
	case http.StatusBadGateway, http.StatusGatewayTimeout:
		return isIdempotent(resp.Request)
	}
	return false
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
	if wait, ok := serverRequestedWait(resp); ok {
		return min(max(wait, minServerWait), maxWait)
	}
	return retryablehttp.DefaultBackoff(minWait, maxWait, attempt, nil)
}

// minServerWait keeps a "retry now" answer from turning into a busy loop.
const minServerWait = 50 * time.Millisecond

func serverRequestedWait(resp *http.Response) (time.Duration, bool) {
	if resp == nil {
		return 0, false
	}
	if wait, ok := parseRetryAfter(resp.Header.Get("Retry-After")); ok {
		return wait, true
	}
	if seconds, err := strconv.ParseFloat(resp.Header.Get("RateLimit-Reset"), 64); err == nil && seconds >= 0 {
		return rateLimitWait(seconds), true
	}
	return 0, false
}

// rateLimitWait turns OCP's RateLimit-Reset, whole seconds rounded up, into a wait.
// The window really resets somewhere in the last of those seconds, so each throttled
// request waits until a random point of it: the requests that waited spread over
// the new window instead of all idling until its end.
func rateLimitWait(seconds float64) time.Duration {
	wait := time.Duration(seconds * float64(time.Second))
	if seconds < 1 || seconds != float64(int64(seconds)) {
		return wait
	}
	return wait - time.Second + time.Duration(rand.Int64N(int64(time.Second))) //nolint:gosec // jitter, not a secret.
}

// parseRetryAfter reads Retry-After as delay-seconds or as an HTTP date.
func parseRetryAfter(value string) (time.Duration, bool) {
	if value == "" {
		return 0, false
	}
	if seconds, err := strconv.Atoi(value); err == nil && seconds >= 0 {
		return time.Duration(seconds) * time.Second, true
	}
	if at, err := http.ParseTime(value); err == nil {
		return max(time.Until(at), 0), true
	}
	return 0, false
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
