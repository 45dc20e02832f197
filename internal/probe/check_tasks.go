package probe

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

var (
	tenantOverview = assumption{"tenant_overview",
		"OCP has no tenant `backup/overview` (it documents only the cluster's), so whether scheduling runs is read from `backupScheduleEnabled`",
		"§5 [INF]"}
	dataTasksShape = assumption{"tasks.data_shape",
		"A tenant's data backup tasks come as a plain list (the cluster's come paged)",
		"§3.1 T8, §3.6 [DOC]"}
	dataTasksFields = assumption{"tasks.data_fields",
		"Data backup tasks carry `taskId`, `status`, `startTime` and `dataBackupTaskType`",
		"§3.6 [DOC]"}
	dataTasksTimeFilter = assumption{"tasks.time_filter",
		"The task list takes `startTime` and `endTime` as UTC `YYYY-MM-DDThh:mm:ssZ`",
		"§3.6 [DOC]"}
	logTasksShape = assumption{"tasks.log_shape",
		"A tenant's log backup tasks come as a plain list",
		"§3.1 T9 [DOC]"}
)

// runningStatuses are the overview's backupScheduleStatus values that offer "stop",
// which OCP_API.md §5 reads as running.
var runningStatuses = []string{"NORMAL", "WAITING", "ABNORMAL"}

// taskTenant is the tenant whose tasks and overview the probe reads.
func (p *prober) taskTenant() *tenantAnswer {
	if p.inspected != nil {
		return p.inspected
	}
	return p.noStrategy
}

// checkOverview asks for the undocumented tenant overview.
func (p *prober) checkOverview(ctx context.Context) {
	tenant := p.taskTenant()
	if tenant == nil {
		p.add(tenantOverview.unobservable("no tenant to ask about"))
		return
	}
	answer, err := p.client.Get(ctx, tenantPath(tenant.scope(), "/backup/overview"), nil)
	switch {
	case err != nil:
		p.add(tenantOverview.unobservable(fmt.Sprintf("the read got no answer: %v", err)))
	case answer.HTTPStatus == http.StatusNotFound || answer.HTTPStatus == http.StatusMethodNotAllowed:
		p.add(tenantOverview.holds(describe(answer)))
	case succeeded(answer):
		p.overview = true
		status := overviewStatus(answer)
		p.add(tenantOverview.differs(fmt.Sprintf("%s; backupScheduleStatus %q", describe(answer), status),
			tolerated("The provider does not read it. "+p.overviewAgreement(status))))
	default:
		p.add(tenantOverview.unobservable(describe(answer)))
	}
}

func overviewStatus(a ocpclient.RawAnswer) string {
	status, _ := dataObject(a)["backupScheduleStatus"].(string)
	return status
}

// overviewAgreement compares the overview's status with the strategy's flag, to
// learn whether the overview could stand in where the flag is missing.
func (p *prober) overviewAgreement(status string) string {
	strategy, _ := p.inspectedStrategy()
	flag, ok := lookup(strategy, scheduleFlagPath)
	enabled, isBool := flag.(bool)
	switch {
	case strategy == nil:
		return "Whether it agrees with backupScheduleEnabled cannot be seen: the tenant has no strategy."
	case !ok || !isBool:
		return "backupScheduleEnabled is missing here, so this status could tell the provider whether scheduling runs."
	case slices.Contains(runningStatuses, status) == enabled:
		return fmt.Sprintf("Its status agrees with backupScheduleEnabled (%t).", enabled)
	default:
		return fmt.Sprintf("Its status disagrees with backupScheduleEnabled (%t): please report this.", enabled)
	}
}

// clientPage is the query the client sends with each list call.
var clientPage = url.Values{"page": {"1"}, "size": {"500"}}

// checkTasks reads the tenant's data and log backup task lists, and the forms of
// the times and delays in them.
func (p *prober) checkTasks(ctx context.Context) {
	tenant := p.taskTenant()
	if tenant == nil {
		p.addUnobservable([]assumption{dataTasksShape, dataTasksFields, taskTimeForm, dataTasksTimeFilter, logTasksShape, logProgress},
			"no tenant to ask about")
		return
	}
	dataPath := tenantPath(tenant.scope(), "/backup/task/dataBackupTasks")
	shape, tasks := p.checkTaskList(ctx, dataPath, dataTasksShape, readsPages, breaks(dataTasksUnreadable))
	p.add(shape, checkTaskFields(shape, tasks), checkTaskTimeForm(shape, tasks), p.checkTimeFilter(ctx, dataPath))
	logShape, logTasks := p.checkTaskList(ctx, tenantPath(tenant.scope(), "/backup/task/logBackupTasks"), logTasksShape, readsPages,
		breaks("Data source ocp_tenant_backup_status fails with an error at `log_archive`: the client cannot read this list."))
	p.add(logShape, checkLogProgress(logShape, logTasks))
}

// readsPages is what OCP's page shape means for a list the client reads: both list
// shapes are read, the paged one to its last page.
var readsPages = tolerated("The client reads the page shape to its last page.")

// dataTasksUnreadable is what a data task list the client cannot read breaks: both
// data sources that list the tasks.
const dataTasksUnreadable = "Data sources ocp_tenant_backup_tasks and ocp_tenant_backup_status fail on this answer."

// checkTaskList reads a task list and checks that it is a plain list; ifPaged and
// ifOther say what OCP's page shape or any other answer means for the provider.
// It returns the tasks it read.
func (p *prober) checkTaskList(ctx context.Context, path string, a assumption, ifPaged, ifOther Consequence) (Fact, []json.RawMessage) {
	answer, err := p.client.Get(ctx, path, clientPage)
	if err != nil {
		return a.unobservable(fmt.Sprintf("the read got no answer: %v", err)), nil
	}
	if answer.HTTPStatus == http.StatusUnauthorized || answer.HTTPStatus == http.StatusForbidden {
		return a.unobservable("OCP refused the read: " + describe(answer)), nil
	}
	if !succeeded(answer) {
		return a.differs(describe(answer), ifOther), nil
	}
	var tasks []json.RawMessage
	var pg page
	data := answer.Fields["data"]
	switch {
	case jsonKind(data) == "a list" && json.Unmarshal(data, &tasks) == nil:
		return a.holds("a plain list of " + taskCount(len(tasks))), tasks
	case json.Unmarshal(data, &pg) == nil && pg.Block != nil:
		return a.differs("OCP's page shape, "+taskCount(len(pg.Contents))+" on the first page", ifPaged), pg.Contents
	default:
		return a.differs("data is "+jsonKind(data), ifOther), nil
	}
}

func taskCount(n int) string {
	if n == 1 {
		return "1 task"
	}
	return fmt.Sprintf("%d tasks", n)
}

// taskFields are the task fields the data source's attributes need.
var taskFields = []struct{ field, attribute string }{
	{"taskId", "task_id"}, {"status", "status"}, {"startTime", "start_time"}, {"dataBackupTaskType", "kind"},
}

// noTaskToRead says why a task list's shape fact and tasks leave no task to look
// at; kind names the tasks. It is empty when there is one.
func noTaskToRead(shape Fact, tasks []json.RawMessage, kind string) string {
	switch {
	case shape.Verdict == NotObservable || shape.Provider != nil && !shape.Provider.Tolerated:
		return "the task list could not be read"
	case len(tasks) == 0:
		return "the tenant has no " + kind + " tasks"
	}
	return ""
}

func checkTaskFields(shape Fact, tasks []json.RawMessage) Fact {
	if why := noTaskToRead(shape, tasks, "data backup"); why != "" {
		return dataTasksFields.unobservable(why)
	}
	var first map[string]any
	if err := json.Unmarshal(tasks[0], &first); err != nil {
		return dataTasksFields.differs("a task is not an object", breaks(dataTasksUnreadable))
	}
	var missing, attributes []string
	for _, f := range taskFields {
		if _, ok := first[f.field]; !ok {
			missing, attributes = append(missing, f.field), append(attributes, "tasks[*]."+f.attribute)
		}
	}
	seen := "the first task has " + codeList(fieldNames(first))
	if err := json.Unmarshal(tasks[0], new(ocpclient.DataBackupTask)); err != nil {
		return dataTasksFields.differs(seen, breaks(fmt.Sprintf("The client cannot decode a task (%v). %s", err, dataTasksUnreadable)))
	}
	if len(missing) > 0 {
		return dataTasksFields.differs(seen, breaks(fmt.Sprintf("Data source ocp_tenant_backup_tasks leaves %s empty.", codeList(attributes))))
	}
	return dataTasksFields.holds(seen)
}

// checkTimeFilter asks for the last 30 days, in the form the client sends.
func (p *prober) checkTimeFilter(ctx context.Context, path string) Fact {
	now := time.Now().UTC().Truncate(time.Second)
	query := url.Values{"startTime": {now.AddDate(0, 0, -30).Format(time.RFC3339)}, "endTime": {now.Format(time.RFC3339)}}
	answer, err := p.client.Get(ctx, path, query)
	sent := strings.ReplaceAll(query.Encode(), "%3A", ":")
	switch {
	case err != nil:
		return dataTasksTimeFilter.unobservable(fmt.Sprintf("the read got no answer: %v", err))
	case succeeded(answer):
		return dataTasksTimeFilter.holds(fmt.Sprintf("%s: %s", sent, describe(answer)))
	case refusedWith(answer, http.StatusBadRequest):
		return dataTasksTimeFilter.differs(fmt.Sprintf("%s: %s", sent, describe(answer)), breaks("Data source "+
			"ocp_tenant_backup_tasks with `start_time` or `end_time` fails: OCP refuses the times as the client sends them."))
	default:
		return dataTasksTimeFilter.unobservable(describe(answer))
	}
}
