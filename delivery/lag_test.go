package delivery

import (
	"testing"
	"time"
)

func TestSplitLag(t *testing.T) {
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	ago := func(s int) time.Time { return now.Add(-time.Duration(s) * time.Second) }
	for _, c := range []struct {
		name             string
		in               lagInputs
		healthy, backlog float64
	}{
		{"nothing waits", lagInputs{}, 0, 0},
		{"due in the future", lagInputs{storeDue: now.Add(time.Minute), sweptAt: ago(1)}, 0, 0},
		{"hanging endpoints' backlog in the store, swept a second ago",
			lagInputs{storeDue: ago(600), sweptAt: ago(1)}, 1, 600},
		{"and queued in memory behind the slow lane",
			lagInputs{storeDue: ago(600), heldQueued: ago(900), sweptAt: ago(1)}, 1, 900},
		{"a healthy delivery queued behind full slots",
			lagInputs{healthyQueued: ago(30), storeDue: ago(600), sweptAt: ago(1)}, 30, 600},
		{"the store due only lately: the sweep bound is looser than the oldest due",
			lagInputs{storeDue: ago(2), sweptAt: ago(5)}, 2, 2},
		{"claims stopped (window full, store failing): the wait since the last sweep",
			lagInputs{storeDue: ago(600), sweptAt: ago(45)}, 45, 600},
		{"never swept (not started): everything due counts",
			lagInputs{storeDue: ago(90)}, 90, 90},
		{"clock behind a due time in memory", lagInputs{healthyQueued: now.Add(time.Second)}, 0, 0},
	} {
		c.in.now = now
		got := splitLag(c.in)
		if got.healthy != c.healthy || got.backlog != c.backlog {
			t.Errorf("%s: healthy %v, backlog %v; want %v, %v", c.name, got.healthy, got.backlog, c.healthy, c.backlog)
		}
	}
}
