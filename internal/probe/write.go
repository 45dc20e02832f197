package probe

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpclient"
)

var (
	scheduleFollows = assumption{"schedule.enabled_follows",
		"`backupScheduleEnabled` follows the calls: false after stopSchedule, true after startSchedule",
		"§5 [INF]"}
	startWhenRunning = assumption{"schedule.start_when_running",
		"startSchedule while scheduling runs changes nothing: OCP refuses it in its envelope or accepts it, and scheduling keeps running",
		"§3.1, §11 [INF]"}
	stopWhenStopped = assumption{"schedule.stop_when_stopped",
		"stopSchedule while scheduling is stopped changes nothing: OCP refuses it in its envelope or accepts it, and scheduling stays stopped",
		"§3.1, §11 [INF]"}
	scheduleSynchronous = assumption{"schedule.synchronous",
		"startSchedule and stopSchedule take effect within the call: their answers list no `taskIdList`",
		"§4 [DOC] samples"}
	writeFacts = []assumption{scheduleFollows, startWhenRunning, stopWhenStopped, scheduleSynchronous}
)

func (p *prober) addWriteFactsUnobservable(why string) { p.addUnobservable(writeFacts, why) }

// putBackBudget bounds the put-back, which runs on a context of its own so that an
// interruption cannot stop it.
const putBackBudget = 2 * time.Minute

// inFlightGrace is how long the put-back waits, after an interruption or a call
// whose answer was lost, for a call OCP may still be carrying out to land first:
// otherwise that call could undo the put-back. A variable, so tests can shorten it.
var inFlightGrace = 3 * time.Second

// WriteLog is what -write did to the tenant's scheduling and how OCP answered.
type WriteLog struct {
	// Found is the scheduling before the first call: running or stopped.
	Found string `json:"found"`
	Steps []Step `json:"steps"`
	// PutBack says how the tenant was left.
	PutBack string `json:"putBack"`
}

// Step is one start or stop call and the re-read after it.
type Step struct {
	Call string `json:"call"`
	// Met is the scheduling the call met: running or stopped.
	Met     string  `json:"met"`
	Answer  string  `json:"answer"`
	TaskIDs []int64 `json:"taskIds,omitempty"`
	// EnabledAfter is backupScheduleEnabled re-read after the call and its tasks;
	// nil when it could not be read.
	EnabledAfter *bool `json:"backupScheduleEnabledAfter,omitempty"`
	// OverviewAfter is the tenant overview's backupScheduleStatus after the call,
	// where OCP serves one.
	OverviewAfter string `json:"overviewAfter,omitempty"`
	// start says whether the call was startSchedule, and met whether scheduling ran
	// when it was made.
	start, met bool
	// answered: OCP answered in its envelope, with success or a refusal.
	answered bool
	// succeeded: OCP carried the call out without reporting a failure.
	succeeded bool
}

// repeats reports a call that asks for the state scheduling is already in.
func (s Step) repeats() bool { return s.start == s.met }

// scheduler makes -write's calls on one tenant.
type scheduler struct {
	client   *ocpclient.Client
	scope    ocpclient.BackupScope
	overview bool
}

// checkScheduling stops and starts (or starts and stops) the inspected tenant's
// scheduled backups, each call once more in the state it asks for, re-reading
// after each; then puts the tenant back as found, also after a failed step or an
// interruption.
func (p *prober) checkScheduling(ctx context.Context) error {
	s := &scheduler{client: p.client, scope: p.inspected.scope(), overview: p.overview}
	if _, why := p.inspectedStrategy(); why != "" {
		p.addWriteFactsUnobservable("the probe changed nothing: " + why)
		return nil
	}
	found, known, err := s.read(ctx)
	switch {
	case err != nil:
		return fmt.Errorf("reading the scheduling of tenant %s before changing it: %w", s.tenant(), err)
	case !known:
		p.addWriteFactsUnobservable("the strategy has no backupScheduleEnabled, so the probe cannot tell the state it " +
			"would have to put back; it changed nothing")
		return nil
	}
	log := &WriteLog{Found: runningWord(found)}
	p.report.Write = log
	stepErr := s.steps(ctx, found, log)
	putBackErr := s.putBack(ctx, found, stepErr, log)
	p.add(factsFromSteps(log.Steps, stepErr)...)
	switch {
	case putBackErr != nil:
		return fmt.Errorf("tenant %s was NOT put back %s as found: %w", s.tenant(), runningWord(found), putBackErr)
	case ctx.Err() != nil:
		return fmt.Errorf("interrupted during step %d (%v); tenant %s: %s", len(log.Steps), ctx.Err(), s.tenant(), log.PutBack)
	case stepErr != nil:
		return fmt.Errorf("step %d failed: %w; tenant %s: %s", len(log.Steps), stepErr, s.tenant(), log.PutBack)
	}
	return nil
}

func (s *scheduler) tenant() string {
	return fmt.Sprintf("%d/%d", s.scope.ClusterID, s.scope.TenantID)
}

// steps makes the four calls: to the other state, the same again, back, the same
// again. It stops at the first call that fails.
func (s *scheduler) steps(ctx context.Context, found bool, log *WriteLog) error {
	met := found
	for _, start := range []bool{!found, !found, found, found} {
		step, err := s.step(ctx, start, met)
		log.Steps = append(log.Steps, step)
		if err != nil {
			return err
		}
		met = start
		if step.EnabledAfter != nil {
			met = *step.EnabledAfter
		}
	}
	return nil
}

// step makes one call and re-reads. A call that should change the scheduling must
// succeed; a repeated one may be refused, as long as OCP itself refuses it.
func (s *scheduler) step(ctx context.Context, start, met bool) (Step, error) {
	step := Step{Call: actionName(start), Met: runningWord(met), start: start, met: met}
	op, err := s.call(ctx, start)
	step.Answer, step.answered = describeAction(op, err)
	step.succeeded = err == nil
	if err != nil && (!step.answered || !step.repeats()) {
		return step, fmt.Errorf("%s: %w", step.Call, err)
	}
	if step.succeeded {
		step.TaskIDs = op.TaskIDs()
		if err := s.client.WaitForTasks(ctx, step.TaskIDs); err != nil {
			return step, fmt.Errorf("waiting for the tasks of %s: %w", step.Call, err)
		}
	}
	enabled, known, err := s.read(ctx)
	if err != nil {
		return step, fmt.Errorf("re-reading after %s: %w", step.Call, err)
	}
	if known {
		step.EnabledAfter = &enabled
	}
	step.OverviewAfter = s.overviewStatus(ctx)
	return step, nil
}

func (s *scheduler) call(ctx context.Context, start bool) (*ocpclient.BackupOperation, error) {
	if start {
		return s.client.StartBackupSchedule(ctx, s.scope)
	}
	return s.client.StopBackupSchedule(ctx, s.scope)
}

// read says whether scheduling runs; known is false when OCP's strategy lacks the flag.
func (s *scheduler) read(ctx context.Context) (enabled, known bool, err error) {
	strategy, err := s.client.GetBackupStrategy(ctx, s.scope)
	switch {
	case err != nil:
		return false, false, err
	case strategy == nil:
		return false, false, errors.New("OCP answers that the tenant has no backup strategy any more")
	}
	enabled, known = strategy.ScheduleEnabled()
	return enabled, known, nil
}

func (s *scheduler) overviewStatus(ctx context.Context) string {
	if !s.overview {
		return ""
	}
	answer, err := s.client.Get(ctx, tenantPath(s.scope, "/backup/overview"), nil)
	if err != nil {
		return fmt.Sprintf("unread (%v)", err)
	}
	return overviewStatus(answer)
}

// putBack leaves the scheduling as found, checked by a re-read. It runs on a
// context of its own, as ctx may be the one an interruption cancelled. First the
// last step's call lands: its tasks, which change the tenant when they end, are
// waited for; a call whose answer was lost gets inFlightGrace instead. Otherwise
// the put-back would be judged, or made, while that call may still undo it.
func (s *scheduler) putBack(ctx context.Context, found bool, stepErr error, log *WriteLog) error {
	interrupted := ctx.Err() != nil
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), putBackBudget)
	defer cancel()
	s.awaitLastStep(ctx, interrupted, stepErr, log)
	if enabled, known, err := s.read(ctx); err == nil && known && enabled == found {
		log.PutBack = fmt.Sprintf("%s, as found (checked by a re-read)", runningWord(found))
		return nil
	}
	op, callErr := s.call(ctx, found)
	if callErr == nil {
		callErr = s.client.WaitForTasks(ctx, op.TaskIDs())
	}
	enabled, known, readErr := s.read(ctx)
	if readErr == nil && known && enabled == found {
		log.PutBack = fmt.Sprintf("%s again, as found: %s put it back (checked by a re-read)", runningWord(found), actionName(found))
		return nil
	}
	err := errors.Join(callErr, readErr)
	if err == nil {
		err = fmt.Errorf("backupScheduleEnabled is still %t", enabled)
	}
	log.PutBack = fmt.Sprintf("NOT put back: it should be %s; %v", runningWord(found), err)
	return err
}

// awaitLastStep waits until the last step's call can no longer change the tenant.
// A failed task changes nothing, and the re-read after the wait judges the rest,
// so the wait's own error is not the put-back's.
func (s *scheduler) awaitLastStep(ctx context.Context, interrupted bool, stepErr error, log *WriteLog) {
	if stepErr == nil && !interrupted {
		return // every step's tasks were waited for (step)
	}
	if len(log.Steps) > 0 {
		if taskIDs := log.Steps[len(log.Steps)-1].TaskIDs; len(taskIDs) > 0 {
			_ = s.client.WaitForTasks(ctx, taskIDs)
			return
		}
	}
	if interrupted || ocpclient.MaybeProcessed(stepErr) {
		time.Sleep(inFlightGrace)
	}
}

// describeAction renders a start or stop answer; answered is false when OCP's
// envelope did not carry it (no answer, or a proxy's).
func describeAction(op *ocpclient.BackupOperation, err error) (text string, answered bool) {
	var opErr *ocpclient.BackupOperationError
	var apiErr *ocpclient.APIError
	switch {
	case err == nil:
		tasks := "no taskIdList"
		if ids := op.TaskIDs(); len(ids) > 0 {
			tasks = fmt.Sprintf("taskIdList %v", ids)
		}
		return fmt.Sprintf("successful: %s, every object beSuccessful, %s", op.TaskType, tasks), true
	case errors.As(err, &opErr):
		return "successful, but " + opErr.Error(), true
	case errors.As(err, &apiErr) && apiErr.FromOCP:
		text := fmt.Sprintf("HTTP %d in OCP's envelope", apiErr.HTTPStatus)
		if apiErr.Code != "" {
			text += ", error code " + apiErr.Code
		}
		return text + ": " + apiErr.Message, true
	default:
		return err.Error(), false
	}
}

func actionName(start bool) string {
	if start {
		return "startSchedule"
	}
	return "stopSchedule"
}

func runningWord(running bool) string {
	if running {
		return "running"
	}
	return "stopped"
}

// factsFromSteps judges the write facts by the steps made; stepErr says why any
// are missing.
func factsFromSteps(steps []Step, stepErr error) []Fact {
	why := "the steps did not get that far"
	if stepErr != nil {
		why = fmt.Sprintf("the steps stopped early: %v", stepErr)
	}
	return []Fact{followsFact(steps, why), repeatFact(steps, true, why), repeatFact(steps, false, why), synchronousFact(steps)}
}

func followsFact(steps []Step, why string) Fact {
	var seen []string
	for _, step := range steps {
		if step.repeats() || step.EnabledAfter == nil {
			continue
		}
		seen = append(seen, fmt.Sprintf("after %s: %t", step.Call, *step.EnabledAfter))
		if *step.EnabledAfter != step.start {
			return scheduleFollows.differs(strings.Join(seen, "; "), breaks("ocp_tenant_backup_schedule takes `enabled` "+
				"from `backupScheduleEnabled`: it would miss backups stopped outside Terraform, or record stopped ones as running."))
		}
	}
	if len(seen) < 2 {
		return scheduleFollows.unobservable(why)
	}
	return scheduleFollows.holds(strings.Join(seen, "; "))
}

// repeatFact judges the call of startSchedule (start) or stopSchedule made in the
// state it asks for.
func repeatFact(steps []Step, start bool, why string) Fact {
	a, misbehaves := stopWhenStopped, "ocp_tenant_backup_schedule's destroy (and a change to `enabled = false`) calls "+
		"stopSchedule without reading first: backups it meets stopped would run afterwards."
	if start {
		a, misbehaves = startWhenRunning, "ocp_tenant_backup_schedule's create (and a change to `enabled = true`) calls "+
			"startSchedule without reading first and adopts backups that already run: backups it meets running would be "+
			"stopped while Terraform records them running."
	}
	for _, step := range steps {
		switch {
		case step.start != start || !step.repeats():
			continue
		case !step.answered || step.EnabledAfter == nil:
			return a.unobservable(why)
		case *step.EnabledAfter != start:
			return a.differs(fmt.Sprintf("%s; backupScheduleEnabled then %t", step.Answer, *step.EnabledAfter), breaks(misbehaves))
		default:
			return a.holds(step.Answer)
		}
	}
	return a.unobservable(why)
}

func synchronousFact(steps []Step) Fact {
	var succeeded, withTasks int
	for _, step := range steps {
		if step.succeeded {
			succeeded++
		}
		if len(step.TaskIDs) > 0 {
			withTasks++
		}
	}
	switch {
	case succeeded == 0:
		return scheduleSynchronous.unobservable("no start or stop call succeeded")
	case withTasks > 0:
		return scheduleSynchronous.differs(fmt.Sprintf("%d of %d successful answers list tasks", withTasks, succeeded),
			tolerated("The provider waits for the tasks an answer lists: ocp_tenant_backup_schedule's create and destroy last as long as they run."))
	default:
		return scheduleSynchronous.holds(fmt.Sprintf("no taskIdList in %d successful answers", succeeded))
	}
}

func (l *WriteLog) markdown(b *strings.Builder) {
	fmt.Fprintf(b, "\n## Stopping and starting the tenant's scheduled backups (-write)\n\nFound %s.\n\n", l.Found)
	b.WriteString("| Step | Call | Met | OCP's answer | backupScheduleEnabled after | Overview after |\n|---|---|---|---|---|---|\n")
	for i, step := range l.Steps {
		after := "not read"
		if step.EnabledAfter != nil {
			after = strconv.FormatBool(*step.EnabledAfter)
		}
		row(b, strconv.Itoa(i+1), "`"+step.Call+"`", step.Met, step.Answer, after, orDash(step.OverviewAfter))
	}
	fmt.Fprintf(b, "\nPut back: %s.\n", l.PutBack)
}
