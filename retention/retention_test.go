package retention_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/health"
	"github.com/heraldhq/herald/retention"
	"github.com/heraldhq/herald/seal"
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

// The janitor purges, in batches, the history older than Keep and only
// that, and counts what it purged.
func TestRunOncePurgesInBatches(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	if err := db.CreateTenant(ctx, &herald.Tenant{ID: "acme", Name: "Acme", CreatedAt: now, UpdatedAt: now}); err != nil {
		t.Fatal(err)
	}
	ep := &herald.Endpoint{ID: herald.NewID(herald.PrefixEndpoint), TenantID: "acme", URL: "https://example.com/hook",
		EventTypes: []string{}, Channels: []string{}, Headers: map[string]string{}, Secret: signing.NewSecret(), CreatedAt: now, UpdatedAt: now}
	if err := db.CreateEndpoint(ctx, ep); err != nil {
		t.Fatal(err)
	}
	// 25 events 40 days old, delivered; 5 a day old, delivered; 3 that are
	// 40 days old with a delivery still due.
	add := func(id string, age time.Duration, deliver bool) {
		at := now.Add(-age)
		ev := &herald.Event{ID: id, TenantID: "acme", Type: "x", Channels: []string{}, Data: []byte(`{}`), CreatedAt: at}
		d := &herald.Delivery{ID: herald.NewID(herald.PrefixDelivery), TenantID: "acme", EventID: id, EndpointID: ep.ID,
			Status: herald.DeliveryPending, NextAttemptAt: &at, LeaseOwner: "n1", CreatedAt: at, UpdatedAt: at}
		if _, err := db.CreateEvents(ctx, []store.NewEvent{{Event: ev, Deliveries: []*herald.Delivery{d}}}); err != nil {
			t.Fatal(err)
		}
		if deliver {
			_, err := db.CompleteAttempts(ctx, []store.Completion{{DeliveryID: d.ID, Owner: "n1", Status: herald.DeliverySucceeded,
				Attempt: &herald.Attempt{ID: herald.NewID(herald.PrefixAttempt), DeliveryID: d.ID, StartedAt: at, StatusCode: 200, Trigger: herald.TriggerScheduled}}})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	for i := range 25 {
		add(fmt.Sprintf("old-%d", i), 40*24*time.Hour, true)
	}
	for i := range 5 {
		add(fmt.Sprintf("new-%d", i), 24*time.Hour, true)
	}
	for i := range 3 {
		add(fmt.Sprintf("due-%d", i), 40*24*time.Hour, false)
	}
	reg := prometheus.NewRegistry()
	j, err := retention.New(retention.Config{Store: db, Keep: 30 * 24 * time.Hour, Batch: 10, Pause: time.Millisecond,
		Metrics: reg, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	got, err := j.RunOnce(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.Events != 25 {
		t.Fatalf("purged %d events, want the 25 old delivered ones", got.Events)
	}
	if n := testutil.ToFloat64(j.Collectors()[0]); n != 25 {
		t.Fatalf("herald_purged_events_total = %v, want 25", n)
	}
	list, _, err := db.FindEvents(ctx, store.EventFilter{TenantID: "acme", Page: store.Page{Limit: 100}})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 8 {
		t.Fatalf("%d events left, want 8 (5 recent, 3 still due)", len(list))
	}
	again, err := j.RunOnce(ctx)
	if err != nil || again.Events != 0 {
		t.Fatalf("a second run purged %+v, %v; want nothing", again, err)
	}
}

// purgeCalls tells of every Purge a janitor makes, once it returned.
type purgeCalls struct {
	store.Store
	calls chan store.Purged
}

func (s *purgeCalls) Purge(ctx context.Context, before time.Time, limit int) (store.Purged, error) {
	p, err := s.Store.Purge(ctx, before, limit)
	select {
	case s.calls <- p:
	default: // the test stopped listening
	}
	return p, err
}

// Run purges at once (not a tick later), then every Every, and returns
// when its context ends, even while it waits for its next tick.
func TestRunStops(t *testing.T) {
	ctx := context.Background()
	for _, every := range []time.Duration{time.Hour, time.Millisecond} {
		db := openStore(t)
		now := time.Now().UTC()
		if err := db.CreateTenant(ctx, &herald.Tenant{ID: "acme", Name: "Acme", CreatedAt: now, UpdatedAt: now}); err != nil {
			t.Fatal(err)
		}
		old := now.Add(-48 * time.Hour)
		ev := &herald.Event{ID: "old", TenantID: "acme", Type: "x", Channels: []string{}, Data: []byte(`{}`), CreatedAt: old}
		if _, err := db.CreateEvents(ctx, []store.NewEvent{{Event: ev}}); err != nil {
			t.Fatal(err)
		}
		s := &purgeCalls{Store: db, calls: make(chan store.Purged, 16)}
		j, err := retention.New(retention.Config{Store: s, Keep: time.Hour, Every: every})
		if err != nil {
			t.Fatal(err)
		}
		runCtx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { j.Run(runCtx); close(done) }()
		next := func(what string) store.Purged {
			t.Helper()
			select {
			case p := <-s.calls:
				return p
			case <-time.After(10 * time.Second):
				cancel()
				t.Fatalf("every %v: no %s within 10 s", every, what)
				return store.Purged{}
			}
		}
		if p := next("purge at once"); p.Events != 1 {
			t.Fatalf("every %v: the first run purged %+v, want the old event", every, p)
		}
		if every == time.Millisecond {
			next("second run")
			next("third run")
		}
		cancel()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("every %v: Run did not return after its context ended", every)
		}
		if _, err := db.FindEventByID(ctx, "acme", "old"); herald.ErrorCode(err) != herald.ENOTFOUND {
			t.Fatalf("every %v: the old event is still there (%v)", every, err)
		}
	}
}

// The health rollup is kept to its horizon even when history is kept
// forever: five-minute rows for a day, hour rows for a week.
func TestStatsKeptToTheirHorizon(t *testing.T) {
	db := openStore(t)
	ctx := context.Background()
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	if err := db.CreateTenant(ctx, &herald.Tenant{ID: "acme", Name: "Acme", CreatedAt: now}); err != nil {
		t.Fatal(err)
	}
	// Attempts two days ago and ten days ago, recorded as any are.
	var cs []store.Completion
	for _, ago := range []time.Duration{48 * time.Hour, 240 * time.Hour} {
		cs = append(cs, store.Completion{DeliveryID: "gone", EndpointID: "ep_1", Owner: "n1", Status: herald.DeliverySucceeded,
			Attempt: &herald.Attempt{ID: herald.NewID(herald.PrefixAttempt), DeliveryID: "gone", StartedAt: now.Add(-ago), StatusCode: 200, Trigger: herald.TriggerScheduled}})
	}
	if err := db.AddEndpointStats(ctx, health.Rollup(store.StatsSamples(cs))); err != nil {
		t.Fatal(err)
	}
	j, err := retention.New(retention.Config{Store: db, Keep: 0, Batch: 1, Pause: time.Millisecond, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	count := func(span time.Duration) int {
		rows, err := db.FindEndpointStats(ctx, "ep_1", span, now.Add(-30*24*time.Hour), now)
		if err != nil {
			t.Fatal(err)
		}
		return len(rows)
	}
	if fine, coarse := count(health.Fine), count(health.Coarse); fine != 0 || coarse != 1 {
		t.Fatalf("after the run: %d five-minute rows (want 0: both past a day), %d hour rows (want 1: two days ago)", fine, coarse)
	}
}
