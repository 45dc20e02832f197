package ocpclient

import (
	"context"
	"fmt"
	"net/url"
	"time"
)

// DataBackupTask is OCP's DataBackupHistoryWrapperTask.
type DataBackupTask struct {
	TaskID             int64     `json:"taskId"`
	BackupSetID        int64     `json:"backupSetId"`
	ClusterID          int64     `json:"clusterId"`
	TenantID           int64     `json:"tenantId"`
	TenantName         string    `json:"tenantName"`
	Status             string    `json:"status"`
	DataBackupTaskType string    `json:"dataBackupTaskType"`
	BackupMode         string    `json:"backupMode"`
	StartTime          Timestamp `json:"startTime"`
	FinishTime         Timestamp `json:"finishTime"`
	ErrorMsg           string    `json:"errorMsg"`
	BackupURI          string    `json:"backupUri"`
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

// ListTenantDataBackupTasks lists a tenant's data backup tasks. OCP documents this
// listing as a plain list and the cluster's as paged; an answer in the page shape
// is read to its last page.
func (c *Client) ListTenantDataBackupTasks(ctx context.Context, clusterID, tenantID int64, filter DataBackupTaskFilter) ([]DataBackupTask, error) {
	path := fmt.Sprintf("/api/v2/ob/clusters/%d/tenants/%d/backup/task/dataBackupTasks", clusterID, tenantID)
	tasks, meta, err := listAllWithMeta[DataBackupTask](ctx, c, path, filter.query())
	zone := meta.serverZone()
	for i := range tasks {
		tasks[i].StartTime = tasks[i].StartTime.assumingZone(zone)
		tasks[i].FinishTime = tasks[i].FinishTime.assumingZone(zone)
	}
	return tasks, err
}

// LogBackupTask is OCP's LogBackupWrapperTask: a tenant's log archiving. Its
// checkpoint and delay are not described beyond their names; Timestamp and
// Seconds read every form they plausibly take.
type LogBackupTask struct {
	Status     string    `json:"status"`
	ErrorMsg   string    `json:"errorMsg"`
	BackupURI  string    `json:"backupUri"`
	Checkpoint Timestamp `json:"checkpoint"`
	Delay      Seconds   `json:"delay"`
	CreateTime Timestamp `json:"createTime"`
	ModifyTime Timestamp `json:"modifyTime"`
}

// ListTenantLogBackupTasks lists a tenant's log backup tasks, in either list shape.
func (c *Client) ListTenantLogBackupTasks(ctx context.Context, clusterID, tenantID int64) ([]LogBackupTask, error) {
	path := fmt.Sprintf("/api/v2/ob/clusters/%d/tenants/%d/backup/task/logBackupTasks", clusterID, tenantID)
	tasks, meta, err := listAllWithMeta[LogBackupTask](ctx, c, path, url.Values{})
	zone := meta.serverZone()
	for i := range tasks {
		task := &tasks[i]
		task.Checkpoint = task.Checkpoint.assumingZone(zone)
		task.CreateTime = task.CreateTime.assumingZone(zone)
		task.ModifyTime = task.ModifyTime.assumingZone(zone)
	}
	return tasks, err
}
