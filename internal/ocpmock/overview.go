package ocpmock

import "net/http"

// RouteTenantOverview is the tenant's backup overview, which OCP does not
// document: OCP_API.md §5 knows only the cluster's and suggests probing for a
// tenant one. The mock serves it with Options.TenantOverview and otherwise
// answers as for any unknown path.
const RouteTenantOverview Route = "GET tenant backup overview"

// tenantOverview answers in the shape of the cluster's overview, narrowed to the
// tenant: backupScheduleStatus is NONE without a strategy, else NORMAL or PAUSED.
func (s *Server) tenantOverview(w http.ResponseWriter, r *http.Request) {
	if !s.opts.TenantOverview {
		s.writeNoHandler(w, r)
		return
	}
	key, ok := s.resolveScope(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	tenant := s.tenants[key]
	status := "NONE"
	if tenant.Strategy != nil {
		status = map[bool]string{true: "NORMAL", false: "PAUSED"}[tenant.Strategy.ScheduleEnabled]
	}
	body := map[string]any{
		"backupDimension": "TENANT", "clusterId": key.clusterID, "clusterName": s.clusters[key.clusterID].Name,
		"tenantId": key.tenantID, "tenantName": tenant.Name, "backupScheduleStatus": status,
	}
	s.mu.Unlock()
	s.writeData(w, body)
}

// writeNoHandler answers a path the mock does not serve, as OCP's framework does.
func (s *Server) writeNoHandler(w http.ResponseWriter, r *http.Request) {
	s.writeError(w, http.StatusNotFound, codeNotFound, "No handler found for "+r.Method+" "+r.URL.Path)
}
