// Package releasenotes reads a version's release notes from CHANGELOG.md: the
// section under the heading "## <version>", which may end in a "(date)" or
// "(Unreleased)". The release workflow hands them to goreleaser.
package releasenotes

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
)

// Section is one version's part of the changelog.
type Section struct {
	// Heading is the section's heading line, such as "## 0.1.0 (June 2, 2026)".
	Heading string
	// Notes are the lines below the heading up to the next heading, without the
	// blank lines at either end.
	Notes string
	// Unreleased is true when the heading says "(Unreleased)".
	Unreleased bool
}

// heading matches a version's heading: "## 0.1.0", "## v0.1.0", "## 0.1.0 (Unreleased)".
var heading = regexp.MustCompile(`^##[ \t]+v?(\S+)(?:[ \t]+\(([^)]*)\))?[ \t]*$`)

// Extract returns the section of changelog whose heading names version (with or
// without a leading "v", as in a tag). It fails when there is no such section,
// when there are two, and when the section has no notes.
func Extract(changelog []byte, version string) (Section, error) {
	version = strings.TrimPrefix(strings.TrimSpace(version), "v")
	if version == "" {
		return Section{}, errors.New("no version given")
	}
	var found []Section
	var notes []string
	inside, fenced := false, false
	finish := func() {
		if inside {
			found[len(found)-1].Notes = strings.Join(trimBlank(notes), "\n")
		}
		inside, notes = false, nil
	}
	scanner := bufio.NewScanner(bytes.NewReader(changelog))
	scanner.Buffer(nil, 1<<20)
	for scanner.Scan() {
		line := strings.TrimRight(scanner.Text(), "\r")
		if strings.HasPrefix(strings.TrimLeft(line, " "), "```") {
			fenced = !fenced
		}
		if !fenced && isSectionBoundary(line) {
			finish()
			if m := heading.FindStringSubmatch(line); m != nil && m[1] == version {
				inside = true
				found = append(found, Section{Heading: line, Unreleased: strings.EqualFold(m[2], "Unreleased")})
				continue
			}
		}
		if inside {
			notes = append(notes, line)
		}
	}
	if err := scanner.Err(); err != nil {
		return Section{}, fmt.Errorf("reading the changelog: %w", err)
	}
	finish()
	switch {
	case len(found) == 0:
		return Section{}, fmt.Errorf("the changelog has no section for version %s: add one headed \"## %s\"", version, version)
	case len(found) > 1:
		return Section{}, fmt.Errorf("the changelog has %d sections for version %s (%q and %q): keep one",
			len(found), version, found[0].Heading, found[1].Heading)
	case found[0].Notes == "":
		return Section{}, fmt.Errorf("the changelog's section %q is empty", found[0].Heading)
	}
	return found[0], nil
}

// isSectionBoundary reports a heading that ends a section: one of level 1 or 2.
// Level 3 and deeper headings belong to the section they are in.
func isSectionBoundary(line string) bool {
	return line == "#" || line == "##" || strings.HasPrefix(line, "# ") || strings.HasPrefix(line, "## ")
}

// trimBlank drops the blank lines at the start and end of lines.
func trimBlank(lines []string) []string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// Main is the release-notes command: it prints the notes of the version its
// argument names and returns the exit status, 0 on success, 1 when the changelog
// has no usable section and 2 on a usage error.
func Main(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("release-notes", flag.ContinueOnError)
	flags.SetOutput(stderr)
	path := flags.String("changelog", "CHANGELOG.md", "the changelog to read")
	release := flags.Bool("release", false, "refuse a section whose heading still says Unreleased, as a release must")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "usage: release-notes [-changelog CHANGELOG.md] [-release] VERSION")
		fmt.Fprintln(stderr, "Prints the changelog's section for VERSION (such as 0.1.0 or v0.1.0), without its heading.")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() != 1 {
		flags.Usage()
		return 2
	}
	changelog, err := os.ReadFile(*path)
	if err != nil {
		fmt.Fprintf(stderr, "release-notes: %v\n", err)
		return 1
	}
	section, err := Extract(changelog, flags.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "release-notes: %s: %v\n", *path, err)
		return 1
	}
	switch {
	case section.Unreleased && *release:
		fmt.Fprintf(stderr, "release-notes: %s: the heading %q still says Unreleased: give it the release date before tagging\n", *path, section.Heading)
		return 1
	case section.Unreleased:
		fmt.Fprintf(stderr, "release-notes: warning: %s: the heading %q still says Unreleased\n", *path, section.Heading)
	}
	if _, err := fmt.Fprintln(stdout, section.Notes); err != nil {
		fmt.Fprintf(stderr, "release-notes: %v\n", err)
		return 1
	}
	return 0
}
