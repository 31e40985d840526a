package throttle

import (
	"testing"
	"time"
)

func TestDecide(t *testing.T) {
	t0 := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	const max, length = 3, time.Minute
	var w Window
	steps := []struct {
		at         time.Duration
		over       bool
		retryAfter time.Duration
	}{
		{0, false, 0},
		{time.Second, false, 0},
		{2 * time.Second, false, 0},
		{10 * time.Second, true, 50 * time.Second}, // the 4th in the window
		{59 * time.Second, true, time.Second},
		{time.Minute, false, 0}, // a new window
		{61 * time.Second, false, 0},
	}
	for i, s := range steps {
		var over bool
		var ra time.Duration
		w, over, ra = Decide(w, t0.Add(s.at), max, length)
		if over != s.over || ra != s.retryAfter {
			t.Errorf("step %d (+%v): over %v retry after %v, want %v %v", i, s.at, over, ra, s.over, s.retryAfter)
		}
	}
}

func TestLimiterPerKey(t *testing.T) {
	t0 := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	l := New(2, time.Minute)
	for range 3 {
		l.Failed("a", t0)
	}
	if over, _ := l.Over("a", t0); !over {
		t.Error("a is not over after 3 failures with a limit of 2")
	}
	if over, _ := l.Over("b", t0); over {
		t.Error("b is over without failing")
	}
	if over, _ := l.Over("a", t0.Add(time.Minute)); over {
		t.Error("a is still over once its window ended")
	}
}

func TestClientKey(t *testing.T) {
	for in, want := range map[string]string{
		"127.0.0.1:5555":           "127.0.0.1",
		"[::ffff:10.1.2.3]:80":     "10.1.2.3",
		"[2001:db8:1:2:3:4:5:6]:1": "2001:db8:1:2::/64",
		"[2001:db8:1:2:ffff::]:9":  "2001:db8:1:2::/64",
		"192.0.2.7":                "192.0.2.7",
		"not an address":           "not an address",
	} {
		if got := ClientKey(in); got != want {
			t.Errorf("ClientKey(%q) = %q, want %q", in, got, want)
		}
	}
}
