package releasenotes

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const changelog = `## 0.3.0 (Unreleased)

FEATURES:

* **New Resource:** ` + "`ocp_thing`" + `

## 0.2.0 (June 2, 2026)

ENHANCEMENTS:

* provider: one.
* provider: two.

### Upgrading

` + "```" + `sh
## not a heading inside a fence
` + "```" + `

BUG FIXES:

* provider: three.


## v0.1.1

## 0.1.0

* First release.
`

func TestExtract(t *testing.T) {
	tests := []struct {
		version, heading, notes string
		unreleased              bool
	}{
		{
			version:    "0.3.0",
			heading:    "## 0.3.0 (Unreleased)",
			notes:      "FEATURES:\n\n* **New Resource:** `ocp_thing`",
			unreleased: true,
		},
		{
			version: "v0.2.0",
			heading: "## 0.2.0 (June 2, 2026)",
			notes: "ENHANCEMENTS:\n\n* provider: one.\n* provider: two.\n\n### Upgrading\n\n" +
				"```sh\n## not a heading inside a fence\n```\n\nBUG FIXES:\n\n* provider: three.",
		},
		{version: "0.1.0", heading: "## 0.1.0", notes: "* First release."},
	}
	for _, tt := range tests {
		t.Run(tt.version, func(t *testing.T) {
			got, err := Extract([]byte(changelog), tt.version)
			if err != nil {
				t.Fatal(err)
			}
			want := Section{Heading: tt.heading, Notes: tt.notes, Unreleased: tt.unreleased}
			if got != want {
				t.Errorf("Extract(%q) =\n%#v\nwant\n%#v", tt.version, got, want)
			}
		})
	}
}

func TestExtractCRLF(t *testing.T) {
	got, err := Extract([]byte("## 0.1.0\r\n\r\n* one\r\n* two\r\n## 0.0.1\r\n* old\r\n"), "0.1.0")
	if err != nil {
		t.Fatal(err)
	}
	if got.Notes != "* one\n* two" {
		t.Errorf("notes = %q", got.Notes)
	}
}

func TestExtractFails(t *testing.T) {
	tests := map[string]struct {
		changelog, version, message string
	}{
		"missing version":           {changelog, "0.4.0", `no section for version 0.4.0: add one headed "## 0.4.0"`},
		"prefix of another version": {changelog, "0.2", "no section for version 0.2"},
		"empty section":             {changelog, "0.1.1", `section "## v0.1.1" is empty`},
		"empty last section":        {"## 0.1.0\n\n\n", "0.1.0", `section "## 0.1.0" is empty`},
		"two sections":              {"## 0.1.0\n* a\n## 0.1.0 (Unreleased)\n* b\n", "0.1.0", "2 sections for version 0.1.0"},
		"no version":                {changelog, "v", "no version given"},
		"level 3 heading":           {"### 0.1.0\n* a\n", "0.1.0", "no section for version 0.1.0"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Extract([]byte(tt.changelog), tt.version)
			if err == nil || !strings.Contains(err.Error(), tt.message) {
				t.Errorf("Extract(%q) error = %v, want one containing %q", tt.version, err, tt.message)
			}
		})
	}
}

// TestRepositoryChangelog checks that the repository's own CHANGELOG.md has a
// usable section at the top, the one the next release takes its notes from.
func TestRepositoryChangelog(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "CHANGELOG.md"))
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(string(data), "\n")
	m := heading.FindStringSubmatch(first)
	if m == nil {
		t.Fatalf("CHANGELOG.md begins %q, not a version's heading", first)
	}
	if _, err := Extract(data, m[1]); err != nil {
		t.Error(err)
	}
}

func TestMainCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "CHANGELOG.md")
	if err := os.WriteFile(path, []byte(changelog), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name           string
		args           []string
		code           int
		stdout, stderr string
	}{
		{"released", []string{"-changelog", path, "v0.1.0"}, 0, "* First release.\n", ""},
		{"unreleased", []string{"-changelog", path, "0.3.0"}, 0, "FEATURES:\n\n* **New Resource:** `ocp_thing`\n", "still says Unreleased"},
		{"unreleased, for a release", []string{"-changelog", path, "-release", "0.3.0"}, 1, "", "give it the release date"},
		{"released, for a release", []string{"-changelog", path, "-release", "v0.1.0"}, 0, "* First release.\n", ""},
		{"missing", []string{"-changelog", path, "0.9.0"}, 1, "", "no section for version 0.9.0"},
		{"no file", []string{"-changelog", path + ".missing", "0.1.0"}, 1, "", "CHANGELOG.md.missing"},
		{"no version", []string{"-changelog", path}, 2, "", "usage: release-notes"},
		{"two versions", []string{"0.1.0", "0.2.0"}, 2, "", "usage: release-notes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Main(tt.args, &stdout, &stderr)
			if code != tt.code || stdout.String() != tt.stdout || !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("Main(%q) = %d, stdout %q, stderr %q; want %d, stdout %q, stderr containing %q",
					tt.args, code, stdout.String(), stderr.String(), tt.code, tt.stdout, tt.stderr)
			}
			if tt.code == 0 && tt.stderr == "" && stderr.Len() > 0 {
				t.Errorf("unexpected stderr %q", stderr.String())
			}
		})
	}
}
