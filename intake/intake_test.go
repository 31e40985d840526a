package intake_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/intake"
)

var at = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)

func endpoint(id string, edit ...func(*herald.Endpoint)) *herald.Endpoint {
	ep := &herald.Endpoint{ID: id, TenantID: "acme", URL: "https://example.test/" + id}
	for _, f := range edit {
		f(ep)
	}
	return ep
}

func event(id string) *herald.Event {
	return &herald.Event{ID: id, TenantID: "acme", Type: "order.paid", Channels: []string{}, Data: []byte(`{}`), CreatedAt: at}
}

type world struct {
	store     *fakeStore
	engine    *fakeEngine
	endpoints *fakeEndpoints
	intake    *intake.Intake
}

func newWorld(t *testing.T, room, inline int, eps ...*herald.Endpoint) *world {
	t.Helper()
	w := &world{store: newFakeStore(), endpoints: newFakeEndpoints(eps...)}
	w.engine = newFakeEngine(t, w.store, room)
	var err error
	w.intake, err = intake.New(intake.Config{Store: w.store, Engine: w.engine, Endpoints: w.endpoints, InlineDeliveries: inline})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func ids(ds []*herald.Delivery) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.ID)
	}
	slices.Sort(out)
	return out
}

func byEndpoint(ds []*herald.Delivery) map[string]*herald.Delivery {
	m := map[string]*herald.Delivery{}
	for _, d := range ds {
		m[d.EndpointID] = d
	}
	return m
}

// With room in the engine, the deliveries are committed leased to this
// node and handed to the engine after the commit; the answer shows when
// they were due, not the lease's end.
func TestAcceptLeasesAndHandsOverAfterCommit(t *testing.T) {
	w := newWorld(t, 10, 100, endpoint("ep_a"), endpoint("ep_b"),
		endpoint("ep_other", func(ep *herald.Endpoint) { ep.EventTypes = []string{"order.shipped"} }))
	got, err := w.intake.Accept(context.Background(), []*herald.Event{event("evt_1")})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Created, []bool{true}) || len(got.Deliveries[0]) != 2 {
		t.Fatalf("created %v with %d deliveries, want one new event with 2 (ep_a, ep_b)", got.Created, len(got.Deliveries[0]))
	}
	held, dispatched, _ := w.engine.state()
	if want := ids(got.Deliveries[0]); !slices.Equal(dispatched, want) || held != 2 {
		t.Fatalf("engine holds %d, was handed %v; want 2 held, handed %v", held, dispatched, want)
	}
	for _, d := range got.Deliveries[0] {
		if stored := w.store.delivery(d.ID); stored.LeaseOwner != "node-1" || !stored.NextAttemptAt.Equal(leaseEnd) {
			t.Fatalf("stored %s leased to %q until %v, want node-1 until %v", d.ID, stored.LeaseOwner, stored.NextAttemptAt, leaseEnd)
		}
		if !d.NextAttemptAt.Equal(at) {
			t.Fatalf("the answer's %s is due %v, want the event's time %v", d.ID, d.NextAttemptAt, at)
		}
	}
}

// Without room, or for an endpoint at its share of memory, deliveries are
// born due for the scheduler and nothing is reserved for them.
func TestAcceptWithoutRoomBornDue(t *testing.T) {
	for _, c := range []struct {
		name      string
		room      int
		saturated string
		leased    []string
	}{
		{name: "room", room: 10, leased: []string{"ep_a", "ep_b"}},
		{name: "engine full", room: 1},
		{name: "ep_b saturated", room: 10, saturated: "ep_b", leased: []string{"ep_a"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t, c.room, 100, endpoint("ep_a"), endpoint("ep_b"))
			w.engine.saturated[c.saturated] = true
			got, err := w.intake.Accept(context.Background(), []*herald.Event{event("evt_1")})
			if err != nil {
				t.Fatal(err)
			}
			var leased []string
			for ep, d := range byEndpoint(got.Deliveries[0]) {
				stored := w.store.delivery(d.ID)
				if stored.LeaseOwner != "" {
					leased = append(leased, ep)
				} else if !stored.NextAttemptAt.Equal(at) || stored.Status != herald.DeliveryPending {
					t.Fatalf("%s unleased but %s, due %v; want pending, due at once", ep, stored.Status, stored.NextAttemptAt)
				}
			}
			slices.Sort(leased)
			held, dispatched, _ := w.engine.state()
			if !slices.Equal(leased, c.leased) || held != len(c.leased) || len(dispatched) != len(c.leased) {
				t.Fatalf("leased %v, engine holds %d and was handed %d; want %v", leased, held, len(dispatched), c.leased)
			}
		})
	}
}

// A paused endpoint's delivery is born paused; a FIFO endpoint's waits for
// its turn, never leased, and the engine is woken to claim the head.
func TestAcceptPausedAndFIFO(t *testing.T) {
	w := newWorld(t, 10, 100, endpoint("ep_paused", func(ep *herald.Endpoint) { ep.Paused = true }),
		endpoint("ep_fifo", func(ep *herald.Endpoint) { ep.Ordering = herald.OrderingFIFO }))
	got, err := w.intake.Accept(context.Background(), []*herald.Event{event("evt_1")})
	if err != nil {
		t.Fatal(err)
	}
	ds := byEndpoint(got.Deliveries[0])
	if d := w.store.delivery(ds["ep_paused"].ID); d.Status != herald.DeliveryPaused || d.NextAttemptAt != nil || d.LeaseOwner != "" {
		t.Fatalf("the paused endpoint's delivery: %+v, want paused, not due, not leased", d)
	}
	if d := w.store.delivery(ds["ep_fifo"].ID); !d.Ordered || d.NextAttemptAt != nil || d.LeaseOwner != "" {
		t.Fatalf("the FIFO endpoint's delivery: %+v, want ordered, not due, not leased", d)
	}
	held, dispatched, wakes := w.engine.state()
	if held != 0 || len(dispatched) != 0 || wakes != 1 {
		t.Fatalf("engine holds %d, handed %v, woken %d times; want nothing held or handed, woken once", held, dispatched, wakes)
	}
}

// An event with more deliveries than the acknowledgement waits for is
// stored as a deferred fan-out, none of it leased, and the engine woken to
// write it; a FIFO endpoint among them writes it at once.
func TestAcceptLargeFanOutIsDeferred(t *testing.T) {
	for _, fifo := range []bool{false, true} {
		t.Run(fmt.Sprintf("fifo=%v", fifo), func(t *testing.T) {
			eps := []*herald.Endpoint{endpoint("ep_1"), endpoint("ep_2"), endpoint("ep_3", func(ep *herald.Endpoint) {
				if fifo {
					ep.Ordering = herald.OrderingFIFO
				}
			})}
			w := newWorld(t, 10, 2, eps...)
			if _, err := w.intake.Accept(context.Background(), []*herald.Event{event("evt_1")}); err != nil {
				t.Fatal(err)
			}
			deferred := w.store.events["acme/evt_1"].Defer
			held, dispatched, wakes := w.engine.state()
			if deferred == fifo {
				t.Fatalf("stored deferred=%v, want %v", deferred, !fifo)
			}
			if want := map[bool]int{false: 0, true: 2}[fifo]; held != want || len(dispatched) != want || wakes != 1 {
				t.Fatalf("engine holds %d, handed %d, woken %d times; want %d, %d, once", held, len(dispatched), wakes, want, want)
			}
		})
	}
}

// The same id again stores and delivers nothing, and gives the room it
// reserved back; a batch stores its new events beside the repeated one.
func TestAcceptRepeatedID(t *testing.T) {
	w := newWorld(t, 10, 100, endpoint("ep_a"))
	ctx := context.Background()
	if _, err := w.intake.Accept(ctx, []*herald.Event{event("evt_1")}); err != nil {
		t.Fatal(err)
	}
	got, err := w.intake.Accept(ctx, []*herald.Event{event("evt_1"), event("evt_2")})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Created, []bool{false, true}) || got.Deliveries[0] != nil || len(got.Deliveries[1]) != 1 {
		t.Fatalf("created %v, deliveries %v; want the repeat skipped with none, the new one with one", got.Created, got.Deliveries)
	}
	held, dispatched, _ := w.engine.state()
	if held != 2 || len(dispatched) != 2 || w.store.count() != 2 {
		t.Fatalf("engine holds %d, was handed %d, store has %d deliveries; want 2 of each", held, len(dispatched), w.store.count())
	}
}

// A failed commit is answered with its error: nothing is handed to the
// engine, and the room is given back.
func TestAcceptStoreFailure(t *testing.T) {
	w := newWorld(t, 10, 100, endpoint("ep_a"), endpoint("ep_b"))
	outage := herald.Errorf(herald.EUNAVAILABLE, "the store is unavailable")
	w.store.fail = outage
	_, err := w.intake.Accept(context.Background(), []*herald.Event{event("evt_1")})
	if !errors.Is(err, outage) {
		t.Fatalf("Accept: %v, want the store's error", err)
	}
	held, dispatched, _ := w.engine.state()
	if held != 0 || len(dispatched) != 0 || w.store.count() != 0 {
		t.Fatalf("engine holds %d, was handed %v, store has %d; want nothing", held, dispatched, w.store.count())
	}
}

// An endpoint deleted on another node, still in this node's cache, makes
// the store refuse the commit; intake forgets the tenant's endpoints and
// tries once more, without it.
func TestAcceptAfterEndpointDeletedElsewhere(t *testing.T) {
	w := newWorld(t, 10, 100, endpoint("ep_a"), endpoint("ep_gone"))
	ctx := context.Background()
	if _, err := w.intake.Accept(ctx, []*herald.Event{event("evt_1")}); err != nil {
		t.Fatal(err)
	}
	w.endpoints.remove(w.store, "ep_gone")
	got, err := w.intake.Accept(ctx, []*herald.Event{event("evt_2")})
	if err != nil {
		t.Fatal(err)
	}
	ds := byEndpoint(got.Deliveries[0])
	if len(ds) != 1 || ds["ep_a"] == nil || w.endpoints.invalidated != 1 || w.store.commits != 3 {
		t.Fatalf("delivered to %v after %d invalidations and %d commits; want ep_a only, 1, 3", ds, w.endpoints.invalidated, w.store.commits)
	}
	held, dispatched, _ := w.engine.state()
	if held != 3 || len(dispatched) != 3 {
		t.Fatalf("engine holds %d, was handed %d; want 3 (the refused plan's room given back)", held, len(dispatched))
	}
}

// A job's callback is planned with its event and handed over only when
// the commit stored it; a commit with no events runs alone.
func TestAdmitCallback(t *testing.T) {
	for _, stored := range []bool{true, false} {
		t.Run(fmt.Sprintf("stored=%v", stored), func(t *testing.T) {
			w := newWorld(t, 10, 100, endpoint("ep_a"))
			cb := endpoint("ep_cb", func(ep *herald.Endpoint) { ep.JobID = "job_1" })
			var batch intake.Batch
			err := w.intake.Admit(context.Background(), []*herald.Event{event("job_1.completed")}, cb, func(_ context.Context, b intake.Batch) (intake.Stored, error) {
				batch = b
				ne := b.Events[0]
				if stored {
					ne.Deliveries = append(ne.Deliveries, b.Callback)
				}
				w.store.mu.Lock()
				w.store.keep(ne)
				w.store.mu.Unlock()
				return intake.Stored{Created: []bool{true}, Callback: stored}, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if batch.Callback == nil || batch.Callback.EndpointID != "ep_cb" || len(batch.Events[0].Deliveries) != 1 {
				t.Fatalf("commit got %+v, want ep_a's delivery and the callback's apart", batch)
			}
			held, dispatched, _ := w.engine.state()
			want := []string{batch.Events[0].Deliveries[0].ID}
			if stored {
				want = append(want, batch.Callback.ID)
				slices.Sort(want)
			}
			if !slices.Equal(dispatched, want) || held != len(want) {
				t.Fatalf("engine holds %d, was handed %v; want %v", held, dispatched, want)
			}
		})
	}
	w := newWorld(t, 10, 100, endpoint("ep_a"))
	ran := false
	err := w.intake.Admit(context.Background(), nil, nil, func(_ context.Context, b intake.Batch) (intake.Stored, error) {
		ran = len(b.Events) == 0 && b.Callback == nil
		return intake.Stored{}, nil
	})
	if held, dispatched, wakes := w.engine.state(); err != nil || !ran || held != 0 || len(dispatched) != 0 || wakes != 0 {
		t.Fatalf("Admit with no events: %v, ran empty %v, engine %d/%v/%d; want the commit alone", err, ran, held, dispatched, wakes)
	}
}

// A manual retry leases the delivery and hands it over; a FIFO endpoint's
// waits for its turn (the engine woken instead); a stopping engine
// refuses it as unavailable.
func TestRetry(t *testing.T) {
	w := newWorld(t, 10, 100, endpoint("ep_a"), endpoint("ep_fifo", func(ep *herald.Endpoint) { ep.Ordering = herald.OrderingFIFO }))
	ctx := context.Background()
	w.engine.max = 0 // born due: the retry is what leases them
	got, err := w.intake.Accept(ctx, []*herald.Event{event("evt_1")})
	if err != nil {
		t.Fatal(err)
	}
	ds := byEndpoint(got.Deliveries[0])
	if err := w.intake.Retry(ctx, "acme", ds["ep_a"].ID, at); err != nil {
		t.Fatal(err)
	}
	if err := w.intake.Retry(ctx, "acme", ds["ep_fifo"].ID, at); err != nil {
		t.Fatal(err)
	}
	held, dispatched, wakes := w.engine.state()
	if !slices.Equal(dispatched, []string{ds["ep_a"].ID}) || held != 1 || wakes != 2 {
		t.Fatalf("engine holds %d, was handed %v, woken %d times; want ep_a's alone, held 1, woken twice (accept, FIFO retry)", held, dispatched, wakes)
	}
	if err := w.intake.Retry(ctx, "acme", "dlv_none", at); herald.ErrorCode(err) != herald.ENOTFOUND {
		t.Fatalf("retrying a delivery that does not exist: %v, want ENOTFOUND", err)
	}
	w.engine.stopped = true
	if err := w.intake.Retry(ctx, "acme", ds["ep_a"].ID, at); herald.ErrorCode(err) != herald.EUNAVAILABLE {
		t.Fatalf("retrying while the engine stops: %v, want EUNAVAILABLE", err)
	}
	if held, _, _ := w.engine.state(); held != 1 {
		t.Fatalf("engine holds %d after the refused retries, want 1", held)
	}
}
