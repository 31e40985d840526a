// Package retention deletes delivery history past its keeping time, so
// that the store does not grow without end: events whose deliveries have
// all ended, with their deliveries and attempts, and finished jobs with
// their callbacks. Nothing still to be delivered is ever deleted. It also
// keeps the endpoints' health rollup to its horizon (health.Keep), however
// long history is kept.
package retention

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/heraldhq/herald/health"
	"github.com/heraldhq/herald/store"
)

// Config configures a Janitor.
type Config struct {
	Store store.Store // required
	// Keep is how long history is kept after it was made (events) or
	// ended (jobs); 0 keeps it forever.
	Keep time.Duration
	// Every is how often the janitor runs. Default 10 minutes.
	Every time.Duration
	// Batch bounds the events and jobs one store call deletes, so that
	// one transaction stays short and other writes are not held up.
	// Default 1,000.
	Batch int
	// Pause is the wait between batches, which leaves the store to other
	// writers while a large backlog of history is purged. Default 50 ms.
	Pause   time.Duration
	Logger  *slog.Logger
	Metrics prometheus.Registerer
	Now     func() time.Time
}

// Janitor purges old history on a timer.
type Janitor struct {
	cfg            Config
	events, jobs   prometheus.Counter
	lastRunSeconds prometheus.Gauge
}

// New returns a Janitor; call Run to run it.
func New(cfg Config) (*Janitor, error) {
	if cfg.Store == nil {
		return nil, errors.New("retention: Config.Store is required")
	}
	if cfg.Keep < 0 {
		return nil, errors.New("retention: Config.Keep must not be negative")
	}
	if cfg.Every <= 0 {
		cfg.Every = 10 * time.Minute
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 1000
	}
	if cfg.Pause <= 0 {
		cfg.Pause = 50 * time.Millisecond
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	j := &Janitor{
		cfg: cfg,
		events: prometheus.NewCounter(prometheus.CounterOpts{Name: "herald_purged_events_total",
			Help: "Events deleted by retention, with their deliveries and attempts."}),
		jobs: prometheus.NewCounter(prometheus.CounterOpts{Name: "herald_purged_jobs_total",
			Help: "Finished jobs deleted by retention, with their callbacks."}),
		lastRunSeconds: prometheus.NewGauge(prometheus.GaugeOpts{Name: "herald_retention_last_run_timestamp_seconds",
			Help: "When retention last finished a run without error."}),
	}
	if cfg.Metrics != nil {
		for _, c := range j.Collectors() {
			if err := cfg.Metrics.Register(c); err != nil {
				return nil, err
			}
		}
	}
	return j, nil
}

// Collectors returns the janitor's metrics: events purged, jobs purged,
// and the time of the last complete run.
func (j *Janitor) Collectors() []prometheus.Collector {
	return []prometheus.Collector{j.events, j.jobs, j.lastRunSeconds}
}

// Run purges at once and then every cfg.Every, until ctx is done.
func (j *Janitor) Run(ctx context.Context) {
	tick := time.NewTicker(j.cfg.Every)
	defer tick.Stop()
	for {
		if _, err := j.RunOnce(ctx); err != nil && ctx.Err() == nil {
			j.cfg.Logger.Error("retention: purging old history failed; will try again", "err", err, "in", j.cfg.Every)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// RunOnce purges everything older than Keep, batch by batch, and returns
// what it deleted.
func (j *Janitor) RunOnce(ctx context.Context) (store.Purged, error) {
	if err := j.purgeStats(ctx); err != nil {
		return store.Purged{}, err
	}
	if j.cfg.Keep == 0 {
		j.lastRunSeconds.Set(float64(j.cfg.Now().Unix()))
		return store.Purged{}, nil
	}
	before := j.cfg.Now().Add(-j.cfg.Keep)
	var total store.Purged
	for {
		p, err := j.cfg.Store.Purge(ctx, before, j.cfg.Batch)
		total.Events += p.Events
		total.Jobs += p.Jobs
		total.Sessions += p.Sessions
		j.events.Add(float64(p.Events))
		j.jobs.Add(float64(p.Jobs))
		if err != nil {
			return total, err
		}
		if p.Events < j.cfg.Batch && p.Jobs < j.cfg.Batch && p.Sessions < j.cfg.Batch {
			break
		}
		select {
		case <-ctx.Done():
			return total, ctx.Err()
		case <-time.After(j.cfg.Pause):
		}
	}
	j.lastRunSeconds.Set(float64(j.cfg.Now().Unix()))
	if total.Events > 0 || total.Jobs > 0 || total.Sessions > 0 {
		j.cfg.Logger.Info("retention: purged old history", "events", total.Events, "jobs", total.Jobs, "portal_sessions", total.Sessions, "before", before)
	}
	return total, nil
}

// purgeStats deletes the rows of the health rollup past their horizon,
// batch by batch.
func (j *Janitor) purgeStats(ctx context.Context) error {
	for span, keep := range health.Keep {
		before := j.cfg.Now().Add(-keep)
		for {
			n, err := j.cfg.Store.PurgeEndpointStats(ctx, span, before, j.cfg.Batch)
			if err != nil || n < j.cfg.Batch {
				if err != nil {
					return err
				}
				break
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(j.cfg.Pause):
			}
		}
	}
	return nil
}
