package ocpclient

import (
	"math/rand"
	"net/url"
	"strings"
	"testing"
)

// FuzzDecodeEnvelope: any body and status decode without panic; success needs a 2xx
// status and successful true; every error names the call.
func FuzzDecodeEnvelope(f *testing.F) {
	f.Add(200, []byte(`{"data":{"id":1},"successful":true,"status":200,"traceId":"t"}`))
	f.Add(404, []byte(`{"successful":false,"status":404,"error":{"code":10002,"message":"gone"}}`))
	f.Add(400, []byte(`{"successful":false,"error":{"code":"60002"}}`))
	f.Add(502, []byte("<html>bad gateway</html>"))
	f.Add(200, []byte(`{"successful":tru`))
	f.Add(200, []byte(`{"successful":false}`))
	f.Add(200, []byte(`[]`))
	f.Add(500, []byte{0xff, 0xfe, 0x00})
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		env, err := decodeEnvelope("GET", "/api/v2/x", status, body)
		if err == nil {
			if status/100 != 2 || env.Successful == nil || !*env.Successful {
				t.Fatalf("accepted status %d body %q", status, body)
			}
			return
		}
		if !strings.Contains(err.Error(), "GET /api/v2/x") {
			t.Fatalf("error does not name the call: %v", err)
		}
	})
}

// FuzzCanonicalResource: any query canonicalises without panic, to the same string
// whatever the order of its parameters, using only RFC 3986 unreserved characters,
// percent escapes and the separators.
func FuzzCanonicalResource(f *testing.F) {
	f.Add("size=100")
	f.Add("b=2&a=z+y&b=1&c=%2F~")
	f.Add("name=%E4%B8%AD&status=RUNNING&status=STOPPED")
	f.Add("a=&=b&&c")
	f.Fuzz(func(t *testing.T, rawQuery string) {
		u := &url.URL{Path: "/api/v2/ob/clusters", RawQuery: rawQuery}
		got := canonicalResource(u)
		if !strings.HasPrefix(got, "/api/v2/ob/clusters") {
			t.Fatalf("canonical form %q lost the path", got)
		}
		pairs := strings.Split(rawQuery, "&")
		rand.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
		shuffled := &url.URL{Path: u.Path, RawQuery: strings.Join(pairs, "&")}
		if again := canonicalResource(shuffled); again != got {
			t.Fatalf("order changed the canonical form: %q vs %q", got, again)
		}
		query := strings.TrimPrefix(got, "/api/v2/ob/clusters")
		for _, c := range []byte(query) {
			if !isUnreserved(c) && !strings.ContainsRune("%?&=,", rune(c)) {
				t.Fatalf("canonical query %q holds %q", query, c)
			}
		}
	})
}
