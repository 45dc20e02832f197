package probe

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Exit statuses of the probe.
const (
	ExitHolds     = 0
	ExitDiffers   = 1
	ExitCannotRun = 2
)

// Report is everything one run found.
type Report struct {
	// Probe is the version of the probe that wrote the report.
	Probe string `json:"probe"`
	// OCP is the base URL probed, without any user information.
	OCP string `json:"ocp"`
	// Server is the OCP node that answered, as OCP's envelope names it.
	Server string `json:"server,omitempty"`
	// Clusters carry the OceanBase version of each cluster: OCP documents no
	// endpoint for its own version.
	Clusters         []ClusterInfo `json:"clusters,omitempty"`
	Tenant           *TenantInfo   `json:"tenant,omitempty"`
	NoStrategyTenant *TenantInfo   `json:"noStrategyTenant,omitempty"`
	Mode             string        `json:"mode"`
	Facts            []Fact        `json:"facts"`
	Write            *WriteLog     `json:"write,omitempty"`
	// Failure says what kept the probe from running to its end.
	Failure string `json:"failure,omitempty"`
	// secrets are masked wherever the report would quote them.
	secrets []string
}

// ClusterInfo is a cluster OCP lists.
type ClusterInfo struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	ObVersion string `json:"obVersion,omitempty"`
}

// TenantInfo is a tenant the probe read, and how it came to choose it.
type TenantInfo struct {
	ClusterID int64  `json:"clusterId"`
	TenantID  int64  `json:"tenantId"`
	Name      string `json:"name"`
	Chosen    string `json:"chosen"`
}

// Modes of a run.
const (
	modeReadOnly = "read-only"
	modeWrite    = "write"
)

// Fact looks a fact up by id.
func (r *Report) Fact(id string) (Fact, bool) {
	for _, f := range r.Facts {
		if f.ID == id {
			return f, true
		}
	}
	return Fact{}, false
}

// ExitCode is the probe's exit status for the report.
func (r *Report) ExitCode() int {
	if r.Failure != "" {
		return ExitCannotRun
	}
	if r.count(Differs) > 0 {
		return ExitDiffers
	}
	return ExitHolds
}

func (r *Report) count(v Verdict) int {
	n := 0
	for _, f := range r.Facts {
		if f.Verdict == v {
			n++
		}
	}
	return n
}

// WriteTo writes the report in format, every secret the probe knows masked.
func (r *Report) WriteTo(w io.Writer, format Format) error {
	var text string
	if format == FormatJSON {
		raw, err := json.MarshalIndent(r, "", "  ")
		if err != nil {
			return err
		}
		text = string(raw) + "\n"
	} else {
		text = r.markdown()
	}
	_, err := io.WriteString(w, newMasker(r.secrets).mask(text))
	return err
}

func (r *Report) markdown() string {
	var b strings.Builder
	b.WriteString("# OCP compatibility report\n\n| | |\n|---|---|\n")
	row(&b, "Probe", "ocpprobe "+r.Probe)
	row(&b, "OCP", r.ocpLine())
	row(&b, "OCP version", "not reported: OCP's API documents no version endpoint")
	row(&b, "OceanBase", r.clustersLine())
	row(&b, "Tenant inspected", r.Tenant.line())
	row(&b, "Tenant without a strategy", r.NoStrategyTenant.line())
	row(&b, "Mode", r.Mode)
	row(&b, "Result", r.summary())
	if r.Failure != "" {
		fmt.Fprintf(&b, "\n**The probe could not finish:** %s\n", r.Failure)
	}
	if len(r.Facts) > 0 {
		b.WriteString("\n## Facts\n\nSections (§) and tags ([DOC] documented by OCP, [SRC] read in OceanBase's code, " +
			"[INF] inferred) are those of OCP_API.md in the provider's repository.\n\n" +
			"| Fact | Assumed | Result | Seen | For the provider |\n|---|---|---|---|---|\n")
	}
	for _, f := range r.Facts {
		row(&b, "`"+f.ID+"`", f.Assumption+" ("+f.Reference+")", verdictCell(f), f.seenCell(), f.providerCell())
	}
	if r.Write != nil {
		r.Write.markdown(&b)
	}
	return b.String()
}

func (r *Report) ocpLine() string {
	if r.Server == "" {
		return r.OCP
	}
	return fmt.Sprintf("%s (answering node `%s`)", r.OCP, r.Server)
}

func (r *Report) clustersLine() string {
	if len(r.Clusters) == 0 {
		return "no cluster listed"
	}
	parts := make([]string, len(r.Clusters))
	for i, c := range r.Clusters {
		parts[i] = fmt.Sprintf("cluster `%s` (%d): %s", c.Name, c.ID, orDash(c.ObVersion))
	}
	return strings.Join(parts, "; ")
}

func (t *TenantInfo) line() string {
	if t == nil {
		return "none"
	}
	return fmt.Sprintf("%d/%d `%s`, %s", t.ClusterID, t.TenantID, t.Name, t.Chosen)
}

func (r *Report) summary() string {
	summary := fmt.Sprintf("%d hold, %d differ, %d not observable", r.count(Holds), r.count(Differs), r.count(NotObservable))
	if broken := r.broken(); broken > 0 {
		summary += fmt.Sprintf(" (%d of the differences would make the provider misbehave)", broken)
	} else if r.count(Differs) > 0 {
		summary += " (the provider copes with every difference)"
	}
	return summary
}

// broken counts the differences the provider does not tolerate.
func (r *Report) broken() int {
	n := 0
	for _, f := range r.Facts {
		if f.Provider != nil && !f.Provider.Tolerated {
			n++
		}
	}
	return n
}

func verdictCell(f Fact) string {
	if f.Verdict == NotObservable {
		return string(f.Verdict)
	}
	return "**" + string(f.Verdict) + "**"
}

func (f Fact) seenCell() string {
	if f.Verdict == NotObservable {
		return f.Why
	}
	return f.Seen
}

func (f Fact) providerCell() string {
	switch {
	case f.Provider == nil:
		return ""
	case f.Provider.Tolerated:
		return "copes: " + f.Provider.Detail
	default:
		return "**misbehaves:** " + f.Provider.Detail
	}
}

// row writes one Markdown table row; cells cannot hold pipes or line breaks.
func row(b *strings.Builder, cells ...string) {
	escaped := make([]string, len(cells))
	for i, cell := range cells {
		escaped[i] = strings.NewReplacer("|", `\|`, "\n", " ").Replace(cell)
	}
	fmt.Fprintf(b, "| %s |\n", strings.Join(escaped, " | "))
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
