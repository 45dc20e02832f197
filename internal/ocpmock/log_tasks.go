package ocpmock

import (
	"net/http"
	"time"
)

// RouteLogBackupTasks is a tenant's log backup (archive) task listing.
const RouteLogBackupTasks Route = "GET logBackupTasks"

// listLogBackupTasks answers a tenant's log archiving as one LogBackupWrapperTask
// (OCP_API.md §3.6) while it has a strategy, INPROGRESS while its scheduling
// runs: as a plain list as documented, or in OCP's page shape with
// Options.PagedTasks. Its checkpoint lags Tenant.LogDelay behind now; times and
// delay are written in the forms Options.TaskTimes and Options.LogDelay choose.
func (s *Server) listLogBackupTasks(w http.ResponseWriter, r *http.Request) {
	key, ok := s.resolveScope(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	tasks := []map[string]any{}
	if tenant := s.tenants[key]; tenant.Strategy != nil {
		now := s.now()
		task := map[string]any{
			"clusterId": key.clusterID, "clusterName": s.clusters[key.clusterID].Name, "tenantId": key.tenantID,
			"tenantName": tenant.Name, "backupDimension": "TENANT", "backupMode": "PHYSICAL_BACKUP",
			"status":     map[bool]string{true: "INPROGRESS", false: "STOPPED"}[tenant.Strategy.ScheduleEnabled],
			"backupUri":  "file:///obbackup/",
			"checkpoint": s.opts.TaskTimes.format(now.Add(-tenant.LogDelay)),
			"createTime": s.opts.TaskTimes.format(now.Add(-24 * time.Hour)),
			"modifyTime": s.opts.TaskTimes.format(now),
		}
		s.writeDelay(task, tenant.LogDelay)
		tasks = append(tasks, task)
	}
	s.mu.Unlock()
	if s.opts.PagedTasks {
		s.writePageAsGiven(w, r, tasks)
		return
	}
	s.writeData(w, tasks)
}
