package postgres

import (
	"strings"
	"testing"
)

func TestSettingWarnings(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings map[string]string
		want     []string // a word each warning must hold, in order
	}{
		{"all on", map[string]string{"autovacuum": "on", "track_counts": "on"}, nil},
		{"autovacuum off", map[string]string{"autovacuum": "off", "track_counts": "on"}, []string{"autovacuum = on"}},
		{"track_counts off", map[string]string{"autovacuum": "on", "track_counts": "off"}, []string{"track_counts = on"}},
		{"both off", map[string]string{"autovacuum": "off", "track_counts": "off"}, []string{"autovacuum = on", "track_counts = on"}},
		{"not reported: no guess", map[string]string{}, nil},
	} {
		got := settingWarnings(tc.settings)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %d warnings %q, want %d", tc.name, len(got), got, len(tc.want))
			continue
		}
		for i, w := range tc.want {
			if !strings.Contains(got[i], w) {
				t.Errorf("%s: warning %d = %q, want it to say %q", tc.name, i, got[i], w)
			}
		}
	}
}
