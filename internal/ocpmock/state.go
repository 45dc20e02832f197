// Package ocpmock is a stateful, in-memory imitation of the parts of OCP's HTTP API
// that the provider uses. It answers with OCP's envelopes, checks credentials for
// real, and lets tests inject faults and change state behind the provider's back.
package ocpmock

import (
	"fmt"
	"sort"
)

// Cluster is a mock OCP cluster.
type Cluster struct {
	ID   int64
	Name string
}

// Tenant is a mock OCP tenant; Strategy is nil when it has no backup strategy.
type Tenant struct {
	ID        int64
	ClusterID int64
	Name      string
	Strategy  *Strategy
}

// Strategy is a mock tenant backup strategy.
type Strategy struct {
	ID              int64
	BackupMode      string
	ScheduleMode    string
	ScheduleTime    string
	ScheduleEnabled bool
}

type tenantKey struct{ clusterID, tenantID int64 }

// AddCluster adds (or replaces) a cluster.
func (s *Server) AddCluster(id int64, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clusters[id] = &Cluster{ID: id, Name: name}
}

// AddTenant adds a tenant to an existing cluster; withStrategy gives it a backup
// strategy whose scheduling is stopped, as OCP leaves a freshly created strategy.
func (s *Server) AddTenant(clusterID, tenantID int64, name string, withStrategy bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.clusters[clusterID]; !ok {
		panic(fmt.Sprintf("ocpmock: AddTenant on unknown cluster %d", clusterID))
	}
	tenant := &Tenant{ID: tenantID, ClusterID: clusterID, Name: name}
	if withStrategy {
		tenant.Strategy = s.newStrategyLocked()
	}
	s.tenants[tenantKey{clusterID, tenantID}] = tenant
}

func (s *Server) newStrategyLocked() *Strategy {
	s.nextID++
	return &Strategy{
		ID: s.nextID, BackupMode: "PHYSICAL_BACKUP", ScheduleMode: "WEEK", ScheduleTime: "02:00:00.000+08:00",
	}
}

// SetScheduleEnabled changes a tenant's scheduling state out of band, as a DBA in the
// console would.
func (s *Server) SetScheduleEnabled(clusterID, tenantID int64, enabled bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mustStrategyLocked(clusterID, tenantID).ScheduleEnabled = enabled
}

// DeleteStrategy removes a tenant's backup strategy out of band.
func (s *Server) DeleteStrategy(clusterID, tenantID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mustTenantLocked(clusterID, tenantID).Strategy = nil
}

// DeleteTenant removes a tenant out of band.
func (s *Server) DeleteTenant(clusterID, tenantID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mustTenantLocked(clusterID, tenantID)
	delete(s.tenants, tenantKey{clusterID, tenantID})
}

// ScheduleEnabled reports a tenant's scheduling state; ok is false when the tenant or
// its strategy does not exist.
func (s *Server) ScheduleEnabled(clusterID, tenantID int64) (enabled, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tenant := s.tenants[tenantKey{clusterID, tenantID}]
	if tenant == nil || tenant.Strategy == nil {
		return false, false
	}
	return tenant.Strategy.ScheduleEnabled, true
}

// Tenants lists all tenants, ordered by cluster and tenant id.
func (s *Server) Tenants() []Tenant {
	s.mu.Lock()
	defer s.mu.Unlock()
	list := make([]Tenant, 0, len(s.tenants))
	for _, t := range s.tenants {
		list = append(list, *t)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].ClusterID != list[j].ClusterID {
			return list[i].ClusterID < list[j].ClusterID
		}
		return list[i].ID < list[j].ID
	})
	return list
}

func (s *Server) mustTenantLocked(clusterID, tenantID int64) *Tenant {
	tenant := s.tenants[tenantKey{clusterID, tenantID}]
	if tenant == nil {
		panic(fmt.Sprintf("ocpmock: no tenant %d/%d", clusterID, tenantID))
	}
	return tenant
}

func (s *Server) mustStrategyLocked(clusterID, tenantID int64) *Strategy {
	strategy := s.mustTenantLocked(clusterID, tenantID).Strategy
	if strategy == nil {
		panic(fmt.Sprintf("ocpmock: tenant %d/%d has no strategy", clusterID, tenantID))
	}
	return strategy
}
