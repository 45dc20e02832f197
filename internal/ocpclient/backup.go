package ocpclient

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// BackupCommonResponse is the data of OCP's backup actions (start/stop scheduling,
// strategy changes, backup now).
type BackupCommonResponse struct {
	TaskType string                  `json:"obBackupTaskType"`
	Results  []BackupObjectOpsResult `json:"backupObjectOpsResultList"`
}

// BackupObjectOpsResult is the outcome for one group of backup objects.
type BackupObjectOpsResult struct {
	Successful bool           `json:"beSuccessful"`
	Objects    []BackupObject `json:"obBackupObjectList"`
	TaskIDs    []int64        `json:"taskIdList"`
	// ErrorCode's inner shape is not documented by OCP; it is kept raw and rendered
	// as text by ErrorCodeText whatever it turns out to be.
	ErrorCode json.RawMessage `json:"errorCode"`
	Hint      string          `json:"hint"`
}

// BackupObject names a cluster or a tenant that a backup action addressed.
type BackupObject struct {
	BackupDimension string `json:"backupDimension"`
	ClusterID       int64  `json:"clusterId"`
	TenantID        int64  `json:"tenantId"`
}

// BackupOperation is a backup action's parsed data with the envelope's metadata.
type BackupOperation struct {
	BackupCommonResponse
	Meta ResponseMeta
}

// ErrorCodeText renders the undocumented errorCode value as text.
func (r BackupObjectOpsResult) ErrorCodeText() string {
	return jsonScalarText(r.ErrorCode)
}

// TaskIDs lists the asynchronous task ids of all results, in order.
func (r BackupCommonResponse) TaskIDs() []int64 {
	var ids []int64
	for _, item := range r.Results {
		ids = append(ids, item.TaskIDs...)
	}
	return ids
}

func (r BackupObjectOpsResult) describeFailure() string {
	msg := r.Hint
	if msg == "" {
		msg = "OCP gave no hint"
	}
	if code := r.ErrorCodeText(); code != "" {
		msg += fmt.Sprintf(" (error code %s)", code)
	}
	return msg
}

// BackupStrategy is the part of OCP's OcpBackupStrategy the provider reads.
type BackupStrategy struct {
	ID              int64                 `json:"id"`
	ClusterID       int64                 `json:"clusterId"`
	TenantID        int64                 `json:"tenantId"`
	TenantName      string                `json:"tenantName"`
	BackupDimension string                `json:"backupDimension"`
	BackupMode      string                `json:"backupMode"`
	ScheduleConfig  *BackupScheduleConfig `json:"obBackupScheduleConfig"`
}

// BackupScheduleConfig is OCP's obBackupScheduleConfig.
type BackupScheduleConfig struct {
	// ScheduleEnabled is OCP's "backup switch". Its presence in the GET answer is
	// inferred, not documented, so nil means "OCP did not say".
	ScheduleEnabled *bool  `json:"backupScheduleEnabled"`
	ScheduleMode    string `json:"backupScheduleMode"`
	ScheduleTime    string `json:"backupScheduleTime"`
}

// ScheduleEnabled reports whether OCP says scheduling runs; ok is false when the
// answer lacks the field.
func (s *BackupStrategy) ScheduleEnabled() (enabled, ok bool) {
	if s == nil || s.ScheduleConfig == nil || s.ScheduleConfig.ScheduleEnabled == nil {
		return false, false
	}
	return *s.ScheduleConfig.ScheduleEnabled, true
}

func tenantBackupPath(clusterID, tenantID int64) string {
	return fmt.Sprintf("/api/v2/ob/clusters/%d/tenants/%d/backup/config/backupStrategy", clusterID, tenantID)
}

// StartTenantBackupSchedule starts (resumes) a tenant's scheduled backups. When OCP
// answers the call but reports an object as failed, the parsed operation is returned
// together with a *BackupOperationError.
func (c *Client) StartTenantBackupSchedule(ctx context.Context, clusterID, tenantID int64) (*BackupOperation, error) {
	return c.backupAction(ctx, tenantBackupPath(clusterID, tenantID)+"/startSchedule")
}

// StopTenantBackupSchedule stops (pauses) a tenant's scheduled backups.
func (c *Client) StopTenantBackupSchedule(ctx context.Context, clusterID, tenantID int64) (*BackupOperation, error) {
	return c.backupAction(ctx, tenantBackupPath(clusterID, tenantID)+"/stopSchedule")
}

func (c *Client) backupAction(ctx context.Context, path string) (*BackupOperation, error) {
	op := &BackupOperation{}
	meta, err := c.do(ctx, call{method: http.MethodPost, path: path}, &op.BackupCommonResponse)
	op.Meta = meta
	if err != nil {
		return nil, err
	}
	if failed := op.failedResults(); len(failed) > 0 {
		return op, &BackupOperationError{
			Method: http.MethodPost, Path: path, TaskType: op.TaskType, Failed: failed, TraceID: meta.TraceID,
		}
	}
	return op, nil
}

func (op *BackupOperation) failedResults() []BackupObjectOpsResult {
	var failed []BackupObjectOpsResult
	for _, item := range op.Results {
		if !item.Successful {
			failed = append(failed, item)
		}
	}
	return failed
}

// GetTenantBackupStrategy reads a tenant's backup strategy. A nil strategy with a nil
// error means OCP answered that there is none (data null). OCP may instead answer
// "not found"; callers test that with IsNotFound.
func (c *Client) GetTenantBackupStrategy(ctx context.Context, clusterID, tenantID int64) (*BackupStrategy, error) {
	var strategy *BackupStrategy
	_, err := c.do(ctx, call{method: http.MethodGet, path: tenantBackupPath(clusterID, tenantID)}, &strategy)
	if err != nil {
		return nil, err
	}
	return strategy, nil
}
