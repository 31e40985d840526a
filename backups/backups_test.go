package backups

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

func TestNameParses(t *testing.T) {
	began := time.Date(2026, 12, 7, 22, 30, 1, 234_000_000, time.FixedZone("CET", 3600))
	name := Name(began)
	if name != "herald-20261207T213001.234Z.db" {
		t.Fatalf("Name = %q", name)
	}
	if got, ok := Parse(name); !ok || !got.Equal(began) {
		t.Fatalf("Parse(%q) = %v, %v", name, got, ok)
	}
	for _, n := range []string{"herald.db", "herald-20261207.db", "herald-20261207T213001.234Z.db.bak", "x" + name} {
		if _, ok := Parse(n); ok {
			t.Errorf("Parse(%q) took it for a copy", n)
		}
	}
}

func TestPrune(t *testing.T) {
	c := func(h int) string { return Name(time.Date(2026, 12, 7, h, 0, 0, 0, time.UTC)) }
	for _, tc := range []struct {
		name  string
		files []string
		keep  int
		want  []string
	}{
		{"fewer than keep: none", []string{c(1), c(2)}, 3, nil},
		{"the oldest go, whatever the listing's order", []string{c(3), c(1), c(4), c(2)}, 2, []string{c(1), c(2)}},
		{"keep 0 still keeps the newest", []string{c(1), c(2)}, 0, []string{c(1)}},
		{"an unfinished copy goes", []string{c(1), "." + c(2) + ".partial-a1b2c3"}, 3, []string{"." + c(2) + ".partial-a1b2c3"}},
		{"other files stay", []string{"notes.txt", "herald.db", ".hidden", ".x.partial-1", c(1), c(2)}, 1, []string{c(1)}},
	} {
		got := Prune(tc.files, tc.keep)
		slices.Sort(got)
		slices.Sort(tc.want)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: Prune = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestWait(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name     string
		newest   time.Time
		every    time.Duration
		lastTook time.Duration
		failed   bool
		want     time.Duration
	}{
		{"no copy yet: at once", time.Time{}, time.Hour, 0, false, 0},
		{"a copy 10 min old, every hour: in 50 min", now.Add(-10 * time.Minute), time.Hour, time.Second, false, 50 * time.Minute},
		{"the newest older than every: at once", now.Add(-2 * time.Hour), time.Hour, 0, false, 0},
		{"a copy longer than every: as long again after it", now.Add(-30 * time.Second), 10 * time.Second, 20 * time.Second, false, 20 * time.Second},
		{"after a failure: within a minute", now.Add(-10 * time.Minute), time.Hour, time.Second, true, time.Minute},
		{"after a failure, every shorter than a minute: every", now.Add(-5 * time.Second), 15 * time.Second, 0, true, 15 * time.Second},
		{"after a failure, the newest long overdue: still not at once", now.Add(-5 * time.Hour), time.Hour, 0, true, time.Minute},
	} {
		if got := Wait(tc.newest, now, tc.every, tc.lastTook, tc.failed); got != tc.want {
			t.Errorf("%s: Wait = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// The runner takes its first copy at once (none in the directory is
// recent), removes what a killed node left unfinished and the copies
// past keep, leaves other files alone, counts failures, and its metrics
// say when the newest copy began.
func TestRunnerRotates(t *testing.T) {
	dir := t.TempDir()
	old := []string{Name(time.Now().Add(-3 * time.Hour)), Name(time.Now().Add(-2 * time.Hour))}
	leftover := "." + Name(time.Now().Add(-time.Hour)) + ".partial-abcdef"
	for _, n := range append(old, leftover, "operator-notes.txt") {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	fail := true
	reg := prometheus.NewRegistry()
	r, err := New(Config{Dir: dir, Every: time.Hour, Keep: 2, Metrics: reg,
		Copy: func(ctx context.Context, out string) (int64, error) {
			if fail {
				fail = false
				return 0, errors.New("disk full")
			}
			return 5, os.WriteFile(out, []byte("store"), 0o600)
		}})
	if err != nil {
		t.Fatal(err)
	}
	// The newest copy is two hours old, past Every: the first try is at
	// once. It fails; its retry would be a minute later, too long for a
	// test (TestWait has it), so the failure is checked and the runner
	// started again.
	r.copied = make(chan string, 1)
	r.Start(context.Background())
	deadline := time.After(30 * time.Second)
	for testutil.ToFloat64(r.metrics.failures) == 0 {
		select {
		case <-deadline:
			t.Fatal("the failing copy was not counted")
		case <-time.After(5 * time.Millisecond):
		}
	}
	r.Stop()

	reg = prometheus.NewRegistry()
	r, err = New(Config{Dir: dir, Every: time.Hour, Keep: 2, Metrics: reg, Copy: func(ctx context.Context, out string) (int64, error) {
		return 5, os.WriteFile(out, []byte("store"), 0o600)
	}})
	if err != nil {
		t.Fatal(err)
	}
	r.copied = make(chan string, 1)
	r.Start(context.Background())
	defer r.Stop()
	var name string
	select {
	case name = <-r.copied:
	case <-time.After(30 * time.Second):
		t.Fatal("no copy taken")
	}
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := []string{old[1], name, "operator-notes.txt"}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("the directory holds %v, want %v", got, want)
	}
	began, _ := Parse(name)
	if v := testutil.ToFloat64(r.metrics.lastSuccess); v != float64(began.UnixMilli())/1000 {
		t.Fatalf("herald_backup_last_success_timestamp_seconds = %v, want %v", v, float64(began.UnixMilli())/1000)
	}
	if v := testutil.ToFloat64(r.metrics.bytes); v != 5 {
		t.Fatalf("herald_backup_bytes = %v", v)
	}
}
