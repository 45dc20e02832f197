package main

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// The chart: per phase, median wall time against N for each variant of the
// floors; then the latency section's provider times beside their bounds.
const (
	panelW, panelH, margin = 260, 200, 40
	noopColor              = "#1f77b4"
	providerColor          = "#d62728"
	boundColor             = "#c7c7c7"
)

// floorsLines are the variants the floors' panels draw, with their colours.
var floorsLines = []struct{ name, color string }{
	{coreName, "#888888"}, {noopName, noopColor}, {floorName, "#2ca02c"}, {providerName, providerColor},
}

func chart(samples []sample, runs []latencyRun, latency time.Duration) string {
	panels := len(phases)
	if len(runs) > 0 {
		panels++
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="11">`+"\n",
		panels*(panelW+margin)+margin, panelH+2*margin+30)
	for p, phase := range phases {
		floorsPanel(&b, margin+p*(panelW+margin), samples, phase)
	}
	if len(runs) > 0 {
		latencyPanel(&b, margin+len(phases)*(panelW+margin), runs, latency)
	}
	legends := slices.Clone(floorsLines)
	if len(runs) > 0 {
		legends = append(legends, struct{ name, color string }{"latency bound above the no-op", boundColor})
	}
	for i, legend := range legends {
		fmt.Fprintf(&b, `<text x="%d" y="%d" fill="%s">■ %s</text>`+"\n", margin+i*130, panelH+2*margin+20, legend.color, legend.name)
	}
	b.WriteString("</svg>\n")
	return b.String()
}

// panelFrame draws a panel's title, frame and the value at its top.
func panelFrame(b *strings.Builder, x0 int, title string, top float64) {
	fmt.Fprintf(b, `<text x="%d" y="%d" font-weight="bold">%s</text>`+"\n", x0, margin-10, title)
	fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#ccc"/>`+"\n", x0, margin, panelW, panelH)
	fmt.Fprintf(b, `<text x="%d" y="%d">%.1f</text>`+"\n", x0-30, margin+10, top)
}

// floorsPanel draws one phase's median wall time against N, a line per variant; a
// variant not measured at some N has no point there.
func floorsPanel(b *strings.Builder, x0 int, samples []sample, phase string) {
	counts := sampleCounts(samples)
	top := 0.0
	for _, line := range floorsLines {
		for _, n := range counts {
			top = max(top, median(samples, line.name, phase, n, seconds))
		}
	}
	top *= 1.1
	panelFrame(b, x0, phase+" (s)", top)
	xOf := func(i int) float64 {
		if len(counts) == 1 {
			return float64(x0) + panelW/2
		}
		return float64(x0) + 15 + float64(i)*(panelW-30)/float64(len(counts)-1)
	}
	for i, n := range counts {
		fmt.Fprintf(b, `<text x="%.0f" y="%d" text-anchor="middle">N=%d</text>`+"\n", xOf(i), margin+panelH+15, n)
	}
	for _, line := range floorsLines {
		var points []string
		for i, n := range counts {
			value := median(samples, line.name, phase, n, seconds)
			if value == 0 {
				continue
			}
			y := float64(margin+panelH) - value/top*panelH
			points = append(points, fmt.Sprintf("%.1f,%.1f", xOf(i), y))
			fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>`+"\n", xOf(i), y, line.color)
		}
		fmt.Fprintf(b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`+"\n", strings.Join(points, " "), line.color)
	}
}

// latencyPanel draws, for each phase and parallelism of the latency section, the
// no-op floor with the bound stacked on it, and beside them the provider's time.
func latencyPanel(b *strings.Builder, x0 int, runs []latencyRun, latency time.Duration) {
	top := 0.0
	for _, r := range runs {
		top = max(top, r.measured, r.bound(latency))
	}
	top *= 1.1
	panelFrame(b, x0, fmt.Sprintf("latency %v: floor, bound, provider (s)", latency), top)
	slot := float64(panelW) / float64(len(runs))
	height := func(v float64) float64 { return v / top * panelH }
	bottom := float64(margin + panelH)
	for i, r := range runs {
		x := float64(x0) + float64(i)*slot + slot*0.15
		w := slot * 0.35
		fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`+"\n", x, bottom-height(r.floor), w, height(r.floor), noopColor)
		fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`+"\n",
			x, bottom-height(r.bound(latency)), w, height(r.bound(latency))-height(r.floor), boundColor)
		fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`+"\n", x+w, bottom-height(r.measured), w, height(r.measured), providerColor)
		fmt.Fprintf(b, `<text x="%.1f" y="%d" text-anchor="middle">%s P=%d</text>`+"\n", x+w, margin+panelH+15, r.phase, r.parallelism)
	}
}
