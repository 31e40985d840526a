// Package emitter stores Herald's operational events (package opevent)
// after the change they report, off the path of the request or attempt
// that made it: queued in memory and stored by one worker, a tenant's at a
// time, through the intake like events a platform sends. The API emits
// endpoint.* events about the changes it makes; the delivery engine emits
// endpoint.disabled and delivery.* events about its outcomes. Neither
// calls the other.
//
// Event ids are derived from what they report, so the same report twice
// (two nodes, a retry) is stored once; a crash between a change and its
// event's commit loses the event (at most once).
package emitter

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/intake"
	"github.com/heraldhq/herald/opevent"
	"github.com/heraldhq/herald/ratelog"
	"github.com/heraldhq/herald/store"
)

// Intake stores events with their deliveries; *intake.Intake implements
// it.
type Intake interface {
	Accept(ctx context.Context, evs []*herald.Event) (intake.Accepted, error)
}

// Subscribers lists a tenant's endpoints that are not disabled, without
// starting a cache's TTL; *endpointcache.Cache implements it.
type Subscribers interface {
	Lookup(ctx context.Context, tenant string) ([]*herald.Endpoint, error)
}

// Store reads one endpoint, of any tenant when tenant is ""; store.Store
// implements it.
type Store interface {
	FindEndpointByID(ctx context.Context, tenant, id string) (*herald.Endpoint, error)
}

// Config configures an Emitter.
type Config struct {
	Subscribers Subscribers // required
	// Store reads the endpoints the engine disabled. Required.
	Store Store
	// OperatorTenant, when set, receives a copy of every tenant's
	// operational events, for the platform's own endpoints.
	OperatorTenant string
	// Timeout bounds each read and store. Default 30 s.
	Timeout time.Duration
	// MaxQueued bounds the events waiting to be stored; one beyond it is
	// dropped, counted and logged, rather than letting an outage of every
	// endpoint grow memory without bound. Default 10,000.
	MaxQueued int
	// Metrics, when set, receives herald_operational_events_dropped_total.
	Metrics prometheus.Registerer
	Logger  *slog.Logger
	Now     func() time.Time
}

// Validate fills defaults and reports missing settings.
func (c *Config) Validate() error {
	if c.Subscribers == nil || c.Store == nil {
		return errors.New("emitter: Config.Subscribers and Config.Store are required")
	}
	if c.Timeout <= 0 {
		c.Timeout = 30 * time.Second
	}
	if c.MaxQueued <= 0 {
		c.MaxQueued = 10000
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return nil
}

// batchSize bounds the events stored in one transaction.
const batchSize = 100

// Emitter queues operational events and stores them. Events emitted
// before Start wait for it; after Stop they are dropped.
type Emitter struct {
	cfg      Config
	log      *slog.Logger
	logLimit *ratelog.Limiter
	dropped  prometheus.Counter

	mu       sync.Mutex
	queue    []*herald.Event
	pending  int             // queued or being stored
	idle     []chan struct{} // Drain's waiters, closed when pending is 0
	started  bool
	stopping bool
	wake     chan struct{}
	cancel   context.CancelFunc
	done     chan struct{}
}

// New returns an Emitter; Start makes it store what is emitted.
func New(cfg Config) (*Emitter, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	e := &Emitter{cfg: cfg, log: cfg.Logger.With("component", "opevent"), logLimit: ratelog.New(10 * time.Second),
		wake: make(chan struct{}, 1), done: make(chan struct{})}
	e.dropped = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "herald_operational_events_dropped_total",
		Help: "Operational events (endpoint.*, delivery.*) dropped: more than 10,000 were waiting to be stored, or the store failed.",
	})
	if cfg.Metrics != nil {
		if err := cfg.Metrics.Register(e.dropped); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// Start stores what is emitted, through in, until Stop. The intake is
// given here rather than in Config because it needs the engine, which
// emits: the emitter exists before both.
func (e *Emitter) Start(ctx context.Context, in Intake) error {
	if in == nil {
		return errors.New("emitter: Start needs the intake")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.started {
		return errors.New("emitter: started twice")
	}
	e.started = true
	// The worker outlives the start's context: Stop ends it, after it
	// stored what was queued.
	wctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	e.cancel = cancel
	go e.run(wctx, in)
	return nil
}

// Stop stores what is queued and stops, or gives up when ctx is done:
// then the store under way is cancelled and what is left is dropped.
func (e *Emitter) Stop(ctx context.Context) error {
	e.mu.Lock()
	started, already := e.started, e.stopping
	e.stopping = true
	e.mu.Unlock()
	if !started || already {
		return nil
	}
	e.signal()
	select {
	case <-e.done:
	case <-ctx.Done():
		e.cancel()
		<-e.done
		e.mu.Lock()
		n := len(e.queue)
		e.mu.Unlock()
		if n > 0 {
			e.log.Warn("stopped before every operational event was stored; dropping the rest", "count", n)
		}
	}
	e.cancel()
	return nil
}

// Drain waits until the events emitted so far are stored, or ctx is done.
func (e *Emitter) Drain(ctx context.Context) {
	e.mu.Lock()
	if e.pending == 0 {
		e.mu.Unlock()
		return
	}
	ch := make(chan struct{})
	e.idle = append(e.idle, ch)
	e.mu.Unlock()
	select {
	case <-ch:
	case <-ctx.Done():
	}
}

// Endpoint emits the endpoint.* event typ about ep, at at; reason says why
// it was disabled (endpoint.disabled only). A job's callback, which is no
// endpoint of the tenant's, emits nothing.
func (e *Emitter) Endpoint(typ string, ep *herald.Endpoint, reason string, at time.Time) {
	if ep.JobID != "" {
		return
	}
	d := opevent.Endpoint{TenantID: ep.TenantID, EndpointID: ep.ID, URL: ep.URL, Description: ep.Description, Reason: reason, At: at}
	e.emit(ep.TenantID, func(tenant string) *herald.Event { return opevent.ForEndpoint(tenant, typ, d) })
}

// EndpointDisabled emits endpoint.disabled for an endpoint the engine's
// outcomes disabled (a 410, or too many failed deliveries in a row).
func (e *Emitter) EndpointDisabled(d store.Disabled) {
	ctx, cancel := context.WithTimeout(context.Background(), e.cfg.Timeout)
	defer cancel()
	ep, err := e.cfg.Store.FindEndpointByID(ctx, "", d.EndpointID)
	if err != nil {
		if herald.ErrorCode(err) != herald.ENOTFOUND {
			e.log.Error("reading a disabled endpoint failed; its endpoint.disabled event is not sent", "endpoint", d.EndpointID, "err", err)
		}
		return
	}
	e.Endpoint(opevent.EndpointDisabled, ep, d.Reason, d.At)
}

// DeliveryReport emits what an attempt showed of its delivery
// (opevent.AfterAttempt): delivery.failing, .exhausted or .recovered.
func (e *Emitter) DeliveryReport(typ string, d opevent.Delivery) {
	e.emit(d.TenantID, func(tenant string) *herald.Event { return opevent.ForDelivery(tenant, typ, d) })
}

// emit queues an event for tenant, and a copy for the operator's tenant
// when one is set.
func (e *Emitter) emit(tenant string, build func(tenant string) *herald.Event) {
	evs := []*herald.Event{build(tenant)}
	if op := e.cfg.OperatorTenant; op != "" && op != tenant {
		evs = append(evs, build(op))
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, ev := range evs {
		if e.stopping {
			e.log.Debug("operational event emitted after the emitter stopped; dropping it", "type", ev.Type, "tenant", ev.TenantID)
			continue
		}
		if len(e.queue) >= e.cfg.MaxQueued {
			e.dropped.Inc()
			if ok, n := e.logLimit.Allow("dropped", e.cfg.Now()); ok {
				e.log.Warn("too many operational events waiting to be stored; dropping", "type", ev.Type, "tenant", ev.TenantID, "similar_not_logged", n)
			}
			continue
		}
		e.queue = append(e.queue, ev)
		e.pending++
	}
	e.signal()
}

func (e *Emitter) signal() {
	select {
	case e.wake <- struct{}{}:
	default:
	}
}

// run stores queued events until Stop finds the queue empty, or cancels.
func (e *Emitter) run(ctx context.Context, in Intake) {
	defer close(e.done)
	for ctx.Err() == nil {
		tenant, batch, stopping := e.next()
		if batch == nil {
			if stopping {
				return
			}
			select {
			case <-e.wake:
			case <-ctx.Done():
				return
			}
			continue
		}
		e.store(ctx, in, tenant, batch)
		e.mu.Lock()
		e.pending -= len(batch)
		if e.pending == 0 {
			for _, ch := range e.idle {
				close(ch)
			}
			e.idle = nil
		}
		e.mu.Unlock()
	}
}

// next takes one tenant's events off the queue, in their order, up to a
// batch (none: the queue is empty).
func (e *Emitter) next() (tenant string, batch []*herald.Event, stopping bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.queue) == 0 {
		return "", nil, e.stopping
	}
	tenant = e.queue[0].TenantID
	var rest []*herald.Event
	for _, ev := range e.queue {
		if ev.TenantID == tenant && len(batch) < batchSize {
			batch = append(batch, ev)
		} else {
			rest = append(rest, ev)
		}
	}
	e.queue = rest
	return tenant, batch, e.stopping
}

// store stores the events of batch some endpoint of tenant subscribes to;
// events no endpoint subscribes to are not stored at all.
func (e *Emitter) store(ctx context.Context, in Intake, tenant string, batch []*herald.Event) {
	ctx, cancel := context.WithTimeout(ctx, e.cfg.Timeout)
	defer cancel()
	eps, err := e.cfg.Subscribers.Lookup(ctx, tenant)
	if err != nil {
		e.drop(len(batch), "reading the endpoints that subscribe to operational events failed; dropping them", tenant, err)
		return
	}
	var wanted []*herald.Event
	for _, ev := range batch {
		for _, ep := range eps {
			if herald.Matches(ep, ev) {
				wanted = append(wanted, ev)
				break
			}
		}
	}
	if len(wanted) == 0 {
		return
	}
	if _, err := in.Accept(ctx, wanted); err != nil {
		e.drop(len(wanted), "storing operational events failed; dropping them", tenant, err)
	}
}

// drop counts n events the store did not take, as the metric counts those
// a full queue drops (a store outage loses them alike), and logs why, at
// most once every 10 s: an outage fails every batch.
func (e *Emitter) drop(n int, msg, tenant string, err error) {
	e.dropped.Add(float64(n))
	if ok, similar := e.logLimit.Allow("store failed", e.cfg.Now()); ok {
		e.log.Error(msg, "tenant", tenant, "count", n, "err", err, "similar_not_logged", similar)
	}
}
