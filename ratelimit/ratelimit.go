// Package ratelimit decides whether an endpoint with a rate limit may be
// sent one more request now, by the generic cell rate algorithm (GCRA):
// a token bucket kept as one timestamp, the theoretical arrival time
// (TAT) of the next request were requests spaced exactly one interval
// apart. A request may go when it comes no more than the burst's
// tolerance ahead of that time; each one that goes moves it one interval
// on.
//
// One timestamp per endpoint is what lets the store hold the limit for
// every node sharing it: a node takes a slot by reading and writing that
// one value in a transaction, so N nodes send at the endpoint's rate, not
// N times it. The decisions here are pure; the store applies them.
package ratelimit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// Limit allows Count requests per Per, Burst of them back to back.
type Limit struct {
	Count int
	// Per is the period: time.Second or time.Minute.
	Per time.Duration
	// Burst is how many requests may go at once after a quiet spell
	// (default 1: evenly spaced).
	Burst int
}

// MaxCount bounds a limit's count.
const MaxCount = 100000

// Check reports what is wrong with l, in words for an API answer.
func (l Limit) Check() error {
	switch {
	case l.Per != time.Second && l.Per != time.Minute:
		return fmt.Errorf("per must be \"second\" or \"minute\"")
	case l.Count < 1 || l.Count > MaxCount:
		return fmt.Errorf("count must be from 1 to %d", MaxCount)
	case l.Burst < 0 || l.Burst > l.Count:
		return fmt.Errorf("burst must be from 1 to count (%d), or 0 for 1", l.Count)
	}
	return nil
}

// Interval is the spacing of requests at the limit's steady rate.
func (l Limit) Interval() time.Duration { return l.Per / time.Duration(max(1, l.Count)) }

// tolerance is how far ahead of the TAT a request may come: a burst of
// Burst requests fits in it.
func (l Limit) tolerance() time.Duration { return time.Duration(max(1, l.Burst)-1) * l.Interval() }

// Decision is the outcome of Take.
type Decision struct {
	// Granted is how many requests may go now (0 to the number asked).
	Granted int
	// TAT is the endpoint's state after the decision, to be stored.
	TAT time.Time
	// RetryAt is, when none was granted, the earliest time one may go.
	RetryAt time.Time
}

// OK says at least one request may go now.
func (d Decision) OK() bool { return d.Granted > 0 }

// Take decides how many of want requests may go at now, given the
// endpoint's stored TAT (zero: none stored yet): as many as fit in the
// burst's tolerance, each moving the TAT one interval on. A node that
// asks for several at once (the deliveries it holds for the endpoint)
// takes them in one write of the store instead of one write each.
func Take(l Limit, tat, now time.Time, want int) Decision {
	if tat.Before(now) {
		tat = now
	}
	ahead := now.Add(l.tolerance()).Sub(tat) // how far the TAT may still move
	if ahead < 0 || want < 1 {
		return Decision{TAT: tat, RetryAt: tat.Add(-l.tolerance())}
	}
	n := min(want, int(ahead/l.Interval())+1)
	return Decision{Granted: n, TAT: tat.Add(time.Duration(n) * l.Interval())}
}

// Pause is the endpoint's TAT once it must send nothing before until (a
// 429's Retry-After): the first request may go at until, and the burst
// starts over from there.
func Pause(l Limit, tat, until time.Time) time.Time {
	if t := until.Add(l.tolerance()); t.After(tat) {
		return t
	}
	return tat
}

// wireLimit is Limit as JSON: {"count": 10, "per": "second", "burst": 2}.
type wireLimit struct {
	Count int    `json:"count"`
	Per   string `json:"per"`
	Burst int    `json:"burst,omitempty"`
}

// MarshalJSON writes l with its period in words.
func (l Limit) MarshalJSON() ([]byte, error) {
	per := "second"
	if l.Per == time.Minute {
		per = "minute"
	}
	return json.Marshal(wireLimit{Count: l.Count, Per: per, Burst: max(1, l.Burst)})
}

// UnmarshalJSON reads a limit written as MarshalJSON writes it; it does
// not Check it.
func (l *Limit) UnmarshalJSON(b []byte) error {
	var w wireLimit
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return fmt.Errorf("a rate limit is {\"count\": N, \"per\": \"second\" or \"minute\", \"burst\": B}: %v", err)
	}
	*l = Limit{Count: w.Count, Burst: w.Burst}
	switch w.Per {
	case "second":
		l.Per = time.Second
	case "minute":
		l.Per = time.Minute
	}
	return nil
}

// Hold is how long an endpoint's other requests wait after an answer
// with status and Retry-After retryAfter (0: none): a 429 with a
// Retry-After holds the whole endpoint that long, within most (a
// misconfigured receiver must not park an endpoint for weeks); any other
// answer holds nothing.
func Hold(status int, retryAfter, most time.Duration) time.Duration {
	if status != 429 || retryAfter <= 0 {
		return 0
	}
	return min(retryAfter, most)
}
