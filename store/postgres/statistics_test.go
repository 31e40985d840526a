package postgres

import (
	"testing"
	"time"
)

func TestNeedsAnalyze(t *testing.T) {
	recent, old := 10*time.Minute, 2*time.Hour
	for _, c := range []struct {
		name string
		t    tableStats
		want bool
	}{
		{"never analysed, loaded", tableStats{Rows: -1, Modified: 2_000_000}, true},
		{"never analysed, empty", tableStats{Rows: -1, Modified: 0}, false},
		{"analysed long ago, a third changed", tableStats{Rows: 3_000_000, Modified: 1_000_000, SinceAnalysed: &old}, true},
		{"analysed long ago, little changed", tableStats{Rows: 3_000_000, Modified: 1_000, SinceAnalysed: &old}, false},
		{"analysed just now, much changed", tableStats{Rows: 3_000_000, Modified: 3_000_000, SinceAnalysed: &recent}, false},
		{"analysed long ago, nothing changed", tableStats{Rows: 10, Modified: 0, SinceAnalysed: &old}, false},
	} {
		if got := needsAnalyze(c.t); got != c.want {
			t.Errorf("%s: needsAnalyze = %v, want %v", c.name, got, c.want)
		}
	}
}
