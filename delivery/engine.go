// Package delivery is Herald's engine: it takes leased deliveries, makes
// their attempts with a bounded number in flight per endpoint and in all,
// and records the outcomes in batches.
//
// Attempts run in two lanes. The fast lane has MaxInFlight slots; the slow
// lane MaxInFlightSlow. An endpoint whose attempt runs past SlowAfter is
// slow (package lane decides): that attempt moves to the slow lane at once,
// freeing its fast slot, and the endpoint's next attempts start only in the
// slow lane until one of them ends within SlowAfter. So however many
// endpoints hang, they hold the slow lane and a quarter of the memory
// window, and the rest of the engine is the healthy endpoints'.
//
// Work reaches the engine two ways. New deliveries come straight from the
// API after their transaction commits (Reserve, then Dispatch), already
// leased to this node, so the happy path never waits for a poll. Everything
// else — retries that came due, deliveries whose owner died, work beyond
// what fit in memory — is claimed from the store by the scheduler loop.
// A lease keeper extends this node's leases while it holds them.
package delivery

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/endpointcache"
	"github.com/heraldhq/herald/lane"
	"github.com/heraldhq/herald/opevent"
	"github.com/heraldhq/herald/ratelog"
	"github.com/heraldhq/herald/sender"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/tracing"
)

// Sender makes one attempt; *sender.Sender is the real one.
type Sender interface {
	Send(ctx context.Context, r sender.Request) sender.Result
}

// Config configures an Engine.
type Config struct {
	Store  store.Store // required
	Sender Sender      // required
	// NodeID names this process in leases. Two live processes must not
	// share one; a restarted process should keep its own so that it takes
	// its leases back at once instead of waiting for them to expire.
	NodeID string
	// MaxInFlight caps attempts in flight in the fast lane: attempts to
	// endpoints that answer within SlowAfter. Default 512.
	MaxInFlight int
	// MaxInFlightSlow caps attempts started in the slow lane, to endpoints
	// whose attempts ran past SlowAfter. Attempts that move there from the
	// fast lane while running may take it over its cap until they end.
	// Default a quarter of MaxInFlight.
	MaxInFlightSlow int
	// SlowAfter is how long an attempt may run before its endpoint counts
	// as slow. Default 1 s.
	SlowAfter time.Duration
	// AfterFunc starts the timer that moves an attempt still running at
	// SlowAfter to the slow lane. Default time.AfterFunc; tests pass one
	// whose timers they fire themselves, so that what they check does not
	// hang on how fast the machine is.
	AfterFunc func(d time.Duration, f func()) *time.Timer
	// MaxInFlightPerEndpoint caps attempts in flight to one endpoint; an
	// endpoint that fails or times out is allowed fewer (package lane).
	// Default 16.
	MaxInFlightPerEndpoint int
	// MaxHeld caps deliveries held in memory (queued or in flight). Work
	// beyond it waits in the store. Default 10,000: more than a second of work at full speed, and about 15 MB of 1 KiB events.
	MaxHeld int
	// KeepRequests says which attempts keep the request they sent
	// (herald.Attempt.Request, about 400 bytes each): KeepAll (the
	// default), KeepFailed (those that did not succeed), KeepNone.
	KeepRequests Keep
	// LeaseDuration is how long a claim lasts without renewal; it bounds how
	// long the deliveries of a crashed node wait. It must exceed the
	// attempt timeout. Default 30 s.
	LeaseDuration time.Duration
	// PollInterval is how often the store is asked for due work that this
	// node was not told about. Default 1 s.
	PollInterval time.Duration
	// Endpoints is the node's endpoint cache, shared with the API. Required.
	Endpoints *endpointcache.Cache
	// EndpointDisabled, when set, hears of every endpoint the engine's
	// outcomes disabled (a 410, or too many failed deliveries in a row), so
	// that the platform can be told.
	EndpointDisabled func(store.Disabled)
	// DeliveryReport, when set, hears what attempts showed of their
	// deliveries (opevent.AfterAttempt): delivery.failing after
	// FailingAfter failed attempts in a row, delivery.exhausted,
	// delivery.recovered. It must not block.
	DeliveryReport func(typ string, d opevent.Delivery)
	// FailingAfter is how many failed attempts in a row make a delivery
	// failing. Default opevent.DefaultFailingAfter; negative: never.
	FailingAfter int
	// Tracer, when set, makes a span of each attempt, a child of the span
	// of the request that brought its event. Nil: tracing off.
	Tracer *tracing.Tracer
	// Metrics, when set, receives the engine's Prometheus series.
	Metrics prometheus.Registerer
	Logger  *slog.Logger
	Now     func() time.Time
	Rand    func() float64 // in [0, 1), drives retry jitter
}

// Validate fills defaults and reports missing settings.
func (c *Config) Validate() error {
	if c.Store == nil || c.Sender == nil || c.Endpoints == nil {
		return errors.New("delivery: Config.Store, Config.Sender and Config.Endpoints are required")
	}
	if c.NodeID == "" {
		return errors.New("delivery: Config.NodeID is required")
	}
	setDefault(&c.MaxInFlight, 512)
	setDefault(&c.MaxInFlightPerEndpoint, 16)
	setDefault(&c.MaxInFlightSlow, max(1, c.MaxInFlight/4))
	setDefault(&c.SlowAfter, time.Second)
	if c.AfterFunc == nil {
		c.AfterFunc = time.AfterFunc
	}
	setDefault(&c.MaxHeld, 10000)
	setDefault(&c.LeaseDuration, 30*time.Second)
	setDefault(&c.PollInterval, time.Second)
	setDefault(&c.FailingAfter, opevent.DefaultFailingAfter)
	switch c.KeepRequests {
	case "":
		c.KeepRequests = KeepAll
	case KeepAll, KeepFailed, KeepNone:
	default:
		return fmt.Errorf("delivery: KeepRequests must be %q, %q or %q, not %q", KeepAll, KeepFailed, KeepNone, c.KeepRequests)
	}
	if c.MaxInFlightPerEndpoint > c.MaxInFlight {
		return fmt.Errorf("delivery: MaxInFlightPerEndpoint (%d) must not exceed MaxInFlight (%d)", c.MaxInFlightPerEndpoint, c.MaxInFlight)
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Rand == nil {
		c.Rand = rand.Float64
	}
	return nil
}

func setDefault[T comparable](v *T, def T) {
	var zero T
	if *v == zero {
		*v = def
	}
}

// Engine delivers webhooks. Start it once and Stop it once.
type Engine struct {
	cfg       Config
	log       *slog.Logger
	completer *completer
	metrics   *metrics

	lanes     lane.Config
	mu        sync.Mutex
	queues    map[string]*queue // by endpoint id
	readyFast []*queue          // queues with work and room in the fast lane, served round-robin
	readySlow []*queue          // the same in the slow lane
	held      int               // reserved + queued + in flight
	fast      int               // attempts in flight in the fast lane
	slow      int               // attempts in flight in the slow lane
	// slowQueues counts the queues of slow endpoints, slowHeld what they hold.
	slowQueues, slowHeld int
	// dormant keeps the health of endpoints with nothing in memory that
	// differs from an unknown endpoint's, for healthMemory.
	dormant map[string]dormant
	running map[*store.Task]*slot // attempts under way (a delivery may, rarely, be attempted twice at once)
	// holds are the endpoints whose deliveries wait until a time: a rate
	// limit's next slot, or a receiver's Retry-After.
	holds map[string]*hold
	// slots are send slots of rate-limited endpoints taken from the store
	// but not used yet: a take asks for as many as the endpoint has
	// deliveries queued, so that a limit seldom reached costs one store
	// write per burst rather than one per attempt.
	slots map[string]slots
	// taking is closed when the take of slots under way for an endpoint
	// ends: attempts of that endpoint wait for it rather than each asking
	// the store, which would answer all but one "not yet".
	taking   map[string]chan struct{}
	stopping bool
	starved  bool // the scheduler found no room; wake it when some frees up

	attemptCtx    context.Context // cancelled only when a stop runs out of time
	cancelAttempt context.CancelFunc
	wake          chan struct{}
	nextWake      time.Time // guarded by mu
	// sweptAt is when a claim last took every due delivery it did not
	// pass over (guarded by mu), for the healthy lag (splitLag).
	sweptAt   time.Time
	loops     sync.WaitGroup
	attempts  sync.WaitGroup
	stopLoops chan struct{}
	// released is closed once the leases of a previous run are handed back.
	released chan struct{}
	// logLimit bounds the lines a failing store makes the loops write.
	logLimit *ratelog.Limiter
}

type queue struct {
	endpointID string
	tasks      []*store.Task
	inFlight   int
	held       int // queued and in flight: len(tasks) + inFlight
	isReady    bool
	health     lane.Health
	// limited says the endpoint has a rate limit: its deliveries wait for
	// their slots, and their wait is the limit's, not the node's (splitLag).
	limited bool
}

// slot is one attempt in flight.
type slot struct {
	slow     bool        // it counts in the slow lane
	lingered bool        // it moved there, having run for SlowAfter
	timer    *time.Timer // moves it there at SlowAfter; nil once in the slow lane
}

// slots are send slots in hand, usable until until: a slot used later
// than it was granted shifts the endpoint's traffic, so slots do not
// keep (at most Burst of them were granted at once, which the limit
// allows at once anyway).
type slots struct {
	n     int
	until time.Time
}

// slotsKeep is how long unused send slots stay usable.
const slotsKeep = time.Second

// maxSlotsAtOnce bounds the send slots one take asks for.
const maxSlotsAtOnce = 64

// hold keeps an endpoint's deliveries from starting before until; its
// timer lets them go then.
type hold struct {
	until time.Time
	timer *time.Timer
}

type dormant struct {
	health lane.Health
	since  time.Time
}

// healthMemory is how long the engine remembers that an endpoint with
// nothing in memory was slow or failing: an endpoint that is down stays
// down for minutes or hours, and relearning it costs attempts that hang.
const healthMemory = 10 * time.Minute

// New returns an Engine; call Start to run it.
func New(cfg Config) (*Engine, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	e := &Engine{
		cfg:       cfg,
		log:       cfg.Logger.With("component", "delivery"),
		lanes:     lane.Config{Max: cfg.MaxInFlightPerEndpoint, SlowAfter: cfg.SlowAfter},
		queues:    make(map[string]*queue),
		dormant:   make(map[string]dormant),
		running:   make(map[*store.Task]*slot),
		holds:     make(map[string]*hold),
		slots:     make(map[string]slots),
		taking:    make(map[string]chan struct{}),
		wake:      make(chan struct{}, 1),
		stopLoops: make(chan struct{}),
		released:  make(chan struct{}),
		logLimit:  ratelog.New(10 * time.Second),
	}
	e.completer = newCompleter(cfg.Store, e.log, e.disabled, e.written)
	e.metrics = newMetrics(cfg.Metrics, e)
	e.attemptCtx, e.cancelAttempt = context.WithCancel(context.Background())
	return e, nil
}

// Ready reports an error until the engine has handed back the leases of a
// previous run and may claim work.
func (e *Engine) Ready() error {
	select {
	case <-e.released:
		return nil
	default:
		return errors.New("delivery: still handing back the leases of a previous run")
	}
}

// logStoreError logs a store failure of a loop, at most once per 10 s for
// each message, with the count of those not logged.
func (e *Engine) logStoreError(msg string, err error, args ...any) {
	if ok, n := e.logLimit.Allow(msg, e.cfg.Now()); ok {
		e.log.Error(msg, append(args, "err", err, "similar_not_logged", n)...)
	}
}

// NodeID returns the name this engine holds leases under.
func (e *Engine) NodeID() string { return e.cfg.NodeID }

// LeaseUntil returns the end of a lease taken now.
func (e *Engine) LeaseUntil() time.Time { return e.cfg.Now().Add(e.cfg.LeaseDuration) }

// Start starts the background loops. The scheduler first hands back this
// node's leases from a previous run, retrying with backoff while the store
// fails (a full disk, a database still starting), and claims nothing
// before that: until then Ready reports an error, and the node is up but
// not ready instead of exiting into a supervisor's restart loop.
func (e *Engine) Start(ctx context.Context) error {
	e.completer.start()
	e.loops.Add(2)
	go e.schedule()
	go e.keepLeases()
	return nil
}

// Stop stops taking work, hands back what has not started, and waits for
// attempts in flight until ctx is done; attempts still running then are
// cancelled and their deliveries released, to be tried again. It returns
// once every outcome is recorded. A store that cannot take the leases back
// is logged, not returned: the leases expire by themselves, and a stop on
// a full disk must still exit cleanly. The error is always nil today.
func (e *Engine) Stop(ctx context.Context) error {
	e.mu.Lock()
	if e.stopping {
		e.mu.Unlock()
		return nil
	}
	e.stopping = true
	var queued []string
	for _, q := range e.queues {
		for _, t := range q.tasks {
			queued = append(queued, t.DeliveryID)
		}
		e.held -= len(q.tasks)
		e.addHeldLocked(q, -len(q.tasks))
		q.tasks = nil
	}
	e.readyFast, e.readySlow = nil, nil
	for id, h := range e.holds {
		h.timer.Stop()
		delete(e.holds, id)
	}
	clear(e.slots)
	e.mu.Unlock()
	close(e.stopLoops)
	e.loops.Wait()

	// Handing leases back only saves the wait for them to expire: when
	// the store cannot take it (a full disk), that is logged, not a
	// failed stop, and the next owner waits out the lease.
	release := func(ids []string) {
		if err := e.cfg.Store.ReleaseLeases(context.WithoutCancel(ctx), e.cfg.NodeID, ids, e.cfg.Now()); err != nil {
			e.log.Warn("handing back leases failed; they expire on their own", "lease", e.cfg.LeaseDuration, "err", err)
		}
	}
	if len(queued) > 0 {
		release(queued)
	}
	done := make(chan struct{})
	go func() { e.attempts.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		e.log.Warn("stop timed out; cancelling attempts in flight", "in_flight", e.InFlight())
		e.cancelAttempt()
		<-done
	}
	e.completer.stop()
	// Anything still leased to this node (reserved by a request that never
	// dispatched) is handed back so that the next run or another node takes
	// it without waiting for the lease to run out.
	release(nil)
	e.cancelAttempt()
	return nil
}

// heldIDs returns the ids of the deliveries this engine holds in memory,
// queued or being attempted.
func (e *Engine) heldIDs() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	ids := make([]string, 0, e.held)
	for t := range e.running {
		ids = append(ids, t.DeliveryID)
	}
	for _, q := range e.queues {
		for _, t := range q.tasks {
			ids = append(ids, t.DeliveryID)
		}
	}
	return ids
}

// Held returns the number of deliveries held in memory.
func (e *Engine) Held() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.held
}

// InFlight returns the number of attempts under way.
func (e *Engine) InFlight() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.fast + e.slow
}

// Reserve makes room in memory for n deliveries that the caller is about to
// create leased to this node. When it returns false the caller creates them
// unleased and due, and the scheduler claims them when there is room. force
// reserves even beyond MaxHeld (for a manual retry of one delivery).
func (e *Engine) Reserve(n int, force bool) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.stopping || e.Ready() != nil || (!force && e.held+n > e.cfg.MaxHeld) {
		// Until the leases of a previous run are handed back, none is
		// taken: the hand-back releases every lease of this node, and a
		// delivery leased now would be claimed again and attempted twice.
		return false
	}
	e.held += n
	return true
}

// memoryLocked describes the memory window's use now, for lane.Memory.Full.
func (e *Engine) memoryLocked() lane.Memory {
	return lane.Memory{Window: e.cfg.MaxHeld, MinShare: 2 * e.cfg.MaxInFlightPerEndpoint,
		Endpoints: len(e.queues), Slow: e.slowQueues, SlowHeld: e.slowHeld}
}

// healthLocked returns what the engine knows of an endpoint and how many
// deliveries it holds.
func (e *Engine) healthLocked(id string) (lane.Health, int) {
	if q := e.queues[id]; q != nil {
		return q.health, q.held
	}
	return e.dormant[id].health, 0
}

// Saturated reports which of endpointIDs hold their share of memory now
// (lane.Memory.Full); their new deliveries should be created due, not
// leased to this node.
func (e *Engine) Saturated(endpointIDs []string) map[string]bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	var sat map[string]bool
	m := e.memoryLocked()
	for _, id := range endpointIDs {
		if h, held := e.healthLocked(id); m.Full(held, h.Slow) {
			if sat == nil {
				sat = make(map[string]bool)
			}
			sat[id] = true
		}
	}
	return sat
}

// saturatedLocked lists the saturated endpoints, for claims to skip: those
// in memory at their share and, while the slow lane's part of the window
// is full, every endpoint known to be slow.
func (e *Engine) saturatedLocked() []string {
	var ids []string
	m := e.memoryLocked()
	for id, q := range e.queues {
		if m.Full(q.held, q.health.Slow) {
			ids = append(ids, id)
		}
	}
	for id := range e.holds {
		// Claimed now, they would only wait in memory.
		ids = append(ids, id)
	}
	if m.Full(0, true) {
		for id, d := range e.dormant {
			if d.health.Slow {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// queueLocked returns the endpoint's queue, making it with the health the
// engine remembers of the endpoint.
func (e *Engine) queueLocked(id string) *queue {
	q := e.queues[id]
	if q == nil {
		q = &queue{endpointID: id}
		if d, ok := e.dormant[id]; ok {
			q.health = d.health
			delete(e.dormant, id)
		}
		if q.health.Slow {
			e.slowQueues++
		}
		e.queues[id] = q
	}
	return q
}

// dropQueueLocked forgets an empty queue, remembering its endpoint's health
// unless it is what an unknown endpoint's would be.
func (e *Engine) dropQueueLocked(q *queue) {
	if q.health.Slow {
		e.slowQueues--
	}
	delete(e.queues, q.endpointID)
	if !q.health.Usual(e.lanes) {
		e.dormant[q.endpointID] = dormant{health: q.health, since: e.cfg.Now()}
	}
}

func (e *Engine) addHeldLocked(q *queue, n int) {
	q.held += n
	if q.health.Slow {
		e.slowHeld += n
	}
}

func (e *Engine) setHealthLocked(q *queue, h lane.Health) {
	if h.Slow != q.health.Slow {
		if h.Slow {
			e.slowQueues++
			e.slowHeld += q.held
		} else {
			e.slowQueues--
			e.slowHeld -= q.held
		}
	}
	q.health = h
}

// forgetHealth drops what the engine remembers of endpoints that have had
// nothing in memory for healthMemory.
func (e *Engine) forgetHealth() {
	e.mu.Lock()
	defer e.mu.Unlock()
	cutoff := e.cfg.Now().Add(-healthMemory)
	for id, d := range e.dormant {
		if d.since.Before(cutoff) {
			delete(e.dormant, id)
		}
	}
}

// SlowEndpoints returns how many endpoints the engine holds to the slow
// lane, with deliveries in memory or not.
func (e *Engine) SlowEndpoints() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	n := e.slowQueues
	for _, d := range e.dormant {
		if d.health.Slow {
			n++
		}
	}
	return n
}

// InFlightSlow returns the number of attempts in the slow lane.
func (e *Engine) InFlightSlow() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.slow
}

// Unreserve gives back room reserved for deliveries that were not created.
func (e *Engine) Unreserve(n int) {
	e.mu.Lock()
	e.held -= n
	e.signalRoomLocked()
	e.mu.Unlock()
}

// Dispatch queues reserved, leased tasks for their attempts.
func (e *Engine) Dispatch(tasks []*store.Task) {
	if len(tasks) == 0 {
		return
	}
	e.mu.Lock()
	if e.stopping {
		// Too late to attempt them here; their leases are released by Stop.
		e.held -= len(tasks)
		e.mu.Unlock()
		return
	}
	now := e.cfg.Now()
	for _, t := range tasks {
		if t.Due.IsZero() {
			t.Due = now
		}
		q := e.queueLocked(t.EndpointID)
		q.tasks = append(q.tasks, t)
		e.addHeldLocked(q, 1)
		e.markReadyLocked(q)
	}
	start := e.takeLocked()
	e.mu.Unlock()
	e.run(start)
}

// markReadyLocked puts q in its lane's round-robin when it has work and
// room under its endpoint's limit.
func (e *Engine) markReadyLocked(q *queue) {
	if !q.isReady && len(q.tasks) > 0 && q.inFlight < q.health.Limit(e.lanes) && e.holds[q.endpointID] == nil {
		q.isReady = true
		if q.health.Slow {
			e.readySlow = append(e.readySlow, q)
		} else {
			e.readyFast = append(e.readyFast, q)
		}
	}
}

// takeLocked picks the tasks to start now in both lanes: one per ready
// endpoint in turn, so that a busy endpoint cannot starve a quiet one.
func (e *Engine) takeLocked() []*store.Task {
	var start []*store.Task
	for {
		var movedFast, movedSlow bool
		start, movedFast = e.takeLaneLocked(&e.readyFast, false, start)
		start, movedSlow = e.takeLaneLocked(&e.readySlow, true, start)
		if !movedFast && !movedSlow {
			return start
		}
	}
}

// takeLaneLocked starts tasks from one lane's round-robin while the lane
// has room. A queue whose endpoint changed lanes while it waited moves to
// the other round-robin (moved reports it, so that the caller looks again).
func (e *Engine) takeLaneLocked(ready *[]*queue, slow bool, start []*store.Task) ([]*store.Task, bool) {
	moved := false
	for len(*ready) > 0 && (slow && e.slow < e.cfg.MaxInFlightSlow || !slow && e.fast < e.cfg.MaxInFlight) {
		q := (*ready)[0]
		(*ready)[0] = nil
		*ready = (*ready)[1:]
		q.isReady = false
		if e.holds[q.endpointID] != nil {
			continue // held since it was marked ready; its hold's end marks it again
		}
		if q.health.Slow != slow {
			e.markReadyLocked(q)
			moved = true
			continue
		}
		t := q.tasks[0]
		q.tasks[0] = nil
		q.tasks = q.tasks[1:]
		q.inFlight++
		s := &slot{slow: slow}
		if slow {
			e.slow++
		} else {
			e.fast++
			s.timer = e.cfg.AfterFunc(e.cfg.SlowAfter, func() { e.linger(t, s) })
		}
		e.running[t] = s
		start = append(start, t)
		e.markReadyLocked(q)
	}
	return start, moved
}

// linger moves an attempt that has run for SlowAfter from the fast lane to
// the slow one, marks its endpoint slow, and starts what the freed fast
// slot lets start.
func (e *Engine) linger(t *store.Task, s *slot) {
	e.mu.Lock()
	if e.running[t] != s || s.slow {
		e.mu.Unlock()
		return // it ended meanwhile
	}
	s.slow, s.lingered, s.timer = true, true, nil
	e.fast--
	e.slow++
	q := e.queues[t.EndpointID]
	e.setHealthLocked(q, lane.Lingering(q.health))
	var start []*store.Task
	if !e.stopping {
		start = e.takeLocked()
	}
	e.mu.Unlock()
	e.run(start)
}

func (e *Engine) run(tasks []*store.Task) {
	for _, t := range tasks {
		e.attempts.Add(1)
		go e.attempt(t)
	}
}

// finished frees the slot of an attempt, learns from its outcome (nil when
// no request was made) and starts what can start next. retryAt, when not
// zero, is when the delivery is to be tried again: the scheduler is woken
// for it unless the endpoint is now slow (with thousands of endpoints
// hanging, their retries come due at every moment, each wake would be a
// claim that passes over their backlog, and the poll finds them within
// PollInterval anyway).
func (e *Engine) finished(t *store.Task, o *lane.Outcome, retryAt time.Time) {
	e.mu.Lock()
	q, s := e.endAttemptLocked(t)
	e.addHeldLocked(q, -1)
	e.held--
	if o != nil {
		seen := *o
		seen.Lingered = s.lingered
		e.setHealthLocked(q, lane.Next(q.health, seen, e.lanes))
	}
	if !q.health.Slow && q.held == max(1, e.memoryLocked().Share(false)/2) {
		// A fast endpoint has drained to half its share: its backlog in
		// the store, which claims passed over while it was full, is
		// claimed now, not at the next poll, half a share at a time.
		e.poke()
	}
	if q.held == 0 {
		e.dropQueueLocked(q)
	} else {
		e.markReadyLocked(q)
	}
	wake := !retryAt.IsZero() && !q.health.Slow
	var start []*store.Task
	if !e.stopping {
		start = e.takeLocked()
	}
	e.signalRoomLocked()
	e.mu.Unlock()
	if wake {
		e.wakeAt(retryAt)
	}
	e.run(start)
	e.attempts.Done()
}

// endAttemptLocked frees the slot of t's attempt, in its lane and its
// endpoint's queue, and returns the queue and the slot.
func (e *Engine) endAttemptLocked(t *store.Task) (*queue, *slot) {
	q := e.queues[t.EndpointID]
	s := e.running[t]
	delete(e.running, t)
	if s.timer != nil {
		s.timer.Stop()
	}
	if s.slow {
		e.slow--
	} else {
		e.fast--
	}
	q.inFlight--
	return q, s
}

// wait hands back the slot of an attempt that its endpoint's rate limit
// held back before any request: the delivery goes back to the front of
// its queue, still held and leased, and the endpoint is held until its
// next slot, until.
func (e *Engine) wait(t *store.Task, until time.Time) {
	e.mu.Lock()
	q, _ := e.endAttemptLocked(t)
	t.Due = until // not due before its slot: no lag until then
	q.tasks = append([]*store.Task{t}, q.tasks...)
	var start []*store.Task
	if !e.stopping {
		e.holdLocked(t.EndpointID, until)
		start = e.takeLocked()
	} else {
		// Stop has already handed back what was queued: this one goes
		// back too.
		q.tasks = q.tasks[1:]
		e.addHeldLocked(q, -1)
		e.held--
		if q.held == 0 {
			e.dropQueueLocked(q)
		}
	}
	stopping := e.stopping
	e.mu.Unlock()
	if stopping {
		if err := e.cfg.Store.ReleaseLeases(context.Background(), e.cfg.NodeID, []string{t.DeliveryID}, e.cfg.Now()); err != nil {
			e.log.Warn("handing back a delivery that waited for its rate limit failed; its lease expires on its own", "err", err)
		}
	}
	e.run(start)
	e.attempts.Done()
}

// takeSlot takes a send slot of ep (which has a rate limit) for an
// attempt at now: one in hand, or from the store, with as many more as
// the endpoint has deliveries queued. It returns when the next slot
// comes when none is free.
func (e *Engine) takeSlot(ep *herald.Endpoint, now time.Time) (bool, time.Time, error) {
	for {
		e.mu.Lock()
		if s := e.slots[ep.ID]; s.n > 0 && now.Before(s.until) {
			if s.n--; s.n == 0 {
				delete(e.slots, ep.ID)
			} else {
				e.slots[ep.ID] = s
			}
			e.mu.Unlock()
			return true, time.Time{}, nil
		}
		delete(e.slots, ep.ID)
		if q := e.queues[ep.ID]; q != nil {
			q.limited = true
		}
		if h := e.holds[ep.ID]; h != nil && now.Before(h.until) {
			e.mu.Unlock()
			return false, h.until, nil // a take just found none before then
		}
		if ch := e.taking[ep.ID]; ch != nil {
			e.mu.Unlock()
			select {
			case <-ch:
				now = e.cfg.Now()
				continue
			case <-e.attemptCtx.Done():
				return false, time.Time{}, e.attemptCtx.Err()
			}
		}
		ch := make(chan struct{})
		e.taking[ep.ID] = ch
		want := 1
		if q := e.queues[ep.ID]; q != nil {
			want = min(maxSlotsAtOnce, q.held) // queued, and in flight (this one too)
		}
		e.mu.Unlock()
		d, err := e.cfg.Store.TakeSendSlots(e.attemptCtx, ep.ID, *ep.RateLimit, now, max(1, want))
		e.mu.Lock()
		delete(e.taking, ep.ID)
		close(ch)
		switch {
		case err != nil:
		case !d.OK():
			e.holdLocked(ep.ID, d.RetryAt)
		case d.Granted > 1:
			s := e.slots[ep.ID]
			e.slots[ep.ID] = slots{n: s.n + d.Granted - 1, until: now.Add(slotsKeep)}
		}
		e.mu.Unlock()
		return err == nil && d.OK(), d.RetryAt, err
	}
}

// hold keeps an endpoint's deliveries in memory from starting before
// until (a receiver's Retry-After), and claims from taking more of them.
func (e *Engine) hold(endpointID string, until time.Time) {
	e.mu.Lock()
	e.holdLocked(endpointID, until)
	e.mu.Unlock()
}

func (e *Engine) holdLocked(endpointID string, until time.Time) {
	h := e.holds[endpointID]
	if h != nil && !until.After(h.until) {
		return
	}
	if h != nil {
		h.timer.Stop()
	}
	h = &hold{until: until}
	h.timer = time.AfterFunc(max(0, until.Sub(e.cfg.Now())), func() { e.release(endpointID, h) })
	e.holds[endpointID] = h
}

// Release ends an endpoint's hold, if it has one, and starts what it held
// back: its settings changed (a rate limit removed, say), and the hold's
// reason with them. An endpoint still limited takes a slot again.
func (e *Engine) Release(endpointID string) {
	e.mu.Lock()
	h := e.holds[endpointID]
	delete(e.slots, endpointID) // taken under the old limit
	e.mu.Unlock()
	if h != nil {
		h.timer.Stop()
		e.release(endpointID, h)
	}
}

// release ends an endpoint's hold h and starts what it held back.
func (e *Engine) release(endpointID string, h *hold) {
	e.mu.Lock()
	if e.holds[endpointID] != h {
		e.mu.Unlock()
		return // replaced by a later hold
	}
	delete(e.holds, endpointID)
	var start []*store.Task
	if q := e.queues[endpointID]; q != nil && !e.stopping {
		e.markReadyLocked(q)
		start = e.takeLocked()
	}
	e.mu.Unlock()
	e.poke() // what claims passed over meanwhile
	e.run(start)
}

func (e *Engine) signalRoomLocked() {
	if e.starved && e.held < e.cfg.MaxHeld/2 {
		e.starved = false
		e.poke()
	}
}

// disabled hears of endpoints the store disabled while recording outcomes.
func (e *Engine) disabled(ds []store.Disabled) {
	for _, d := range ds {
		e.metrics.endpointDisabled()
		e.cfg.Endpoints.Invalidate(d.TenantID, d.EndpointID)
		e.log.Warn("endpoint disabled", "tenant", d.TenantID, "endpoint", d.EndpointID, "reason", d.Reason)
		if e.cfg.EndpointDisabled != nil {
			go e.cfg.EndpointDisabled(d)
		}
	}
}

// written hears of each batch of outcomes the store recorded. A FIFO
// endpoint's delivery that ended there made the endpoint's next one due,
// and a retry due within the poll interval is claimable only now that its
// outcome is written (the wake at its due time, from finished, may have
// come before the write and found it still leased): the scheduler claims
// them now rather than at its next poll.
func (e *Engine) written(batch []store.Completion) {
	now := e.cfg.Now()
	var soon time.Time
	for _, c := range batch {
		switch {
		case c.Ordered && (c.Status == herald.DeliverySucceeded || c.Status == herald.DeliveryFailed):
			soon = now
		case c.Status == herald.DeliveryPending && c.Attempt != nil && c.NextAttemptAt.Sub(now) < e.cfg.PollInterval &&
			(soon.IsZero() || c.NextAttemptAt.Before(soon)):
			soon = c.NextAttemptAt
		}
	}
	if !soon.IsZero() {
		e.wakeAt(soon)
	}
}

// Wake makes the scheduler look for due work now.
func (e *Engine) Wake() { e.poke() }

func (e *Engine) poke() {
	select {
	case e.wake <- struct{}{}:
	default:
	}
}

// wakeAt asks the scheduler to look for due work at t, for a retry this
// node has just scheduled.
func (e *Engine) wakeAt(t time.Time) {
	e.mu.Lock()
	if e.nextWake.IsZero() || t.Before(e.nextWake) {
		e.nextWake = t
		e.mu.Unlock()
		e.poke()
		return
	}
	e.mu.Unlock()
}

// Keep says which attempts keep their request.
type Keep string

// Keep's values.
const (
	KeepAll    Keep = "all"
	KeepFailed Keep = "failed"
	KeepNone   Keep = "none"
)

// keeps reports whether an attempt that ended with verdict keeps its
// request under k.
func (k Keep) keeps(succeeded bool) bool {
	switch k {
	case KeepNone:
		return false
	case KeepFailed:
		return !succeeded
	}
	return true
}
