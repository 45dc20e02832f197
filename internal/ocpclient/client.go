// Package ocpclient is a client for the HTTP API of OceanBase Cloud Platform (OCP).
// It knows OCP's authentication, response envelope, errors and retry rules, and
// nothing about Terraform.
package ocpclient

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Defaults used where Config leaves a field zero.
const (
	DefaultRequestTimeout = 30 * time.Second
	DefaultMaxRetries     = 4
	DefaultRetryWaitMin   = 1 * time.Second
	DefaultRetryWaitMax   = 30 * time.Second
	DefaultTaskPoll       = 10 * time.Second
)

// maxResponseBytes guards against a misbehaving server streaming without end.
const maxResponseBytes = 16 << 20

// Config holds everything needed to reach and authenticate to OCP. Exactly one of
// Username/Password or AccessKeyID/AccessKeySecret is expected.
type Config struct {
	URL                string
	Username           string
	Password           string
	AccessKeyID        string
	AccessKeySecret    string
	CACertPEM          string
	InsecureSkipVerify bool
	// RequestTimeout bounds one HTTP attempt.
	RequestTimeout time.Duration
	// MaxRetries bounds the attempts after the first; negative means none.
	MaxRetries int
	// RetryWaitMin and RetryWaitMax bound each wait between attempts, so the total
	// wait of one call is at most (MaxRetries + maxThrottledRetries) × RetryWaitMax.
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	// TaskPollInterval is the pause between reads of an asynchronous task.
	TaskPollInterval time.Duration
	UserAgent        string
}

// Client calls OCP's API. It is safe for concurrent use.
type Client struct {
	baseURL      *url.URL
	http         *retryablehttp.Client
	timeout      time.Duration
	userAgent    string
	secrets      []string
	taskInterval time.Duration
}

// New validates cfg and builds a client.
func New(cfg Config) (*Client, error) {
	base, err := ParseBaseURL(cfg.URL)
	if err != nil {
		return nil, err
	}
	auth, err := newAuthenticator(cfg)
	if err != nil {
		return nil, err
	}
	transport, err := newTransport(cfg)
	if err != nil {
		return nil, err
	}
	applyDefaults(&cfg)
	rc := retryablehttp.NewClient()
	rc.HTTPClient = &http.Client{
		Transport: authTransport{base: transport, auth: auth, now: time.Now},
		Timeout:   cfg.RequestTimeout,
		// The transport adds the credentials to every request it sends, including
		// one net/http makes to follow a redirect: never follow any, so that they
		// cannot go to another host or over plain http. do explains the 3xx.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	rc.Logger = nil
	// retryPolicy counts throttled and other retries apart (see callState); this
	// ceiling is the sum of both budgets, so it never ends a call before they do.
	rc.RetryMax = max(cfg.MaxRetries, 0) + maxThrottledRetries
	rc.RetryWaitMin = cfg.RetryWaitMin
	rc.RetryWaitMax = cfg.RetryWaitMax
	rc.CheckRetry = retryPolicy(max(cfg.MaxRetries, 0))
	rc.Backoff = retryBackoff
	rc.RequestLogHook = countAndLogAttempt
	// Hand the last answer back after the final attempt so the caller can decode
	// OCP's own message instead of a bare "giving up".
	rc.ErrorHandler = retryablehttp.PassthroughErrorHandler
	return &Client{
		baseURL:      base,
		http:         rc,
		timeout:      cfg.RequestTimeout,
		userAgent:    cfg.UserAgent,
		secrets:      auth.secrets(),
		taskInterval: cfg.TaskPollInterval,
	}, nil
}

func applyDefaults(cfg *Config) {
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.RetryWaitMin <= 0 {
		cfg.RetryWaitMin = DefaultRetryWaitMin
	}
	if cfg.RetryWaitMax <= 0 {
		cfg.RetryWaitMax = DefaultRetryWaitMax
	}
	if cfg.TaskPollInterval <= 0 {
		cfg.TaskPollInterval = DefaultTaskPoll
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "terraform-provider-ocp"
	}
}

// ConfigField names the part of a Config that a ConfigError is about.
type ConfigField string

// The parts of a Config that New validates.
const (
	FieldURL         ConfigField = "url"
	FieldCredentials ConfigField = "credentials"
	FieldCACert      ConfigField = "ca_cert_pem"
)

// ConfigError is a Config that New cannot use.
type ConfigError struct {
	Field   ConfigField
	Message string
}

func (e *ConfigError) Error() string { return e.Message }

// apiPathSuffix is OCP's API path at the end of a base URL's path.
var apiPathSuffix = regexp.MustCompile(`/api(/v\d+)?$`)

// ParseBaseURL reads OCP's base URL: an absolute http(s) address, perhaps with the
// path of a reverse proxy in front of OCP, but without OCP's own API path, which
// every call adds (OCP_API.md §1.1). With it, every call would go to
// /api/v2/api/v2/…, which OCP answers with its 404 for an unknown route.
func ParseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &ConfigError{FieldURL, fmt.Sprintf("%q is not an absolute http:// or https:// address such as https://ocp.example.com:8080", raw)}
	}
	if apiPath := apiPathSuffix.FindString(u.Path); apiPath != "" {
		without := *u
		without.Path = strings.TrimSuffix(u.Path, apiPath)
		return nil, &ConfigError{FieldURL, fmt.Sprintf("%q ends in OCP's API path %s, which the provider adds to every call "+
			"itself; write %q instead", raw, apiPath, without.String())}
	}
	return u, nil
}

func newAuthenticator(cfg Config) (authenticator, error) {
	basic := cfg.Username != "" || cfg.Password != ""
	accessKey := cfg.AccessKeyID != "" || cfg.AccessKeySecret != ""
	switch {
	case basic && accessKey:
		return nil, credentialsError("both a username/password and an access key pair are set; give only one of them")
	case basic && (cfg.Username == "" || cfg.Password == ""):
		return nil, credentialsError("basic authentication needs both a username and a password")
	case accessKey && (cfg.AccessKeyID == "" || cfg.AccessKeySecret == ""):
		return nil, credentialsError("access key authentication needs both an access key id and its secret")
	case basic:
		return basicAuth{username: cfg.Username, password: cfg.Password}, nil
	case accessKey:
		return accessKeyAuth{id: cfg.AccessKeyID, secret: cfg.AccessKeySecret}, nil
	default:
		return nil, credentialsError("no credentials are set: give a username and password, or an access key id and secret")
	}
}

func credentialsError(message string) error {
	return &ConfigError{FieldCredentials, message}
}

func newTransport(cfg Config) (*http.Transport, error) {
	transport := cleanhttp.DefaultPooledTransport()
	// The client talks to one OCP, with as many calls at once as Terraform's
	// -parallelism. cleanhttp keeps GOMAXPROCS+1 idle connections per host, so
	// every burst beyond that opened (and over TLS handshook) its connections anew:
	// keep as many as the pool holds for all hosts.
	transport.MaxIdleConnsPerHost = transport.MaxIdleConns
	tlsConfig := &tls.Config{MinVersion: tls.VersionTLS12}
	if cfg.CACertPEM != "" {
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM([]byte(cfg.CACertPEM)) {
			return nil, &ConfigError{FieldCACert, "the CA certificate is not valid PEM: expected one or more -----BEGIN CERTIFICATE----- blocks"}
		}
		tlsConfig.RootCAs = pool
	}
	tlsConfig.InsecureSkipVerify = cfg.InsecureSkipVerify //nolint:gosec // an explicit, documented user choice.
	transport.TLSClientConfig = tlsConfig
	return transport, nil
}

// call is one API call: method, path below the base URL, optional query and JSON body.
type call struct {
	method string
	path   string
	query  url.Values
	body   any
	// sentOnce marks a write OCP would carry out twice if it were repeated; see
	// callState.sentOnce.
	sentOnce bool
}

// do performs c and decodes the envelope's data into out (when out is not nil).
func (c *Client) do(ctx context.Context, req call, out any) (ResponseMeta, error) {
	ctx = c.callContext(ctx, req)
	status, body, err := c.exchange(ctx, req)
	if err != nil {
		return ResponseMeta{}, err
	}
	env, err := decodeEnvelope(req.method, req.path, status, body)
	tflog.Debug(ctx, "OCP response", map[string]any{
		"method": req.method, "path": req.path, "http_status": status, "trace_id": env.TraceID,
	})
	if apiErr, ok := err.(*APIError); ok {
		apiErr.AfterGatewayFailure = callStateOf(ctx).gatewayFailed
		return env.meta(), apiErr
	}
	if err != nil {
		return env.meta(), err
	}
	if out != nil && len(env.Data) > 0 {
		if err := json.Unmarshal(env.Data, out); err != nil {
			return env.meta(), &APIError{
				Method: req.method, Path: req.path, HTTPStatus: status, TraceID: env.TraceID,
				Message: fmt.Sprintf("unexpected shape of OCP's data (%v)", err), Excerpt: excerpt(env.Data),
				FromOCP: true,
			}
		}
	}
	return env.meta(), nil
}

// callContext is ctx for one call: its log lines mask the credentials, and it
// carries the state the call keeps across its attempts.
func (c *Client) callContext(ctx context.Context, req call) context.Context {
	return withCallState(c.maskSecrets(ctx), time.Now(), req.sentOnce)
}

// exchange sends req, with retries, and reads the last answer: its HTTP status and
// body. A redirect is an error (see redirectError), and so is no answer at all.
func (c *Client) exchange(ctx context.Context, req call) (int, []byte, error) {
	httpReq, err := c.newRequest(ctx, req)
	if err != nil {
		return 0, nil, err
	}
	resp, err := c.http.Do(httpReq)
	if err != nil {
		return 0, nil, c.transportError(ctx, req, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 == 3 {
		return 0, nil, redirectError(req, resp)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		return 0, nil, fmt.Errorf("OCP call %s %s: reading the response: %w", req.method, req.path, err)
	}
	return resp.StatusCode, body, nil
}

func (c *Client) newRequest(ctx context.Context, req call) (*retryablehttp.Request, error) {
	target := *c.baseURL
	target.Path += req.path
	target.RawQuery = req.query.Encode()
	var body []byte
	if req.body != nil {
		var err error
		if body, err = json.Marshal(req.body); err != nil {
			return nil, fmt.Errorf("OCP call %s %s: encoding the body: %w", req.method, req.path, err)
		}
	}
	// A nil body is sent as no body at all, so the signature's MD5 part stays empty.
	var rawBody any
	if body != nil {
		rawBody = body
	}
	httpReq, err := retryablehttp.NewRequestWithContext(ctx, req.method, target.String(), rawBody)
	if err != nil {
		return nil, fmt.Errorf("OCP call %s %s: %w", req.method, req.path, err)
	}
	if body != nil {
		httpReq.Header.Set("Content-Type", "application/json")
	}
	httpReq.Header.Set("Accept", "application/json")
	httpReq.Header.Set("Accept-Language", "en-US")
	httpReq.Header.Set("User-Agent", c.userAgent)
	return httpReq, nil
}

// transportError explains a call that got no HTTP answer at all.
func (c *Client) transportError(ctx context.Context, req call, err error) error {
	noAnswer := &NoAnswerError{Method: req.method, Path: req.path, Host: c.baseURL.Host, Err: err}
	if state := callStateOf(ctx); state != nil {
		noAnswer.Attempts, noAnswer.Elapsed = state.attempts, time.Since(state.started)
	}
	switch {
	case ctx.Err() != nil:
		noAnswer.Err = ctx.Err()
		noAnswer.Reason = "stopped before OCP answered"
		noAnswer.MaybeProcessed = true
	case isCertificateError(err):
		noAnswer.Reason = "the TLS certificate is not trusted"
		noAnswer.advice = "Set ca_cert_pem (or OCP_CA_CERT_PEM) to the CA that signed it, or, for testing only, " +
			"insecure_skip_verify"
	case isTimeout(err):
		noAnswer.Reason = fmt.Sprintf("got no answer within the request timeout of %s", c.timeout)
		noAnswer.MaybeProcessed = true
	default:
		noAnswer.Reason = "got no answer"
		noAnswer.MaybeProcessed = !neverConnected(err)
	}
	return noAnswer
}

func isTimeout(err error) bool {
	var netErr net.Error
	return errors.As(err, &netErr) && netErr.Timeout() || errors.Is(err, context.DeadlineExceeded)
}

// maskSecrets makes every log line written under ctx hide the credentials.
func (c *Client) maskSecrets(ctx context.Context) context.Context {
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, "Authorization", "authorization", "password", "access_key_secret")
	return tflog.MaskLogStrings(ctx, c.secrets...)
}

// countAndLogAttempt runs before each attempt; retryablehttp numbers them from 0.
func countAndLogAttempt(_ retryablehttp.Logger, req *http.Request, attempt int) {
	if state := callStateOf(req.Context()); state != nil {
		state.attempts = attempt + 1
	}
	fields := map[string]any{"method": req.Method, "path": req.URL.Path, "attempt": attempt + 1}
	tflog.Debug(req.Context(), "OCP request", fields)
}
