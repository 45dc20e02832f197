package ocpclient

import (
	"bytes"
	"crypto/hmac"
	"crypto/md5"  //nolint:gosec // OCP's signature protocol mandates MD5 of the body.
	"crypto/sha1" //nolint:gosec // OCP only offers HMAC-SHA1 signatures.
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// accessKeyAlgorithm is the only signature algorithm OCP accepts.
const accessKeyAlgorithm = "OCP-ACCESS-KEY-HMACSHA1"

// authenticator adds credentials to one outgoing request attempt.
type authenticator interface {
	authenticate(req *http.Request, body []byte, now time.Time) error
	// secrets lists the strings that must never reach a log line.
	secrets() []string
}

type basicAuth struct {
	username, password string
}

func (a basicAuth) authenticate(req *http.Request, _ []byte, _ time.Time) error {
	req.SetBasicAuth(a.username, a.password)
	return nil
}

func (a basicAuth) secrets() []string {
	header := base64.StdEncoding.EncodeToString([]byte(a.username + ":" + a.password))
	return []string{a.password, header}
}

type accessKeyAuth struct {
	id, secret string
}

func (a accessKeyAuth) authenticate(req *http.Request, body []byte, now time.Time) error {
	date := now.UTC().Format(http.TimeFormat)
	req.Header.Set("Date", date)
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	toSign := stringToSign(signedRequest{
		Method:      req.Method,
		Body:        body,
		ContentType: req.Header.Get("Content-Type"),
		Date:        date,
		Host:        host,
		Header:      req.Header,
		URL:         req.URL,
	})
	req.Header.Set("Authorization", fmt.Sprintf("%s %s:%s", accessKeyAlgorithm, a.id, sign(a.secret, toSign)))
	return nil
}

func (a accessKeyAuth) secrets() []string {
	return []string{a.secret}
}

// signedRequest holds the parts of a request that OCP's AccessKey signature covers.
type signedRequest struct {
	Method      string
	Body        []byte
	ContentType string
	Date        string
	Host        string
	Header      http.Header
	URL         *url.URL
}

// stringToSign builds OCP's seven-part string to sign, each part on its own line.
func stringToSign(r signedRequest) string {
	return strings.Join([]string{
		strings.ToUpper(r.Method),
		bodyMD5(r.Body),
		r.ContentType,
		r.Date,
		r.Host,
		canonicalOCPHeaders(r.Header),
		canonicalResource(r.URL),
	}, "\n")
}

// sign returns base64(HMAC-SHA1(secret, toSign)).
func sign(secret, toSign string) string {
	mac := hmac.New(sha1.New, []byte(secret))
	mac.Write([]byte(toSign))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

func bodyMD5(body []byte) string {
	if len(body) == 0 {
		return ""
	}
	sum := md5.Sum(body) //nolint:gosec // mandated by the protocol, not used for security.
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}

// canonicalOCPHeaders lists the x-ocp* headers sorted by name as name:value, with the
// values of a repeated header sorted and comma-joined.
func canonicalOCPHeaders(h http.Header) string {
	var names []string
	for name := range h {
		if strings.HasPrefix(strings.ToLower(name), "x-ocp") {
			names = append(names, name)
		}
	}
	sort.Slice(names, func(i, j int) bool { return strings.ToLower(names[i]) < strings.ToLower(names[j]) })
	lines := make([]string, 0, len(names))
	for _, name := range names {
		values := append([]string(nil), h[name]...)
		sort.Strings(values)
		lines = append(lines, strings.ToLower(name)+":"+strings.Join(values, ","))
	}
	return strings.Join(lines, "\n")
}

// canonicalResource is the path plus the query sorted by key, RFC 3986 encoded, with the
// values of a repeated key sorted and comma-joined.
func canonicalResource(u *url.URL) string {
	path := u.EscapedPath()
	query := u.Query()
	if len(query) == 0 {
		return path
	}
	keys := make([]string, 0, len(query))
	for k := range query {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	pairs := make([]string, 0, len(keys))
	for _, k := range keys {
		values := append([]string(nil), query[k]...)
		sort.Strings(values)
		encoded := make([]string, len(values))
		for i, v := range values {
			encoded[i] = rfc3986Escape(v)
		}
		pairs = append(pairs, rfc3986Escape(k)+"="+strings.Join(encoded, ","))
	}
	return path + "?" + strings.Join(pairs, "&")
}

func rfc3986Escape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if isUnreserved(c) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

func isUnreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// authTransport signs every attempt afresh, so a retried request carries a current Date
// and a signature over exactly the bytes it sends.
type authTransport struct {
	base http.RoundTripper
	auth authenticator
	now  func() time.Time
}

func (t authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	body, err := readBody(req)
	if err != nil {
		return nil, err
	}
	signed := req.Clone(req.Context())
	if body != nil {
		signed.Body = io.NopCloser(bytes.NewReader(body))
	}
	if err := t.auth.authenticate(signed, body, t.now()); err != nil {
		return nil, err
	}
	return t.base.RoundTrip(signed)
}

func readBody(req *http.Request) ([]byte, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, nil
	}
	defer req.Body.Close()
	body, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, fmt.Errorf("reading request body for signing: %w", err)
	}
	return body, nil
}
