package delivery

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the engine's Prometheus series; nil methods do nothing, so an
// engine without a registry pays nothing.
type metrics struct {
	attempts *prometheus.CounterVec
	duration prometheus.Histogram
	disabled prometheus.Counter
	blocked  prometheus.Counter
	waits    prometheus.Counter
}

func newMetrics(reg prometheus.Registerer, e *Engine) *metrics {
	if reg == nil {
		return nil
	}
	m := &metrics{
		attempts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "herald_attempts_total",
			Help: "Webhook attempts made, by outcome: succeeded, retry (will be tried again), failed (given up), paused (endpoint not active).",
		}, []string{"outcome"}),
		duration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "herald_attempt_duration_seconds",
			Help:    "Time from the start of an attempt to the end of reading the answer.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}),
		disabled: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "herald_endpoints_disabled_total",
			Help: "Endpoints disabled by delivery outcomes: a 410, or too many failed deliveries in a row.",
		}),
		blocked: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "herald_attempts_blocked_total",
			Help: "Attempts the outbound guard refused (a URL that resolves to an address the egress policy forbids); their deliveries fail at once.",
		}),
		waits: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "herald_rate_limit_waits_total",
			Help: "Times a delivery found its endpoint's rate limit spent and waited for a slot (no attempt was made, no retry spent).",
		}),
	}
	reg.MustRegister(m.attempts, m.duration, m.disabled, m.blocked, m.waits,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "herald_attempts_in_flight",
			Help: "Attempts under way now.",
		}, func() float64 { return float64(e.InFlight()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "herald_attempts_in_flight_slow",
			Help: "Attempts under way in the slow lane, to endpoints whose attempts ran past --slow-after; part of herald_attempts_in_flight.",
		}, func() float64 { return float64(e.InFlightSlow()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "herald_endpoints_slow",
			Help: "Endpoints held to the slow lane: an attempt of theirs ran past --slow-after and none has ended within it since.",
		}, func() float64 { return float64(e.SlowEndpoints()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "herald_deliveries_held",
			Help: "Deliveries this node holds in memory, queued or in flight.",
		}, func() float64 { return float64(e.Held()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "herald_delivery_lag_seconds",
			Help: "How long the oldest due delivery not yet attempted has waited since it became due, in the store or queued in this node's memory; 0 when none waits. " +
				"A lag that keeps growing means deliveries come due faster than they are attempted.",
		}, e.lag),
	)
	return m
}

// lag reads, at scrape time, how long the oldest due delivery has waited:
// the earliest due in the store (one lookup on its index of pending
// deliveries, one on its deferred fan-outs) and the earliest queued in
// memory. -1 if the store did not
// answer within a second.
func (e *Engine) lag() float64 {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	now := e.cfg.Now()
	wait := time.Duration(0)
	if oldest, ok := e.oldestQueued(); ok {
		wait = now.Sub(oldest)
	}
	next, ok, err := e.cfg.Store.NextDueAt(ctx)
	switch {
	case err != nil:
		return -1
	case ok:
		wait = max(wait, now.Sub(next))
	}
	return max(0, wait.Seconds())
}

// oldestQueued returns when the earliest due of the deliveries queued in
// memory, not yet attempted, became due.
func (e *Engine) oldestQueued() (time.Time, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	var oldest time.Time
	for _, q := range e.queues {
		for _, t := range q.tasks {
			if oldest.IsZero() || t.Due.Before(oldest) {
				oldest = t.Due
			}
		}
	}
	return oldest, !oldest.IsZero()
}

func (m *metrics) attempt(outcome string, d time.Duration) {
	if m == nil {
		return
	}
	m.attempts.WithLabelValues(outcome).Inc()
	if d > 0 {
		m.duration.Observe(d.Seconds())
	}
}

func (m *metrics) endpointDisabled() {
	if m != nil {
		m.disabled.Inc()
	}
}

func (m *metrics) attemptBlocked() {
	if m != nil {
		m.blocked.Inc()
	}
}

func (m *metrics) throttled() {
	if m != nil {
		m.waits.Inc()
	}
}
