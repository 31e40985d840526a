package intake

import (
	"testing"

	"github.com/heraldhq/herald"
)

func TestBorn(t *testing.T) {
	active := &herald.Endpoint{}
	paused := &herald.Endpoint{Paused: true}
	fifo := &herald.Endpoint{Ordering: herald.OrderingFIFO}
	pausedFIFO := &herald.Endpoint{Paused: true, Ordering: herald.OrderingFIFO}
	for _, c := range []struct {
		name      string
		ep        *herald.Endpoint
		lease     bool
		saturated bool
		want      birth
	}{
		{"room", active, true, false, bornLeased},
		{"no room, or a deferred fan-out", active, false, false, bornDue},
		{"at its share of memory", active, true, true, bornDue},
		{"paused", paused, true, false, bornPaused},
		{"paused, no room", paused, false, true, bornPaused},
		{"FIFO: never leased at birth", fifo, true, false, bornQueued},
		{"FIFO, saturated", fifo, false, true, bornQueued},
		{"paused FIFO: paused first", pausedFIFO, true, false, bornPaused},
	} {
		if got := born(c.ep, c.lease, c.saturated); got != c.want {
			t.Errorf("%s: born %d, want %d", c.name, got, c.want)
		}
	}
}
