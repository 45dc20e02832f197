package ocpmock

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// RouteListAllTenants lists the tenants of every cluster.
const RouteListAllTenants Route = "GET all tenants"

// tenantModes are the values of OCP's tenant mode enum.
var tenantModes = []string{"MYSQL", "ORACLE"}

// ModifyTenant changes a tenant's attributes (mode, status, locked, read-only)
// behind the provider's back.
func (s *Server) ModifyTenant(clusterID, tenantID int64, edit func(t *Tenant)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	edit(s.mustTenantLocked(clusterID, tenantID))
}

// SetClusterStatus changes a cluster's status, e.g. to STOPPED.
func (s *Server) SetClusterStatus(clusterID int64, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clusters[clusterID].Status = status
}

func clusterJSON(c *Cluster) map[string]any {
	return map[string]any{
		"id": c.ID, "name": c.Name, "obClusterId": c.ID % 100000,
		"status": c.Status, "type": "PRIMARY", "obVersion": "4.2.1.8",
	}
}

func tenantJSON(t *Tenant, clusterName string) map[string]any {
	return map[string]any{
		"id": t.ID, "name": t.Name, "clusterId": t.ClusterID, "clusterName": clusterName,
		"obTenantId": t.ID % 1000, "status": t.Status, "mode": t.Mode,
		"locked": t.Locked, "readonly": t.ReadOnly,
	}
}

func (s *Server) getCluster(w http.ResponseWriter, r *http.Request) {
	key, ok := s.resolveScope(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	body := clusterJSON(s.clusters[key.clusterID])
	s.mu.Unlock()
	s.writeData(w, body)
}

func (s *Server) getTenant(w http.ResponseWriter, r *http.Request) {
	key, ok := s.resolveScope(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	body := tenantJSON(s.tenants[key], s.clusters[key.clusterID].Name)
	s.mu.Unlock()
	s.writeData(w, body)
}

func (s *Server) listClusters(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	var items []map[string]any
	for _, c := range s.clusters {
		if s.listFilter(r).clusterMatches(c) {
			items = append(items, clusterJSON(c))
		}
	}
	s.mu.Unlock()
	s.writePage(w, r, items)
}

func (s *Server) listTenants(w http.ResponseWriter, r *http.Request) {
	key, ok := s.resolveScope(w, r)
	if !ok {
		return
	}
	s.writeTenants(w, r, func(t *Tenant) bool { return t.ClusterID == key.clusterID })
}

// listAllTenants answers /api/v2/ob/tenants: the tenants of every cluster, with
// the same filters as one cluster's list.
func (s *Server) listAllTenants(w http.ResponseWriter, r *http.Request) {
	s.writeTenants(w, r, func(*Tenant) bool { return true })
}

// writeTenants answers the tenants in scope that OCP's list filters let through.
func (s *Server) writeTenants(w http.ResponseWriter, r *http.Request, inScope func(*Tenant) bool) {
	filter := s.listFilter(r)
	if filter.mode != "" && !slices.Contains(tenantModes, filter.mode) {
		// OCP binds the parameter to its enum, which has no other spelling.
		s.writeError(w, http.StatusBadRequest, codeIllegalArgument, "Invalid value of mode: "+filter.mode)
		return
	}
	s.mu.Lock()
	var items []map[string]any
	for _, t := range s.tenants {
		if inScope(t) && !t.Unlisted && filter.tenantMatches(t) {
			items = append(items, tenantJSON(t, s.clusters[t.ClusterID].Name))
		}
	}
	s.mu.Unlock()
	s.writePage(w, r, items)
}

// listFilter is what OCP's cluster and tenant lists filter on (OCP_API.md §7): name
// (a case-insensitive substring), status (repeatable), and for tenants mode,
// locked and readonly.
type listFilter struct {
	name, mode       string
	statuses         []string
	locked, readOnly string
}

// listFilter reads the filter of a list request; with Options.IgnoreListFilters
// it lets everything through.
func (s *Server) listFilter(r *http.Request) listFilter {
	if s.opts.IgnoreListFilters {
		return listFilter{}
	}
	q := r.URL.Query()
	return listFilter{
		name: q.Get("name"), mode: q.Get("mode"), statuses: q["status"],
		locked: q.Get("locked"), readOnly: q.Get("readonly"),
	}
}

func (f listFilter) clusterMatches(c *Cluster) bool {
	return f.nameMatches(c.Name) && f.statusMatches(c.Status)
}

func (f listFilter) tenantMatches(t *Tenant) bool {
	return f.nameMatches(t.Name) && f.statusMatches(t.Status) &&
		(f.mode == "" || strings.EqualFold(f.mode, t.Mode)) &&
		flagMatches(f.locked, t.Locked) && flagMatches(f.readOnly, t.ReadOnly)
}

func (f listFilter) nameMatches(name string) bool {
	return strings.Contains(strings.ToLower(name), strings.ToLower(f.name))
}

func (f listFilter) statusMatches(status string) bool {
	return len(f.statuses) == 0 || slices.Contains(f.statuses, status)
}

// flagMatches applies a boolean filter; an absent or unreadable one lets all through.
func flagMatches(filter string, value bool) bool {
	want, err := strconv.ParseBool(filter)
	return err != nil || want == value
}
