package ratelog

import (
	"fmt"
	"testing"
	"time"
)

func TestAllow(t *testing.T) {
	t0 := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	l := New(10 * time.Second)
	steps := []struct {
		key        string
		at         time.Duration
		ok         bool
		suppressed int
	}{
		{"disk", 0, true, 0},
		{"disk", time.Second, false, 0},
		{"disk", 2 * time.Second, false, 0},
		{"auth", 2 * time.Second, true, 0}, // another key is not held back
		{"disk", 9999 * time.Millisecond, false, 0},
		{"disk", 10 * time.Second, true, 3}, // the three held back are counted
		{"disk", 11 * time.Second, false, 0},
		{"disk", time.Minute, true, 1},
	}
	for i, s := range steps {
		ok, n := l.Allow(s.key, t0.Add(s.at))
		if ok != s.ok || n != s.suppressed {
			t.Errorf("step %d: Allow(%s, +%v) = %v %d, want %v %d", i, s.key, s.at, ok, n, s.ok, s.suppressed)
		}
	}
}

// Keys from input cannot grow the limiter without end.
func TestKeysBounded(t *testing.T) {
	t0 := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	l := New(time.Second)
	for i := range 3 * maxKeys {
		l.Allow(fmt.Sprint(i), t0)
	}
	if n := len(l.keys); n > maxKeys {
		t.Fatalf("%d keys remembered, want at most %d", n, maxKeys)
	}
}
