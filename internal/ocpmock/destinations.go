package ocpmock

import (
	"fmt"
	"strings"
)

// RefuseDestination makes OCP refuse, with HTTP 400 and message, every strategy
// write whose storage URL is url (with or without its trailing slash), as OCP does
// when a backup destination is not mounted or not reachable from its servers.
func (s *Server) RefuseDestination(url, message string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.refusedDestinations == nil {
		s.refusedDestinations = map[string]string{}
	}
	s.refusedDestinations[strings.TrimSuffix(url, "/")] = message
}

// destinationRefusal is the refusal of a strategy body's destination, or "".
func (s *Server) destinationRefusal(body map[string]any) string {
	url := fmt.Sprint(lookup(body, "obBackupServiceStorageConfig", "obBackupStorageBaseInfo", "storageUrl"))
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refusedDestinations[strings.TrimSuffix(url, "/")]
}
