package ocpmock

import (
	"crypto/hmac"
	"crypto/md5"  //nolint:gosec // OCP's signature covers the body's MD5.
	"crypto/sha1" //nolint:gosec // HMAC-SHA1 is the only signature OCP offers.
	"encoding/base64"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// accessKeyScheme opens the Authorization header of an AccessKey-signed request.
const accessKeyScheme = "OCP-ACCESS-KEY-HMACSHA1"

// stringToSign is OCP's string to sign (OCP_API.md §1.3) of r as the mock received
// it, body being the bytes it carried: seven parts, one a line, an empty part still
// taking its line. It is written from OCP's documentation and not shared with the
// client, so that a mistake in either signer shows as a refused request.
func stringToSign(r *http.Request, body []byte) string {
	return strings.Join([]string{
		strings.ToUpper(r.Method),
		bodyDigest(body),
		r.Header.Get("Content-Type"),
		r.Header.Get("Date"),
		r.Host,
		ocpHeaderLines(r.Header),
		signedResource(r.URL),
	}, "\n")
}

// signature is base64(HMAC-SHA1(secret, toSign)).
func signature(secret, toSign string) string {
	mac := hmac.New(sha1.New, []byte(secret))
	mac.Write([]byte(toSign))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// bodyDigest is the body's MD5 as 32 upper-case hex digits; a request without a
// body signs an empty part instead.
func bodyDigest(body []byte) string {
	if len(body) == 0 {
		return ""
	}
	return fmt.Sprintf("%X", md5.Sum(body)) //nolint:gosec // mandated by the protocol.
}

// ocpHeaderLines is every x-ocp* header as a lower-case name:value line, in name
// order. Names are compared without case, as HTTP does, so a header sent under two
// spellings still counts once, its values sorted and comma-joined.
func ocpHeaderLines(h http.Header) string {
	values := map[string][]string{}
	for name, vs := range h {
		if name = strings.ToLower(name); strings.HasPrefix(name, "x-ocp") {
			values[name] = append(values[name], vs...)
		}
	}
	lines := make([]string, 0, len(values))
	for _, name := range slices.Sorted(maps.Keys(values)) {
		lines = append(lines, name+":"+strings.Join(sortedCopy(values[name]), ","))
	}
	return strings.Join(lines, "\n")
}

// signedResource is the path as sent, then, when there is a query, "?" and its
// parameters in key order as key=value joined by "&": each key once, its values
// sorted and comma-joined. Keys and values are sorted as decoded and then escaped.
func signedResource(u *url.URL) string {
	query := u.Query()
	if len(query) == 0 {
		return u.EscapedPath()
	}
	params := make([]string, 0, len(query))
	for _, key := range slices.Sorted(maps.Keys(query)) {
		values := sortedCopy(query[key])
		for i, v := range values {
			values[i] = escapeRFC3986(v)
		}
		params = append(params, escapeRFC3986(key)+"="+strings.Join(values, ","))
	}
	return u.EscapedPath() + "?" + strings.Join(params, "&")
}

// escapeRFC3986 percent-encodes all but A-Z a-z 0-9 - . _ ~ with upper-case hex.
// url.QueryEscape leaves exactly those alone but writes a space as "+"; a "+" of
// the input comes out as %2B, so every "+" left stands for a space.
func escapeRFC3986(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// sortedCopy sorts a copy, leaving the request's own header or query untouched.
func sortedCopy(values []string) []string {
	return slices.Sorted(slices.Values(values))
}
