package ocpclient

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"strconv"
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
	var all []T
	for number := 1; ; number++ {
		var answer listAnswer[T]
		if _, err := c.do(ctx, call{method: http.MethodGet, path: path, query: pageQuery(query, number)}, &answer); err != nil {
			return nil, err
		}
		all = append(all, answer.Contents...)
		if len(answer.Contents) == 0 || !answer.Page.continuesAfter(number, len(all)) {
			return all, nil
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

// ListClusters lists the clusters whose name contains nameFilter (OCP's filter is a
// case-insensitive substring match; an empty filter lists all).
func (c *Client) ListClusters(ctx context.Context, nameFilter string) ([]Cluster, error) {
	return listAll[Cluster](ctx, c, "/api/v2/ob/clusters", nameQuery(nameFilter))
}

// ListTenants lists a cluster's tenants whose name contains nameFilter.
func (c *Client) ListTenants(ctx context.Context, clusterID int64, nameFilter string) ([]Tenant, error) {
	return listAll[Tenant](ctx, c, fmt.Sprintf("/api/v2/ob/clusters/%d/tenants", clusterID), nameQuery(nameFilter))
}

func nameQuery(name string) url.Values {
	q := url.Values{}
	if name != "" {
		q.Set("name", name)
	}
	return q
}
