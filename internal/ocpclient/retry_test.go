package ocpclient

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestRetries(t *testing.T) {
	throttled := answer{status: 429, header: http.Header{"Ratelimit-Reset": {"0"}}, body: `{"successful":false,"status":429,"error":{"code":0,"message":"Too many requests"}}`}
	unavailable := answer{status: 503, body: `{"successful":false,"status":503,"error":{"code":0,"message":"down"}}`}
	badGateway := answer{status: 502, body: "bad gateway"}
	okStrategy := answer{status: 200, body: `{"data":{"id":5},"successful":true,"status":200}`}
	internalError := answer{status: 500, body: `{"successful":false,"status":500,"error":{"code":10010,"message":"internal"}}`}
	cutShort := answer{status: 200, body: `{"data": {"id": 5, "obBackupSched`}
	unsuccessful := answer{status: 200, body: `{"successful":false,"status":200,"error":{"code":10010,"message":"Unexpected internal error"}}`}
	proxyPage := answer{status: 500, header: http.Header{"Content-Type": {"text/html"}}, body: "<h1>500 Internal Server Error</h1>"}
	tests := map[string]struct {
		post      bool
		answers   []answer
		wantCalls int32
		wantErr   string
	}{
		"GET retries 429 then succeeds":  {answers: []answer{throttled, throttled, okStrategy}, wantCalls: 3},
		"GET retries 502 and 503":        {answers: []answer{badGateway, unavailable, okStrategy}, wantCalls: 3},
		"GET gives up after max retries": {answers: []answer{unavailable}, wantCalls: 4, wantErr: "HTTP 503"},
		// A read repeats every answer but a success and a verdict (4xx).
		"GET retries 500":                         {answers: []answer{internalError, okStrategy}, wantCalls: 2},
		"GET retries a proxy's error page":        {answers: []answer{proxyPage, okStrategy}, wantCalls: 2},
		"GET retries an answer cut short":         {answers: []answer{cutShort, okStrategy}, wantCalls: 2},
		"GET retries 200 with successful false":   {answers: []answer{unsuccessful, okStrategy}, wantCalls: 2},
		"GET gives up on 500 after max retries":   {answers: []answer{internalError}, wantCalls: 4, wantErr: "HTTP 500"},
		"GET keeps the last answer cut short":     {answers: []answer{cutShort}, wantCalls: 4, wantErr: "malformed OCP response"},
		"POST does not retry an answer cut short": {post: true, answers: []answer{cutShort}, wantCalls: 1, wantErr: "malformed OCP response"},
		"POST retries 429":                        {post: true, answers: []answer{throttled, {status: 200, body: okStart}}, wantCalls: 2},
		"POST retries 503":                        {post: true, answers: []answer{unavailable, {status: 200, body: okStart}}, wantCalls: 2},
		"POST does not retry 502":                 {post: true, answers: []answer{badGateway}, wantCalls: 1, wantErr: "HTTP 502"},
		"POST does not retry 500":                 {post: true, answers: []answer{{status: 500, body: `{"successful":false,"status":500}`}}, wantCalls: 1, wantErr: "HTTP 500"},
		"GET does not retry 400":                  {answers: []answer{{status: 400, body: `{"successful":false,"status":400}`}}, wantCalls: 1, wantErr: "HTTP 400"},
		// Throttling has a budget of its own, and max_retries (3 here) is the others'.
		"throttling exhausted keeps OCP message": {answers: []answer{throttled}, wantCalls: 1 + maxThrottledRetries, wantErr: "Too many requests"},
		"503s count against max_retries":         {answers: []answer{unavailable, unavailable, throttled, unavailable, unavailable}, wantCalls: 5, wantErr: "HTTP 503"},
		"429s after max_retries are retried":     {answers: []answer{unavailable, unavailable, unavailable, throttled, okStrategy}, wantCalls: 5},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			srv := newScriptedServer(t, tt.answers...)
			c := testClient(t, srv.URL)
			var err error
			if tt.post {
				_, err = c.StartBackupSchedule(context.Background(), testScope)
			} else {
				_, err = c.GetBackupStrategy(context.Background(), testScope)
			}
			if got := srv.calls.Load(); got != tt.wantCalls {
				t.Errorf("calls = %d, want %d", got, tt.wantCalls)
			}
			if tt.wantErr == "" && err != nil {
				t.Errorf("unexpected error %v", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("error %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

// 429s spend only the throttled budget and other failures only max_retries, so
// either budget runs out only on its own kind of failure, whatever the other spent;
// the answer that finds its budget spent ends the call.
func TestRetryBudgetsAreSpentApart(t *testing.T) {
	const maxRetries = 2
	throttled := &http.Response{StatusCode: http.StatusTooManyRequests}
	unavailable := &http.Response{StatusCode: http.StatusServiceUnavailable}
	allThrottled := slices.Repeat([]*http.Response{throttled}, maxThrottledRetries)
	allUnavailable := slices.Repeat([]*http.Response{unavailable}, maxRetries)
	tests := map[string]struct {
		retried                     []*http.Response // answers each followed by another attempt
		last                        *http.Response   // the answer after which the call ends
		wantFailures, wantThrottled int
	}{
		"max_retries runs out after the throttled budget was spent": {
			retried: slices.Concat(allThrottled, allUnavailable), last: unavailable,
			wantFailures: maxRetries + 1, wantThrottled: maxThrottledRetries,
		},
		"the throttled budget runs out after max_retries was spent": {
			retried: slices.Concat(allUnavailable, allThrottled), last: throttled,
			wantFailures: maxRetries, wantThrottled: maxThrottledRetries + 1,
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			ctx := withCallState(context.Background(), time.Now(), false)
			check := retryPolicy(maxRetries)
			for i, resp := range tt.retried {
				if retry, err := check(ctx, resp, nil); !retry || err != nil {
					t.Fatalf("answer %d (HTTP %d): retry = %v, %v; want a retry", i+1, resp.StatusCode, retry, err)
				}
			}
			if retry, err := check(ctx, tt.last, nil); retry || err != nil {
				t.Errorf("HTTP %d with its budget spent: retry = %v, %v; want the call to end", tt.last.StatusCode, retry, err)
			}
			if state := callStateOf(ctx); state.failures != tt.wantFailures || state.throttled != tt.wantThrottled {
				t.Errorf("failures = %d, throttled = %d; want %d and %d", state.failures, state.throttled, tt.wantFailures, tt.wantThrottled)
			}
		})
	}
}

func TestRetryWaitFollowsServerAndStaysBounded(t *testing.T) {
	resp := func(h http.Header) *http.Response { return &http.Response{Header: h} }
	tests := map[string]struct {
		resp     *http.Response
		from, to time.Duration
	}{
		"Retry-After seconds":   {resp(http.Header{"Retry-After": {"2"}}), 2 * time.Second, 2 * time.Second},
		"capped at the maximum": {resp(http.Header{"Retry-After": {"3600"}}), 10 * time.Second, 10 * time.Second},
		// Whole seconds rounded up: the reset lies within the last of them.
		"RateLimit-Reset":            {resp(http.Header{"Ratelimit-Reset": {"3"}}), 2 * time.Second, 3 * time.Second},
		"RateLimit-Reset zero":       {resp(http.Header{"Ratelimit-Reset": {"0"}}), minServerWait, minServerWait},
		"exponential without header": {resp(http.Header{}), 4 * time.Second, 4 * time.Second},
		// Values no OCP sends must neither overflow into a busy loop nor stall:
		// the huge ones wait the ceiling (a reset there spreads over its last
		// second like any other), the meaningless ones back off as usual.
		"huge Retry-After":               {resp(http.Header{"Retry-After": {"99999999999"}}), 10 * time.Second, 10 * time.Second},
		"Retry-After beyond int64":       {resp(http.Header{"Retry-After": {"99999999999999999999"}}), 10 * time.Second, 10 * time.Second},
		"huge RateLimit-Reset":           {resp(http.Header{"Ratelimit-Reset": {"99999999999"}}), 9 * time.Second, 10 * time.Second},
		"RateLimit-Reset 1e300":          {resp(http.Header{"Ratelimit-Reset": {"1e300"}}), 9 * time.Second, 10 * time.Second},
		"RateLimit-Reset beyond float64": {resp(http.Header{"Ratelimit-Reset": {"1e400"}}), 9 * time.Second, 10 * time.Second},
		"RateLimit-Reset Inf":            {resp(http.Header{"Ratelimit-Reset": {"+Inf"}}), 9 * time.Second, 10 * time.Second},
		"RateLimit-Reset NaN":            {resp(http.Header{"Ratelimit-Reset": {"NaN"}}), 4 * time.Second, 4 * time.Second},
		"negative Retry-After":           {resp(http.Header{"Retry-After": {"-5"}}), 4 * time.Second, 4 * time.Second},
		"negative RateLimit-Reset":       {resp(http.Header{"Ratelimit-Reset": {"-1"}}), 4 * time.Second, 4 * time.Second},
		"malformed Retry-After":          {resp(http.Header{"Retry-After": {"soon"}}), 4 * time.Second, 4 * time.Second},
		"malformed RateLimit-Reset":      {resp(http.Header{"Ratelimit-Reset": {"1s"}}), 4 * time.Second, 4 * time.Second},
		"Retry-After date far ahead":     {resp(http.Header{"Retry-After": {"Fri, 31 Dec 9999 23:59:59 GMT"}}), 10 * time.Second, 10 * time.Second},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			for range 50 {
				if got := retryBackoff(time.Second, 10*time.Second, 2, tt.resp); got < tt.from || got > tt.to {
					t.Fatalf("wait = %v, want within [%v, %v]", got, tt.from, tt.to)
				}
			}
		})
	}
}

func TestConnectionRefusedIsRetriableEvenForPost(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	_, dialErr := http.Post(url, "application/json", nil)
	if dialErr == nil {
		t.Fatal("expected a refused connection")
	}
	retry, err := retryPolicy(1)(context.Background(), nil, dialErr)
	if !retry || err != nil {
		t.Errorf("refused POST: retry = %v, %v; want true", retry, err)
	}
	_, err = testClient(t, url).StartBackupSchedule(context.Background(), testScope)
	if err == nil || !strings.Contains(err.Error(), "POST") || !strings.Contains(err.Error(), "got no answer") {
		t.Errorf("unexpected error %v", err)
	}
}

// A connection dropped after the request was sent may mean OCP acted: GET is
// retried, POST is not.
func TestDroppedConnectionRetriedOnlyForGet(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		hijacker, ok := w.(http.Hijacker)
		if !ok {
			t.Error("the test server cannot drop connections")
			return
		}
		if conn, _, err := hijacker.Hijack(); err == nil {
			_ = conn.Close()
		}
	}))
	t.Cleanup(srv.Close)
	c := testClient(t, srv.URL)
	if _, err := c.GetBackupStrategy(context.Background(), testScope); err == nil {
		t.Fatal("expected an error")
	}
	if got := calls.Swap(0); got != 4 {
		t.Errorf("GET attempts = %d, want 4", got)
	}
	if _, err := c.StartBackupSchedule(context.Background(), testScope); err == nil {
		t.Fatal("expected an error")
	}
	if got := calls.Load(); got != 1 {
		t.Errorf("POST attempts = %d, want 1", got)
	}
}

func TestContextCancellationStopsRetries(t *testing.T) {
	srv := newScriptedServer(t, answer{status: 503, header: http.Header{"Retry-After": {"30"}}, body: `{"successful":false,"status":503}`})
	c := testClient(t, srv.URL, func(c *Config) { c.RetryWaitMax = time.Minute; c.MaxRetries = 5 })
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.GetBackupStrategy(ctx, testScope)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want deadline exceeded, got %v", err)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("cancellation took %v: the 30 s Retry-After was not cut short", elapsed)
	}
	if got := srv.calls.Load(); got != 1 {
		t.Errorf("calls = %d, want 1", got)
	}
}

// A write that a proxy answered 503 (after it may have passed it on) and that OCP
// then refused when repeated leaves open that the first attempt took effect.
func TestRepeatedWriteAfterGatewayFailureMayHaveBeenProcessed(t *testing.T) {
	proxy503 := answer{status: http.StatusServiceUnavailable, header: http.Header{"Content-Type": {"text/html"}},
		body: "<html>503 Service Temporarily Unavailable</html>"}
	conflict := answer{status: http.StatusConflict,
		body: `{"successful":false,"status":409,"traceId":"t-409","error":{"code":10009,"message":"Backup strategy already exists"}}`}
	cases := map[string]struct {
		answers []answer
		want    bool
	}{
		"409 after a proxy's 503": {[]answer{proxy503, conflict}, true},
		"409 at once":             {[]answer{conflict}, false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			srv := newScriptedServer(t, tc.answers...)
			_, err := testClient(t, srv.URL).CreateBackupStrategy(context.Background(), BackupScope{ClusterID: 1, TenantID: 11}, BackupStrategyConfig{})
			if !IsConflict(err) {
				t.Fatalf("want the 409, got %v", err)
			}
			if got := MaybeProcessed(err); got != tc.want {
				t.Errorf("MaybeProcessed = %v, want %v (%v)", got, tc.want, err)
			}
		})
	}
}

// backupNow takes a new backup each time OCP receives it, so it is never sent again
// after an answer that may come from OCP having received it; only OCP's 429, which
// its rate limiter answers before handling, is retried.
func TestBackupNowIsNotRepeatedOnceItMayHaveReachedOCP(t *testing.T) {
	proxy503 := answer{status: http.StatusServiceUnavailable, header: http.Header{"Content-Type": {"text/html"}},
		body: "<html>503 Service Temporarily Unavailable</html>"}
	ocp503 := answer{status: http.StatusServiceUnavailable,
		body: `{"successful":false,"status":503,"traceId":"t-503","error":{"code":10010,"message":"busy"}}`}
	throttled := answer{status: http.StatusTooManyRequests, header: http.Header{"Retry-After": {"0"}},
		body: `{"successful":false,"status":429,"traceId":"t-429","error":{"code":0,"message":"too many requests"}}`}
	started := answer{status: http.StatusOK,
		body: `{"successful":true,"status":200,"data":{"taskIdList":[7],"backupObjectOpsResultList":[]}}`}
	cases := map[string]struct {
		answers   []answer
		wantCalls int
		wantErr   bool
	}{
		"a proxy's 503":      {[]answer{proxy503, started}, 1, true},
		"OCP's own 503":      {[]answer{ocp503, started}, 1, true},
		"a 500":              {[]answer{{status: http.StatusInternalServerError, body: "oops"}, started}, 1, true},
		"throttled, then ok": {[]answer{throttled, started}, 2, false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			srv := newScriptedServer(t, tc.answers...)
			_, err := testClient(t, srv.URL).BackupNow(context.Background(), BackupScope{ClusterID: 1, TenantID: 11}, BackupNowRequest{})
			if (err != nil) != tc.wantErr || int(srv.calls.Load()) != tc.wantCalls {
				t.Errorf("after %d calls: error %v; want %d calls, an error %v", srv.calls.Load(), err, tc.wantCalls, tc.wantErr)
			}
		})
	}
}
