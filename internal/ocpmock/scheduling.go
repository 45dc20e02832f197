package ocpmock

import "net/http"

func (s *Server) startSchedule(w http.ResponseWriter, r *http.Request) {
	s.switchSchedule(w, r, true)
}

func (s *Server) stopSchedule(w http.ResponseWriter, r *http.Request) {
	s.switchSchedule(w, r, false)
}

// switchSchedule answers start and stop. Both are refused with 409 when scheduling
// already is in the asked state, and with 400 when there is no strategy: OCP does
// not document either case, and the provider must cope with any answer.
func (s *Server) switchSchedule(w http.ResponseWriter, r *http.Request, enable bool) {
	key, ok := s.resolveScope(w, r)
	if !ok {
		return
	}
	taskType := map[bool]string{true: "START_BACKUP_SCHEDULE", false: "STOP_BACKUP_SCHEDULE"}[enable]
	s.mu.Lock()
	strategy := *s.slotLocked(key)
	already := strategy != nil && strategy.ScheduleEnabled == enable
	var taskIDs []int64
	if strategy != nil && !already {
		switchIt := func() { strategy.ScheduleEnabled = enable }
		var t *task
		if s.opts.TaskPolls > 0 {
			t = s.newTaskLocked(taskType)
			taskIDs = t.ids()
		}
		if s.opts.SwitchAtTaskEnd && t != nil {
			t.atEnd = func(failMessage string) {
				if failMessage == "" {
					switchIt()
				}
			}
		} else {
			switchIt()
		}
	}
	if enable && strategy != nil {
		s.countStartLocked(key, already)
	}
	s.mu.Unlock()
	switch {
	case strategy == nil:
		s.writeError(w, http.StatusBadRequest, codeIllegalArgument, "Backup strategy does not exist")
	case already:
		s.writeError(w, http.StatusConflict, codeScheduleState,
			"Backup schedule is already "+map[bool]string{true: "running", false: "stopped"}[enable])
	default:
		s.writeOperation(w, key, taskType, taskIDs)
	}
}

// StartCalls is how the startSchedule calls of one scope were answered.
type StartCalls struct {
	// Started is how many started scheduling that was stopped.
	Started int
	// AlreadyRunning is how many were refused because scheduling already ran.
	AlreadyRunning int
}

// StartCallsOf returns how the scope's startSchedule calls were answered; tenantID
// zero means the cluster's own schedule.
func (s *Server) StartCallsOf(clusterID, tenantID int64) StartCalls {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.starts[scopeKey{clusterID, tenantID}]
}

func (s *Server) countStartLocked(key scopeKey, alreadyRunning bool) {
	calls := s.starts[key]
	if alreadyRunning {
		calls.AlreadyRunning++
	} else {
		calls.Started++
	}
	s.starts[key] = calls
}
