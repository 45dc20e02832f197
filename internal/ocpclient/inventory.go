package ocpclient

import (
	"context"
	"fmt"
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

// listPageSize is how many objects one list call asks for (OCP allows up to 2000).
const listPageSize = 500

// page is OCP's paged list: data = {contents, page}.
type page[T any] struct {
	Contents []T `json:"contents"`
	Page     struct {
		Number     int `json:"number"`
		TotalPages int `json:"totalPages"`
	} `json:"page"`
}

// listAll reads every page of a paged list.
func listAll[T any](ctx context.Context, c *Client, path string, query url.Values) ([]T, error) {
	var all []T
	for number := 1; ; number++ {
		q := url.Values{}
		for k, v := range query {
			q[k] = v
		}
		q.Set("page", strconv.Itoa(number))
		q.Set("size", strconv.Itoa(listPageSize))
		var p page[T]
		if _, err := c.do(ctx, call{method: http.MethodGet, path: path, query: q}, &p); err != nil {
			return nil, err
		}
		all = append(all, p.Contents...)
		// A page shorter than asked, or the last page, ends the list; a
		// page block missing (TotalPages zero) ends it after the first page.
		if len(p.Contents) < listPageSize || number >= p.Page.TotalPages {
			return all, nil
		}
	}
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
