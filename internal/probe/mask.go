package probe

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
)

// maskText replaces every secret in a report.
const maskText = "******"

// minMaskedLength is the shortest secret masked wherever it appears. The report
// never quotes a credential on purpose; masking is the net for one that OCP
// echoes. A shorter secret would garble every word that contains it.
const minMaskedLength = 4

// masker hides known secret values wherever they appear in a text.
type masker struct {
	replacer *strings.Replacer
}

// newMasker masks each secret as written and as JSON escapes it, longest first so
// that a secret containing another is masked whole.
func newMasker(secrets []string) masker {
	var forms []string
	for _, secret := range secrets {
		if len(secret) < minMaskedLength {
			continue
		}
		forms = append(forms, secret)
		if escaped, err := json.Marshal(secret); err == nil {
			forms = append(forms, strings.Trim(string(escaped), `"`))
		}
	}
	sort.Slice(forms, func(i, j int) bool { return len(forms[i]) > len(forms[j]) })
	pairs := make([]string, 0, 2*len(forms))
	for _, form := range forms {
		pairs = append(pairs, form, maskText)
	}
	return masker{replacer: strings.NewReplacer(pairs...)}
}

func (m masker) mask(text string) string { return m.replacer.Replace(text) }

// secretKey matches the names of fields that hold secrets.
var secretKey = regexp.MustCompile(`(?i)secret|password|passwd|token`)

// urlSecret matches credentials an object-storage URL may carry in its query, as
// OceanBase's own backup destinations do (…?host=…&access_id=…&access_key=…).
var urlSecret = regexp.MustCompile(`(?i)(access_key|secret[a-z_]*|password)=([^&\s]+)`)

// secretsIn collects the secret values anywhere in a decoded JSON value: those of
// fields named like secrets that are not masked already, and those in URL queries.
func secretsIn(value any) []string {
	var found []string
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, child := range v {
				walk(k, child)
			}
		case []any:
			for _, child := range v {
				walk(key, child)
			}
		case string:
			if secretKey.MatchString(key) && !looksMasked(v) {
				found = append(found, v)
			}
			for _, m := range urlSecret.FindAllStringSubmatch(v, -1) {
				found = append(found, m[2])
			}
		}
	}
	walk("", value)
	return found
}

// looksMasked reports a value that OCP has already masked (or emptied).
func looksMasked(value string) bool {
	return value == "" || strings.Contains(value, "***")
}
