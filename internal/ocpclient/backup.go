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

// BackupStrategy is OCP's OcpBackupStrategy: the strategy body plus what OCP adds.
type BackupStrategy struct {
	ID              int64  `json:"id"`
	ClusterID       int64  `json:"clusterId"`
	TenantID        int64  `json:"tenantId"`
	TenantName      string `json:"tenantName"`
	BackupDimension string `json:"backupDimension"`
	BackupStrategyConfig
}

// BackupStrategyConfig is the body of OCP's create and modify strategy calls.
type BackupStrategyConfig struct {
	BackupMode      string                `json:"backupMode"`
	ScheduleConfig  *BackupScheduleConfig `json:"obBackupScheduleConfig"`
	ThresholdConfig *BackupThresholds     `json:"obBackupThresholdConfig,omitempty"`
	StorageConfig   *BackupStorageConfig  `json:"obBackupServiceStorageConfig,omitempty"`
}

// BackupScheduleConfig is OCP's obBackupScheduleConfig.
type BackupScheduleConfig struct {
	// ScheduleEnabled is OCP's "backup switch". Its presence in the GET answer is
	// inferred, not documented, so nil means "OCP did not say".
	ScheduleEnabled *bool  `json:"backupScheduleEnabled,omitempty"`
	ScheduleMode    string `json:"backupScheduleMode"`
	ScheduleTime    string `json:"backupScheduleTime"`
	// Days maps a day number (1–7 Monday–Sunday for WEEK, 1–31 for MONTH) to
	// FULL_BACKUP or INCREMENTAL_BACKUP.
	Days              map[string]string `json:"dayAndDataBackupModelMap"`
	StartLogBackup    *bool             `json:"startLogBackup,omitempty"`
	CleanEnabled      *bool             `json:"cleanEnabled,omitempty"`
	RetentionDays     *int64            `json:"backupDataRetentionDays,omitempty"`
	CleanScheduleTime string            `json:"cleanScheduleTime,omitempty"`
}

// BackupThresholds is OCP's obBackupThresholdConfig (alert thresholds).
type BackupThresholds struct {
	DataBackupTimeoutMinutes        int64 `json:"dataBackupTimeoutMinutes"`
	NoSuccessfulDataBackupAlarmDays int64 `json:"noSuccessfulDataBackupAlarmDays"`
	LogBackupDelaySeconds           int64 `json:"logBackupDelaySeconds"`
}

// BackupStorageConfig is OCP's obBackupServiceStorageConfig (the destination).
type BackupStorageConfig struct {
	ConfigName                      string            `json:"configName"`
	StorageBaseInfo                 BackupStorageInfo `json:"obBackupStorageBaseInfo"`
	AlarmStoragePercentageThreshold int64             `json:"alarmStoragePercentageThreshold"`
}

// Storage types of BackupStorageInfo.BackupStorageType.
const (
	StorageFile = "BACKUP_STORAGE_FILE"
	StorageOSS  = "BACKUP_STORAGE_OSS"
	StorageCOS  = "BACKUP_STORAGE_COS"
	StorageS3   = "BACKUP_STORAGE_S3"
)

// BackupStorageInfo is OCP's obBackupStorageBaseInfo.
type BackupStorageInfo struct {
	BackupStorageType string            `json:"backupStorageType"`
	StorageURL        string            `json:"storageUrl"`
	OSSAccessKey      *StorageAccessKey `json:"ossAccessKey,omitempty"`
	COSAccessKey      *StorageAccessKey `json:"cosAccessKey,omitempty"`
	// S3AccessKey's field name is not in the readable part of OCP's docs; it is
	// inferred from the OSS and COS ones.
	S3AccessKey *StorageAccessKey `json:"s3AccessKey,omitempty"`
}

// StorageAccessKey is the credential of an object-storage destination.
type StorageAccessKey struct {
	Endpoint        string `json:"endpoint,omitempty"`
	AccessKeyID     string `json:"accessKeyId,omitempty"`
	AccessKeySecret string `json:"accessKeySecret,omitempty"`
	AppID           string `json:"appId,omitempty"`
	Region          string `json:"region,omitempty"`
}

// ScheduleEnabled reports whether OCP says scheduling runs; ok is false when the
// answer lacks the field.
func (s *BackupStrategy) ScheduleEnabled() (enabled, ok bool) {
	if s == nil || s.ScheduleConfig == nil || s.ScheduleConfig.ScheduleEnabled == nil {
		return false, false
	}
	return *s.ScheduleConfig.ScheduleEnabled, true
}

// BackupScope addresses the backups of a whole cluster (TenantID zero) or of one
// tenant of it.
type BackupScope struct {
	ClusterID int64
	TenantID  int64
}

// IsTenant reports whether the scope is one tenant rather than a cluster.
func (s BackupScope) IsTenant() bool { return s.TenantID != 0 }

func (s BackupScope) String() string {
	if s.IsTenant() {
		return fmt.Sprintf("tenant %d in cluster %d", s.TenantID, s.ClusterID)
	}
	return fmt.Sprintf("cluster %d", s.ClusterID)
}

// backupPath is the root of the scope's backup endpoints.
func (s BackupScope) backupPath() string {
	if s.IsTenant() {
		return fmt.Sprintf("/api/v2/ob/clusters/%d/tenants/%d/backup", s.ClusterID, s.TenantID)
	}
	return fmt.Sprintf("/api/v2/ob/clusters/%d/backup", s.ClusterID)
}

func (s BackupScope) strategyPath() string {
	return s.backupPath() + "/config/backupStrategy"
}

// StartBackupSchedule starts (resumes) scheduled backups. When OCP answers the call
// but reports an object as failed, the parsed operation is returned together with a
// *BackupOperationError.
func (c *Client) StartBackupSchedule(ctx context.Context, scope BackupScope) (*BackupOperation, error) {
	return c.backupAction(ctx, call{method: http.MethodPost, path: scope.strategyPath() + "/startSchedule"})
}

// StopBackupSchedule stops (pauses) scheduled backups.
func (c *Client) StopBackupSchedule(ctx context.Context, scope BackupScope) (*BackupOperation, error) {
	return c.backupAction(ctx, call{method: http.MethodPost, path: scope.strategyPath() + "/stopSchedule"})
}

func (c *Client) backupAction(ctx context.Context, req call) (*BackupOperation, error) {
	op := &BackupOperation{}
	meta, err := c.do(ctx, req, &op.BackupCommonResponse)
	op.Meta = meta
	if err != nil {
		return nil, err
	}
	if failed := op.failedResults(); len(failed) > 0 {
		return op, &BackupOperationError{
			Method: req.method, Path: req.path, TaskType: op.TaskType, Failed: failed, TraceID: meta.TraceID,
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

// GetBackupStrategy reads a backup strategy. A nil strategy with a nil error means
// OCP answered that there is none (data null). OCP may instead answer with a 404 or
// 400 (IsNoStrategyAnswer), which a caller tells from a missing tenant by reading it.
func (c *Client) GetBackupStrategy(ctx context.Context, scope BackupScope) (*BackupStrategy, error) {
	var strategy *BackupStrategy
	_, err := c.do(ctx, call{method: http.MethodGet, path: scope.strategyPath()}, &strategy)
	if err != nil {
		return nil, err
	}
	return strategy, nil
}

// CreateBackupStrategy creates the scope's backup strategy. The tenant endpoint is
// inferred from the cluster one (POST on the strategy path); see OCP_API.md §3.1 (T4).
func (c *Client) CreateBackupStrategy(ctx context.Context, scope BackupScope, strategy BackupStrategyConfig) (*BackupOperation, error) {
	return c.backupAction(ctx, call{method: http.MethodPost, path: scope.strategyPath(), body: strategy})
}

// UpdateBackupStrategy replaces the scope's backup strategy (OCP's PATCH takes the
// whole body).
func (c *Client) UpdateBackupStrategy(ctx context.Context, scope BackupScope, strategy BackupStrategyConfig) (*BackupOperation, error) {
	return c.backupAction(ctx, call{method: http.MethodPatch, path: scope.strategyPath(), body: strategy})
}

// DeleteBackupStrategy deletes the scope's backup strategy.
func (c *Client) DeleteBackupStrategy(ctx context.Context, scope BackupScope) (*BackupOperation, error) {
	return c.backupAction(ctx, call{method: http.MethodDelete, path: scope.strategyPath()})
}

// BackupNowRequest is the body of OCP's immediate data backup (OCP_API.md §3.5).
type BackupNowRequest struct {
	BackupMode     string `json:"backupMode"`
	DataBackupMode string `json:"dataBackupMode"`
	// StorageConfig is the destination, as the scope's strategy holds it.
	StorageConfig *BackupStorageConfig `json:"obBackupServiceStorageConfig"`
}

// BackupNow starts an immediate data backup of the scope; OCP runs it as the task
// the answer lists.
func (c *Client) BackupNow(ctx context.Context, scope BackupScope, req BackupNowRequest) (*BackupOperation, error) {
	// OCP starts a new backup for every backupNow it receives, so the call is never
	// repeated once it may have reached OCP; the caller settles a lost answer.
	return c.backupAction(ctx, call{method: http.MethodPost, path: scope.backupPath() + "/backupNow", body: req, sentOnce: true})
}
