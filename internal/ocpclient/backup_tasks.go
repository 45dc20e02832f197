package ocpclient

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// DataBackupTask is OCP's DataBackupHistoryWrapperTask.
type DataBackupTask struct {
	TaskID             int64  `json:"taskId"`
	BackupSetID        int64  `json:"backupSetId"`
	ClusterID          int64  `json:"clusterId"`
	TenantID           int64  `json:"tenantId"`
	TenantName         string `json:"tenantName"`
	Status             string `json:"status"`
	DataBackupTaskType string `json:"dataBackupTaskType"`
	BackupMode         string `json:"backupMode"`
	StartTime          string `json:"startTime"`
	FinishTime         string `json:"finishTime"`
	ErrorMsg           string `json:"errorMsg"`
	BackupURI          string `json:"backupUri"`
}

// DataBackupTaskFilter narrows a task listing; zero fields do not filter.
type DataBackupTaskFilter struct {
	Start    time.Time
	End      time.Time
	Statuses []string
}

func (f DataBackupTaskFilter) query() url.Values {
	q := url.Values{}
	// OCP takes UTC times as YYYY-MM-DDThh:mm:ssZ.
	if !f.Start.IsZero() {
		q.Set("startTime", f.Start.UTC().Format(time.RFC3339))
	}
	if !f.End.IsZero() {
		q.Set("endTime", f.End.UTC().Format(time.RFC3339))
	}
	for _, status := range f.Statuses {
		q.Add("status", status)
	}
	return q
}

// ListTenantDataBackupTasks lists a tenant's data backup tasks.
func (c *Client) ListTenantDataBackupTasks(ctx context.Context, clusterID, tenantID int64, filter DataBackupTaskFilter) ([]DataBackupTask, error) {
	path := fmt.Sprintf("/api/v2/ob/clusters/%d/tenants/%d/backup/task/dataBackupTasks", clusterID, tenantID)
	var raw json.RawMessage
	if _, err := c.do(ctx, call{method: http.MethodGet, path: path, query: filter.query()}, &raw); err != nil {
		return nil, err
	}
	return decodeListOrPage[DataBackupTask](raw)
}

// decodeListOrPage accepts a plain JSON array or OCP's page object: the tenant task
// listing is documented as a list, while the cluster one is paged.
func decodeListOrPage[T any](raw json.RawMessage) ([]T, error) {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || bytes.Equal(trimmed, []byte("null")) {
		return nil, nil
	}
	var list []T
	if trimmed[0] == '[' {
		err := json.Unmarshal(trimmed, &list)
		return list, err
	}
	var p page[T]
	err := json.Unmarshal(trimmed, &p)
	return p.Contents, err
}
