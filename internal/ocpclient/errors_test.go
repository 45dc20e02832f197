package ocpclient

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// Only an answer in OCP's own envelope may say that something is gone.
func TestOnlyOCPSaysGone(t *testing.T) {
	tests := map[string]struct {
		err                  APIError
		notFound, noStrategy bool
	}{
		"OCP 404":                   {APIError{HTTPStatus: 404, Code: "10002", FromOCP: true}, true, true},
		"OCP 400 tenant-not-found":  {APIError{HTTPStatus: 400, Code: "60002", FromOCP: true}, true, true},
		"OCP 400 other code":        {APIError{HTTPStatus: 400, Code: "70013", FromOCP: true}, false, true},
		"OCP 500":                   {APIError{HTTPStatus: 500, Code: "10010", FromOCP: true}, false, false},
		"OCP 409":                   {APIError{HTTPStatus: 409, Code: "10009", FromOCP: true}, false, false},
		"proxy 404":                 {APIError{HTTPStatus: 404}, false, false},
		"proxy 400":                 {APIError{HTTPStatus: 400}, false, false},
		"400 with the code, no env": {APIError{HTTPStatus: 400, Code: "60002"}, false, false},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			err := error(&tt.err)
			if got := IsNotFound(err); got != tt.notFound {
				t.Errorf("IsNotFound = %v, want %v", got, tt.notFound)
			}
			if got := IsNoStrategyAnswer(err); got != tt.noStrategy {
				t.Errorf("IsNoStrategyAnswer = %v, want %v", got, tt.noStrategy)
			}
		})
	}
	if IsNotFound(errors.New("404")) || IsNoStrategyAnswer(nil) {
		t.Error("an error that is no *APIError classified as an answer")
	}
}

// A 404 that is not in OCP's envelope comes from whatever stands in front of OCP
// (or from another service at a wrong address): it must say so, not "gone".
func TestNotFoundWithoutEnvelopeIsNotOCPSpeaking(t *testing.T) {
	tests := map[string]struct {
		body          string
		notFound      bool
		wantInMessage []string
	}{
		"OCP's envelope": {
			body:     `{"successful":false,"status":404,"traceId":"tr-4","error":{"code":10002,"message":"Tenant not found"}}`,
			notFound: true, wantInMessage: []string{"Tenant not found", "traceId tr-4"},
		},
		"proxy HTML page": {
			body:          "<html><body><h1>404 Not Found</h1>nginx</body></html>",
			wantInMessage: []string{"did not come from OCP", "url", "<h1>404 Not Found</h1>"},
		},
		"JSON without successful": {
			body:          `{"timestamp":"2024-09-10T10:03:11.979+00:00","status":404,"error":"Not Found","path":"/api/v2/x"}`,
			wantInMessage: []string{"did not come from OCP", "url", `"error":"Not Found"`},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			srv := newScriptedServer(t, answer{status: 404, body: tt.body})
			_, err := testClient(t, srv.URL).GetBackupStrategy(context.Background(), testScope)
			if got := IsNotFound(err); got != tt.notFound {
				t.Errorf("IsNotFound = %v, want %v (%v)", got, tt.notFound, err)
			}
			if got := IsNoStrategyAnswer(err); got != tt.notFound {
				t.Errorf("IsNoStrategyAnswer = %v, want %v", got, tt.notFound)
			}
			for _, want := range tt.wantInMessage {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("error %v lacks %q", err, want)
				}
			}
		})
	}
}

func TestMaybeProcessed(t *testing.T) {
	tests := map[string]struct {
		err  error
		want bool
	}{
		"no answer, maybe reached OCP": {&NoAnswerError{MaybeProcessed: true}, true},
		"no answer, never connected":   {&NoAnswerError{}, false},
		// A proxy answers these itself when OCP was slow or the connection to it
		// broke, possibly after forwarding the request.
		"proxy 502": {&APIError{HTTPStatus: 502}, true},
		"proxy 503": {&APIError{HTTPStatus: 503}, true},
		"proxy 504": {&APIError{HTTPStatus: 504}, true},
		"proxy 500": {&APIError{HTTPStatus: 500}, false},
		// A success cut short or replaced on the way: OCP did act.
		"unreadable 200":                  {&APIError{HTTPStatus: 200}, true},
		"OCP's 200 with successful false": {&APIError{HTTPStatus: 200, FromOCP: true}, false},
		"proxy 404":                       {&APIError{HTTPStatus: 404}, false},
		// OCP's own 503 says it did not take the request.
		"OCP 503": {&APIError{HTTPStatus: 503, FromOCP: true}, false},
		"OCP 502": {&APIError{HTTPStatus: 502, FromOCP: true}, false},
		"other":   {errors.New("boom"), false},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if got := MaybeProcessed(tt.err); got != tt.want {
				t.Errorf("MaybeProcessed = %v, want %v", got, tt.want)
			}
		})
	}
}

// Only OCP's own verdicts are refusals; a call that met anything else may succeed
// when it is sent again.
func TestIsRefusal(t *testing.T) {
	tests := map[string]struct {
		err  error
		want bool
	}{
		"OCP's 400":                       {&APIError{HTTPStatus: 400, FromOCP: true}, true},
		"OCP's 409":                       {&APIError{HTTPStatus: 409, FromOCP: true}, true},
		"OCP's 429, throttled to the end": {&APIError{HTTPStatus: 429, FromOCP: true}, true},
		"an object's failure":             {&BackupOperationError{}, true},
		"OCP's 500":                       {&APIError{HTTPStatus: 500, FromOCP: true}, false},
		"OCP's 200 successful false":      {&APIError{HTTPStatus: 200, FromOCP: true}, false},
		"a proxy's 403 page":              {&APIError{HTTPStatus: 403}, false},
		"an answer cut short":             {&APIError{HTTPStatus: 200}, false},
		"no answer":                       {&NoAnswerError{MaybeProcessed: true}, false},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if got := IsRefusal(tt.err); got != tt.want {
				t.Errorf("IsRefusal = %v, want %v", got, tt.want)
			}
		})
	}
}

// A call that got no answer says how hard it tried.
func TestNoAnswerErrorCountsAttemptsAndTime(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	tests := map[string]struct {
		maxRetries   int
		wantAttempts int
		wantText     string
	}{
		"with retries": {maxRetries: 3, wantAttempts: 4, wantText: "got no answer after 4 attempts over "},
		"no retries":   {maxRetries: -1, wantAttempts: 1, wantText: "got no answer after 1 attempt over "},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			c := testClient(t, url, func(c *Config) { c.MaxRetries = tt.maxRetries })
			start := time.Now()
			_, err := c.GetBackupStrategy(context.Background(), testScope)
			took := time.Since(start)
			var noAnswer *NoAnswerError
			if !errors.As(err, &noAnswer) {
				t.Fatalf("want *NoAnswerError, got %v", err)
			}
			if noAnswer.Attempts != tt.wantAttempts {
				t.Errorf("Attempts = %d, want %d", noAnswer.Attempts, tt.wantAttempts)
			}
			if noAnswer.Elapsed <= 0 || noAnswer.Elapsed > took {
				t.Errorf("Elapsed = %v, want within (0, %v]", noAnswer.Elapsed, took)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error %q lacks %q", err, tt.wantText)
			}
		})
	}
}

// Attempts are counted per call, also when calls run side by side.
func TestNoAnswerAttemptsArePerCall(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	c := testClient(t, url)
	errs := make(chan error, 8)
	for range cap(errs) {
		go func() {
			_, err := c.GetBackupStrategy(context.Background(), testScope)
			errs <- err
		}()
	}
	for range cap(errs) {
		var noAnswer *NoAnswerError
		if err := <-errs; !errors.As(err, &noAnswer) || noAnswer.Attempts != 4 {
			t.Errorf("want 4 attempts, got %v", err)
		}
	}
}
