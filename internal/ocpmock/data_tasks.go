package ocpmock

import (
	"fmt"
	"net/http"
	"slices"
	"time"
)

// listDataBackupTasks answers a tenant's task history, filtered by status and by
// start time (UTC, YYYY-MM-DDThh:mm:ssZ), as a plain list as documented, or in
// OCP's page shape with Options.PagedTasks.
func (s *Server) listDataBackupTasks(w http.ResponseWriter, r *http.Request) {
	key, ok := s.resolveScope(w, r)
	if !ok {
		return
	}
	from, fromErr := parseQueryTime(r, "startTime")
	to, toErr := parseQueryTime(r, "endTime")
	if fromErr != nil || toErr != nil {
		s.writeError(w, http.StatusBadRequest, codeIllegalArgument, "startTime and endTime must look like 2024-01-02T03:04:05Z")
		return
	}
	statuses := r.URL.Query()["status"]
	if s.opts.IgnoreListFilters {
		statuses = nil
	}
	s.mu.Lock()
	tasks := []map[string]any{}
	for _, task := range s.tenants[key].BackupTasks {
		started, _ := time.Parse(time.RFC3339, fmt.Sprint(task["startTime"]))
		if (len(statuses) == 0 || slices.Contains(statuses, fmt.Sprint(task["status"]))) &&
			(from.IsZero() || !started.Before(from)) && (to.IsZero() || !started.After(to)) {
			tasks = append(tasks, s.withTaskTimes(task, "startTime", "finishTime"))
		}
	}
	s.mu.Unlock()
	if s.opts.PagedTasks {
		s.writePageAsGiven(w, r, tasks)
		return
	}
	s.writeData(w, tasks)
}

func parseQueryTime(r *http.Request, name string) (time.Time, error) {
	raw := r.URL.Query().Get(name)
	if raw == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.RFC3339, raw)
}
