package ocpclient

import (
	"context"
	"fmt"
	"net/http"
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
