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
	}
	reg.MustRegister(m.attempts, m.duration, m.disabled, m.blocked,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "herald_attempts_in_flight",
			Help: "Attempts under way now.",
		}, func() float64 { return float64(e.InFlight()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "herald_deliveries_held",
			Help: "Deliveries this node holds in memory, queued or in flight.",
		}, func() float64 { return float64(e.Held()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "herald_delivery_lag_seconds",
			Help: "How long the most overdue pending delivery has waited past its due time, across the store; 0 when none is due. " +
				"A lag that keeps growing means deliveries come due faster than they are attempted.",
		}, e.lag),
	)
	return m
}

// lag reads, at scrape time, how far behind the earliest due delivery is:
// one lookup on the store's index of pending deliveries. -1 if the store
// did not answer within a second.
func (e *Engine) lag() float64 {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	next, ok, err := e.cfg.Store.NextDueAt(ctx)
	switch {
	case err != nil:
		return -1
	case !ok:
		return 0
	}
	return max(0, e.cfg.Now().Sub(next).Seconds())
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
