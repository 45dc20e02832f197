package ocpmock

import (
	"bytes"
	"crypto/hmac"
	"io"
	"net/http"
	"strings"
	"time"
)

// maxClockSkew is how far a signed request's Date may be from the server's clock.
const maxClockSkew = 15 * time.Minute

// authenticate checks Basic or AccessKey credentials and answers 401 itself when
// they fail, with OCP's error envelope.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) bool {
	header := r.Header.Get("Authorization")
	var reason string
	switch {
	case header == "":
		reason = "Full authentication is required to access this resource, please log in"
	case strings.HasPrefix(header, "Basic "):
		reason = s.checkBasic(r)
	case strings.HasPrefix(header, accessKeyScheme+" "):
		reason = s.checkSignature(r, strings.TrimPrefix(header, accessKeyScheme+" "))
	default:
		reason = "Unsupported authorization scheme"
	}
	if reason != "" {
		s.writeError(w, http.StatusUnauthorized, 0, reason)
		return false
	}
	if r.Method != http.MethodGet && s.isReadOnly(r) {
		s.writeError(w, http.StatusForbidden, codeNotPermitted, "Operation not permitted: the user lacks backup and restore permission")
		return false
	}
	return true
}

func (s *Server) isReadOnly(r *http.Request) bool {
	user, _, ok := r.BasicAuth()
	s.mu.Lock()
	defer s.mu.Unlock()
	return ok && s.readOnly[user]
}

func (s *Server) checkBasic(r *http.Request) string {
	user, pass, ok := r.BasicAuth()
	s.mu.Lock()
	want, known := s.users[user]
	s.mu.Unlock()
	if !ok || !known || !hmac.Equal([]byte(pass), []byte(want)) {
		return "Bad credentials"
	}
	return ""
}

func (s *Server) checkSignature(r *http.Request, credential string) string {
	id, got, ok := strings.Cut(credential, ":")
	s.mu.Lock()
	secret, known := s.keys[id]
	s.mu.Unlock()
	if !ok || !known {
		return "Invalid access key"
	}
	date, err := http.ParseTime(r.Header.Get("Date"))
	if err != nil {
		return "Missing or malformed Date header"
	}
	if skew := s.now().Sub(date); skew > maxClockSkew || skew < -maxClockSkew {
		return "Request has expired: the Date header is more than 15 minutes from the server time"
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return "Unreadable request body"
	}
	// The handler reads the body after the check.
	r.Body = io.NopCloser(bytes.NewReader(body))
	if !hmac.Equal([]byte(got), []byte(signature(secret, stringToSign(r, body)))) {
		return "Signature does not match"
	}
	return ""
}
