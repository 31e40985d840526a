// Package lane decides how hard the engine may press on one endpoint: how
// many attempts it may have in flight, whether they run in the fast lane
// with every other endpoint or in the slow lane, and how much of the memory
// window its deliveries may hold.
//
// The slow lane is what keeps endpoints that hang or crawl from taking the
// engine's attempt slots away from the rest, however many of them there
// are: an endpoint whose attempt runs past SlowAfter is slow, its attempts
// from then on start only in the slow lane, whose slots are few, and the
// attempt that ran long leaves the fast lane at once. An endpoint leaves the
// slow lane with its first attempt that ends within SlowAfter.
//
// Concurrency follows the rule TCP made familiar: it halves on a quick
// failure, drops to one when an attempt fails slowly (a timeout), and grows
// back while attempts succeed: doubling while they are fast, by one while
// they are slow. An endpoint never seen may have Config.Max in flight.
//
// Every decision here is a pure function of its arguments.
package lane

import "time"

// Config sets the bounds of the decisions.
type Config struct {
	// Max is the most attempts in flight to one endpoint.
	Max int
	// SlowAfter is how long an attempt may run before its endpoint counts
	// as slow.
	SlowAfter time.Duration
}

// Health is what the engine knows of one endpoint. The zero Health is an
// endpoint never seen: Max in flight, fast lane.
type Health struct {
	limit int // 0: Max
	// Slow sends the endpoint's attempts to the slow lane.
	Slow bool
}

// Limit is how many attempts the endpoint may have in flight now.
func (h Health) Limit(c Config) int {
	if h.limit <= 0 || h.limit > c.Max {
		return c.Max
	}
	return h.limit
}

// Usual reports whether h is the Health of an endpoint never seen, so
// that forgetting it loses nothing.
func (h Health) Usual(c Config) bool { return !h.Slow && h.Limit(c) == c.Max }

// Outcome is what one finished attempt showed of its endpoint.
type Outcome struct {
	Duration time.Duration
	OK       bool // a 2xx answer
	// Lingered says the attempt was seen running past SlowAfter (by the
	// engine's clock, which starts before the attempt's own), whatever
	// Duration says.
	Lingered bool
}

// Next is the endpoint's Health after an attempt ended with o.
func Next(h Health, o Outcome, c Config) Health {
	n, slow := h.Limit(c), o.Lingered || o.Duration >= c.SlowAfter
	switch {
	case o.OK && !slow:
		n = min(c.Max, 2*n)
	case o.OK:
		n = min(c.Max, n+1)
	case !slow:
		n = max(1, n/2)
	default: // a timeout, or an answer as late
		n = 1
	}
	return Health{limit: n, Slow: slow}
}

// Lingering is the endpoint's Health once one of its attempts has run
// past SlowAfter and is still running: slow, with its limit unchanged
// until the attempt ends.
func Lingering(h Health) Health {
	h.Slow = true
	return h
}

// Memory describes how the engine's memory window is used now.
type Memory struct {
	// Window is the most deliveries the engine holds (queued or in flight).
	Window int
	// MinShare is the least an endpoint in the fast lane may hold: enough
	// to keep its attempts in flight with more queued behind them.
	MinShare int
	// Endpoints is how many endpoints hold deliveries in memory; Slow how
	// many of them are slow, and SlowHeld how many deliveries those hold.
	Endpoints, Slow, SlowHeld int
}

// SlowWindow is the part of the window that slow endpoints may hold in all.
func (m Memory) SlowWindow() int { return max(1, m.Window/4) }

// Full reports whether an endpoint that holds held deliveries holds its
// share, so that its new deliveries should wait in the store, due, and
// claims should pass over it.
//
// A fast endpoint's share is half the window divided among the endpoints
// in memory, never less than MinShare. The slow endpoints together hold a
// quarter of the window at most, divided among them. So endpoints that
// hang, however many, leave at least three quarters of the window to the
// others; and however large their backlogs, fast endpoints that are merely
// busy leave room for quiet ones.
func (m Memory) Full(held int, slow bool) bool {
	return held >= m.Share(slow) || slow && m.SlowHeld >= m.SlowWindow()
}

// Share is how many deliveries one endpoint may hold (see Full).
func (m Memory) Share(slow bool) int {
	if slow {
		return max(1, m.SlowWindow()/max(1, m.Slow))
	}
	return max(m.MinShare, m.Window/(2*max(1, m.Endpoints)))
}
