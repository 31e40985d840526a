// Package backoff spaces out a background loop's tries while its store
// keeps failing: doubling waits, capped, back to none at the first success.
// Without it a loop whose store is down or full retries as fast as it can,
// burning a core and filling the log.
package backoff

import "time"

// Delay is the wait after the given number of failures in a row: none
// after none, min after the first, doubling each time, and never above max.
func Delay(failures int, lo, hi time.Duration) time.Duration {
	if failures <= 0 {
		return 0
	}
	d := lo
	for i := 1; i < failures && d < hi; i++ {
		d *= 2
	}
	return min(d, hi)
}

// Backoff counts a loop's failures in a row. The zero value is ready; set
// Min and Max (defaults 100 ms and 30 s).
type Backoff struct {
	Min, Max time.Duration
	failures int
}

// Failure records a failure and returns how long to wait before the next
// try.
func (b *Backoff) Failure() time.Duration {
	b.failures++
	lo, hi := b.Min, b.Max
	if lo <= 0 {
		lo = 100 * time.Millisecond
	}
	if hi <= 0 {
		hi = 30 * time.Second
	}
	return Delay(b.failures, lo, hi)
}

// Success records a success: the next failure waits Min again.
func (b *Backoff) Success() { b.failures = 0 }

// Failures returns the failures in a row so far.
func (b *Backoff) Failures() int { return b.failures }
