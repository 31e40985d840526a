package preset

import (
	"testing"
	"time"

	"github.com/heraldhq/herald/retry"
)

// The presets' policies are the seeds' numbers, checked against the
// documents: seed 000 "up to 5 times ... starting at 2 seconds, capped at
// 30 seconds"; seed 003 "up to 3 times, at intervals of roughly 10s, 30s,
// and 60s".
func TestPolicies(t *testing.T) {
	for _, p := range All() {
		if p.RetryPolicy != nil {
			if err := p.RetryPolicy.Validate(); err != nil {
				t.Errorf("%s: %v", p.Name, err)
			}
		}
	}
	fixed := func() float64 { return 0.5 }
	lp, _ := Lookup("leaperone")
	var got []time.Duration
	for n := 1; ; n++ {
		d, ok := lp.RetryPolicy.Delay(n, fixed)
		if !ok {
			break
		}
		got = append(got, d)
	}
	want := []time.Duration{2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second}
	if len(got) != len(want) {
		t.Fatalf("leaperone delays = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("leaperone delays = %v, want %v", got, want)
		}
	}
	if lp.RetryPolicy.RetryOn != retry.RetryAny {
		t.Fatal("leaperone must retry any non-2xx")
	}
	ta, _ := Lookup("task-api")
	if ta.RetryPolicy.Retries() != 3 || ta.RetryPolicy.RetryOn != retry.RetryServerErrors || ta.PathSuffix != "/callback" {
		t.Fatalf("task-api = %+v", ta)
	}
	if _, ok := Lookup("nope"); ok {
		t.Fatal("an unknown preset was found")
	}
}
