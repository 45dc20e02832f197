package ocpmock

import (
	"encoding/json"
	"net/http"
)

func (s *Server) getStrategy(w http.ResponseWriter, r *http.Request) {
	key, ok := s.resolveScope(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	strategy := *s.slotLocked(key)
	var body map[string]any
	if strategy != nil {
		body = s.strategyAnswerLocked(key, strategy)
	}
	s.mu.Unlock()
	if body == nil {
		s.writeNoStrategy(w)
		return
	}
	s.writeData(w, body)
}

// strategyAnswerLocked is a stored strategy as OCP's GET shows it.
func (s *Server) strategyAnswerLocked(key scopeKey, strategy *Strategy) map[string]any {
	body := echoed(strategy.Body)
	body["id"], body["clusterId"], body["type"] = strategy.ID, key.clusterID, "BACKUP"
	body["backupDimension"] = "CLUSTER"
	if key.tenantID != 0 {
		body["tenantId"], body["tenantName"], body["backupDimension"] = key.tenantID, s.tenants[key].Name, "TENANT"
	}
	if schedule, ok := body["obBackupScheduleConfig"].(map[string]any); ok && !s.opts.OmitScheduleEnabled {
		schedule["backupScheduleEnabled"] = strategy.ScheduleEnabled
	}
	if s.opts.Sparse {
		sparsen(body)
	}
	return body
}

// writeNoStrategy answers a strategy read of a cluster or tenant without one in
// the shape Options.NoStrategy picks; OCP_API.md §3.4 allows each of them.
func (s *Server) writeNoStrategy(w http.ResponseWriter) {
	switch s.opts.NoStrategy {
	case NoStrategyNotFound:
		s.writeError(w, http.StatusNotFound, codeNotFound, "Backup strategy not found")
	case NoStrategyBadRequest:
		s.writeError(w, http.StatusBadRequest, codeBackupStrategyAbsent, "The tenant has not configured a backup strategy")
	default:
		s.writeData(w, nil)
	}
}

func (s *Server) createStrategy(w http.ResponseWriter, r *http.Request) {
	s.writeStrategy(w, r, "CREATE_BACKUP_STRATEGY", false)
}

func (s *Server) updateStrategy(w http.ResponseWriter, r *http.Request) {
	s.writeStrategy(w, r, "UPDATE_BACKUP_STRATEGY", true)
}

// writeStrategy creates (must not exist) or replaces (must exist) a strategy. Both
// answer with an asynchronous task, as OCP's samples show for create.
func (s *Server) writeStrategy(w http.ResponseWriter, r *http.Request, taskType string, replace bool) {
	key, ok := s.resolveScope(w, r)
	if !ok {
		return
	}
	var body map[string]any
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		s.writeError(w, http.StatusBadRequest, codeIllegalArgument, "Malformed JSON request: "+err.Error())
		return
	}
	enabled, hasEnabled := lookup(body, "obBackupScheduleConfig", "backupScheduleEnabled").(bool)
	if schedule, ok := body["obBackupScheduleConfig"].(map[string]any); ok {
		delete(schedule, "backupScheduleEnabled")
	}
	if err := validateAndNormalise(body); err != nil {
		s.writeError(w, http.StatusBadRequest, codeIllegalArgument, "Validation failed: "+err.Error())
		return
	}
	if refusal := s.destinationRefusal(body); refusal != "" {
		s.writeError(w, http.StatusBadRequest, codeIllegalArgument, refusal)
		return
	}
	s.mu.Lock()
	slot := s.slotLocked(key)
	exists := *slot != nil
	if exists == replace {
		if replace {
			*slot = &Strategy{ID: (*slot).ID, ScheduleEnabled: (*slot).ScheduleEnabled, Body: body}
		} else {
			*slot = s.newStrategyLocked(body)
		}
		if hasEnabled {
			(*slot).ScheduleEnabled = enabled
		}
	}
	taskIDs := s.newTaskLocked(taskType).ids()
	s.mu.Unlock()
	switch {
	case exists && !replace:
		s.writeError(w, http.StatusConflict, codeScheduleState, "Backup strategy already exists")
	case !exists && replace:
		s.writeError(w, http.StatusNotFound, codeNotFound, "Backup strategy not found")
	default:
		s.writeOperation(w, key, taskType, taskIDs)
	}
}

func (s *Server) deleteStrategy(w http.ResponseWriter, r *http.Request) {
	key, ok := s.resolveScope(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	slot := s.slotLocked(key)
	existed := *slot != nil
	*slot = nil
	s.mu.Unlock()
	if !existed {
		s.writeError(w, http.StatusNotFound, codeNotFound, "Backup strategy not found")
		return
	}
	s.writeOperation(w, key, "DELETE_BACKUP_STRATEGY", []int64{})
}
