// Package ratelog bounds how often one kind of log line is written: a
// failure that repeats hundreds of times a second (a full disk, a flood of
// wrong API keys) is logged once per interval with a count of the lines it
// stood for, instead of filling the log and burning a core.
package ratelog

import (
	"sync"
	"time"
)

// Limiter decides, per key, whether a line may be written now. The zero
// value is not usable; use New.
type Limiter struct {
	every time.Duration
	mu    sync.Mutex
	keys  map[string]*state
}

type state struct {
	last       time.Time
	suppressed int
}

// maxKeys bounds the keys remembered, so that keys taken from input (a
// client's address) cannot grow memory without end.
const maxKeys = 10000

// New returns a Limiter that allows one line per key per every.
func New(every time.Duration) *Limiter {
	return &Limiter{every: every, keys: make(map[string]*state)}
}

// Allow reports whether a line for key may be written at now and, when it
// may, how many lines for key were held back since the last one written.
func (l *Limiter) Allow(key string, now time.Time) (ok bool, suppressed int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.keys[key]
	if s == nil {
		if len(l.keys) >= maxKeys {
			l.forgetLocked(now)
		}
		l.keys[key] = &state{last: now}
		return true, 0
	}
	ok, suppressed = decide(s.last, s.suppressed, l.every, now)
	if ok {
		s.last, s.suppressed = now, 0
	} else {
		s.suppressed++
	}
	return ok, suppressed
}

// decide is the rule: a line may be written once every has passed since
// the last one; it then carries the count of those held back.
func decide(last time.Time, held int, every time.Duration, now time.Time) (bool, int) {
	if now.Sub(last) >= every {
		return true, held
	}
	return false, 0
}

// forgetLocked drops keys idle for an interval, or all of them when none
// is.
func (l *Limiter) forgetLocked(now time.Time) {
	for k, s := range l.keys {
		if now.Sub(s.last) >= l.every {
			delete(l.keys, k)
		}
	}
	if len(l.keys) >= maxKeys {
		clear(l.keys)
	}
}
