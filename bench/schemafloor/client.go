package main

import (
	"fmt"
	"io"
	"math/big"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// client makes the schedules' calls with net/http: no retry, no decoding beyond
// the status.
type client struct {
	http           *http.Client
	base           string
	user, password string
}

// getStrategy reads the strategy of the scope a schedule's state names.
func (c *client) getStrategy(state tfsdk.State) error {
	return c.do(http.MethodGet, scopePath(state)+"/backup/config/backupStrategy")
}

// post sends the scope's strategy an action: startSchedule or stopSchedule.
func (c *client) post(state tfsdk.State, action string) error {
	return c.do(http.MethodPost, scopePath(state)+"/backup/config/backupStrategy/"+action)
}

func (c *client) do(method, path string) error {
	req, err := http.NewRequest(method, c.base+path, nil)
	if err != nil {
		return err
	}
	req.SetBasicAuth(c.user, c.password)
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: %s", method, path, resp.Status)
	}
	return nil
}

// scopePath is the API path of the cluster, or tenant, a schedule's state names.
func scopePath(state tfsdk.State) string {
	var attributes map[string]tftypes.Value
	_ = state.Raw.As(&attributes)
	path := "/ob/clusters/" + number(attributes["cluster_id"])
	if tenant, ok := attributes["tenant_id"]; ok {
		path += "/tenants/" + number(tenant)
	}
	return path
}

func number(v tftypes.Value) string {
	var n big.Float
	_ = v.As(&n)
	return n.Text('f', 0)
}
