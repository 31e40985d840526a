package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
)

// testTraceContext: an event's traceparent is stored with it and comes
// back with every read that hands the event to an attempt (a claim, a
// fan-out's expansion, a manual retry), so that an attempt on another
// node or after a restart continues the trace; an endpoint's
// send_traceparent is kept and updated.
func testTraceContext(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	sends := newEndpoint(t, s, "acme", func(e *herald.Endpoint) { e.SendTraceparent = true })
	plain := newEndpoint(t, s, "acme")
	for _, c := range []struct {
		ep   *herald.Endpoint
		want bool
	}{{sends, true}, {plain, false}} {
		if got, err := s.FindEndpointByID(ctx, "acme", c.ep.ID); err != nil || got.SendTraceparent != c.want {
			t.Fatalf("endpoint read back: send_traceparent %v (%v), want %v", got.SendTraceparent, err, c.want)
		}
	}
	off := false
	if got, err := s.UpdateEndpoint(ctx, "acme", sends.ID, store.EndpointUpdate{SendTraceparent: &off}); err != nil || got.SendTraceparent {
		t.Fatalf("updated: send_traceparent %v (%v), want false", got.SendTraceparent, err)
	}
	if got, _ := s.FindEndpointByID(ctx, "acme", sends.ID); got.SendTraceparent {
		t.Fatal("the update was not stored")
	}

	const (
		tp1 = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
		tp3 = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"
	)
	at := base
	event := func(id, tp string, deferred bool) store.NewEvent {
		ev := &herald.Event{ID: id, TenantID: "acme", Type: "job.completed", Channels: []string{}, Data: []byte(`{}`), CreatedAt: at, TraceParent: tp}
		d := &herald.Delivery{ID: herald.NewID(herald.PrefixDelivery), TenantID: "acme", EventID: id, EndpointID: plain.ID,
			Status: herald.DeliveryPending, NextAttemptAt: &at, CreatedAt: at, UpdatedAt: at}
		return store.NewEvent{Event: ev, Deliveries: []*herald.Delivery{d}, Defer: deferred}
	}
	news := []store.NewEvent{event("e1", tp1, false), event("e2", "", false), event("e3", tp3, true)}
	if _, err := s.CreateEvents(ctx, news); err != nil {
		t.Fatal(err)
	}
	// One event alone takes another path in a store (no RETURNING).
	if _, err := s.CreateEvents(ctx, []store.NewEvent{event("e4", tp1, false)}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"e1": tp1, "e2": "", "e3": tp3, "e4": tp1}
	for id, tp := range want {
		ev, err := s.FindEventByID(ctx, "acme", id)
		must(t, err)
		if ev.TraceParent != tp {
			t.Errorf("FindEventByID %s: traceparent %q, want %q", id, ev.TraceParent, tp)
		}
	}
	evs, _, err := s.FindEvents(ctx, store.EventFilter{TenantID: "acme", Page: store.Page{Limit: 10}})
	must(t, err)
	for _, ev := range evs {
		if ev.TraceParent != want[ev.ID] {
			t.Errorf("FindEvents %s: traceparent %q, want %q", ev.ID, ev.TraceParent, want[ev.ID])
		}
	}

	now := base.Add(time.Minute)
	tasks, err := s.ClaimDeliveries(ctx, "n1", now, now.Add(time.Minute), 10, nil)
	must(t, err)
	if len(tasks) != 3 {
		t.Fatalf("claimed %d, want e1's, e2's and e4's deliveries", len(tasks))
	}
	for _, tk := range tasks {
		if tk.Event.TraceParent != want[tk.Event.ID] {
			t.Errorf("claimed %s: traceparent %q, want %q", tk.Event.ID, tk.Event.TraceParent, want[tk.Event.ID])
		}
	}
	x := store.Expansion{Owner: "n1", Now: now, LeaseUntil: now.Add(time.Minute), Limit: 10, Leased: 10}
	tasks, _, err = s.ExpandFanouts(ctx, x)
	must(t, err)
	if len(tasks) != 1 || tasks[0].Event.ID != "e3" || tasks[0].Event.TraceParent != tp3 {
		t.Fatalf("expanded %+v, want e3's delivery with its traceparent", tasks)
	}

	// A manual retry reads the event again.
	d := news[0].Deliveries[0]
	_, err = s.CompleteAttempts(ctx, []store.Completion{{DeliveryID: d.ID, EndpointID: plain.ID, Owner: "n1", Status: herald.DeliveryFailed,
		Attempt: &herald.Attempt{ID: herald.NewID(herald.PrefixAttempt), DeliveryID: d.ID, StartedAt: now, StatusCode: 500}}})
	must(t, err)
	task, err := s.RequeueDelivery(ctx, "acme", d.ID, "n1", now, now.Add(time.Minute))
	must(t, err)
	if task == nil || task.Event.TraceParent != tp1 {
		t.Fatalf("requeued %+v, want e1's traceparent", task)
	}
}
