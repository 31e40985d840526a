// Package health sums up how an endpoint's attempts go: by outcome and by
// latency, in time buckets that the store keeps as it records outcomes (a
// rollup, so that reading a week of an endpoint costs a few hundred rows,
// not a scan of its attempts). Everything here is pure: the store adds
// and reads rows, this decides what goes in them and what they say.
package health

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/heraldhq/herald"
)

// Outcome is how an attempt ended.
type Outcome int

// Outcomes, in the order of Counts.
const (
	OK              Outcome = iota // a 2xx answer
	ClientError                    // a 4xx answer (3xx too: a redirect is not followed)
	ServerError                    // a 5xx answer
	Timeout                        // no answer within the attempt timeout
	ConnectionError                // no answer: refused, reset, no route, blocked by the egress policy
	Outcomes                       // how many there are
)

// Names of the outcomes, as the API shows them.
var names = [Outcomes]string{"2xx", "4xx", "5xx", "timeout", "connection_error"}

func (o Outcome) String() string { return names[o] }

// Classify says how a made attempt ended.
func Classify(a *herald.Attempt) Outcome {
	switch {
	case a.StatusCode >= 200 && a.StatusCode < 300:
		return OK
	case a.StatusCode >= 500:
		return ServerError
	case a.StatusCode > 0:
		return ClientError
	case a.Error == "timeout":
		return Timeout
	}
	return ConnectionError
}

// LatencyBounds are the upper bounds of the latency histogram's buckets;
// a last bucket holds everything slower.
var LatencyBounds = []time.Duration{
	time.Millisecond, 2 * time.Millisecond, 5 * time.Millisecond, 10 * time.Millisecond,
	20 * time.Millisecond, 50 * time.Millisecond, 100 * time.Millisecond, 200 * time.Millisecond,
	500 * time.Millisecond, time.Second, 2 * time.Second, 5 * time.Second, 10 * time.Second,
}

// Buckets is how many latency buckets a Tally holds.
const Buckets = 14

// Tally is what a span of an endpoint's attempts did: how many ended each
// way, how long they took, and how many deliveries they ended.
type Tally struct {
	Counts  [Outcomes]int64
	Latency [Buckets]int64
	// Delivered and GaveUp count the deliveries the attempts ended:
	// succeeded, or failed for good (retries spent, or not retryable).
	Delivered, GaveUp int64
}

// Add counts one attempt, which left its delivery in status.
func (t *Tally) Add(a *herald.Attempt, status herald.DeliveryStatus) {
	t.Counts[Classify(a)]++
	i, _ := slices.BinarySearch(LatencyBounds, a.Duration)
	t.Latency[i]++
	switch status {
	case herald.DeliverySucceeded:
		t.Delivered++
	case herald.DeliveryFailed:
		t.GaveUp++
	}
}

// Merge adds u to t.
func (t *Tally) Merge(u Tally) {
	for i := range t.Counts {
		t.Counts[i] += u.Counts[i]
	}
	for i := range t.Latency {
		t.Latency[i] += u.Latency[i]
	}
	t.Delivered += u.Delivered
	t.GaveUp += u.GaveUp
}

// Attempts counts every attempt in t.
func (t Tally) Attempts() int64 {
	var n int64
	for _, c := range t.Counts {
		n += c
	}
	return n
}

// SuccessRate is the share of attempts that got a 2xx; 0 with none.
func (t Tally) SuccessRate() float64 {
	n := t.Attempts()
	if n == 0 {
		return 0
	}
	return float64(t.Counts[OK]) / float64(n)
}

// Quantile estimates the latency below which a share q of the attempts
// finished, interpolating within the histogram's bucket (the slowest
// bucket reads as its lower bound); 0 with no attempts.
func (t Tally) Quantile(q float64) time.Duration {
	var n int64
	for _, c := range t.Latency {
		n += c
	}
	if n == 0 {
		return 0
	}
	rank := q * float64(n)
	var seen int64
	for i, c := range t.Latency {
		if c == 0 || float64(seen+c) < rank {
			seen += c
			continue
		}
		lo := time.Duration(0)
		if i > 0 {
			lo = LatencyBounds[i-1]
		}
		if i == len(LatencyBounds) {
			return lo
		}
		hi := LatencyBounds[i]
		within := (rank - float64(seen)) / float64(c)
		return lo + time.Duration(within*float64(hi-lo))
	}
	return LatencyBounds[len(LatencyBounds)-1]
}

// Spans of the rollup: five-minute buckets for the last day, hour buckets
// for the last week.
const (
	Fine   = 5 * time.Minute
	Coarse = time.Hour
)

// Keep is how long rows of each span are kept.
var Keep = map[time.Duration]time.Duration{Fine: 25 * time.Hour, Coarse: 8 * 24 * time.Hour}

// Sample is one made attempt to an endpoint, and the status it left its
// delivery in.
type Sample struct {
	EndpointID string
	Attempt    *herald.Attempt
	Status     herald.DeliveryStatus
}

// Row is one bucket of the rollup: what one endpoint's attempts that
// started in [Start, Start+Span) did.
type Row struct {
	EndpointID string
	Span       time.Duration
	Start      time.Time
	Tally
}

// Rollup sums samples into rows, one per endpoint, span and bucket, in a
// stable order (endpoint, span, start), for a store to add to its own.
func Rollup(samples []Sample) []Row {
	var a Accumulator
	a.AddSamples(samples)
	return a.Drain()
}

// sortRows orders rows by endpoint, span and start: the order in which
// every writer locks them, so that two nodes adding to the same rows
// cannot deadlock.
func sortRows(out []Row) {
	slices.SortFunc(out, func(a, b Row) int {
		return cmp.Or(strings.Compare(a.EndpointID, b.EndpointID), cmp.Compare(a.Span, b.Span), a.Start.Compare(b.Start))
	})
}

// Window is a stats request decided: which rows to read, and the points
// to draw.
type Window struct {
	Name       string
	Span       time.Duration // the rollup's rows to read
	Step       time.Duration // one point per step
	From, Till time.Time     // [From, Till): whole steps, the last holding now
}

// Windows a stats request may name.
var windows = map[string]struct{ length, span, step time.Duration }{
	"1h":  {time.Hour, Fine, Fine},
	"24h": {24 * time.Hour, Coarse, Coarse},
	"7d":  {7 * 24 * time.Hour, Coarse, 6 * time.Hour},
}

// DecideWindow reads a window's name ("" for 24h) at now.
func DecideWindow(name string, now time.Time) (Window, error) {
	if name == "" {
		name = "24h"
	}
	w, ok := windows[name]
	if !ok {
		return Window{}, herald.Errorf(herald.EINVALID, "window must be 1h, 24h or 7d, not %q", name)
	}
	till := now.UTC().Truncate(w.step).Add(w.step)
	return Window{Name: name, Span: w.span, Step: w.step, From: till.Add(-w.length), Till: till}, nil
}

// Point is one step of a window.
type Point struct {
	Start time.Time
	Tally
}

// Points sums rows into the window's steps, one point per step from From
// to Till, empty steps included, and the whole window's total.
func (w Window) Points(rows []Row) ([]Point, Tally) {
	n := int(w.Till.Sub(w.From) / w.Step)
	points := make([]Point, n)
	for i := range points {
		points[i].Start = w.From.Add(time.Duration(i) * w.Step)
	}
	var total Tally
	for _, r := range rows {
		if r.Span != w.Span || r.Start.Before(w.From) || !r.Start.Before(w.Till) {
			continue
		}
		i := int(r.Start.Sub(w.From) / w.Step)
		points[i].Merge(r.Tally)
		total.Merge(r.Tally)
	}
	return points, total
}

// Streak is an endpoint's current run of failed deliveries and how close
// it is to being disabled for it.
type Streak struct {
	Failures int `json:"consecutive_failures"`
	// DisableAfter is the endpoint's limit (0: never disabled for it).
	DisableAfter int `json:"disable_after_failures"`
	// Left is how many more failed deliveries in a row disable it (absent
	// without a limit).
	Left *int `json:"failures_before_disable,omitempty"`
	// Near is true when Left is at most a fifth of the limit (at least 1).
	Near bool `json:"auto_disable_near"`
}

// DecideStreak says how near auto-disable an endpoint is.
func DecideStreak(failures, disableAfter int) Streak {
	s := Streak{Failures: failures, DisableAfter: disableAfter}
	if disableAfter <= 0 {
		return s
	}
	left := max(0, disableAfter-failures)
	s.Left = &left
	s.Near = failures > 0 && float64(left) <= math.Max(1, float64(disableAfter)/5)
	return s
}

// Accumulator sums samples into rows between writes, so that a store adds
// each endpoint's bucket once per flush rather than once per batch of
// outcomes. It is not safe for concurrent use.
type Accumulator struct {
	rows map[rowKey]*Row
}

type rowKey struct {
	endpoint string
	span     time.Duration
	start    int64
}

// AddSamples counts samples into a, in both spans.
func (a *Accumulator) AddSamples(samples []Sample) {
	for _, sm := range samples {
		for _, span := range []time.Duration{Fine, Coarse} {
			start := sm.Attempt.StartedAt.Truncate(span).UTC()
			a.row(sm.EndpointID, span, start).Add(sm.Attempt, sm.Status)
		}
	}
}

// Add sums rows (as Rollup and Drain make them) into a: a write that
// failed gives them back.
func (a *Accumulator) Add(rows []Row) {
	for _, r := range rows {
		a.row(r.EndpointID, r.Span, r.Start).Merge(r.Tally)
	}
}

// row is a's row of endpoint, span and start, made empty if new.
func (a *Accumulator) row(endpoint string, span time.Duration, start time.Time) *Row {
	if a.rows == nil {
		a.rows = make(map[rowKey]*Row)
	}
	k := rowKey{endpoint, span, start.Unix()}
	r := a.rows[k]
	if r == nil {
		r = &Row{EndpointID: endpoint, Span: span, Start: start}
		a.rows[k] = r
	}
	return r
}

// Len is how many rows a holds.
func (a *Accumulator) Len() int { return len(a.rows) }

// Drain returns a's rows in Rollup's order and empties a.
func (a *Accumulator) Drain() []Row {
	out := make([]Row, 0, len(a.rows))
	for _, r := range a.rows {
		out = append(out, *r)
	}
	clear(a.rows)
	sortRows(out)
	return out
}
