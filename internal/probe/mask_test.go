package probe

import (
	"slices"
	"testing"
)

func TestSecretsInFindsFieldsAndURLCredentials(t *testing.T) {
	strategy := map[string]any{
		"obBackupServiceStorageConfig": map[string]any{"obBackupStorageBaseInfo": map[string]any{
			"storageUrl":   "oss://bucket/dir?host=oss.example.com&access_id=AKID&access_key=url-secret-1",
			"ossAccessKey": map[string]any{"accessKeyId": "AKID", "accessKeySecret": "field-secret-2"},
			"cosAccessKey": map[string]any{"accessKeySecret": "******"},
		}},
		"extra": []any{map[string]any{"password": "list-secret-3"}},
	}
	got := secretsIn(strategy)
	slices.Sort(got)
	if want := []string{"field-secret-2", "list-secret-3", "url-secret-1"}; !slices.Equal(got, want) {
		t.Errorf("secrets = %q, want %q", got, want)
	}
}

func TestMaskerMasksSecretsAsWrittenAndAsJSONEscapes(t *testing.T) {
	m := newMasker([]string{"a<b>secret", "pw", ""})
	got := m.mask(`plain a<b>secret, escaped a\u003cb\u003esecret, short pw stays`)
	if want := "plain ******, escaped ******, short pw stays"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
