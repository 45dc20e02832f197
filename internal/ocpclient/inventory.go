package ocpclient

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Cluster is the part of OCP's ObCluster the provider reads.
type Cluster struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	ObClusterID int64  `json:"obClusterId"`
	Status      string `json:"status"`
	Type        string `json:"type"`
	ObVersion   string `json:"obVersion"`
}

// Tenant is the part of OCP's tenant detail the provider reads.
type Tenant struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	ClusterID   int64  `json:"clusterId"`
	ClusterName string `json:"clusterName"`
	ObTenantID  int64  `json:"obTenantId"`
	Status      string `json:"status"`
	Mode        string `json:"mode"`
	// Locked and ReadOnly are nil where OCP leaves them out.
	Locked   *bool `json:"locked"`
	ReadOnly *bool `json:"readonly"`
}

// GetCluster reads one cluster by its OCP id.
func (c *Client) GetCluster(ctx context.Context, clusterID int64) (*Cluster, error) {
	var cluster Cluster
	path := fmt.Sprintf("/api/v2/ob/clusters/%d", clusterID)
	if _, err := c.do(ctx, call{method: http.MethodGet, path: path}, &cluster); err != nil {
		return nil, err
	}
	return &cluster, nil
}

// GetTenant reads one tenant by its cluster's and its own OCP id.
func (c *Client) GetTenant(ctx context.Context, clusterID, tenantID int64) (*Tenant, error) {
	var tenant Tenant
	path := fmt.Sprintf("/api/v2/ob/clusters/%d/tenants/%d", clusterID, tenantID)
	if _, err := c.do(ctx, call{method: http.MethodGet, path: path}, &tenant); err != nil {
		return nil, err
	}
	return &tenant, nil
}

// listPageSize is how many objects one list call asks for. OCP allows up to 2000,
// but a deployment may give fewer whatever is asked.
const listPageSize = 500

// listAll reads a list to its end. A page shorter than asked proves nothing, as a
// server may cap the size it gives, so the list goes on while the page block says
// more items or pages follow. An answer without a page block (a plain list, too)
// is the whole list. An empty page ends the list, so totals that do not come true
// (objects deleted meanwhile) cannot keep it asking.
func listAll[T any](ctx context.Context, c *Client, path string, query url.Values) ([]T, error) {
	all, _, err := listAllWithMeta[T](ctx, c, path, query)
	return all, err
}

// listAllWithMeta is listAll that also returns the envelope of the last page.
func listAllWithMeta[T any](ctx context.Context, c *Client, path string, query url.Values) ([]T, ResponseMeta, error) {
	var all []T
	for number := 1; ; number++ {
		var answer listAnswer[T]
		meta, err := c.do(ctx, call{method: http.MethodGet, path: path, query: pageQuery(query, number)}, &answer)
		if err != nil {
			return nil, meta, err
		}
		all = append(all, answer.Contents...)
		if len(answer.Contents) == 0 || !answer.Page.continuesAfter(number, len(all)) {
			return all, meta, nil
		}
	}
}

// pageQuery is query asking for page number, listPageSize items long.
func pageQuery(query url.Values, number int) url.Values {
	q := url.Values{}
	maps.Copy(q, query)
	q.Set("page", strconv.Itoa(number))
	q.Set("size", strconv.Itoa(listPageSize))
	return q
}

// pageObject is OCP's paged list: data = {contents, page}.
type pageObject[T any] struct {
	Contents []T        `json:"contents"`
	Page     *pageBlock `json:"page"`
}

// listAnswer is one answer of a list endpoint: OCP's page object, or a plain JSON
// list, which has no page block.
type listAnswer[T any] pageObject[T]

// UnmarshalJSON accepts both shapes: the tenant task listing is documented as a
// plain list, the other lists as paged. null is an empty list.
func (a *listAnswer[T]) UnmarshalJSON(raw []byte) error {
	trimmed := bytes.TrimSpace(raw)
	switch {
	case bytes.Equal(trimmed, []byte("null")):
		return nil
	case len(trimmed) > 0 && trimmed[0] == '[':
		return json.Unmarshal(trimmed, &a.Contents)
	default:
		return json.Unmarshal(trimmed, (*pageObject[T])(a))
	}
}

// pageBlock is what a page says about the whole list. OCP's samples name the page
// count totalPages, its field tables totalPage; either is read.
type pageBlock struct {
	TotalElements int `json:"totalElements"`
	TotalPages    int `json:"totalPages"`
	TotalPage     int `json:"totalPage"`
}

// continuesAfter reports whether the list goes on after page number, with seen
// items read so far. Either total may say so: a server that caps the page size
// may count its pages by the size asked rather than the size it gave.
func (p *pageBlock) continuesAfter(number, seen int) bool {
	return p != nil && (number < max(p.TotalPages, p.TotalPage) || seen < p.TotalElements)
}

// ClusterFilter narrows a cluster listing; zero fields do not filter.
type ClusterFilter struct {
	// Name is OCP's own filter: a case-insensitive substring of the name.
	Name     string
	Statuses []string
}

// TenantFilter narrows a tenant listing; zero fields do not filter.
type TenantFilter struct {
	// ClusterID lists one cluster's tenants; zero lists every tenant the user may read.
	ClusterID int64
	// Name is OCP's own filter: a case-insensitive substring of the name.
	Name     string
	Mode     string
	Statuses []string
}

// ListClusters lists the clusters the filter lets through. The filter is sent to
// OCP and applied again to its answer: an OCP version that ignores a filter
// parameter must not widen the list.
func (c *Client) ListClusters(ctx context.Context, filter ClusterFilter) ([]Cluster, error) {
	q := nameQuery(filter.Name)
	addAll(q, "status", filter.Statuses)
	clusters, err := listAll[Cluster](ctx, c, "/api/v2/ob/clusters", q)
	return keep(clusters, func(cl *Cluster) bool {
		return nameContains(cl.Name, filter.Name) && oneOf(cl.Status, filter.Statuses)
	}), err
}

// ListTenants lists the tenants the filter lets through, of one cluster or of all,
// filtered by OCP and again on its answer as ListClusters is. OCP's samples write
// the mode both MYSQL and Oracle, so it is compared without case.
func (c *Client) ListTenants(ctx context.Context, filter TenantFilter) ([]Tenant, error) {
	path := "/api/v2/ob/tenants"
	if filter.ClusterID != 0 {
		path = fmt.Sprintf("/api/v2/ob/clusters/%d/tenants", filter.ClusterID)
	}
	q := nameQuery(filter.Name)
	if filter.Mode != "" {
		// OCP's mode parameter is an enum of upper-case names.
		q.Set("mode", strings.ToUpper(filter.Mode))
	}
	addAll(q, "status", filter.Statuses)
	tenants, err := listAll[Tenant](ctx, c, path, q)
	return keep(tenants, func(t *Tenant) bool {
		return inCluster(t, filter.ClusterID) &&
			nameContains(t.Name, filter.Name) &&
			(filter.Mode == "" || strings.EqualFold(t.Mode, filter.Mode)) &&
			oneOf(t.Status, filter.Statuses)
	}), err
}

// inCluster reports whether t belongs to the listed cluster (any, when zero). A
// listing of one cluster whose items leave clusterId out is taken at its word, and
// the id filled in.
func inCluster(t *Tenant, clusterID int64) bool {
	if clusterID != 0 && t.ClusterID == 0 {
		t.ClusterID = clusterID
	}
	return clusterID == 0 || t.ClusterID == clusterID
}

func nameQuery(name string) url.Values {
	q := url.Values{}
	if name != "" {
		q.Set("name", name)
	}
	return q
}

func addAll(q url.Values, key string, values []string) {
	for _, v := range values {
		q.Add(key, v)
	}
}

func nameContains(name, part string) bool {
	return strings.Contains(strings.ToLower(name), strings.ToLower(part))
}

// oneOf reports whether value is among values; no values lets everything through.
func oneOf(value string, values []string) bool {
	return len(values) == 0 || slices.Contains(values, value)
}

// keep returns the items for which ok holds, in items' array; ok may complete
// the item it is given.
func keep[T any](items []T, ok func(*T) bool) []T {
	kept := items[:0]
	for i := range items {
		if ok(&items[i]) {
			kept = append(kept, items[i])
		}
	}
	return kept
}
