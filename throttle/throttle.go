// Package throttle counts failures per client (failed authentication, by
// address) in fixed windows and says when a client is over its limit, so
// that a flood of wrong API keys is answered 429 with Retry-After and
// logged, instead of 401 after 401 in silence.
package throttle

import (
	"net/netip"
	"sync"
	"time"
)

// Limiter counts failures per key. Use New.
type Limiter struct {
	max    int
	window time.Duration
	mu     sync.Mutex
	keys   map[string]Window
}

// Window is one key's count of failures since Start.
type Window struct {
	Start    time.Time
	Failures int
}

// maxKeys bounds the clients remembered; past it, windows that ended are
// dropped, then all.
const maxKeys = 100000

// New returns a Limiter that allows max failures per key in each window.
func New(max int, length time.Duration) *Limiter {
	return &Limiter{max: max, window: length, keys: make(map[string]Window)}
}

// Failed records a failure of key at now. over is true once key has failed
// more than max times in its window; retryAfter is then how long until
// the window ends.
func (l *Limiter) Failed(key string, now time.Time) (over bool, retryAfter time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.keys[key]; !ok && len(l.keys) >= maxKeys {
		l.forgetLocked(now)
	}
	w, over, retryAfter := Decide(l.keys[key], now, l.max, l.window)
	l.keys[key] = w
	return over, retryAfter
}

// Over reports whether key is over its limit at now, without counting.
func (l *Limiter) Over(key string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	w, ok := l.keys[key]
	if !ok || now.Sub(w.Start) >= l.window || w.Failures <= l.max {
		return false, 0
	}
	return true, w.Start.Add(l.window).Sub(now)
}

// Decide is the rule, a pure function: a failure at now opens a new window
// when the last one has ended, and counts in it otherwise; more than max
// failures in one window is over the limit until the window ends.
func Decide(w Window, now time.Time, max int, length time.Duration) (next Window, over bool, retryAfter time.Duration) {
	if w.Start.IsZero() || now.Sub(w.Start) >= length || now.Before(w.Start) {
		w = Window{Start: now}
	}
	w.Failures++
	if w.Failures > max {
		return w, true, w.Start.Add(length).Sub(now)
	}
	return w, false, 0
}

func (l *Limiter) forgetLocked(now time.Time) {
	for k, w := range l.keys {
		if now.Sub(w.Start) >= l.window {
			delete(l.keys, k)
		}
	}
	if len(l.keys) >= maxKeys {
		clear(l.keys)
	}
}

// ClientKey is the key of a client address ("ip:port" or "ip"): the IPv4
// address, or the /64 of an IPv6 one, which one host can spread over.
func ClientKey(remoteAddr string) string {
	ap, err := netip.ParseAddrPort(remoteAddr)
	var a netip.Addr
	if err == nil {
		a = ap.Addr()
	} else if a, err = netip.ParseAddr(remoteAddr); err != nil {
		return remoteAddr
	}
	a = a.Unmap()
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p.String()
	}
	return a.String()
}
