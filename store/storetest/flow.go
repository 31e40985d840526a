package storetest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/ratelimit"
	"github.com/heraldhq/herald/store"
)

// Send slots follow ratelimit.Take on the stored state: a burst of two,
// then one a second; a pause holds every slot until it ends; and callers
// racing for slots get no more between them than the limit allows.
func testSendSlots(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	ep := newEndpoint(t, s, "acme")
	l := ratelimit.Limit{Count: 1, Per: time.Second, Burst: 2}
	take := func(at time.Time) ratelimit.Decision {
		t.Helper()
		d, err := s.TakeSendSlots(ctx, ep.ID, l, at, 1)
		must(t, err)
		return d
	}
	for i, want := range []bool{true, true, false} {
		if d := take(base); d.OK() != want {
			t.Fatalf("take %d at once = %+v, want ok %v", i+1, d, want)
		}
	}
	if d := take(base); !d.RetryAt.Equal(base.Add(time.Second)) {
		t.Fatalf("denied take: retry at %v, want %v", d.RetryAt, base.Add(time.Second))
	}
	if d := take(base.Add(time.Second)); !d.OK() {
		t.Fatalf("a second later: %+v, want a slot", d)
	}
	must(t, s.PauseSends(ctx, ep.ID, l, base.Add(time.Minute)))
	if d := take(base.Add(30 * time.Second)); d.OK() || !d.RetryAt.Equal(base.Add(time.Minute)) {
		t.Fatalf("during a pause: %+v, want a refusal until %v", d, base.Add(time.Minute))
	}
	if d := take(base.Add(time.Minute)); !d.OK() {
		t.Fatalf("when the pause ends: %+v, want a slot", d)
	}
	if _, err := s.TakeSendSlots(ctx, "ep_nobody", l, base, 1); herald.ErrorCode(err) != herald.ENOTFOUND {
		t.Fatalf("a slot of an unknown endpoint: %v, want not_found", err)
	}

	// Several asked at once: what the burst holds, in one call.
	many := newEndpoint(t, s, "acme")
	if d, err := s.TakeSendSlots(ctx, many.ID, ratelimit.Limit{Count: 100, Per: time.Second, Burst: 20}, base, 50); err != nil || d.Granted != 20 {
		t.Fatalf("50 slots asked with a burst of 20: %+v %v, want 20", d, err)
	}

	// 8 callers race for 10 × 2 slots each at one instant, an hour on: with a
	// burst of 3 exactly 3 go, whatever the interleaving.
	race := newEndpoint(t, s, "acme")
	l = ratelimit.Limit{Count: 5, Per: time.Second, Burst: 3}
	var mu sync.Mutex
	granted := 0
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 10 {
				d, err := s.TakeSendSlots(ctx, race.ID, l, base.Add(time.Hour), 2)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				granted += d.Granted
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if granted != 3 {
		t.Fatalf("%d slots granted to racing callers at one instant, want the burst of 3", granted)
	}
}

// ordered makes n events, each with one delivery to the FIFO endpoint ep,
// as the API makes them: ordered, pending, planned due and leased (the
// store must make them wait whatever was planned).
func ordered(t *testing.T, s store.Store, ep *herald.Endpoint, n int, at time.Time) []*herald.Delivery {
	t.Helper()
	var out []*herald.Delivery
	for i := range n {
		ev := &herald.Event{ID: herald.NewID(herald.PrefixEvent), TenantID: ep.TenantID, Type: "x", Channels: []string{},
			Data: []byte(fmt.Sprintf(`{"n":%d}`, i)), CreatedAt: at}
		due := at
		d := &herald.Delivery{ID: herald.NewID(herald.PrefixDelivery), TenantID: ep.TenantID, EventID: ev.ID, EndpointID: ep.ID,
			Status: herald.DeliveryPending, NextAttemptAt: &due, LeaseOwner: "api-node", CreatedAt: at, UpdatedAt: at, Ordered: true}
		_, err := s.CreateEvents(context.Background(), []store.NewEvent{{Event: ev, Deliveries: []*herald.Delivery{d}}})
		must(t, err)
		out = append(out, d)
	}
	return out
}

// claimOnly claims at now, for a day, and wants exactly the delivery want
// (none when want is nil).
func claimOnly(t *testing.T, s store.Store, now time.Time, want *herald.Delivery) {
	t.Helper()
	tasks, err := s.ClaimDeliveries(context.Background(), "n1", now, now.Add(24*time.Hour), 100, nil)
	must(t, err)
	switch {
	case want == nil && len(tasks) != 0:
		t.Fatalf("claimed %d tasks (first %s), want none", len(tasks), tasks[0].DeliveryID)
	case want != nil && (len(tasks) != 1 || tasks[0].DeliveryID != want.ID):
		var ids []string
		for _, tk := range tasks {
			ids = append(ids, tk.DeliveryID)
		}
		t.Fatalf("claimed %v, want only %s", ids, want.ID)
	}
}

func wantHead(t *testing.T, s store.Store, ep *herald.Endpoint, head *herald.Delivery, waiting int) {
	t.Helper()
	got, n, err := s.FindFIFOHead(context.Background(), ep.TenantID, ep.ID)
	must(t, err)
	if (head == nil) != (got == nil) || head != nil && got.ID != head.ID || n != waiting {
		t.Fatalf("FindFIFOHead = %v, %d waiting; want %v, %d", got, n, head, waiting)
	}
}

// A FIFO endpoint's deliveries are claimable one at a time, in acceptance
// order: a retry holds the rest back, an end (success or failure) lets
// the next go, a pause and resume, a replay and a manual retry keep the
// order, and turning FIFO off lets every waiting one go.
func testFIFO(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	ep := newEndpoint(t, s, "acme", func(e *herald.Endpoint) { e.Ordering = herald.OrderingFIFO })
	other := newEndpoint(t, s, "acme")
	ds := ordered(t, s, ep, 4, base)
	_, free := newEvent(t, s, "acme", []*herald.Endpoint{other, other}, base, "")

	for _, d := range ds {
		if got := delivery(t, s, "acme", d.ID); got.Status != herald.DeliveryPending || got.LeaseOwner != "" {
			t.Fatalf("an ordered delivery was stored leased (%q) or %s", got.LeaseOwner, got.Status)
		}
	}
	wantHead(t, s, ep, ds[0], 3)
	tasks, err := s.ClaimDeliveries(ctx, "n1", base, base.Add(time.Minute), 100, nil)
	must(t, err)
	if len(tasks) != 3 {
		t.Fatalf("first claim: %d tasks, want the head and the unordered endpoint's two", len(tasks))
	}
	for _, tk := range tasks {
		if tk.EndpointID == ep.ID && tk.DeliveryID != ds[0].ID {
			t.Fatalf("claimed %s of the FIFO endpoint, want its first, %s", tk.DeliveryID, ds[0].ID)
		}
	}
	complete(t, s, []store.Completion{
		{DeliveryID: free[0].ID, EndpointID: other.ID, Owner: "n1", Attempt: attempt(free[0].ID, 200, ""), Status: herald.DeliverySucceeded},
		{DeliveryID: free[1].ID, EndpointID: other.ID, Owner: "n1", Attempt: attempt(free[1].ID, 200, ""), Status: herald.DeliverySucceeded},
	})
	claimOnly(t, s, base.Add(time.Second), nil) // the head is leased: nothing more

	// The head fails once: a retry in a minute holds the rest back.
	t1 := base.Add(2 * time.Second)
	complete(t, s, []store.Completion{{DeliveryID: ds[0].ID, EndpointID: ep.ID, Owner: "n1", Attempt: attempt(ds[0].ID, 500, ""),
		Status: herald.DeliveryPending, NextAttemptAt: t1.Add(time.Minute), Ordered: true}})
	claimOnly(t, s, t1.Add(30*time.Second), nil)
	wantHead(t, s, ep, ds[0], 3)
	claimOnly(t, s, t1.Add(time.Minute), ds[0])
	// It succeeds: the second goes.
	complete(t, s, []store.Completion{{DeliveryID: ds[0].ID, EndpointID: ep.ID, Owner: "n1", Attempt: attempt(ds[0].ID, 200, ""),
		Status: herald.DeliverySucceeded, Ordered: true}})
	t2 := t1.Add(2 * time.Minute)
	claimOnly(t, s, t2, ds[1])
	// The second's retries run out: failed, and the third goes.
	complete(t, s, []store.Completion{{DeliveryID: ds[1].ID, EndpointID: ep.ID, Owner: "n1", Attempt: attempt(ds[1].ID, 500, ""),
		Status: herald.DeliveryFailed, Ordered: true}})
	claimOnly(t, s, t2, ds[2])

	// Paused while the third is in flight: its completion leaves it
	// alone, the rest wait paused; resumed, the third is the head again.
	paused := true
	_, err = s.UpdateEndpoint(ctx, "acme", ep.ID, store.EndpointUpdate{Paused: &paused})
	must(t, err)
	later := ordered(t, s, ep, 1, t2)[0] // accepted while paused (stale cache: as if active)
	complete(t, s, []store.Completion{{DeliveryID: ds[2].ID, EndpointID: ep.ID, Owner: "n1", Attempt: attempt(ds[2].ID, 200, ""),
		Status: herald.DeliverySucceeded, Ordered: true}})
	claimOnly(t, s, t2.Add(time.Hour), nil)
	paused = false
	_, err = s.UpdateEndpoint(ctx, "acme", ep.ID, store.EndpointUpdate{Paused: &paused})
	must(t, err)
	wantHead(t, s, ep, ds[2], 2)
	claimOnly(t, s, t2.Add(time.Hour), ds[2])

	// The failed second is replayed while the third is in flight: it
	// waits, and goes right after the third, before the fourth.
	t3 := t2.Add(2 * time.Hour)
	n, err := s.ReplayDeliveries(ctx, "acme", ep.ID, base.Add(-time.Hour), t3, t3)
	must(t, err)
	if n != 1 {
		t.Fatalf("replayed %d, want the failed second", n)
	}
	claimOnly(t, s, t3, nil)
	complete(t, s, []store.Completion{{DeliveryID: ds[2].ID, EndpointID: ep.ID, Owner: "n1", Attempt: attempt(ds[2].ID, 200, ""),
		Status: herald.DeliverySucceeded, Ordered: true}})
	claimOnly(t, s, t3, ds[1])
	complete(t, s, []store.Completion{{DeliveryID: ds[1].ID, EndpointID: ep.ID, Owner: "n1", Attempt: attempt(ds[1].ID, 200, ""),
		Status: herald.DeliverySucceeded, Ordered: true}})

	// A manual retry of the (succeeded) first while the fourth is due:
	// it waits its turn, no task now.
	task, err := s.RequeueDelivery(ctx, "acme", ds[0].ID, "n1", t3, t3.Add(time.Minute))
	must(t, err)
	if task != nil {
		t.Fatalf("a manual retry behind the head was leased: %+v", task)
	}
	if got := delivery(t, s, "acme", ds[0].ID); got.Status != herald.DeliveryPending || got.NextAttemptAt != nil {
		t.Fatalf("the retried first: %s due %v, want pending and waiting", got.Status, got.NextAttemptAt)
	}
	claimOnly(t, s, t3, ds[3])

	// FIFO off: every waiting delivery is due at once.
	none := ""
	_, err = s.UpdateEndpoint(ctx, "acme", ep.ID, store.EndpointUpdate{Ordering: &none})
	must(t, err)
	tasks, err = s.ClaimDeliveries(ctx, "n1", t3.Add(time.Second), t3.Add(time.Minute), 100, nil)
	must(t, err)
	if len(tasks) != 2 || !slices.ContainsFunc(tasks, func(tk *store.Task) bool { return tk.DeliveryID == later.ID }) {
		t.Fatalf("after FIFO was turned off: %d claimed, want the two that waited (the retried first, and the one accepted while paused)", len(tasks))
	}
	if got, _ := s.FindEndpointByID(ctx, "acme", ep.ID); got.Ordering != "" {
		t.Fatalf("ordering = %q after the update", got.Ordering)
	}
}

// Callers accepting events for one FIFO endpoint at once get one head
// between them, and each caller's events, committed one after another,
// are drained in its order.
func testFIFOConcurrently(t *testing.T, s store.Store) {
	newTenant(t, s, "acme")
	ep := newEndpoint(t, s, "acme", func(e *herald.Endpoint) { e.Ordering = herald.OrderingFIFO })
	const callers, each = 8, 5
	caller := make(map[string][2]int) // delivery id: caller, index
	var mu sync.Mutex
	var group sync.WaitGroup
	for c := range callers {
		group.Go(func() {
			ds := ordered(t, s, ep, each, base)
			mu.Lock()
			defer mu.Unlock()
			for i, d := range ds {
				caller[d.ID] = [2]int{c, i}
			}
		})
	}
	group.Wait()
	if _, n, err := s.FindFIFOHead(context.Background(), "acme", ep.ID); err != nil || n != callers*each-1 {
		t.Fatalf("%d waiting after %d concurrent acceptances (%v), want all but one behind one head", n, callers*each, err)
	}
	next := make([]int, callers)
	for i := range callers * each {
		now := base.Add(time.Duration(i) * time.Second)
		tasks, err := s.ClaimDeliveries(context.Background(), "n1", now, now.Add(time.Minute), 100, nil)
		must(t, err)
		if len(tasks) != 1 {
			t.Fatalf("claim %d: %d tasks, want 1", i, len(tasks))
		}
		ci := caller[tasks[0].DeliveryID]
		if ci[1] != next[ci[0]] {
			t.Fatalf("claim %d: caller %d's event %d, before its event %d", i, ci[0], ci[1], next[ci[0]])
		}
		next[ci[0]]++
		complete(t, s, []store.Completion{{DeliveryID: tasks[0].DeliveryID, EndpointID: ep.ID, Owner: "n1",
			Attempt: attempt(tasks[0].DeliveryID, 200, ""), Status: herald.DeliverySucceeded, Ordered: true}})
	}
	claimOnly(t, s, base.Add(time.Hour), nil)
}

// A FIFO endpoint disabled by its head's outcome (a 410, or too many
// failures) parks its queue; enabled again, it goes on from the first
// delivery behind the one that ended, in order.
func testFIFOAutoDisable(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	ep := newEndpoint(t, s, "acme", func(e *herald.Endpoint) { e.Ordering = herald.OrderingFIFO })
	ds := ordered(t, s, ep, 3, base)
	claimOnly(t, s, base, ds[0])
	dis := complete(t, s, []store.Completion{{DeliveryID: ds[0].ID, EndpointID: ep.ID, Owner: "n1", Attempt: attempt(ds[0].ID, 410, ""),
		Status: herald.DeliveryFailed, DisableEndpoint: "HTTP 410 Gone", Ordered: true}})
	if len(dis) != 1 {
		t.Fatalf("disabled %+v, want the endpoint", dis)
	}
	claimOnly(t, s, base.Add(time.Hour), nil)
	for _, d := range ds[1:] {
		if got := delivery(t, s, "acme", d.ID); got.Status != herald.DeliveryPaused {
			t.Fatalf("a delivery behind the head of a disabled endpoint is %s, want paused", got.Status)
		}
	}
	enabled := false
	_, err := s.UpdateEndpoint(ctx, "acme", ep.ID, store.EndpointUpdate{Disabled: &enabled})
	must(t, err)
	wantHead(t, s, ep, ds[1], 1)
	claimOnly(t, s, base.Add(time.Hour), ds[1])
}
