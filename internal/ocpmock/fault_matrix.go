package ocpmock

import (
	"net/http"
	"time"
)

// NamedFault is a fault with the name tests and the bench report it by.
type NamedFault struct {
	Name  string
	Fault Fault
}

// SlowAnswer is how late the "answer slower than the request timeout" fault
// answers: longer than the one-second request timeout that tests and the bench
// give the provider when they inject it.
const SlowAnswer = 1500 * time.Millisecond

// TransientFaults are the failures that OCP, or a proxy or gateway in front of it,
// may give any call, whatever the call asked: throttling, gateway errors, lost
// connections (before and after OCP acted), late and garbled answers, and OCP's
// own error envelope. Left out are the faults that are states of OCP (a tenant
// or strategy gone, a failed task) or of the credentials (401, 403), and an
// object's failure inside a successful answer, which only actions answer with.
// The fault suite states what each leads to for each of the
// provider's operations; the bench draws from them at random. Each call returns
// a new list, so a caller may change what it got.
func TransientFaults() []NamedFault {
	return []NamedFault{
		{"429 with RateLimit-Reset", Fault{Status: http.StatusTooManyRequests, Header: http.Header{"Ratelimit-Reset": {"1"}}}},
		{"429 without reset headers", Fault{Status: http.StatusTooManyRequests}},
		{"500", Fault{Status: http.StatusInternalServerError}},
		{"502", Fault{Status: http.StatusBadGateway}},
		{"503", Fault{Status: http.StatusServiceUnavailable}},
		{"504", Fault{Status: http.StatusGatewayTimeout}},
		{"connection reset before OCP acts", Fault{Drop: true}},
		{"connection reset after OCP acts", Fault{Drop: true, Passthrough: true}},
		{"answer slower than the request timeout", Fault{Delay: SlowAnswer, Passthrough: true}},
		{"malformed JSON", Fault{MalformedJSON: true}},
		{"HTML error page", Fault{Status: http.StatusInternalServerError, Header: http.Header{"Content-Type": {"text/html"}},
			Body: "<html><body><h1>500 Internal Server Error</h1></body></html>"}},
		{"200 with successful false", Fault{Status: http.StatusOK,
			Body: `{"successful":false,"status":200,"traceId":"feedface01","error":{"code":10010,"message":"Unexpected internal error"}}`}},
	}
}

// RandomTransientFaults fails the share rate of calls with faults drawn from
// TransientFaults, in an order seed fixes; RandomFaultCounts then counts them in
// TransientFaults' order.
func RandomTransientFaults(rate float64, seed uint64) RandomFaults {
	named := TransientFaults()
	faults := make([]Fault, len(named))
	for i, f := range named {
		faults[i] = f.Fault
	}
	return RandomFaults{Rate: rate, Seed: seed, Faults: faults}
}
