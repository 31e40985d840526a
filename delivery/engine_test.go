package delivery_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/delivery"
	"github.com/heraldhq/herald/egress"
	"github.com/heraldhq/herald/endpointcache"
	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/sender"
	"github.com/heraldhq/herald/signing"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/sqlite"
)

// openStore opens a store in a fresh directory, closed when t ends.
func openStore(t *testing.T) *sqlite.DB {
	t.Helper()
	box, _ := seal.New(seal.NewKey())
	db, err := sqlite.Open(context.Background(), sqlite.Config{Path: filepath.Join(t.TempDir(), "herald.db"), Box: box})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// loopbackSender sends to loopback only, closed when t ends.
func loopbackSender(t *testing.T, timeout time.Duration) *sender.Sender {
	t.Helper()
	guard := egress.NewGuard(&egress.Policy{AllowHTTP: true, Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}})
	snd, err := sender.New(sender.Config{Guard: guard, Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(snd.Close)
	return snd
}

// hangingServer answers no request until the request is cancelled or the
// test ends; it tells arrived, when not nil, of each request.
func hangingServer(t *testing.T, arrived chan<- struct{}) *httptest.Server {
	t.Helper()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if arrived != nil {
			arrived <- struct{}{}
		}
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) }) // before srv.Close, which waits for the handlers
	return srv
}

// waitReady waits until the engine has handed back the leases of a
// previous run, before which it reserves nothing.
func waitReady(t *testing.T, engine *delivery.Engine) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for engine.Ready() != nil {
		if time.Now().After(deadline) {
			t.Fatalf("engine not ready within 10 s: %v", engine.Ready())
		}
		time.Sleep(time.Millisecond)
	}
}

// waitEngine waits up to 20 s for ok, failing with what and the engine's
// counts.
func waitEngine(t *testing.T, engine *delivery.Engine, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 20 s (in flight %d, slow lane %d, slow endpoints %d)", what, engine.InFlight(), engine.InFlightSlow(), engine.SlowEndpoints())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// newTenant makes tenant "acme".
func newTenant(t *testing.T, db *sqlite.DB, now time.Time) {
	t.Helper()
	if err := db.CreateTenant(context.Background(), &herald.Tenant{ID: "acme", Name: "Acme", CreatedAt: now, UpdatedAt: now}); err != nil {
		t.Fatal(err)
	}
}

// newEndpoint makes an endpoint of "acme" at url.
func newEndpoint(t *testing.T, db *sqlite.DB, url string, now time.Time) *herald.Endpoint {
	t.Helper()
	ep := &herald.Endpoint{ID: herald.NewID(herald.PrefixEndpoint), TenantID: "acme", URL: url, EventTypes: []string{},
		Channels: []string{}, Headers: map[string]string{}, Secret: signing.NewSecret(), CreatedAt: now, UpdatedAt: now}
	if err := db.CreateEndpoint(context.Background(), ep); err != nil {
		t.Fatal(err)
	}
	return ep
}

// leasedTasks stores, for each of eps, an event with one delivery to it
// leased to engine, as the API does, and returns their tasks.
func leasedTasks(t *testing.T, db *sqlite.DB, engine *delivery.Engine, eps []*herald.Endpoint, now time.Time) []*store.Task {
	t.Helper()
	lease := engine.LeaseUntil()
	var news []store.NewEvent
	var tasks []*store.Task
	for _, ep := range eps {
		ev := &herald.Event{ID: herald.NewID(herald.PrefixEvent), TenantID: "acme", Type: "x", Channels: []string{}, Data: []byte(`{}`), CreatedAt: now}
		d := &herald.Delivery{ID: herald.NewID(herald.PrefixDelivery), TenantID: "acme", EventID: ev.ID, EndpointID: ep.ID,
			Status: herald.DeliveryPending, NextAttemptAt: &lease, LeaseOwner: engine.NodeID(), CreatedAt: now, UpdatedAt: now}
		news = append(news, store.NewEvent{Event: ev, Deliveries: []*herald.Delivery{d}})
		tasks = append(tasks, &store.Task{DeliveryID: d.ID, TenantID: "acme", EndpointID: ep.ID, Event: ev, Trigger: herald.TriggerScheduled})
	}
	if _, err := db.CreateEvents(context.Background(), news); err != nil {
		t.Fatal(err)
	}
	return tasks
}

// dispatchLeased reserves room for one delivery to each of eps, stores
// them leased and hands them to engine.
func dispatchLeased(t *testing.T, db *sqlite.DB, engine *delivery.Engine, eps []*herald.Endpoint, now time.Time) {
	t.Helper()
	if !engine.Reserve(len(eps), false) {
		t.Fatalf("no room for %d deliveries", len(eps))
	}
	engine.Dispatch(leasedTasks(t, db, engine, eps, now))
}

// startEngine starts an engine, stopped when the test ends (before the
// servers it sends to close).
func startEngine(t *testing.T, cfg delivery.Config) *delivery.Engine {
	t.Helper()
	engine, err := delivery.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := engine.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	waitReady(t, engine)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = engine.Stop(ctx)
	})
	return engine
}

// A stop that runs out of time cancels the attempts in flight and hands
// every delivery back, in flight or queued, due at once: nothing is lost,
// and the next run or another node takes them without waiting for a lease.
func TestStopHandsEverythingBack(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	hanging := hangingServer(t, nil)

	snd := loopbackSender(t, time.Minute)
	engine, err := delivery.New(delivery.Config{Store: db, Sender: snd, Endpoints: endpointcache.New(db, time.Second, nil),
		NodeID: "n1", MaxInFlight: 2, MaxInFlightPerEndpoint: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := engine.Start(ctx); err != nil {
		t.Fatal(err)
	}
	waitReady(t, engine)

	now := time.Now().UTC().Truncate(time.Microsecond)
	if err := db.CreateTenant(ctx, &herald.Tenant{ID: "acme", Name: "Acme", CreatedAt: now, UpdatedAt: now}); err != nil {
		t.Fatal(err)
	}
	ep := &herald.Endpoint{ID: "ep_1", TenantID: "acme", URL: hanging.URL, EventTypes: []string{}, Channels: []string{},
		Headers: map[string]string{}, Secret: signing.NewSecret(), CreatedAt: now, UpdatedAt: now}
	if err := db.CreateEndpoint(ctx, ep); err != nil {
		t.Fatal(err)
	}
	// Five deliveries, leased to this node and dispatched, as the API does:
	// two go in flight (the cap) and hang, three wait in the queue.
	if !engine.Reserve(5, false) {
		t.Fatal("no room for 5 deliveries")
	}
	ev := &herald.Event{ID: "e1", TenantID: "acme", Type: "x", Channels: []string{}, Data: []byte(`{}`), CreatedAt: now}
	lease := engine.LeaseUntil()
	var ds []*herald.Delivery
	var tasks []*store.Task
	for range 5 {
		d := &herald.Delivery{ID: herald.NewID(herald.PrefixDelivery), TenantID: "acme", EventID: "e1", EndpointID: ep.ID,
			Status: herald.DeliveryPending, NextAttemptAt: &lease, LeaseOwner: "n1", CreatedAt: now, UpdatedAt: now}
		ds = append(ds, d)
		tasks = append(tasks, &store.Task{DeliveryID: d.ID, TenantID: "acme", EndpointID: ep.ID, Event: ev, Trigger: herald.TriggerScheduled})
	}
	if _, err := db.CreateEvents(ctx, []store.NewEvent{{Event: ev, Deliveries: ds}}); err != nil {
		t.Fatal(err)
	}
	engine.Dispatch(tasks)
	deadline := time.Now().Add(10 * time.Second)
	for engine.InFlight() != 2 {
		if time.Now().After(deadline) {
			t.Fatalf("%d attempts in flight, want the cap of 2", engine.InFlight())
		}
		time.Sleep(5 * time.Millisecond)
	}

	stopCtx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	if err := engine.Stop(stopCtx); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if n := engine.InFlight(); n != 0 {
		t.Fatalf("%d attempts still in flight after Stop", n)
	}
	for _, d := range ds {
		got, err := db.FindDeliveryByID(ctx, "acme", d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != herald.DeliveryPending || got.LeaseOwner != "" || got.NextAttemptAt == nil || got.NextAttemptAt.After(time.Now()) || got.Attempts != 0 {
			t.Fatalf("after Stop, delivery = %+v; want pending, released, due now, no attempt counted", got)
		}
	}
	if engine.Reserve(1, false) || engine.Reserve(1, true) {
		t.Fatal("a stopped engine took new work")
	}
}

// herald_delivery_lag_seconds reads how long the most overdue delivery has
// waited: 0 with nothing due, then the wait of the earliest due one.
func TestLagMetric(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	reg := prometheus.NewRegistry()
	snd := loopbackSender(t, time.Second)
	// Not started: nothing claims the deliveries while the test reads.
	_, err := delivery.New(delivery.Config{Store: db, Sender: snd, Endpoints: endpointcache.New(db, time.Second, nil),
		NodeID: "n1", Metrics: reg, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	lag := func() float64 { t.Helper(); return gauge(t, reg, "herald_delivery_lag_seconds") }
	if got := lag(); got != 0 {
		t.Fatalf("lag with nothing pending = %v, want 0", got)
	}
	if err := db.CreateTenant(ctx, &herald.Tenant{ID: "acme", Name: "Acme", CreatedAt: now, UpdatedAt: now}); err != nil {
		t.Fatal(err)
	}
	ep := &herald.Endpoint{ID: herald.NewID(herald.PrefixEndpoint), TenantID: "acme", URL: "https://example.com/hook",
		EventTypes: []string{}, Channels: []string{}, Headers: map[string]string{}, Secret: signing.NewSecret(), CreatedAt: now, UpdatedAt: now}
	if err := db.CreateEndpoint(ctx, ep); err != nil {
		t.Fatal(err)
	}
	for i, due := range []time.Time{now.Add(90 * time.Second), now.Add(-30 * time.Second), now.Add(-90 * time.Second)} {
		ev := &herald.Event{ID: fmt.Sprintf("e%d", i), TenantID: "acme", Type: "x", Channels: []string{}, Data: []byte(`{}`), CreatedAt: now}
		d := &herald.Delivery{ID: herald.NewID(herald.PrefixDelivery), TenantID: "acme", EventID: ev.ID, EndpointID: ep.ID,
			Status: herald.DeliveryPending, NextAttemptAt: &due, CreatedAt: now, UpdatedAt: now}
		if _, err := db.CreateEvents(ctx, []store.NewEvent{{Event: ev, Deliveries: []*herald.Delivery{d}}}); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if got := lag(); got != 0 {
				t.Fatalf("lag with one delivery due in the future = %v, want 0", got)
			}
		}
	}
	if got := lag(); got != 90 {
		t.Fatalf("lag = %v, want 90 (the earliest due delivery waited 90 s)", got)
	}
}

// The lag counts deliveries queued in memory, not only those due in the
// store: a delivery waiting behind the attempt slots has waited too (with
// the slots full of hanging attempts, the store's view reads 0). An
// attempt under way is not waiting.
func TestLagCountsQueuedDeliveries(t *testing.T) {
	db := openStore(t)
	started := make(chan struct{}, 2)
	hanging := hangingServer(t, started)
	now := time.Now().UTC().Truncate(time.Microsecond)
	reg := prometheus.NewRegistry()
	engine := startEngine(t, delivery.Config{Store: db, Sender: loopbackSender(t, time.Minute), Endpoints: endpointcache.New(db, time.Second, nil),
		NodeID: "n1", Metrics: reg, Now: func() time.Time { return now },
		MaxInFlight: 1, MaxInFlightSlow: 1, MaxInFlightPerEndpoint: 1, SlowAfter: time.Hour})
	newTenant(t, db, now)
	ep := newEndpoint(t, db, hanging.URL, now)
	tasks := leasedTasks(t, db, engine, []*herald.Endpoint{ep, ep}, now)
	tasks[0].Due, tasks[1].Due = now.Add(-200*time.Second), now.Add(-120*time.Second)
	if !engine.Reserve(2, false) {
		t.Fatal("no room for 2 deliveries")
	}
	engine.Dispatch(tasks)
	<-started // the first is under way and hangs; the second waits for its slot
	if n := engine.InFlight(); n != 1 {
		t.Fatalf("%d attempts in flight, want 1", n)
	}
	if got := gauge(t, reg, "herald_delivery_lag_seconds"); got != 120 {
		t.Fatalf("lag = %v, want 120: the queued delivery became due 120 s ago (the one under way does not count)", got)
	}
	// Its endpoint is served normally (not slow, not failing): the wait
	// is healthy lag, the node falling behind.
	if got := gauge(t, reg, "herald_delivery_lag_healthy_seconds"); got != 120 {
		t.Fatalf("healthy lag = %v, want 120", got)
	}
}

// gauge reads a gauge without labels from reg.
func gauge(t *testing.T, reg *prometheus.Registry, name string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == name {
			return mf.GetMetric()[0].GetGauge().GetValue()
		}
	}
	t.Fatalf("%s is not registered", name)
	return 0
}

// An endpoint that hangs, with a backlog larger than the memory window,
// cannot fill the window and starve the others: it is held to its share,
// claims pass over its due deliveries, and a healthy endpoint's are
// delivered while it still hangs.
func TestHangingBacklogDoesNotStarveOthers(t *testing.T) {
	db := openStore(t)
	hanging := hangingServer(t, nil)
	var mu sync.Mutex
	got := 0
	healthy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got++
		mu.Unlock()
	}))
	defer healthy.Close()

	now := time.Now().UTC().Truncate(time.Microsecond)
	newTenant(t, db, now)
	slow, fine := newEndpoint(t, db, hanging.URL, now), newEndpoint(t, db, healthy.URL, now)
	// The hanging endpoint's backlog is due first, ahead of everything
	// else on the due index, and is five times the memory window.
	storeBacklog(t, db, slow, 320, now.Add(-time.Minute), now)
	storeBacklog(t, db, fine, 50, now, now)

	snd := loopbackSender(t, time.Minute)
	counting := &claimCounter{DB: db}
	engine := startEngine(t, delivery.Config{Store: counting, Sender: snd, Endpoints: endpointcache.New(db, time.Second, nil),
		NodeID: "n1", MaxHeld: 64, MaxInFlight: 32, MaxInFlightPerEndpoint: 4, PollInterval: 50 * time.Millisecond})
	deadline := time.Now().Add(20 * time.Second)
	for {
		mu.Lock()
		n := got
		mu.Unlock()
		if n == 50 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the healthy endpoint got %d of its 50 deliveries in 20 s while another endpoint hung (held %d)", n, engine.Held())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if h := engine.Held(); h > 64 {
		t.Fatalf("the engine holds %d deliveries, over its window of 64", h)
	}
	if err := engine.CheckAccounting(); err != nil {
		t.Fatal(err)
	}
	// The hanging endpoint's due backlog, which claims pass over, does not
	// make the scheduler claim in a loop (it did: the earliest due time was
	// always past, so it woke at once, each claim holding the writer while
	// it passed over the backlog; five claims took 5 ms). Claims now wait
	// for the poll; the one wake that may still be pending from the
	// healthy endpoint's last attempt can save one interval, so five
	// claims take at least three, however fast or slow the machine.
	first := counting.claims.Load()
	start := time.Now()
	for counting.claims.Load() < first+5 {
		if time.Since(start) > 20*time.Second {
			t.Fatal("the scheduler stopped claiming")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if d := time.Since(start); d < 3*50*time.Millisecond {
		t.Fatalf("five claims in %v, with a poll interval of 50 ms: the scheduler claims in a loop", d)
	}
}

// storeBacklog stores n events of "acme", each with one delivery to ep,
// pending and due at due, leased to no one: work for claims to find.
func storeBacklog(t *testing.T, db *sqlite.DB, ep *herald.Endpoint, n int, due, now time.Time) {
	t.Helper()
	var evs []store.NewEvent
	for range n {
		ev := &herald.Event{ID: herald.NewID(herald.PrefixEvent), TenantID: "acme", Type: "x", Channels: []string{}, Data: []byte(`{}`), CreatedAt: now}
		evs = append(evs, store.NewEvent{Event: ev, Deliveries: []*herald.Delivery{{ID: herald.NewID(herald.PrefixDelivery),
			TenantID: "acme", EventID: ev.ID, EndpointID: ep.ID, Status: herald.DeliveryPending, NextAttemptAt: &due,
			CreatedAt: now, UpdatedAt: now}}})
	}
	if _, err := db.CreateEvents(context.Background(), evs); err != nil {
		t.Fatal(err)
	}
}

// claimCounter is the real store, counting the claims made of it.
type claimCounter struct {
	*sqlite.DB
	claims atomic.Int64
}

func (c *claimCounter) ClaimDeliveries(ctx context.Context, owner string, now, leaseUntil time.Time, limit int, skip []string) ([]*store.Task, error) {
	c.claims.Add(1)
	return c.DB.ClaimDeliveries(ctx, owner, now, leaseUntil, limit, skip)
}

// Many endpoints that hang cannot take the attempt slots from healthy ones:
// with more hanging endpoints than fast slots, each hanging attempt leaves
// the fast lane once it has run for SlowAfter, the endpoints are held to the
// slow lane (whose cap their moved attempts already fill, so none of their
// further deliveries starts), and a healthy endpoint is delivered to while
// they all still hang. Without the lanes, the 8 slots hold 8 hanging
// attempts until the one-minute timeout and the healthy endpoint gets
// nothing.
func TestHangingEndpointsCannotTakeTheAttemptSlots(t *testing.T) {
	db := openStore(t)
	arrived := make(chan struct{}, 100)
	hanging := hangingServer(t, arrived)
	received := make(chan struct{}, 100)
	healthy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { received <- struct{}{} }))
	defer healthy.Close()

	now := time.Now().UTC().Truncate(time.Microsecond)
	newTenant(t, db, now)
	// The slow lane's timers are the test's (slowTimers) and SlowAfter is
	// an hour: an attempt is slow when the test fires its timer, never
	// because the machine was slow to answer the healthy endpoint.
	timers := &slowTimers{}
	engine := startEngine(t, delivery.Config{Store: db, Sender: loopbackSender(t, time.Minute), Endpoints: endpointcache.New(db, time.Minute, nil),
		NodeID: "n1", MaxInFlight: 8, MaxInFlightSlow: 2, MaxInFlightPerEndpoint: 2, SlowAfter: time.Hour, AfterFunc: timers.afterFunc})
	dispatch := func(eps []*herald.Endpoint) { t.Helper(); dispatchLeased(t, db, engine, eps, now) }
	waitFor := func(what string, ok func() bool) { t.Helper(); waitEngine(t, engine, what, ok) }

	var hung []*herald.Endpoint
	for range 20 {
		hung = append(hung, newEndpoint(t, db, hanging.URL, now))
	}
	dispatch(hung)
	// Each hanging attempt runs past SlowAfter (its timer fired), which
	// frees its fast slot for the next.
	waitFor("all 20 hanging endpoints found slow", func() bool { timers.fire(); return engine.SlowEndpoints() == 20 })
	if n := engine.InFlightSlow(); n != 20 {
		t.Fatalf("%d attempts in the slow lane, want the 20 that ran long", n)
	}
	// Their next deliveries would start at once under their per-endpoint
	// limit of 2; the slow lane, over its cap of 2, starts none. Checked
	// below, once the healthy endpoint's deliveries, dispatched after
	// these, have all been made.
	dispatch(hung)
	fine := newEndpoint(t, db, healthy.URL, now)
	for range 30 {
		dispatch([]*herald.Endpoint{fine})
	}
	for i := range 30 {
		select {
		case <-received:
		case <-time.After(20 * time.Second):
			t.Fatalf("the healthy endpoint got %d of 30 deliveries in 20 s while 20 endpoints hung (in flight %d, slow lane %d)", i, engine.InFlight(), engine.InFlightSlow())
		}
	}
	waitFor("the healthy endpoint's last attempt ends, and no hanging one starts", func() bool { return engine.InFlight() == 20 })
	if n, sent := engine.InFlightSlow(), len(arrived); n != 20 || sent != 20 {
		t.Fatalf("%d attempts in the slow lane and %d requests at the hanging endpoints, want the first 20 alone", n, sent)
	}
	if err := engine.CheckAccounting(); err != nil {
		t.Fatal(err)
	}
}

// An endpoint that hung and then answers in time again leaves the slow
// lane: its attempt that ran long keeps it slow, and its first attempt
// that ends within SlowAfter makes it fast.
func TestSlowEndpointRecovers(t *testing.T) {
	db := openStore(t)
	release := make(chan struct{})
	var mu sync.Mutex
	answered := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
		mu.Lock()
		answered++
		mu.Unlock()
	}))
	defer srv.Close()
	now := time.Now().UTC().Truncate(time.Microsecond)
	newTenant(t, db, now)
	ep := newEndpoint(t, db, srv.URL, now)
	// The slow lane's timer is the test's and SlowAfter an hour: the first
	// attempt runs long when the test fires its timer, and the second ends
	// within SlowAfter however slow the machine.
	timers := &slowTimers{}
	engine := startEngine(t, delivery.Config{Store: db, Sender: loopbackSender(t, time.Minute), Endpoints: endpointcache.New(db, time.Minute, nil),
		NodeID: "n1", MaxInFlight: 4, MaxInFlightSlow: 1, MaxInFlightPerEndpoint: 2, SlowAfter: time.Hour, AfterFunc: timers.afterFunc})
	dispatch := func() { t.Helper(); dispatchLeased(t, db, engine, []*herald.Endpoint{ep}, now) }
	waitFor := func(what string, ok func() bool) { t.Helper(); waitEngine(t, engine, what, ok) }
	dispatch()
	waitFor("the hanging attempt's timer", func() bool { return engine.InFlight() == 1 && timers.fire() == 1 })
	waitFor("the hanging attempt moves to the slow lane", func() bool { return engine.InFlightSlow() == 1 && engine.SlowEndpoints() == 1 })
	close(release) // the endpoint answers from now on, at once
	waitFor("the long attempt ends", func() bool { return engine.InFlight() == 0 })
	if n := engine.SlowEndpoints(); n != 1 {
		t.Fatalf("after an attempt that ran long and then succeeded, %d slow endpoints, want 1", n)
	}
	dispatch()
	waitFor("the next attempt ends", func() bool { mu.Lock(); defer mu.Unlock(); return answered == 2 && engine.InFlight() == 0 })
	if n := engine.SlowEndpoints(); n != 0 {
		t.Fatalf("after an attempt that ended in time, %d slow endpoints, want 0", n)
	}
	if err := engine.CheckAccounting(); err != nil {
		t.Fatal(err)
	}
	// A claim of the scheduler's may be under way, holding room for its
	// batch until it returns (empty): wait for that, not for a moment.
	waitFor("the engine to hold nothing", func() bool { return engine.Held() == 0 })
}
