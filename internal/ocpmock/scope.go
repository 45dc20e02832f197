package ocpmock

import (
	"fmt"
	"net/http"
	"strconv"
)

// resolveScope reads the cluster (and tenant, on tenant routes) of the path, answering
// 404 for an unknown cluster and, for an unknown tenant, 400 with OCP's
// tenant-not-found code as OCP's framework does (or 404, see Options).
func (s *Server) resolveScope(w http.ResponseWriter, r *http.Request) (scopeKey, bool) {
	clusterID, ok := s.pathID(w, r, "clusterId")
	if !ok {
		return scopeKey{}, false
	}
	key := scopeKey{clusterID: clusterID}
	if r.PathValue("tenantId") != "" {
		if key.tenantID, ok = s.pathID(w, r, "tenantId"); !ok {
			return scopeKey{}, false
		}
	}
	s.mu.Lock()
	clusterKnown := s.clusters[key.clusterID] != nil
	tenantKnown := key.tenantID == 0 || s.tenants[key] != nil
	s.mu.Unlock()
	switch {
	case !clusterKnown:
		s.writeError(w, http.StatusNotFound, codeNotFound, fmt.Sprintf("Cluster with id %d not found", key.clusterID))
	case !tenantKnown && s.opts.MissingTenantStatus == http.StatusNotFound:
		s.writeError(w, http.StatusNotFound, codeNotFound, fmt.Sprintf("Tenant with id %d not found", key.tenantID))
	case !tenantKnown:
		s.writeError(w, http.StatusBadRequest, codeTenantNotFound, fmt.Sprintf("Tenant with id %d not found", key.tenantID))
	default:
		return key, true
	}
	return scopeKey{}, false
}

func (s *Server) pathID(w http.ResponseWriter, r *http.Request, name string) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil {
		s.writeError(w, http.StatusBadRequest, codeIllegalArgument,
			fmt.Sprintf("Failed to convert value of type 'java.lang.String' to required type 'java.lang.Long' for %s", name))
		return 0, false
	}
	return id, true
}
