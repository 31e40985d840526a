package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
)

// backlog stores n events for tenant with one delivery each to ep, due
// at due(i), in batches, and returns the deliveries.
func backlog(t testing.TB, s store.Store, tenant string, ep *herald.Endpoint, n int, due func(i int) time.Time) []*herald.Delivery {
	t.Helper()
	var out []*herald.Delivery
	for start := 0; start < n; start += 500 {
		var evs []store.NewEvent
		for i := start; i < min(n, start+500); i++ {
			ev := &herald.Event{ID: herald.NewID(herald.PrefixEvent), TenantID: tenant, Type: "job.completed",
				Channels: []string{}, Data: []byte(`{"job":"j1"}`), CreatedAt: base}
			at := due(i)
			d := &herald.Delivery{ID: herald.NewID(herald.PrefixDelivery), TenantID: tenant, EventID: ev.ID,
				EndpointID: ep.ID, Status: herald.DeliveryPending, NextAttemptAt: &at, CreatedAt: base, UpdatedAt: base}
			evs = append(evs, store.NewEvent{Event: ev, Deliveries: []*herald.Delivery{d}})
			out = append(out, d)
		}
		if _, err := s.CreateEvents(context.Background(), evs); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// byDue sorts deliveries the way a claim takes them: earliest due first,
// then by id.
func byDue(ds []*herald.Delivery) {
	slices.SortFunc(ds, func(a, b *herald.Delivery) int {
		if c := a.NextAttemptAt.Compare(*b.NextAttemptAt); c != 0 {
			return c
		}
		return cmpString(a.ID, b.ID)
	})
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Endpoints the claiming node holds its share of (skipped) may have large
// due backlogs, due before anything else: a claim passes them over and
// still takes the others' due deliveries, earliest due first across
// endpoints (each endpoint's own in order, ties in id order), leaving
// alone what is not due, leased, or paused.
func testClaimPastSkippedBacklogs(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	var skip []string
	for i := range 8 {
		ep := newEndpoint(t, s, "acme")
		skip = append(skip, ep.ID)
		backlog(t, s, "acme", ep, 150, func(j int) time.Time { return base.Add(time.Duration(j*8+i) * time.Millisecond) })
	}
	later := base.Add(time.Hour)
	var want []*herald.Delivery
	// The others' heads at three instants, each shared by two endpoints
	// or one, and three deliveries of each endpoint due at one instant.
	for i := range 5 {
		ep := newEndpoint(t, s, "acme")
		want = append(want, backlog(t, s, "acme", ep, 6, func(j int) time.Time {
			return later.Add(time.Duration((5-i)/2)*time.Second + time.Duration(j/3)*time.Minute)
		})...)
		// Not due yet, and leased to another node: never claimed.
		newEvent(t, s, "acme", []*herald.Endpoint{ep}, later.Add(24*time.Hour), "")
		newEvent(t, s, "acme", []*herald.Endpoint{ep}, later.Add(3*time.Hour), "n0")
	}
	paused := newEndpoint(t, s, "acme")
	backlog(t, s, "acme", paused, 3, func(int) time.Time { return base })
	yes := true
	_, err := s.UpdateEndpoint(ctx, "acme", paused.ID, store.EndpointUpdate{Paused: &yes})
	must(t, err)
	byDue(want)

	now := later.Add(time.Hour)
	var got []string
	for _, limit := range []int{1, 4, 7, 100} {
		tasks, err := s.ClaimDeliveries(ctx, "n1", now, now.Add(time.Minute), limit, skip)
		must(t, err)
		if len(tasks) > limit {
			t.Fatalf("claim of %d took %d", limit, len(tasks))
		}
		for _, tk := range tasks {
			got = append(got, tk.DeliveryID)
		}
	}
	wantIDs := make([]string, len(want))
	for i, d := range want {
		wantIDs[i] = d.ID
	}
	if !slices.Equal(got, wantIDs) {
		t.Fatalf("claims past %d skipped backlogs took\n%v\nwant the other endpoints' due deliveries, earliest first\n%v", len(skip), got, wantIDs)
	}

	// Skipping nothing, the backlogs come earliest first across their
	// endpoints, and nothing else.
	tasks, err := s.ClaimDeliveries(ctx, "n1", now, now.Add(time.Minute), 20, nil)
	must(t, err)
	if len(tasks) != 20 {
		t.Fatalf("claim skipping nothing took %d, want 20", len(tasks))
	}
	for i, tk := range tasks {
		want := base.Add(time.Duration(i) * time.Millisecond)
		if tk.EndpointID != skip[i%8] || !tk.Due.Equal(want) {
			t.Fatalf("task %d: endpoint %s due %v, want endpoint %s due %v", i, tk.EndpointID, tk.Due, skip[i%8], want)
		}
	}
}

// Claims against backlogs that change between them: a delivery made due
// earlier than an endpoint's head (a retry, a released lease) comes
// before it, and an endpoint whose deliveries were all leased is passed
// over until one becomes due again.
func testClaimMovingHeads(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	a, b := newEndpoint(t, s, "acme"), newEndpoint(t, s, "acme")
	as := backlog(t, s, "acme", a, 4, func(i int) time.Time { return base.Add(time.Duration(2*i) * time.Second) })
	bs := backlog(t, s, "acme", b, 4, func(i int) time.Time { return base.Add(time.Duration(2*i+1) * time.Second) })
	now := base.Add(time.Minute)
	tasks, err := s.ClaimDeliveries(ctx, "n1", now, now.Add(time.Hour), 3, nil)
	must(t, err)
	if ids := taskIDs(tasks); !slices.Equal(ids, []string{as[0].ID, bs[0].ID, as[1].ID}) {
		t.Fatalf("first claim %v, want a0 b0 a1", ids)
	}
	// b0 goes back due before everything left.
	must(t, s.ReleaseLeases(ctx, "n1", []string{bs[0].ID}, base.Add(-time.Second)))
	tasks, err = s.ClaimDeliveries(ctx, "n1", now, now.Add(time.Hour), 3, []string{a.ID})
	must(t, err)
	if ids := taskIDs(tasks); !slices.Equal(ids, []string{bs[0].ID, bs[1].ID, bs[2].ID}) {
		t.Fatalf("claim skipping a %v, want b0 b1 b2", ids)
	}
	tasks, err = s.ClaimDeliveries(ctx, "n1", now, now.Add(time.Hour), 10, nil)
	must(t, err)
	if ids := taskIDs(tasks); !slices.Equal(ids, []string{as[2].ID, as[3].ID, bs[3].ID}) {
		t.Fatalf("last claim %v, want a2 a3 b3", ids)
	}
	if next, ok, err := s.NextDueAt(ctx); err != nil || !ok || !next.Equal(now.Add(time.Hour)) {
		t.Fatalf("NextDueAt = %v %v %v, want the leases' end %v", next, ok, err, now.Add(time.Hour))
	}
}

func taskIDs(tasks []*store.Task) []string {
	ids := make([]string, len(tasks))
	for i, tk := range tasks {
		ids[i] = tk.DeliveryID
	}
	return ids
}

// ClaimShape is the store a BenchClaimPastSkipped claims from.
type ClaimShape struct {
	Endpoints int // in all
	Skipped   int // of them, passed over by every claim
	Backlog   int // due deliveries of each skipped endpoint
	Due       int // due deliveries of each other endpoint
	Limit     int // of one claim
}

// BenchClaimPastSkipped measures one claim of shape.Limit deliveries while
// shape.Skipped endpoints (hanging or failing ones the node holds its share
// of) each hold shape.Backlog deliveries due before everything else: the
// steady bench's shape (issue 30), where the claim's cost grew with those
// backlogs. Each op claims and hands the deliveries back, due again after
// the backlogs, so every op sees the same store.
func BenchClaimPastSkipped(b *testing.B, open OpenB, shape ClaimShape) {
	ctx := context.Background()
	s := open(b)
	b.Cleanup(func() {
		if err := s.Close(); err != nil {
			b.Errorf("Close: %v", err)
		}
	})
	newTenant(b, s, "acme")
	var skip []string
	others := make([]*herald.Endpoint, 0, shape.Endpoints-shape.Skipped)
	for i := range shape.Endpoints {
		ep := newEndpoint(b, s, "acme")
		if i < shape.Skipped {
			skip = append(skip, ep.ID)
			backlog(b, s, "acme", ep, shape.Backlog, func(j int) time.Time { return base.Add(time.Duration(j) * time.Millisecond) })
		} else {
			others = append(others, ep)
		}
	}
	after := base.Add(time.Hour)
	for start := 0; start < len(others)*shape.Due; start += 500 {
		var evs []store.NewEvent
		for i := start; i < min(len(others)*shape.Due, start+500); i++ {
			ev := &herald.Event{ID: herald.NewID(herald.PrefixEvent), TenantID: "acme", Type: "job.completed",
				Channels: []string{}, Data: []byte(`{"job":"j1"}`), CreatedAt: base}
			at := after.Add(time.Duration(i) * time.Millisecond)
			evs = append(evs, store.NewEvent{Event: ev, Deliveries: []*herald.Delivery{{ID: herald.NewID(herald.PrefixDelivery),
				TenantID: "acme", EventID: ev.ID, EndpointID: others[i%len(others)].ID, Status: herald.DeliveryPending,
				NextAttemptAt: &at, CreatedAt: base, UpdatedAt: base}}})
		}
		if _, err := s.CreateEvents(ctx, evs); err != nil {
			b.Fatal(err)
		}
	}
	now := after.Add(24 * time.Hour)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0, cpuOK := processCPU()
	for i := range b.N {
		tasks, err := s.ClaimDeliveries(ctx, "n1", now, now.Add(time.Minute), shape.Limit, skip)
		if err != nil {
			b.Fatal(err)
		}
		if want := min(shape.Limit, len(others)*shape.Due); len(tasks) != want {
			b.Fatalf("claimed %d, want %d", len(tasks), want)
		}
		ids := taskIDs(tasks)
		// Due again after the backlogs, in a new order each time.
		if err := s.ReleaseLeases(ctx, "n1", ids, after.Add(time.Duration(i%1000)*time.Microsecond)); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if cpu1, ok := processCPU(); ok && cpuOK {
		b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/op")
	}
}

// String names the shape in benchmark output.
func (c ClaimShape) String() string {
	return fmt.Sprintf("endpoints=%d,skipped=%d,backlog=%d,due=%d,limit=%d", c.Endpoints, c.Skipped, c.Backlog, c.Due, c.Limit)
}
