package main

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ocp-tf/terraform-provider-ocp/internal/ocpmock"
)

// ocp is a mock OCP on loopback with n tenants that have a strategy (from
// firstTenant) and n that have none (from firstBareTenant).
type ocp struct {
	*ocpmock.Server
	url   string
	close func()
}

func newOCP(n int, opts ocpmock.Options) *ocp {
	mock := ocpmock.New(opts)
	mock.AddUser(benchUser, benchPassword)
	mock.AddCluster(benchCluster, "bench")
	for i := 0; i < n; i++ {
		mock.AddTenant(benchCluster, int64(firstTenant+i), fmt.Sprintf("tenant-%d", i), true)
		mock.AddTenant(benchCluster, int64(firstBareTenant+i), fmt.Sprintf("bare-%d", i), false)
	}
	server := httptest.NewServer(mock)
	return &ocp{Server: mock, url: server.URL, close: server.Close}
}

// running counts the tenants among n from first whose scheduled backups run.
func (o *ocp) running(first, n int) map[int64]bool {
	running := map[int64]bool{}
	for i := 0; i < n; i++ {
		if enabled, _ := o.ScheduleEnabled(benchCluster, int64(first+i)); enabled {
			running[int64(first+i)] = true
		}
	}
	return running
}

// workspace is a Terraform working directory of one variant against one OCP.
type workspace struct {
	terraform string
	dir       string
	variant   variant
	ocp       *ocp
	// parallelism is Terraform's -parallelism; zero leaves its default (10).
	parallelism int
	// env is more environment for Terraform and the provider.
	env []string
}

// calls counts the requests the mock answered during a phase.
type calls struct {
	// writes are POST, PATCH and DELETE requests; get the GET requests, of which
	// strategyGET read tenant strategies.
	writes, get, strategyGET int
}

func (c calls) total() int { return c.writes + c.get }

// callDelta counts the calls between two counter snapshots.
func callDelta(before, after map[ocpmock.Route]int) calls {
	var c calls
	for route, n := range after {
		delta := n - before[route]
		if strings.HasPrefix(string(route), "GET") {
			c.get += delta
		} else {
			c.writes += delta
		}
	}
	c.strategyGET = after[ocpmock.RouteGetStrategy] - before[ocpmock.RouteGetStrategy]
	return c
}

// scheduleWorkspace declares, for a scenario, n schedules of the tenants with
// strategies, or n terraform_data resources for the variant without a plugin.
func (b *bench) scheduleWorkspace(scenario string, v variant, n int, ocp *ocp) workspace {
	config := tenantsVariable + `
resource "terraform_data" "t" {
  for_each = var.tenants
  input    = each.key
}
`
	if v.pluginDir != "" {
		config = ocpProviderBlock + tenantsVariable + fmt.Sprintf(`
resource "ocp_tenant_backup_schedule" "t" {
  for_each   = var.tenants
  cluster_id = %d
  tenant_id  = tonumber(each.key)
}
`, benchCluster)
	}
	name := fmt.Sprintf("%s-%s-%d", scenario, strings.ReplaceAll(v.name, " ", "-"), n)
	return b.newWorkspace(name, v, ocp, config, firstTenant, n)
}

// moduleWorkspace declares, for each of n tenants without a strategy, a schedule
// carrying its strategy, as examples/modules/tenant-backup does: one resource per
// tenant, whose refresh reads the tenant's strategy once.
func (b *bench) moduleWorkspace(name string, n int, ocp *ocp) workspace {
	config := ocpProviderBlock + tenantsVariable + fmt.Sprintf(`
resource "ocp_tenant_backup_schedule" "t" {
  for_each   = var.tenants
  cluster_id = %d
  tenant_id  = tonumber(each.key)
  strategy = {
    schedule = {
      mode = "WEEK"
      time = "01:00+08:00"
      days = { "7" = "FULL_BACKUP" }
    }
    storage = {
      type = "FILE"
      url  = "/obbackup/${each.key}"
    }
  }
}
`, benchCluster)
	return b.newWorkspace(name, b.provider, ocp, config, firstBareTenant, n)
}

const ocpProviderBlock = `
terraform {
  required_providers {
    ocp = { source = "ocp-tf/ocp" }
  }
}

provider "ocp" {}
`

// tenantsVariable takes the tenant ids from terraform.tfvars.json, as a fleet's
// configuration takes them from a data source or a variable. (An expression such
// as range() is evaluated again for each instance: at 1000 resources that took a
// third of Terraform's apply. And range() stops at 1024.)
const tenantsVariable = `
variable "tenants" {
  type = set(string)
}
`

// newWorkspace writes config into the directory name, with the ids of n tenants
// from first as var.tenants and a CLI configuration pointing Terraform at v's
// plugin.
func (b *bench) newWorkspace(name string, v variant, ocp *ocp, config string, first, n int) workspace {
	dir := filepath.Join(b.work, name)
	must(os.MkdirAll(dir, 0o755))
	must(os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o644))
	tenants := make([]string, n)
	for i := range tenants {
		tenants[i] = strconv.Itoa(first + i)
	}
	variables, err := json.Marshal(map[string][]string{"tenants": tenants})
	must(err)
	must(os.WriteFile(filepath.Join(dir, "terraform.tfvars.json"), variables, 0o644))
	cliConfig := "provider_installation {\n  filesystem_mirror {\n    path = \"/nonexistent\"\n  }\n}\n"
	if v.pluginDir != "" {
		cliConfig = fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  filesystem_mirror {\n    path = \"/nonexistent\"\n  }\n}\n",
			providerAddress, v.pluginDir)
	}
	must(os.WriteFile(filepath.Join(dir, "cli.tfrc"), []byte(cliConfig), 0o644))
	return workspace{terraform: b.terraform, dir: dir, variant: v, ocp: ocp}
}

// command is the Terraform command of one phase.
func (w workspace) command(phase string) *exec.Cmd {
	args := map[string][]string{
		"apply":   {"apply", "-auto-approve", "-input=false", "-no-color"},
		"plan":    {"plan", "-input=false", "-no-color", "-detailed-exitcode"},
		"destroy": {"destroy", "-auto-approve", "-input=false", "-no-color"},
	}[phase]
	if w.parallelism > 0 {
		args = append(args, "-parallelism="+strconv.Itoa(w.parallelism))
	}
	cmd := exec.Command(w.terraform, args...)
	cmd.Dir = w.dir
	cmd.Env = append(cleanEnv(), "TF_CLI_CONFIG_FILE="+filepath.Join(w.dir, "cli.tfrc"), "CHECKPOINT_DISABLE=1",
		"TF_IN_AUTOMATION=1", "OCP_URL="+w.ocp.url, "OCP_USERNAME="+benchUser, "OCP_PASSWORD="+benchPassword)
	cmd.Env = append(cmd.Env, w.env...)
	return cmd
}

// run runs one phase and returns its wall time in seconds; a plan that finds
// changes to make (exit status 2) fails too.
func (w workspace) run(phase string) (float64, error) {
	seconds, _, err := w.runOutput(phase)
	return seconds, err
}

// runOutput is run, with what Terraform printed.
func (w workspace) runOutput(phase string) (float64, string, error) {
	cmd := w.command(phase)
	start := time.Now()
	output, err := cmd.CombinedOutput()
	elapsed := time.Since(start).Seconds()
	if err != nil {
		return elapsed, string(output), &runError{name: w.variant.name + " " + phase + " in " + w.dir, err: err, output: output}
	}
	return elapsed, string(output), nil
}

// runError is a Terraform command that failed, with what it printed.
type runError struct {
	name   string
	err    error
	output []byte
}

func (e *runError) Error() string { return fmt.Sprintf("%s failed: %v\n%s", e.name, e.err, e.output) }

func (e *runError) Unwrap() error { return e.err }

// errorTitles counts the titles of the errors Terraform printed.
func (e *runError) errorTitles() map[string]int {
	titles := map[string]int{}
	for _, line := range strings.Split(string(e.output), "\n") {
		if title, ok := strings.CutPrefix(strings.TrimLeft(line, "│ "), "Error: "); ok {
			titles[title]++
		}
	}
	return titles
}

// restoreStateBackup puts terraform.tfstate.backup, Terraform's copy of the state
// before its last write, in place of the state file; without one, the workspace
// has no state.
func (w workspace) restoreStateBackup() {
	state := filepath.Join(w.dir, "terraform.tfstate")
	if err := os.Rename(state+".backup", state); err != nil {
		must(os.Remove(state))
	}
}

// stateSchedules returns the tenant ids of the schedules in the workspace's state
// that have their backups running (enabled: a schedule whose carried strategy was
// created but whose start failed is in state as stopped), and of the schedules
// that carry a strategy; an error when the state file is not JSON (a Terraform
// killed while writing it may leave it so).
func (w workspace) stateSchedules() (running, carrying map[int64]bool, err error) {
	raw, err := os.ReadFile(filepath.Join(w.dir, "terraform.tfstate"))
	running, carrying = map[int64]bool{}, map[int64]bool{}
	if os.IsNotExist(err) || len(raw) == 0 {
		return running, carrying, nil
	}
	must(err)
	var state struct {
		Resources []struct {
			Type      string `json:"type"`
			Instances []struct {
				Attributes struct {
					TenantID int64 `json:"tenant_id"`
					Enabled  bool  `json:"enabled"`
					// Strategy is nil when the schedule carries none (null).
					Strategy *struct{} `json:"strategy"`
				} `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(raw, &state); err != nil {
		return nil, nil, fmt.Errorf("the state in %s: %w", w.dir, err)
	}
	for _, resource := range state.Resources {
		if resource.Type != "ocp_tenant_backup_schedule" {
			continue
		}
		for _, instance := range resource.Instances {
			schedule := instance.Attributes
			if schedule.Enabled {
				running[schedule.TenantID] = true
			}
			if schedule.Strategy != nil {
				carrying[schedule.TenantID] = true
			}
		}
	}
	return running, carrying, nil
}

// cleanEnv is this process's environment without Terraform logging or CLI settings.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TF_") && !strings.HasPrefix(kv, "OCP_") {
			env = append(env, kv)
		}
	}
	return env
}
