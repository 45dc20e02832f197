package ocpclient

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
)

// RawAnswer is an answer as OCP (or whatever stands in front of it) gave it, for a
// caller that examines its shape rather than its meaning: the compatibility probe,
// which checks what the typed calls take for granted.
type RawAnswer struct {
	HTTPStatus int
	// Fields holds the top-level fields of a body that is a JSON object, each
	// undecoded; nil for any other body.
	Fields map[string]json.RawMessage
	// Excerpt is the start of a body that is not a JSON object (a proxy's page).
	Excerpt string
}

// IsEnvelope reports whether the answer is in OCP's envelope: a JSON object with
// a "successful" field, as decodeEnvelope requires.
func (a RawAnswer) IsEnvelope() bool {
	_, ok := a.Fields["successful"]
	return ok
}

// Field decodes the top-level field name into out; ok is false when the field is
// absent, null or of another type.
func (a RawAnswer) Field(name string, out any) (ok bool) {
	raw, present := a.Fields[name]
	if !present || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return false
	}
	return json.Unmarshal(raw, out) == nil
}

// Get reads path below the base URL with the client's credentials, retries and
// TLS settings, and returns the answer whatever its status: a 404 or a proxy's
// page is an answer here, not an error. Only no answer at all, a redirect (never
// followed) or an unreadable body is an error.
func (c *Client) Get(ctx context.Context, path string, query url.Values) (RawAnswer, error) {
	req := call{method: http.MethodGet, path: path, query: query}
	status, body, err := c.exchange(c.callContext(ctx, req), req)
	if err != nil {
		return RawAnswer{}, err
	}
	answer := RawAnswer{HTTPStatus: status}
	if json.Unmarshal(body, &answer.Fields) != nil || answer.Fields == nil {
		answer.Fields, answer.Excerpt = nil, excerpt(body)
	}
	return answer, nil
}
