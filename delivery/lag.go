package delivery

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// The lag is read in two parts, because one number cannot serve an alert.
// On a platform some endpoints are always down: the oldest due delivery
// anywhere is always one of theirs, waiting for its slot in the slow lane or
// for its endpoint to come back, and it grows for as long as they are down.
// An alert on it fires for ever and hides a real stall. So:
//
//   - the healthy lag is how long deliveries to endpoints served normally
//     have waited: endpoints in the fast lane at their full concurrency
//     (lane.Health.Usual: no attempt of theirs ran past SlowAfter or failed
//     lately), with no rate limit and not told to wait by a Retry-After. It grows
//     only when the node falls behind: the attempt slots or the memory
//     window are full of healthy work, the store does not answer, outcomes
//     are written too slowly;
//   - the backlog age is how long the oldest due delivery of any endpoint
//     has waited, which is what endpoints that hang, fail or are throttled
//     hold back. It grows while they are down; that is their customers'
//     problem to be told of, not the node's.
//
// herald_delivery_lag_seconds, older than both, stays the larger of the two.

// lagInputs is what one scrape reads of the engine and the store.
type lagInputs struct {
	now time.Time
	// healthyQueued and heldQueued are the due times of the oldest
	// deliveries queued in memory (not yet attempted) of endpoints served
	// normally and of the others; zero when there are none.
	healthyQueued, heldQueued time.Time
	// storeDue is the due time of the oldest delivery due in the store,
	// of any endpoint (store.Store.NextDueAt); zero when none is.
	storeDue time.Time
	// sweptAt is when the scheduler last claimed every due delivery in the
	// store that it did not pass over (those of saturated, slow and held
	// endpoints); zero if it has not yet.
	sweptAt time.Time
}

// lagReading is the lag split: seconds, never negative.
type lagReading struct {
	healthy, backlog float64
}

// splitLag divides the lag between healthy endpoints and the backlog held
// for the others.
//
// In memory each delivery's endpoint is known. In the store only the
// oldest due delivery's time is read (one lookup on the due index, however
// many rows: walking the index past the backlog of hanging endpoints to
// the first healthy delivery could read millions). A healthy delivery left
// in the store became due after the scheduler's last sweep, which claimed
// every due delivery it did not pass over, and not before the oldest due
// one: so its wait is at most the shorter of the two, which is what the
// healthy lag counts. Sweeps run at least every poll interval while the
// node keeps up, so this bound overstates by at most that (1 s by
// default); when the node falls behind (its window full, claims failing)
// sweeps stop and the bound grows with the real wait. Deliveries of an
// endpoint that claims passed over because it holds its share of memory
// are counted by those it holds, which are older.
func splitLag(in lagInputs) lagReading {
	wait := func(since time.Time) float64 {
		if since.IsZero() {
			return 0
		}
		return max(0, in.now.Sub(since).Seconds())
	}
	storeHealthy := in.storeDue
	if !storeHealthy.IsZero() && in.sweptAt.After(storeHealthy) {
		storeHealthy = in.sweptAt
	}
	healthy := max(wait(in.healthyQueued), wait(storeHealthy))
	return lagReading{healthy: healthy, backlog: max(healthy, wait(in.heldQueued), wait(in.storeDue))}
}

// readLag reads the lag's inputs at scrape time. ok is false if the store
// did not answer within a second.
func (e *Engine) readLag() (lagReading, bool) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	next, due, err := e.cfg.Store.NextDueAt(ctx)
	if err != nil {
		return lagReading{}, false
	}
	in := lagInputs{now: e.cfg.Now()}
	if due {
		in.storeDue = next
	}
	e.mu.Lock()
	in.sweptAt = e.sweptAt
	for id, q := range e.queues {
		normal := q.health.Usual(e.lanes) && !q.limited && e.holds[id] == nil
		for _, t := range q.tasks {
			oldest := &in.heldQueued
			if normal {
				oldest = &in.healthyQueued
			}
			if oldest.IsZero() || t.Due.Before(*oldest) {
				*oldest = t.Due
			}
		}
	}
	e.mu.Unlock()
	return splitLag(in), true
}

// lagCollector exports the lag's three gauges from one reading per
// scrape: one store lookup, one pass over memory.
type lagCollector struct {
	e                     *Engine
	lag, healthy, backlog *prometheus.Desc
}

func newLagCollector(e *Engine) *lagCollector {
	return &lagCollector{e: e,
		lag: prometheus.NewDesc("herald_delivery_lag_seconds",
			"How long the oldest due delivery not yet attempted has waited since it became due, in the store or queued in this node's memory, whatever its endpoint; 0 when none waits; -1 if the store did not answer within a second. "+
				"The larger of herald_delivery_lag_healthy_seconds and herald_delivery_backlog_age_seconds.", nil, nil),
		healthy: prometheus.NewDesc("herald_delivery_lag_healthy_seconds",
			"How long deliveries to endpoints served normally (fast lane, full concurrency, not rate-limited or told to wait) have waited since they became due, at most; within the poll interval while the node keeps up. "+
				"Growing means this node falls behind: alert on this one. -1 if the store did not answer within a second.", nil, nil),
		backlog: prometheus.NewDesc("herald_delivery_backlog_age_seconds",
			"How long the oldest due delivery of any endpoint has waited, including those held for endpoints that hang, fail or are rate-limited (slow lane, backing off, paused by a limit or a Retry-After). "+
				"It grows while such endpoints are down, which is normal on a platform. -1 if the store did not answer within a second.", nil, nil),
	}
}

// Describe implements prometheus.Collector.
func (c *lagCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.lag
	ch <- c.healthy
	ch <- c.backlog
}

// Collect implements prometheus.Collector.
func (c *lagCollector) Collect(ch chan<- prometheus.Metric) {
	r, ok := c.e.readLag()
	if !ok {
		r = lagReading{healthy: -1, backlog: -1}
	}
	ch <- prometheus.MustNewConstMetric(c.lag, prometheus.GaugeValue, max(r.healthy, r.backlog))
	ch <- prometheus.MustNewConstMetric(c.healthy, prometheus.GaugeValue, r.healthy)
	ch <- prometheus.MustNewConstMetric(c.backlog, prometheus.GaugeValue, r.backlog)
}
