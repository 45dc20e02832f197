// Package ocpmock is a stateful, in-memory imitation of the parts of OCP's HTTP API
// that the provider uses. It answers with OCP's envelopes, checks credentials for
// real, and lets tests inject faults and change state behind the provider's back.
package ocpmock

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// Cluster is a mock OCP cluster; Strategy is its cluster-dimension backup strategy.
type Cluster struct {
	ID       int64
	Name     string
	Status   string
	Strategy *Strategy
}

// Tenant is a mock OCP tenant; Strategy is nil when it has no backup strategy.
type Tenant struct {
	ID        int64
	ClusterID int64
	Name      string
	Mode      string
	Status    string
	Locked    bool
	ReadOnly  bool
	Strategy  *Strategy
	// BackupTasks are its data backup tasks; their times are kept in RFC 3339
	// and answered in Options.TaskTimes's form.
	BackupTasks []map[string]any
	// LogDelay is how far its log archiving lags behind.
	LogDelay time.Duration
	// Unlisted keeps it out of tenant listings while it stays readable by id, as
	// when the user lost a permission or a listing came back short.
	Unlisted bool
}

// Strategy is a mock backup strategy: the body OCP stored (after its own
// normalisation) and whether scheduling runs.
type Strategy struct {
	ID              int64
	ScheduleEnabled bool
	Body            map[string]any
}

// scopeKey addresses a cluster's strategy (tenantID zero) or a tenant's.
type scopeKey struct{ clusterID, tenantID int64 }

// AddCluster adds (or replaces) a cluster without a strategy.
func (s *Server) AddCluster(id int64, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clusters[id] = &Cluster{ID: id, Name: name, Status: "RUNNING"}
}

// AddTenant adds a tenant to an existing cluster; withStrategy gives it a backup
// strategy whose scheduling is stopped, as OCP leaves a freshly created strategy.
func (s *Server) AddTenant(clusterID, tenantID int64, name string, withStrategy bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.clusters[clusterID]; !ok {
		panic(fmt.Sprintf("ocpmock: AddTenant on unknown cluster %d", clusterID))
	}
	tenant := &Tenant{ID: tenantID, ClusterID: clusterID, Name: name, Mode: "MYSQL", Status: "NORMAL"}
	if withStrategy {
		tenant.Strategy = s.newStrategyLocked(defaultStrategyBody())
	}
	s.tenants[scopeKey{clusterID, tenantID}] = tenant
}

// AddClusterStrategy gives a cluster a default strategy with scheduling stopped.
func (s *Server) AddClusterStrategy(clusterID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	*s.mustSlotLocked(scopeKey{clusterID, 0}) = s.newStrategyLocked(defaultStrategyBody())
}

// AddDataBackupTask records a data backup task of a tenant, in OCP's
// DataBackupHistoryWrapperTask shape.
func (s *Server) AddDataBackupTask(clusterID, tenantID int64, task map[string]any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tenant := s.mustTenantLocked(clusterID, tenantID)
	tenant.BackupTasks = append(tenant.BackupTasks, task)
}

// DataBackupTasks returns a copy of a tenant's data backup tasks, as recorded.
func (s *Server) DataBackupTasks(clusterID, tenantID int64) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.mustTenantLocked(clusterID, tenantID).BackupTasks)
}

func (s *Server) newStrategyLocked(body map[string]any) *Strategy {
	s.nextID++
	return &Strategy{ID: s.nextID, Body: body}
}

// defaultStrategyBody is a valid strategy as OCP stores it.
func defaultStrategyBody() map[string]any {
	return map[string]any{
		"backupMode": "PHYSICAL_BACKUP",
		"obBackupScheduleConfig": map[string]any{
			"backupScheduleMode":       "WEEK",
			"backupScheduleTime":       "02:00:00.000+08:00",
			"dayAndDataBackupModelMap": map[string]any{"1": "FULL_BACKUP", "4": "INCREMENTAL_BACKUP"},
			"startLogBackup":           true,
		},
		"obBackupThresholdConfig": map[string]any{
			"dataBackupTimeoutMinutes": 360, "noSuccessfulDataBackupAlarmDays": 2, "logBackupDelaySeconds": 300,
		},
		"obBackupServiceStorageConfig": map[string]any{
			"configName":                      "default",
			"obBackupStorageBaseInfo":         map[string]any{"backupStorageType": "BACKUP_STORAGE_FILE", "storageUrl": "/obbackup/"},
			"alarmStoragePercentageThreshold": 80,
		},
	}
}

// SetScheduleEnabled changes scheduling out of band, as a DBA in the console would;
// tenantID zero means the cluster's own schedule.
func (s *Server) SetScheduleEnabled(clusterID, tenantID int64, enabled bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mustStrategyLocked(scopeKey{clusterID, tenantID}).ScheduleEnabled = enabled
}

// ModifyStrategy edits a strategy's stored body out of band.
func (s *Server) ModifyStrategy(clusterID, tenantID int64, edit func(body map[string]any)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	edit(s.mustStrategyLocked(scopeKey{clusterID, tenantID}).Body)
}

// StrategyBody returns a copy of a strategy's stored body, or nil without one.
func (s *Server) StrategyBody(clusterID, tenantID int64) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	slot := s.slotLocked(scopeKey{clusterID, tenantID})
	if slot == nil || *slot == nil {
		return nil
	}
	return deepCopy((*slot).Body)
}

// StrategyField returns one field of a strategy's stored body, by its JSON path, or
// nil when there is no such field or strategy.
func (s *Server) StrategyField(clusterID, tenantID int64, path ...string) any {
	return lookup(s.StrategyBody(clusterID, tenantID), path...)
}

// DeleteStrategy removes a strategy out of band.
func (s *Server) DeleteStrategy(clusterID, tenantID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	*s.mustSlotLocked(scopeKey{clusterID, tenantID}) = nil
}

// DeleteTenant removes a tenant out of band.
func (s *Server) DeleteTenant(clusterID, tenantID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mustTenantLocked(clusterID, tenantID)
	delete(s.tenants, scopeKey{clusterID, tenantID})
}

// ScheduleEnabled reports a scope's scheduling state; ok is false when the cluster,
// tenant or strategy does not exist.
func (s *Server) ScheduleEnabled(clusterID, tenantID int64) (enabled, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	slot := s.slotLocked(scopeKey{clusterID, tenantID})
	if slot == nil || *slot == nil {
		return false, false
	}
	return (*slot).ScheduleEnabled, true
}

// slotLocked returns where a scope's strategy lives, or nil when the cluster or
// tenant does not exist.
func (s *Server) slotLocked(key scopeKey) **Strategy {
	if key.tenantID == 0 {
		if cluster := s.clusters[key.clusterID]; cluster != nil {
			return &cluster.Strategy
		}
		return nil
	}
	if tenant := s.tenants[key]; tenant != nil {
		return &tenant.Strategy
	}
	return nil
}

func (s *Server) mustSlotLocked(key scopeKey) **Strategy {
	slot := s.slotLocked(key)
	if slot == nil {
		panic(fmt.Sprintf("ocpmock: no cluster or tenant %d/%d", key.clusterID, key.tenantID))
	}
	return slot
}

func (s *Server) mustTenantLocked(clusterID, tenantID int64) *Tenant {
	tenant := s.tenants[scopeKey{clusterID, tenantID}]
	if tenant == nil {
		panic(fmt.Sprintf("ocpmock: no tenant %d/%d", clusterID, tenantID))
	}
	return tenant
}

func (s *Server) mustStrategyLocked(key scopeKey) *Strategy {
	strategy := *s.mustSlotLocked(key)
	if strategy == nil {
		panic(fmt.Sprintf("ocpmock: %d/%d has no strategy", key.clusterID, key.tenantID))
	}
	return strategy
}

// deepCopy copies a JSON-shaped value through JSON, which is what it came from.
func deepCopy(body map[string]any) map[string]any {
	raw, err := json.Marshal(body)
	if err != nil {
		panic(err)
	}
	var c map[string]any
	if err := json.Unmarshal(raw, &c); err != nil {
		panic(err)
	}
	return c
}
