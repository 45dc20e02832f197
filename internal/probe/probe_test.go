package probe

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// notObservableReadOnly are the facts a read-only run cannot see on the fixture:
// its strategies go to a file system, and the rest need writes.
var notObservableReadOnly = []string{"strategy.secrets", "strategy.s3_credential_field", "strategy.create",
	"schedule.enabled_follows", "schedule.start_when_running", "schedule.stop_when_stopped", "schedule.synchronous"}

// On the mock in its default shapes, which follow OCP_API.md, every fact the
// probe can see holds.
func TestOCPAsDocumentedHolds(t *testing.T) {
	r := newFixture(t, ocpmock.Options{}).run(t, context.Background())
	if r.Failure != "" {
		t.Fatalf("failure: %s", r.Failure)
	}
	for _, f := range r.Facts {
		want := Holds
		if slices.Contains(notObservableReadOnly, f.ID) {
			want = NotObservable
		}
		if f.Verdict != want {
			t.Errorf("%s: %s (seen %q, why %q), want %s", f.ID, f.Verdict, f.Seen, f.Why, want)
		}
	}
	if r.Tenant == nil || r.Tenant.TenantID != 11 || r.NoStrategyTenant == nil || r.NoStrategyTenant.TenantID != 12 {
		t.Errorf("tenants chosen: %+v and %+v, want 11 (with a strategy) and 12 (without)", r.Tenant, r.NoStrategyTenant)
	}
	if len(r.Clusters) != 1 || r.Clusters[0].ObVersion == "" {
		t.Errorf("clusters %+v, want one with its OceanBase version", r.Clusters)
	}
	if r.ExitCode() != ExitHolds {
		t.Errorf("exit code %d, want %d", r.ExitCode(), ExitHolds)
	}
	rendered(t, r)
}

// Each of the mock's answer shapes shows as the difference it is, and as one the
// provider copes with; every other fact stays as on the documented OCP.
func TestEachAnswerShapeOfTheMock(t *testing.T) {
	baseline := newFixture(t, ocpmock.Options{}).run(t, context.Background())
	tests := map[string]struct {
		opts ocpmock.Options
		want map[string]expectation
	}{
		"no strategy as data null": {ocpmock.Options{NoStrategy: ocpmock.NoStrategyNullData},
			map[string]expectation{"no_strategy": {verdict: Holds, seen: "HTTP 200, successful, data null"}}},
		"no strategy as 404": {ocpmock.Options{NoStrategy: ocpmock.NoStrategyNotFound},
			map[string]expectation{"no_strategy": {verdict: Differs, tolerated: true, seen: "HTTP 404 in OCP's envelope"}}},
		"no strategy as 400": {ocpmock.Options{NoStrategy: ocpmock.NoStrategyBadRequest},
			map[string]expectation{"no_strategy": {verdict: Differs, tolerated: true, seen: "HTTP 400 in OCP's envelope"}}},
		"missing tenant as 404": {ocpmock.Options{MissingTenantStatus: http.StatusNotFound},
			map[string]expectation{"missing_tenant": {verdict: Differs, tolerated: true, seen: "HTTP 404 in OCP's envelope, error code 10002"}}},
		"strategy without backupScheduleEnabled": {ocpmock.Options{OmitScheduleEnabled: true},
			map[string]expectation{"strategy.schedule_enabled": {verdict: Differs, tolerated: true, seen: "absent"}}},
		"sparse strategy": {ocpmock.Options{Sparse: true},
			map[string]expectation{"strategy.fields": {verdict: Differs, tolerated: true, seen: "missing: `backupMode`"}}},
		"page count named totalPage": {ocpmock.Options{TotalPagesField: "totalPage"},
			map[string]expectation{"paging.total_pages": {verdict: Differs, tolerated: true, seen: "`totalPage`"}}},
		"pages capped at three": {ocpmock.Options{MaxPageSize: 3},
			map[string]expectation{"paging.page_size": {verdict: Differs, tolerated: true, seen: "`size` 3 when 2000 was asked"}}},
		"task lists paged": {ocpmock.Options{PagedTasks: true}, map[string]expectation{
			"tasks.data_shape": {verdict: Differs, tolerated: true, seen: "OCP's page shape, 1 task on the first page"},
			"tasks.log_shape": {verdict: Differs, tolerated: true, seen: "OCP's page shape",
				detail: "reads the page shape to its last page"},
		}},
		"task times in UTC": {ocpmock.Options{TaskTimes: ocpmock.TimeUTC}, map[string]expectation{
			"tasks.time_form":    {verdict: Holds, seen: `Z" (RFC 3339 with an offset)`},
			"tasks.log_progress": {verdict: Holds, seen: `Z" (RFC 3339 with an offset)`},
		}},
		"task times with an offset, in milliseconds": {ocpmock.Options{TaskTimes: ocpmock.TimeOffsetMillis}, map[string]expectation{
			"tasks.time_form":    {verdict: Holds, seen: `.000+08:00" (RFC 3339 with an offset)`},
			"tasks.log_progress": {verdict: Holds, seen: `+08:00" (RFC 3339 with an offset)`},
		}},
		"task times without an offset": {ocpmock.Options{TaskTimes: ocpmock.TimeSpaced}, map[string]expectation{
			"tasks.time_form": {verdict: Differs, tolerated: true, seen: "(no offset), taken in the zone of OCP's envelope timestamp",
				detail: "off by that zone's offset"},
			"tasks.log_progress": {verdict: Differs, tolerated: true, seen: "(no offset), taken in the zone of OCP's envelope timestamp",
				detail: "off by that zone's offset"},
		}},
		"task times as epoch milliseconds": {ocpmock.Options{TaskTimes: ocpmock.TimeEpochMillis}, map[string]expectation{
			"tasks.time_form": {verdict: Differs, tolerated: true, seen: "(a count since the epoch), read as",
				detail: "show it in RFC 3339 UTC"},
			"tasks.log_progress": {verdict: Differs, tolerated: true, seen: "(a count since the epoch), read as",
				detail: "if that is not when logs were last archived"},
		}},
		"log delay as a number": {ocpmock.Options{LogDelay: ocpmock.DelaySeconds},
			map[string]expectation{"tasks.log_progress": {verdict: Holds, seen: "`delay` 0"}}},
		"log delay in a string": {ocpmock.Options{LogDelay: ocpmock.DelayString},
			map[string]expectation{"tasks.log_progress": {verdict: Holds, seen: "`delay` \"0\" (seconds in a string)"}}},
		"log delay absent": {ocpmock.Options{LogDelay: ocpmock.DelayAbsent}, map[string]expectation{
			"tasks.log_progress": {verdict: Differs, tolerated: true, seen: "no `delay`",
				detail: "`log_archive.delay_seconds` is computed from the checkpoint"},
		}},
		"tenant overview served": {ocpmock.Options{TenantOverview: true},
			map[string]expectation{"tenant_overview": {verdict: Differs, tolerated: true, seen: `backupScheduleStatus "PAUSED"`}}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			r := newFixture(t, tt.opts).run(t, context.Background())
			if r.Failure != "" {
				t.Fatalf("failure: %s", r.Failure)
			}
			for _, f := range r.Facts {
				if want, ok := tt.want[f.ID]; ok {
					want.check(t, f)
				} else if before := fact(t, baseline, f.ID); f.Verdict != before.Verdict {
					t.Errorf("%s: %s (seen %q), want %s as on the documented OCP", f.ID, f.Verdict, f.Seen, before.Verdict)
				}
			}
			wantExit := ExitHolds
			for _, e := range tt.want {
				if e.verdict == Differs {
					wantExit = ExitDiffers
				}
			}
			if r.ExitCode() != wantExit {
				t.Errorf("exit code %d, want %d", r.ExitCode(), wantExit)
			}
			rendered(t, r)
		})
	}
}

// The sparse answer's extra fields are named, so that we learn OCP's real shape.
func TestUndocumentedStrategyFieldsAreNamed(t *testing.T) {
	r := newFixture(t, ocpmock.Options{Sparse: true}).run(t, context.Background())
	expectation{verdict: Differs, tolerated: true, seen: "`creator` and `obBackupScheduleConfig.logSecondaryBackupPeriod`"}.
		check(t, fact(t, r, "strategy.fields"))
}

// Strategies edited behind the mock's back show the shapes the provider cannot
// cope with, and name what would misbehave.
func TestStrategyShapesThatBreakTheProvider(t *testing.T) {
	tests := map[string]struct {
		edit func(body map[string]any)
		id   string
		want expectation
	}{
		"time in another form the provider compares": {
			func(b map[string]any) { schedule(b)["backupScheduleTime"] = "18:00Z" },
			"strategy.time_format", expectation{verdict: Differs, tolerated: true, seen: `"18:00Z"`}},
		"time without an offset": {
			func(b map[string]any) { schedule(b)["backupScheduleTime"] = "02:00:00" },
			"strategy.time_format", expectation{verdict: Differs, seen: `"02:00:00"`}},
		"directory with a protocol prefix": {
			func(b map[string]any) { storageInfo(b)["storageUrl"] = "file:///obbackup/" },
			"strategy.directory_format", expectation{verdict: Differs, seen: "file:///obbackup/"}},
		"days by name": {
			func(b map[string]any) {
				schedule(b)["dayAndDataBackupModelMap"] = map[string]any{"MONDAY": "FULL_BACKUP"}
			},
			"strategy.day_map", expectation{verdict: Differs, seen: "MONDAY"}},
		"schedule mode missing": {
			func(b map[string]any) { delete(schedule(b), "backupScheduleMode") },
			"strategy.fields", expectation{verdict: Differs, seen: "missing: `obBackupScheduleConfig.backupScheduleMode`"}},
		"thresholds missing": {
			func(b map[string]any) { delete(b, "obBackupThresholdConfig") },
			"strategy.fields", expectation{verdict: Differs, tolerated: true, seen: "missing: `obBackupThresholdConfig`"}},
		"retention as text": {
			func(b map[string]any) { schedule(b)["backupDataRetentionDays"] = "seven" },
			"strategy.fields", expectation{verdict: Differs, seen: "the client cannot decode it"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t, ocpmock.Options{})
			f.mock.ModifyStrategy(1, 11, tt.edit)
			r := f.run(t, context.Background())
			tt.want.check(t, fact(t, r, tt.id))
			if got := fact(t, r, tt.id); got.Provider == nil || got.Provider.Detail == "" {
				t.Errorf("%s: no word on what it means for the provider", tt.id)
			}
		})
	}
}

func schedule(body map[string]any) map[string]any {
	s, _ := body["obBackupScheduleConfig"].(map[string]any)
	return s
}

func storageInfo(body map[string]any) map[string]any {
	storage, _ := body["obBackupServiceStorageConfig"].(map[string]any)
	info, _ := storage["obBackupStorageBaseInfo"].(map[string]any)
	return info
}

// setStorage gives tenant 11 an object-storage destination with credential under key.
func setStorage(f *fixture, storageType, key, secret string) {
	f.mock.ModifyStrategy(1, 11, func(b map[string]any) {
		info := storageInfo(b)
		info["backupStorageType"], info["storageUrl"] = storageType, "bucket/orders/"
		info[key] = map[string]any{"endpoint": "s3.example.com", "accessKeyId": "AKID", "accessKeySecret": secret}
	})
}

// Secrets of the destination: OCP masks them under the names the mock knows, and a
// credential under another name is reported (its secret never quoted).
func TestStorageCredentials(t *testing.T) {
	const secret = "storage-secret-9b2e"
	tests := map[string]struct {
		storageType, key string
		secrets, s3      expectation
	}{
		"OSS, masked": {"BACKUP_STORAGE_OSS", "ossAccessKey",
			expectation{verdict: Holds, seen: "`ossAccessKey`: accessKeyId given back, accessKeySecret masked"},
			expectation{verdict: NotObservable, seen: "BACKUP_STORAGE_OSS"}},
		"S3 as the provider names it": {"BACKUP_STORAGE_S3", "s3AccessKey",
			expectation{verdict: Holds, seen: "accessKeySecret masked"},
			expectation{verdict: Holds, seen: "`s3AccessKey` present"}},
		"S3 under another name, secret in clear": {"BACKUP_STORAGE_S3", "awsAccessKey",
			expectation{verdict: Differs, tolerated: true, seen: "`awsAccessKey`: accessKeyId given back, accessKeySecret given back in clear text"},
			expectation{verdict: Differs, seen: "`awsAccessKey`"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t, ocpmock.Options{})
			setStorage(f, tt.storageType, tt.key, secret)
			r := f.run(t, context.Background())
			tt.secrets.check(t, fact(t, r, "strategy.secrets"))
			tt.s3.check(t, fact(t, r, "strategy.s3_credential_field"))
			rendered(t, r, secret)
		})
	}
}

// OCP's error envelope in other shapes: a code sent as text and no trace id are
// tolerated; a proxy's page instead of OCP's 404 is not.
func TestErrorShapes(t *testing.T) {
	tests := map[string]struct {
		fault          ocpmock.Fault
		envelope, gone expectation
	}{
		"code as text, no trace id": {
			ocpmock.Fault{Status: 404, Body: `{"successful":false,"status":404,"error":{"code":"10002","message":"not found"}}`},
			expectation{verdict: Differs, tolerated: true, seen: "no traceId, error.code a string"},
			expectation{verdict: Holds, seen: "HTTP 404 in OCP's envelope, error code 10002"}},
		"a proxy's page": {
			ocpmock.Fault{Status: 404, Body: "<html><body>Not Found</body></html>", Header: http.Header{"Content-Type": {"text/html"}}},
			expectation{verdict: Differs, seen: "without OCP's envelope"},
			expectation{verdict: Differs, seen: "<html>"}},
		"a 400 for an unknown cluster": {
			ocpmock.Fault{Status: 400, Body: `{"successful":false,"status":400,"traceId":"t","error":{"code":10001,"message":"bad id"}}`},
			expectation{verdict: Holds, seen: "error.code a number"},
			expectation{verdict: Differs, seen: "HTTP 400"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t, ocpmock.Options{})
			f.mock.InjectFault(ocpmock.RouteGetCluster, tt.fault)
			r := f.run(t, context.Background())
			tt.envelope.check(t, fact(t, r, "envelope.error"))
			tt.gone.check(t, fact(t, r, "missing_cluster"))
		})
	}
}

// A credential OCP quotes back in a message never reaches the report.
func TestCredentialsEchoedByOCPAreMasked(t *testing.T) {
	f := newFixture(t, ocpmock.Options{})
	f.mock.InjectFault(ocpmock.RouteGetCluster, ocpmock.Fault{Status: 404,
		Body: `{"successful":false,"status":404,"traceId":"t","error":{"code":1,"message":"user probe with password ` + testPassword + `"}}`})
	r := f.run(t, context.Background())
	if text := rendered(t, r); !strings.Contains(text, "with password "+maskText) {
		t.Errorf("the echoed password is not shown masked:\n%s", text)
	}
}

// Tenants named by flags are used as named; a named tenant OCP lacks ends the run.
func TestNamedTenants(t *testing.T) {
	f := newFixture(t, ocpmock.Options{})
	r := f.run(t, context.Background(), inspecting(21), func(s *Settings) { s.NoStrategyTenant = s.Tenant })
	if r.Tenant.TenantID != 21 || r.Tenant.Chosen != "named with -tenant" {
		t.Errorf("tenant %+v, want 21 as named", r.Tenant)
	}
	expectation{verdict: NotObservable, seen: "tenant 1/21 has a backup strategy"}.check(t, fact(t, r, "no_strategy"))
	r = f.run(t, context.Background(), inspecting(99))
	if r.ExitCode() != ExitCannotRun || !strings.Contains(r.Failure, "tenant 1/99") {
		t.Errorf("unknown tenant: exit %d, failure %q", r.ExitCode(), r.Failure)
	}
}

// A destination URL that carries its credential, as OceanBase's own backup
// destinations can, is quoted with the credential masked.
func TestCredentialsInTheStorageURLAreMasked(t *testing.T) {
	const secret = "url-secret-51d0"
	f := newFixture(t, ocpmock.Options{})
	f.mock.ModifyStrategy(1, 11, func(b map[string]any) {
		info := storageInfo(b)
		info["backupStorageType"] = "BACKUP_STORAGE_OSS"
		info["storageUrl"] = "bucket/orders/?host=oss.example.com&access_id=AKID&access_key=" + secret
	})
	r := f.run(t, context.Background())
	expectation{verdict: Differs, tolerated: true, seen: "BACKUP_STORAGE_OSS destination"}.check(t, fact(t, r, "strategy.secrets"))
	if text := rendered(t, r, secret); !strings.Contains(text, "access_key="+maskText) {
		t.Errorf("the URL is not quoted with its credential masked:\n%s", text)
	}
}

// A masked access key id is a difference the provider copes with: it keeps the
// configured storage.access_key_id, and the report says what that costs.
func TestMaskedAccessKeyIDIsNamed(t *testing.T) {
	f := newFixture(t, ocpmock.Options{})
	f.mock.ModifyStrategy(1, 11, func(b map[string]any) {
		info := storageInfo(b)
		info["backupStorageType"], info["storageUrl"] = "BACKUP_STORAGE_OSS", "bucket/orders/"
		info["ossAccessKey"] = map[string]any{"endpoint": "oss.example.com", "accessKeyId": "LTAI***", "accessKeySecret": "s-9b2e"}
	})
	r := f.run(t, context.Background())
	got := fact(t, r, "strategy.secrets")
	expectation{verdict: Differs, tolerated: true, seen: "accessKeyId masked"}.check(t, got)
	if got.Provider == nil || !strings.Contains(got.Provider.Detail, "storage.access_key_id") {
		t.Errorf("the report does not name storage.access_key_id: %+v", got.Provider)
	}
}

// A log task list the client cannot read fails the data source that reads it.
func TestUnreadableLogTaskList(t *testing.T) {
	f := newFixture(t, ocpmock.Options{})
	f.mock.InjectFault(ocpmock.RouteLogBackupTasks, ocpmock.Fault{Status: http.StatusOK,
		Body: `{"successful":true,"status":200,"traceId":"t","data":"archiving"}`})
	r := f.run(t, context.Background())
	expectation{verdict: Differs, seen: "data is a string",
		detail: "ocp_tenant_backup_status fails with an error at `log_archive`"}.check(t, fact(t, r, "tasks.log_shape"))
}

// At a wrong base path, OCP answers the first call with its 404 for an unknown
// route: the probe's advice points at OCP_URL, not at trying again.
func TestWrongBasePathPointsAtTheURL(t *testing.T) {
	f := newFixture(t, ocpmock.Options{})
	r := f.run(t, context.Background(), func(s *Settings) { s.Client.URL += "/ocp" })
	if !strings.Contains(r.Failure, "No handler found") || !strings.Contains(r.Failure, "OCP_URL must be OCP's base URL") ||
		strings.Contains(r.Failure, "Try again") {
		t.Errorf("failure %q; want OCP's 404 and advice about OCP_URL", r.Failure)
	}
}
