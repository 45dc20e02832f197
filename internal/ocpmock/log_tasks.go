package ocpmock

import "net/http"

// RouteLogBackupTasks is a tenant's log backup (archive) task listing.
const RouteLogBackupTasks Route = "GET logBackupTasks"

// listLogBackupTasks answers a tenant's log archiving as one LogBackupWrapperTask
// (§3.6) while it has a strategy, INPROGRESS while its scheduling runs: as a
// plain list as documented, or in OCP's page shape with Options.PagedTasks.
func (s *Server) listLogBackupTasks(w http.ResponseWriter, r *http.Request) {
	key, ok := s.resolveScope(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	tasks := []map[string]any{}
	if tenant := s.tenants[key]; tenant.Strategy != nil {
		tasks = append(tasks, map[string]any{
			"clusterId": key.clusterID, "clusterName": s.clusters[key.clusterID].Name, "tenantId": key.tenantID,
			"tenantName": tenant.Name, "backupDimension": "TENANT", "backupMode": "PHYSICAL_BACKUP",
			"status":    map[bool]string{true: "INPROGRESS", false: "STOPPED"}[tenant.Strategy.ScheduleEnabled],
			"backupUri": "file:///obbackup/", "checkpoint": s.timestamp(), "delay": 0,
		})
	}
	s.mu.Unlock()
	if s.opts.PagedTasks {
		s.writePageAsGiven(w, r, tasks)
		return
	}
	s.writeData(w, tasks)
}
