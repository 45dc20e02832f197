package ocpclient

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// excerptLength bounds how much of a non-JSON body an error quotes.
const excerptLength = 200

// ResponseMeta is what OCP's envelope says about the call itself.
type ResponseMeta struct {
	TraceID   string
	Timestamp string
	Server    string
}

// envelope is OCP's wrapper around every answer, successful or not.
type envelope struct {
	Data       json.RawMessage `json:"data"`
	Successful *bool           `json:"successful"`
	Timestamp  string          `json:"timestamp"`
	Status     int             `json:"status"`
	TraceID    string          `json:"traceId"`
	Server     string          `json:"server"`
	Error      *envelopeError  `json:"error"`
}

type envelopeError struct {
	Code         flexibleCode `json:"code"`
	Message      string       `json:"message"`
	DebugMessage string       `json:"debugMessage"`
}

// flexibleCode decodes an error code sent as a number, a string or null.
type flexibleCode string

func (c *flexibleCode) UnmarshalJSON(raw []byte) error {
	*c = flexibleCode(jsonScalarText(raw))
	return nil
}

// jsonScalarText renders a JSON value as plain text: strings unquoted, null empty,
// anything else (numbers, objects whose shape OCP does not document) compacted.
func jsonScalarText(raw json.RawMessage) string {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || bytes.Equal(trimmed, []byte("null")) {
		return ""
	}
	var s string
	if json.Unmarshal(trimmed, &s) == nil {
		return s
	}
	var compacted bytes.Buffer
	if json.Compact(&compacted, trimmed) == nil {
		return compacted.String()
	}
	return string(trimmed)
}

func (e envelope) meta() ResponseMeta {
	return ResponseMeta{TraceID: e.TraceID, Timestamp: e.Timestamp, Server: e.Server}
}

// decodeEnvelope turns a raw answer into its envelope, or an *APIError when the answer
// is a failure: a non-2xx status, successful other than true, or a body that is not
// OCP's JSON at all. The error's FromOCP says which: only a body with OCP's
// "successful" field is OCP speaking.
func decodeEnvelope(method, path string, status int, body []byte) (envelope, error) {
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil || env.Successful == nil {
		return env, &APIError{
			Method: method, Path: path, HTTPStatus: status,
			Message: notEnvelopeMessage(status, err),
			Excerpt: excerpt(body),
		}
	}
	if status/100 == 2 && *env.Successful {
		return env, nil
	}
	apiErr := &APIError{Method: method, Path: path, HTTPStatus: status, TraceID: env.TraceID, FromOCP: true}
	if env.Error != nil {
		apiErr.Code = string(env.Error.Code)
		apiErr.Message = joinNonEmpty(": ", env.Error.Message, env.Error.DebugMessage)
	}
	if apiErr.Message == "" && status/100 == 2 {
		apiErr.Message = "OCP answered successful=false without an error message"
	}
	return env, apiErr
}

func notEnvelopeMessage(status int, decodeErr error) string {
	if status/100 == 2 {
		if decodeErr != nil {
			return fmt.Sprintf("malformed OCP response (%v)", decodeErr)
		}
		return "the response is JSON but not OCP's envelope (no \"successful\" field)"
	}
	if status == http.StatusNotFound {
		// Not OCP saying an object is gone: the request never reached OCP's API.
		return "the server answered Not Found without OCP's envelope, so the answer did not come from OCP. " +
			"Check the provider's url: a wrong base path, or a proxy in front of OCP that does not pass the request on"
	}
	return fmt.Sprintf("the server answered %s without OCP's error envelope; a proxy or load balancer may stand in front of OCP", http.StatusText(status))
}

func excerpt(body []byte) string {
	text := strings.Join(strings.Fields(string(body)), " ")
	if len(text) <= excerptLength {
		return text
	}
	cut := excerptLength
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut] + "…"
}

func joinNonEmpty(sep string, parts ...string) string {
	kept := parts[:0:0]
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}

// serverZone is the zone of OCP's envelope timestamp (ISO 8601 with OCP's offset,
// OCP_API.md §2.1); UTC when the answer carried none that can be read.
func (m ResponseMeta) serverZone() *time.Location {
	at, err := time.Parse(time.RFC3339Nano, m.Timestamp)
	if err != nil {
		return time.UTC
	}
	name, offset := at.Zone()
	return time.FixedZone(name, offset)
}
