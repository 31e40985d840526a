package delivery_test

import (
	"sync"
	"time"
)

// slowTimers stands in for time.AfterFunc as the engine's slow-lane timer
// (Config.AfterFunc): it keeps each timer's function for the test to fire
// when it chooses, and returns a real timer that never fires in a test's
// lifetime, for the engine to stop. With SlowAfter far above any attempt's
// duration, an attempt is slow when, and only when, the test says so.
type slowTimers struct {
	mu      sync.Mutex
	pending []func()
}

// afterFunc is the engine's Config.AfterFunc.
func (s *slowTimers) afterFunc(_ time.Duration, f func()) *time.Timer {
	s.mu.Lock()
	s.pending = append(s.pending, f)
	s.mu.Unlock()
	return time.AfterFunc(24*time.Hour, func() {})
}

// fire runs every timer started so far and not fired yet, as if each of
// their attempts had run for SlowAfter (one that ended meanwhile is left
// alone by the engine), and says how many it fired.
func (s *slowTimers) fire() int {
	s.mu.Lock()
	fs := s.pending
	s.pending = nil
	s.mu.Unlock()
	for _, f := range fs {
		f()
	}
	return len(fs)
}
