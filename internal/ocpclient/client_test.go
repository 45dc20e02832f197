package ocpclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

const (
	testUser     = "admin"
	testPassword = "Pw-3e9a-never-print"
	testKeyID    = "AK-1"
	testSecret   = "SK-77c2-never-print"
)

const strategyPath = "/api/v2/ob/clusters/1/tenants/11/backup/config/backupStrategy"

// answer is one canned HTTP answer.
type answer struct {
	status int
	header http.Header
	body   string
}

// scriptedServer answers requests with the given answers in turn (the last one
// repeats) and counts them.
type scriptedServer struct {
	*httptest.Server
	answers []answer
	calls   atomic.Int32
	lastReq atomic.Pointer[http.Request]
}

func newScriptedServer(t *testing.T, answers ...answer) *scriptedServer {
	t.Helper()
	s := &scriptedServer{answers: answers}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(s.calls.Add(1))
		s.lastReq.Store(r)
		a := s.answers[min(n, len(s.answers))-1]
		for k, v := range a.header {
			w.Header()[k] = v
		}
		w.WriteHeader(a.status)
		_, _ = w.Write([]byte(a.body))
	}))
	t.Cleanup(s.Close)
	return s
}

func testClient(t *testing.T, url string, mutate ...func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		URL: url, Username: testUser, Password: testPassword,
		MaxRetries: 3, RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond,
		RequestTimeout: 2 * time.Second, TaskPollInterval: time.Millisecond, UserAgent: "terraform-provider-ocp/test",
	}
	for _, m := range mutate {
		m(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// withAccessKey makes testClient sign with the test access key and secret instead
// of sending the test user's password.
func withAccessKey(secret string) func(*Config) {
	return func(c *Config) {
		c.Username, c.Password, c.AccessKeyID, c.AccessKeySecret = "", "", testKeyID, secret
	}
}

const okStart = `{"data":{"obBackupTaskType":"START_BACKUP_SCHEDULE","backupObjectOpsResultList":[
 {"beSuccessful":true,"obBackupObjectList":[{"backupDimension":"TENANT","clusterId":1,"tenantId":11}]}]},
 "successful":true,"timestamp":"2024-09-10T10:03:11.979+08:00","duration":5,"status":200,"traceId":"t-ok","server":"s1"}`

func TestStartDecodesEnvelopeAndSendsHeaders(t *testing.T) {
	srv := newScriptedServer(t, answer{status: 200, body: okStart})
	op, err := testClient(t, srv.URL).StartBackupSchedule(context.Background(), testScope)
	if err != nil {
		t.Fatal(err)
	}
	if op.TaskType != "START_BACKUP_SCHEDULE" || op.Meta.TraceID != "t-ok" || op.Meta.Timestamp != "2024-09-10T10:03:11.979+08:00" {
		t.Errorf("unexpected operation %+v", op)
	}
	if len(op.Results) != 1 || op.Results[0].Objects[0].TenantID != 11 {
		t.Errorf("unexpected results %+v", op.Results)
	}
	req := srv.lastReq.Load()
	if got := req.URL.Path; got != strategyPath+"/startSchedule" {
		t.Errorf("path = %s", got)
	}
	for header, want := range map[string]string{
		"User-Agent": "terraform-provider-ocp/test", "Accept-Language": "en-US",
	} {
		if got := req.Header.Get(header); got != want {
			t.Errorf("%s = %q, want %q", header, got, want)
		}
	}
	if user, pass, ok := req.BasicAuth(); !ok || user != testUser || pass != testPassword {
		t.Errorf("basic auth not sent")
	}
}

func TestErrorsNameCallStatusCodeMessageAndTrace(t *testing.T) {
	tests := map[string]struct {
		answer answer
		want   []string
	}{
		"numeric code": {
			answer: answer{status: 404, body: `{"successful":false,"status":404,"traceId":"tr-1","error":{"code":10002,"message":"Tenant not found"}}`},
			want:   []string{"GET " + strategyPath, "HTTP 404 Not Found", "OCP error code 10002", "Tenant not found", "traceId tr-1"},
		},
		"string code": {
			answer: answer{status: 400, body: `{"successful":false,"status":400,"traceId":"tr-2","error":{"code":"60002","message":"bad tenant"}}`},
			want:   []string{"HTTP 400", "OCP error code 60002", "bad tenant", "traceId tr-2"},
		},
		"html from a proxy": {
			answer: answer{status: 502, body: "<html><body><h1>502 Bad Gateway</h1>nginx</body></html>"},
			want:   []string{"HTTP 502 Bad Gateway", "without OCP's error envelope", "<h1>502 Bad Gateway</h1>"},
		},
		"200 but not successful": {
			answer: answer{status: 200, body: `{"successful":false,"status":200,"traceId":"tr-3","error":{"code":0,"message":"refused"}}`},
			want:   []string{"HTTP 200", "refused", "traceId tr-3"},
		},
		"malformed json": {
			answer: answer{status: 200, body: `{"data": {"id": 1`},
			want:   []string{"HTTP 200", "malformed OCP response", `{"data": {"id": 1`},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			srv := newScriptedServer(t, tt.answer)
			_, err := testClient(t, srv.URL, func(c *Config) { c.MaxRetries = 0 }).GetBackupStrategy(context.Background(), testScope)
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("want *APIError, got %v", err)
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
			if strings.Contains(err.Error(), "invalid character") && !strings.Contains(err.Error(), "malformed") {
				t.Errorf("bare decoder message: %v", err)
			}
		})
	}
}

func TestStrategyAbsentAsNullData(t *testing.T) {
	srv := newScriptedServer(t, answer{status: 200, body: `{"data":null,"successful":true,"status":200}`})
	strategy, err := testClient(t, srv.URL).GetBackupStrategy(context.Background(), testScope)
	if err != nil || strategy != nil {
		t.Fatalf("want nil strategy and nil error, got %+v, %v", strategy, err)
	}
}

func TestObjectFailureReturnsParsedResponseAndHint(t *testing.T) {
	body := `{"successful":true,"status":200,"traceId":"tr-9","data":{"obBackupTaskType":"START_BACKUP_SCHEDULE",
	 "backupObjectOpsResultList":[{"beSuccessful":false,"hint":"destination not writable","errorCode":{"code":83018}}]}}`
	srv := newScriptedServer(t, answer{status: 200, body: body})
	op, err := testClient(t, srv.URL).StartBackupSchedule(context.Background(), testScope)
	var opErr *BackupOperationError
	if !errors.As(err, &opErr) {
		t.Fatalf("want *BackupOperationError, got %v", err)
	}
	if op == nil || op.Results[0].Hint != "destination not writable" {
		t.Fatalf("parsed response not returned: %+v", op)
	}
	for _, want := range []string{"destination not writable", `error code {"code":83018}`, "traceId tr-9"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

func TestRequestTimeout(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-block }))
	t.Cleanup(func() { close(block); srv.Close() })
	c := testClient(t, srv.URL, func(c *Config) { c.RequestTimeout = 50 * time.Millisecond; c.MaxRetries = 0 })
	_, err := c.StartBackupSchedule(context.Background(), testScope)
	if err == nil || !strings.Contains(err.Error(), "within the request timeout of 50ms") {
		t.Fatalf("want a timeout error, got %v", err)
	}
}

func TestWaitForTasks(t *testing.T) {
	running := answer{status: 200, body: `{"data":{"id":7,"name":"Start","status":"RUNNING"},"successful":true,"status":200}`}
	done := answer{status: 200, body: `{"data":{"id":7,"name":"Start","status":"SUCCESSFUL"},"successful":true,"status":200}`}
	failed := answer{status: 200, body: `{"data":{"id":7,"name":"Start","status":"FAILED","subtasks":[
		{"name":"Check destination","status":"FAILED","message":"disk full"}]},"successful":true,"status":200}`}

	srv := newScriptedServer(t, running, running, done)
	if err := testClient(t, srv.URL).WaitForTasks(context.Background(), []int64{7}); err != nil {
		t.Fatalf("unexpected error %v", err)
	}
	if got := srv.calls.Load(); got != 3 {
		t.Errorf("polls = %d, want 3", got)
	}

	srv = newScriptedServer(t, running, failed)
	err := testClient(t, srv.URL).WaitForTasks(context.Background(), []int64{7})
	var taskErr *TaskFailedError
	if !errors.As(err, &taskErr) || !strings.Contains(err.Error(), "Check destination: disk full") || !strings.Contains(err.Error(), "task 7") {
		t.Fatalf("want a task failure naming the task and message, got %v", err)
	}
}

func TestAccessKeySigningIsAcceptedAndRefreshedPerAttempt(t *testing.T) {
	var dates []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		dates = append(dates, r.Header.Get("Date"))
		auth := r.Header.Get("Authorization")
		if !strings.HasPrefix(auth, accessKeyAlgorithm+" "+testKeyID+":") {
			t.Errorf("Authorization = %q", auth)
		}
		w.WriteHeader(200)
		_, _ = w.Write([]byte(okStart))
	}))
	t.Cleanup(srv.Close)
	c := testClient(t, srv.URL, withAccessKey(testSecret))
	if _, err := c.StartBackupSchedule(context.Background(), testScope); err != nil {
		t.Fatal(err)
	}
	if len(dates) != 1 || dates[0] == "" {
		t.Errorf("Date header not sent: %v", dates)
	}
}

func TestConfigErrors(t *testing.T) {
	tests := map[string]struct {
		cfg   Config
		field ConfigField
	}{
		"relative url":   {Config{URL: "ocp:8080", Username: "u", Password: "p"}, FieldURL},
		"OCP's API path": {Config{URL: "https://ocp.example.com/api/v2/", Username: "u", Password: "p"}, FieldURL},
		"no credentials": {Config{URL: "http://h"}, FieldCredentials},
		"both modes":     {Config{URL: "http://h", Username: "u", Password: "p", AccessKeyID: "a", AccessKeySecret: "s"}, FieldCredentials},
		"half a key":     {Config{URL: "http://h", AccessKeyID: "a"}, FieldCredentials},
		"bad pem":        {Config{URL: "http://h", Username: "u", Password: "p", CACertPEM: "junk"}, FieldCACert},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := New(tt.cfg)
			var cfgErr *ConfigError
			if !errors.As(err, &cfgErr) || cfgErr.Field != tt.field {
				t.Fatalf("want ConfigError on %s, got %v", tt.field, err)
			}
		})
	}
}

// Logs written while calling OCP, at the most verbose level, must not contain any
// credential: not the password, not the secret, not the Authorization value.
func TestLogsMaskCredentials(t *testing.T) {
	for name, mutate := range map[string]func(*Config){
		"basic":      func(*Config) {},
		"access key": withAccessKey(testSecret),
	} {
		t.Run(name, func(t *testing.T) {
			var seenAuth atomic.Value
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				seenAuth.Store(r.Header.Get("Authorization"))
				w.WriteHeader(401)
				_, _ = w.Write([]byte(`{"successful":false,"status":401,"error":{"code":0,"message":"Bad credentials"}}`))
			}))
			t.Cleanup(srv.Close)
			var logs bytes.Buffer
			ctx := tflogtest.RootLogger(context.Background(), &logs)
			_, err := testClient(t, srv.URL, mutate).StartBackupSchedule(ctx, testScope)
			if !IsUnauthorized(err) {
				t.Fatalf("want 401, got %v", err)
			}
			if logs.Len() == 0 {
				t.Fatal("no log lines were written")
			}
			auth, _ := seenAuth.Load().(string)
			for _, secret := range []string{testPassword, testSecret, auth, strings.TrimPrefix(auth, "Basic ")} {
				if strings.Contains(logs.String(), secret) || strings.Contains(err.Error(), secret) {
					t.Errorf("a credential leaked into the logs or error:\n%s\n%v", logs.String(), err)
				}
			}
		})
	}
}

var testScope = BackupScope{ClusterID: 1, TenantID: 11}

func TestListAnswerDecodesBothShapes(t *testing.T) {
	for name, raw := range map[string]string{
		"list": `[{"taskId":1},{"taskId":2}]`,
		"page": `{"contents":[{"taskId":1},{"taskId":2}],"page":{"number":1,"totalPages":1}}`,
	} {
		var answer listAnswer[DataBackupTask]
		err := json.Unmarshal([]byte(raw), &answer)
		if err != nil || len(answer.Contents) != 2 || answer.Contents[1].TaskID != 2 {
			t.Errorf("%s: %+v, %v", name, answer, err)
		}
	}
	var answer listAnswer[DataBackupTask]
	if err := json.Unmarshal([]byte("null"), &answer); err != nil || answer.Contents != nil || answer.Page != nil {
		t.Errorf("null: %+v, %v", answer, err)
	}
}
