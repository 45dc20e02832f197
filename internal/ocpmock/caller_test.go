package ocpmock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// The tests drive the mock with plain HTTP, as any OCP client would, so that they
// depend on OCP's protocol and not on this repository's client.

func newTestServer(t *testing.T) (*Server, string) {
	t.Helper()
	return newTestServerWith(t, Options{})
}

// newTestServerWith is newTestServer answering as opts says.
func newTestServerWith(t *testing.T, opts Options) (*Server, string) {
	t.Helper()
	s := New(opts)
	s.AddUser("admin", "pw")
	s.AddReadOnlyUser("viewer", "pw")
	s.AddAccessKey("AK", "SK")
	s.AddCluster(1, "c")
	s.AddTenant(1, 11, "orders", true)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv.URL
}

// tenantStrategy is the strategy path of tenant 11, which newTestServer gives one.
const tenantStrategy = "/api/v2/ob/clusters/1/tenants/11/backup/config/backupStrategy"

// authorizer adds credentials to a request about to be sent with body.
type authorizer func(r *http.Request, body []byte)

func basicAuth(username, password string) authorizer {
	return func(r *http.Request, _ []byte) { r.SetBasicAuth(username, password) }
}

// accessKey signs as OCP_API.md §1.3 says, dated now. It signs with the mock's own
// string to sign, which TestSignatureMatchesDocumentedVectors holds to OCP's
// documented examples.
func accessKey(id, secret string) authorizer {
	return func(r *http.Request, body []byte) {
		r.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
		r.Header.Set("Authorization", accessKeyScheme+" "+id+":"+signature(secret, stringToSign(r, body)))
	}
}

// caller sends requests to the mock under one set of credentials.
type caller struct {
	t         *testing.T
	baseURL   string
	authorize authorizer
}

func newCaller(t *testing.T, baseURL string, authorize authorizer) caller {
	return caller{t: t, baseURL: baseURL, authorize: authorize}
}

// do sends method path with body as JSON (nil for no body) and reads the answer.
func (c caller) do(method, path string, body any) reply {
	c.t.Helper()
	return c.send(c.request(method, path, body))
}

// request builds a signed request that a test may still change before send.
func (c caller) request(method, path string, body any) *http.Request {
	c.t.Helper()
	var raw []byte
	if body != nil {
		var err error
		if raw, err = json.Marshal(body); err != nil {
			c.t.Fatal(err)
		}
	}
	r, err := http.NewRequest(method, c.baseURL+path, bytes.NewReader(raw))
	if err != nil {
		c.t.Fatal(err)
	}
	if body != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	c.authorize(r, raw)
	return r
}

func (c caller) send(r *http.Request) reply {
	c.t.Helper()
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	answer := reply{status: resp.StatusCode, header: resp.Header, body: string(raw)}
	var env envelope
	if json.Unmarshal(raw, &env) == nil && env.Successful != nil {
		answer.env = &env
	}
	return answer
}

// envelope is OCP's wrapper of every answer, as far as the tests read it.
type envelope struct {
	Data       json.RawMessage `json:"data"`
	Successful *bool           `json:"successful"`
	Error      struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// reply is one answer of the mock.
type reply struct {
	status int
	header http.Header
	body   string
	env    *envelope // nil when the body is not OCP's envelope
}

func (r reply) String() string {
	return fmt.Sprintf("HTTP %d %s", r.status, r.body)
}

// ok reports what OCP calls success: a 2xx answer with successful true.
func (r reply) ok() bool {
	return r.status/100 == 2 && r.env != nil && *r.env.Successful
}

// refused reports an answer of status in OCP's error envelope.
func (r reply) refused(status int) bool {
	return r.status == status && r.env != nil && !*r.env.Successful
}

// refusedWith reports an answer of status in OCP's error envelope with OCP's code.
func (r reply) refusedWith(status, code int) bool {
	return r.refused(status) && r.env.Error.Code == code
}

// gone reports OCP saying the object does not exist: 404, or 400 with its
// tenant-not-found code 60002, in OCP's envelope (OCP_API.md §2.3).
func (r reply) gone() bool {
	return r.refused(http.StatusNotFound) || r.refusedWith(http.StatusBadRequest, 60002)
}

// decode reads the data of a successful answer into out, failing the test otherwise.
func (r reply) decode(t *testing.T, out any) {
	t.Helper()
	if !r.ok() {
		t.Fatalf("want success, got %v", r)
	}
	if err := json.Unmarshal(r.env.Data, out); err != nil {
		t.Fatalf("data of %v: %v", r, err)
	}
}
