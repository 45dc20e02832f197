package probe

import "strings"

// Verdict is what the probe found about one fact.
type Verdict string

// The verdicts of a fact.
const (
	Holds         Verdict = "holds"
	Differs       Verdict = "differs"
	NotObservable Verdict = "not observable"
)

// Fact is one assumption of the provider about OCP, checked against the OCP at hand.
type Fact struct {
	ID string `json:"id"`
	// Assumption is what the provider takes for granted.
	Assumption string `json:"assumption"`
	// Reference is the section of OCP_API.md that states it, with its tag.
	Reference string  `json:"reference"`
	Verdict   Verdict `json:"verdict"`
	// Seen is what OCP answered (secrets masked), for a fact that holds or differs.
	Seen string `json:"seen,omitempty"`
	// Why says what kept the fact from being observed.
	Why string `json:"why,omitempty"`
	// Provider says, for a difference, how the provider copes or what misbehaves.
	Provider *Consequence `json:"provider,omitempty"`
}

// Consequence is what a difference means for the provider.
type Consequence struct {
	// Tolerated: the provider already copes with it.
	Tolerated bool `json:"tolerated"`
	// Detail says how it copes, or which resource and attribute misbehave.
	Detail string `json:"detail"`
}

func tolerated(how string) Consequence { return Consequence{Tolerated: true, Detail: how} }
func breaks(what string) Consequence   { return Consequence{Tolerated: false, Detail: what} }

// assumption is a fact before it is checked.
type assumption struct {
	id, text, reference string
}

func (a assumption) holds(seen string) Fact {
	return Fact{ID: a.id, Assumption: a.text, Reference: a.reference, Verdict: Holds, Seen: seen}
}

func (a assumption) differs(seen string, consequence Consequence) Fact {
	return Fact{ID: a.id, Assumption: a.text, Reference: a.reference, Verdict: Differs, Seen: seen, Provider: &consequence}
}

func (a assumption) unobservable(why string) Fact {
	return Fact{ID: a.id, Assumption: a.text, Reference: a.reference, Verdict: NotObservable, Why: why}
}

// differences collects the ways one answer departs from an assumption, so that a
// fact reports all of them at once.
type differences struct {
	consequences []Consequence
}

func (d *differences) add(c Consequence) { d.consequences = append(d.consequences, c) }

// verdict is the fact: it holds without differences; otherwise it differs, and is
// tolerated only if each difference is.
func (d *differences) verdict(a assumption, seen string) Fact {
	if len(d.consequences) == 0 {
		return a.holds(seen)
	}
	all := Consequence{Tolerated: true}
	details := make([]string, 0, len(d.consequences))
	for _, c := range d.consequences {
		all.Tolerated = all.Tolerated && c.Tolerated
		details = append(details, c.Detail)
	}
	all.Detail = strings.Join(details, " ")
	return a.differs(seen, all)
}
