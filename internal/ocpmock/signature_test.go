package ocpmock

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// The two vectors of OCP's AccessKey documentation (OCP_API.md §1.3), each as a
// request the mock receives, must pass the mock's verifier.
func TestSignatureMatchesDocumentedVectors(t *testing.T) {
	const secret = "2fc0c299cc94c6be266f2ceece765d4d"
	tests := map[string]struct {
		method, target, body string
		header               http.Header
		wantDigest           string
		wantSignature        string
	}{
		"POST with body and x-ocp header": {
			method: http.MethodPost, target: "http://ocp.alibaba.net:8080/api/v2/compute/idcs",
			body: `{"name":"test01","description":"test","regionId":1}`,
			header: http.Header{
				"Content-Type": {"application/json"}, "Date": {"Tue, 17 Jan 2023 09:13:57 GMT"}, "X-Ocp-Data": {"A,1"},
			},
			wantDigest:    "186974DB33A090A16D3E2CA35F547B56",
			wantSignature: "XN8P+O+v3vUabB16ZCooq5wMJoY=",
		},
		"GET without body": {
			method: http.MethodGet, target: "http://ocp.alibaba.net:8080/api/v2/compute/idcs?size=100",
			header: http.Header{
				"Content-Type": {"application/json;charset=utf-8"}, "Date": {"Tue, 17 Jan 2023 04:14:02 GMT"},
			},
			wantSignature: "TsQD6HDOuZuJ409m0wdnZPmijlc=",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, tt.target, strings.NewReader(tt.body))
			r.Header = tt.header
			if got := bodyDigest([]byte(tt.body)); got != tt.wantDigest {
				t.Errorf("body MD5 = %q, want %q", got, tt.wantDigest)
			}
			date, err := http.ParseTime(tt.header.Get("Date"))
			if err != nil {
				t.Fatal(err)
			}
			s := New(Options{})
			s.AddAccessKey("AK", secret)
			s.now = func() time.Time { return date }
			if reason := s.checkSignature(r, "AK:"+tt.wantSignature); reason != "" {
				t.Errorf("%s; string to sign:\n%s", reason, stringToSign(r, []byte(tt.body)))
			}
		})
	}
}

// The rules the vectors do not reach: escaping, repeated query keys and headers,
// name order, lower-cased names, and headers that are not signed.
func TestStringToSignFollowsDocumentedRules(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "http://ocp:8080/api/v2/x?b=2&a=z+y&b=1&c=%2F~&d=%C3%BC*", nil)
	r.Header = http.Header{
		"Date":      {"Tue, 17 Jan 2023 04:14:02 GMT"},
		"X-Ocp-B":   {"2", "1"},
		"X-Ocp-A-B": {"v"},
		"x-ocp-a":   {"w"},
		"Accept":    {"application/json"},
	}
	want := strings.Join([]string{
		"GET", "", "", "Tue, 17 Jan 2023 04:14:02 GMT", "ocp:8080",
		"x-ocp-a:w\nx-ocp-a-b:v\nx-ocp-b:1,2",
		"/api/v2/x?a=z%20y&b=1,2&c=%2F~&d=%C3%BC%2A",
	}, "\n")
	if got := stringToSign(r, nil); got != want {
		t.Errorf("string to sign:\n%s\nwant:\n%s", got, want)
	}
}

// A signature covers the body, the query and the x-ocp headers: a request changed
// in any of them after signing is refused.
func TestTamperedSignedRequestIsRefused(t *testing.T) {
	_, url := newTestServer(t)
	withTrace := func(r *http.Request, body []byte) {
		r.Header.Set("X-Ocp-Trace", "t1")
		accessKey("AK", "SK")(r, body)
	}
	const target = tenantStrategy + "?origin=test"
	if got := newCaller(t, url, withTrace).do(http.MethodPatch, target, defaultStrategyBody()); !got.ok() {
		t.Fatalf("signed request refused: %v", got)
	}
	for name, tamper := range map[string]func(r *http.Request){
		"body": func(r *http.Request) {
			const changed = `{"backupMode":"PHYSICAL_BACKUP"}`
			r.Body, r.ContentLength = io.NopCloser(strings.NewReader(changed)), int64(len(changed))
		},
		"query":              func(r *http.Request) { r.URL.RawQuery = "origin=other" },
		"x-ocp header":       func(r *http.Request) { r.Header.Set("X-Ocp-Trace", "t2") },
		"added x-ocp header": func(r *http.Request) { r.Header.Set("X-Ocp-Extra", "1") },
	} {
		t.Run(name, func(t *testing.T) {
			signer := newCaller(t, url, withTrace)
			r := signer.request(http.MethodPatch, target, defaultStrategyBody())
			tamper(r)
			if got := signer.send(r); !got.refused(http.StatusUnauthorized) || got.env.Error.Message != "Signature does not match" {
				t.Fatalf("want 401 Signature does not match, got %v", got)
			}
		})
	}
}
