package lane

import (
	"testing"
	"time"
)

func TestNext(t *testing.T) {
	c := Config{Max: 16, SlowAfter: time.Second}
	fast, slow := 10*time.Millisecond, 3*time.Second
	for _, tc := range []struct {
		name      string
		h         Health
		o         Outcome
		wantLimit int
		wantSlow  bool
	}{
		{"never seen, succeeds fast", Health{}, Outcome{Duration: fast, OK: true}, 16, false},
		{"never seen, fails fast", Health{}, Outcome{Duration: fast}, 8, false},
		{"never seen, times out", Health{}, Outcome{Duration: 10 * time.Second}, 1, true},
		{"never seen, answers 2xx late", Health{}, Outcome{Duration: slow, OK: true}, 16, true},
		{"fails fast again and again", Health{limit: 1}, Outcome{Duration: fast}, 1, false},
		{"halves", Health{limit: 5}, Outcome{Duration: fast}, 2, false},
		{"recovers by doubling", Health{limit: 2}, Outcome{Duration: fast, OK: true}, 4, false},
		{"doubling stops at Max", Health{limit: 12}, Outcome{Duration: fast, OK: true}, 16, false},
		{"slow and succeeding grows by one", Health{limit: 1, Slow: true}, Outcome{Duration: slow, OK: true}, 2, true},
		{"slow leaves the slow lane on a fast answer", Health{limit: 1, Slow: true}, Outcome{Duration: fast, OK: true}, 2, false},
		{"a fast failure also shows it no longer hangs", Health{limit: 4, Slow: true}, Outcome{Duration: fast}, 2, false},
		{"exactly SlowAfter is slow", Health{}, Outcome{Duration: time.Second}, 1, true},
		{"a late 5xx is a timeout", Health{limit: 9}, Outcome{Duration: slow}, 1, true},
		{"a limit over Max is Max", Health{limit: 40}, Outcome{Duration: fast, OK: true}, 16, false},
		{"seen lingering, though its own clock says fast", Health{limit: 4}, Outcome{Duration: fast, OK: true, Lingered: true}, 5, true},
		{"seen lingering, then failed", Health{limit: 4}, Outcome{Duration: fast, Lingered: true}, 1, true},
	} {
		got := Next(tc.h, tc.o, c)
		if got.Limit(c) != tc.wantLimit || got.Slow != tc.wantSlow {
			t.Errorf("%s: Next(%+v, %+v) = limit %d slow %v; want %d %v", tc.name, tc.h, tc.o, got.Limit(c), got.Slow, tc.wantLimit, tc.wantSlow)
		}
	}
}

func TestLingeringAndUsual(t *testing.T) {
	c := Config{Max: 16, SlowAfter: time.Second}
	if !(Health{}).Usual(c) {
		t.Error("an endpoint never seen is not usual")
	}
	l := Lingering(Health{limit: 3})
	if !l.Slow || l.Limit(c) != 3 {
		t.Errorf("Lingering = %+v; want slow, limit unchanged at 3", l)
	}
	if l.Usual(c) || (Health{limit: 8}).Usual(c) {
		t.Error("a slow or limited endpoint counts as usual, and would be forgotten")
	}
	if !(Health{limit: 16}).Usual(c) {
		t.Error("an endpoint back at Max, fast, is not usual")
	}
}

func TestMemoryFull(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    Memory
		held int
		slow bool
		want bool
	}{
		{"one fast endpoint may hold half the window", Memory{Window: 1000, MinShare: 32, Endpoints: 1}, 499, false, false},
		{"one fast endpoint at half the window", Memory{Window: 1000, MinShare: 32, Endpoints: 1}, 500, false, true},
		{"many fast endpoints: the share never falls below MinShare", Memory{Window: 1000, MinShare: 32, Endpoints: 900}, 31, false, false},
		{"many fast endpoints at MinShare", Memory{Window: 1000, MinShare: 32, Endpoints: 900}, 32, false, true},
		{"one slow endpoint may hold the slow quarter", Memory{Window: 1000, MinShare: 32, Endpoints: 10, Slow: 1, SlowHeld: 100}, 100, true, false},
		{"the slow quarter is full", Memory{Window: 1000, MinShare: 32, Endpoints: 10, Slow: 1, SlowHeld: 250}, 250, true, true},
		{"many slow endpoints share the quarter", Memory{Window: 1000, MinShare: 32, Endpoints: 500, Slow: 100, SlowHeld: 120}, 1, true, false},
		{"a slow endpoint at its part of the quarter", Memory{Window: 1000, MinShare: 32, Endpoints: 500, Slow: 100, SlowHeld: 120}, 250 / 100, true, true},
		{"thousands of slow endpoints each hold one at most", Memory{Window: 1000, MinShare: 32, Endpoints: 5000, Slow: 3000, SlowHeld: 10}, 1, true, true},
		{"with the quarter full even an empty slow endpoint is full", Memory{Window: 1000, MinShare: 32, Endpoints: 5000, Slow: 3000, SlowHeld: 250}, 0, true, true},
		{"a slow endpoint may always hold its first", Memory{Window: 1000, MinShare: 32, Endpoints: 5000, Slow: 3000, SlowHeld: 10}, 0, true, false},
	} {
		if got := tc.m.Full(tc.held, tc.slow); got != tc.want {
			t.Errorf("%s: %+v.Full(%d, slow %v) = %v; want %v", tc.name, tc.m, tc.held, tc.slow, got, tc.want)
		}
	}
}
