package delivery

import (
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
		newLagCollector(e),
	)
	return m
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
