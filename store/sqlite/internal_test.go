package sqlite

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/signing"
	"github.com/heraldhq/herald/store"
)

// openTestDB opens a fresh store in the test's directory, closed when the
// test ends.
func openTestDB(t *testing.T) *DB {
	t.Helper()
	box, _ := seal.New(seal.NewKey())
	db, err := Open(context.Background(), Config{Path: filepath.Join(t.TempDir(), "herald.db"), Box: box})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Retention holds the single writer briefly whatever the number of tenants:
// with thousands of tenants and nothing old it writes nothing at all (it
// used to run two statements per tenant in one writer transaction, which
// stalled every write for 18 s at 50,000 tenants), and a large purge is
// written in transactions of purgeChunk events, so that the writes of
// ingest and completions go in between.
func TestPurgeHoldsTheWriterBriefly(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	old := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	const tenants = 3000
	var wg sync.WaitGroup
	errs := make(chan error, tenants)
	for w := range 32 {
		wg.Go(func() {
			for i := w; i < tenants; i += 32 {
				id := fmt.Sprintf("t%d", i)
				errs <- db.CreateTenant(ctx, &herald.Tenant{ID: id, Name: id, CreatedAt: old, UpdatedAt: old})
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	// 250 ended events spread over 50 tenants, each with a delivery that
	// succeeded, and one old event still to deliver, which stays.
	var news []store.NewEvent
	for i := range 251 {
		tenant := fmt.Sprintf("t%d", i%50)
		ep := &herald.Endpoint{ID: herald.NewID(herald.PrefixEndpoint), TenantID: tenant, URL: "https://hooks.invalid/x", EventTypes: []string{},
			Channels: []string{}, Headers: map[string]string{}, Secret: signing.NewSecret(), CreatedAt: old, UpdatedAt: old}
		if err := db.CreateEndpoint(ctx, ep); err != nil {
			t.Fatal(err)
		}
		ev := &herald.Event{ID: fmt.Sprintf("e%d", i), TenantID: tenant, Type: "x", Channels: []string{}, Data: []byte(`{}`), CreatedAt: old.Add(time.Duration(i) * time.Second)}
		d := &herald.Delivery{ID: herald.NewID(herald.PrefixDelivery), TenantID: tenant, EventID: ev.ID, EndpointID: ep.ID,
			Status: herald.DeliverySucceeded, CreatedAt: ev.CreatedAt, UpdatedAt: ev.CreatedAt}
		if i == 250 {
			d.Status, d.NextAttemptAt = herald.DeliveryPending, &old
		}
		news = append(news, store.NewEvent{Event: ev, Deliveries: []*herald.Delivery{d}})
	}
	if _, err := db.CreateEvents(ctx, news); err != nil {
		t.Fatal(err)
	}

	ops := db.writer.opsRun.Load()
	p, err := db.Purge(ctx, old, 1000)
	if err != nil || p.Events != 0 || p.Jobs != 0 {
		t.Fatalf("Purge of nothing old = %+v, %v", p, err)
	}
	if n := db.writer.opsRun.Load() - ops; n != 0 {
		t.Fatalf("a purge that found nothing to delete among %d tenants ran %d writer transactions, want none", tenants, n)
	}
	ops = db.writer.opsRun.Load()
	p, err = db.Purge(ctx, old.Add(time.Hour), 1000)
	if err != nil || p.Events != 250 {
		t.Fatalf("Purge = %+v, %v; want the 250 ended events", p, err)
	}
	if n := db.writer.opsRun.Load() - ops; n != 3 {
		t.Fatalf("250 events were deleted in %d writer transactions, want 3 of at most %d", n, purgeChunk)
	}
	if _, err := db.FindEventByID(ctx, "t0", "e250"); err != nil {
		t.Fatalf("the old event still to deliver was purged: %v", err)
	}
}

// The planner's statistics are refreshed when a store opens: a store that
// had grown since is analysed (sqlite_stat1 gets rows for its tables).
func TestOpenRefreshesPlannerStatistics(t *testing.T) {
	ctx := context.Background()
	box, _ := seal.New(seal.NewKey())
	path := filepath.Join(t.TempDir(), "herald.db")
	db, err := Open(ctx, Config{Path: path, Box: box})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := db.CreateTenant(ctx, &herald.Tenant{ID: "acme", Name: "acme", CreatedAt: now, UpdatedAt: now}); err != nil {
		t.Fatal(err)
	}
	var news []store.NewEvent
	for i := range 2000 {
		news = append(news, store.NewEvent{Event: &herald.Event{ID: fmt.Sprintf("e%d", i), TenantID: "acme", Type: "x",
			Channels: []string{}, Data: []byte(`{}`), CreatedAt: now.Add(time.Duration(i) * time.Second)}})
	}
	if _, err := db.CreateEvents(ctx, news); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = Open(ctx, Config{Path: path, Box: box})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'events'`).Scan(&n); err != nil {
		t.Fatalf("reading sqlite_stat1: %v", err)
	}
	if n == 0 {
		t.Fatal("no statistics for events after a reopen: the planner would guess")
	}
	// The hourly refresh runs in a writer transaction, which ANALYZE allows.
	if err := db.refreshStatistics(); err != nil {
		t.Fatalf("refreshing statistics through the writer: %v", err)
	}
}

// Callers of CreateEvents that share a transaction have their events
// inserted together; a caller naming an unknown tenant makes each go on
// its own, and fails alone. Either way, of two callers with one event id
// the earlier creates it.
func TestEventsOfCallersInsertedTogether(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := db.CreateTenant(ctx, &herald.Tenant{ID: "acme", Name: "acme", CreatedAt: now, UpdatedAt: now}); err != nil {
		t.Fatal(err)
	}
	ep := &herald.Endpoint{ID: herald.NewID(herald.PrefixEndpoint), TenantID: "acme", URL: "https://hooks.invalid/x", EventTypes: []string{},
		Channels: []string{}, Headers: map[string]string{}, Secret: signing.NewSecret(), CreatedAt: now, UpdatedAt: now}
	if err := db.CreateEndpoint(ctx, ep); err != nil {
		t.Fatal(err)
	}
	event := func(tenant, id string) store.NewEvent {
		ev := &herald.Event{ID: id, TenantID: tenant, Type: "x", Channels: []string{}, Data: []byte(`{}`), CreatedAt: now}
		d := &herald.Delivery{ID: herald.NewID(herald.PrefixDelivery), TenantID: tenant, EventID: id, EndpointID: ep.ID,
			Status: herald.DeliveryPending, NextAttemptAt: &now, CreatedAt: now, UpdatedAt: now}
		return store.NewEvent{Event: ev, Deliveries: []*herald.Delivery{d}}
	}
	op := func(evs ...store.NewEvent) writeOp {
		return writeOp{events: &eventsOp{evs: evs, created: make([]bool, len(evs))}, done: make(chan error, 1)}
	}
	// A writer of the test's own on the store's write connection: its
	// transactions run on this goroutine, never beside the store's writer
	// goroutine on one statement cache (which deadlocked once, the store's
	// writer preparing a statement while the test held the connection).
	w := newWriter(db.write)
	defer w.close()
	for _, tc := range []struct {
		name     string
		batch    []writeOp
		together bool
		want     [][]bool // created, per op; nil: the op fails
	}{
		{"all known: together", []writeOp{op(event("acme", "a1")), op(event("acme", "a1"), event("acme", "a2")), op(event("acme", "a3"))},
			true, [][]bool{{true}, {false, true}, {true}}},
		{"an unknown tenant: each alone, it fails alone", []writeOp{op(event("acme", "b1")), op(event("nobody", "b2")), op(event("acme", "b1"), event("acme", "b3"))},
			false, [][]bool{{true}, nil, {false, true}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var served []bool
			var err error
			probe := append([]writeOp(nil), tc.batch...)
			// What insertTogether would do, in a transaction thrown away.
			_ = w.tx(func(tx wtx) error {
				served, err = insertTogether(tx, probe)
				return errors.New("roll back")
			})
			if err != nil {
				t.Fatal(err)
			}
			for i, s := range served {
				if s != tc.together {
					t.Errorf("op %d served together: %v, want %v", i, s, tc.together)
				}
			}
			for _, o := range tc.batch {
				clear(o.events.created)
			}
			w.commit(tc.batch)
			for i, o := range tc.batch {
				err := <-o.done
				switch {
				case tc.want[i] == nil && herald.ErrorCode(err) != herald.ENOTFOUND:
					t.Errorf("op %d: err %v, want not found", i, err)
				case tc.want[i] != nil && err != nil:
					t.Errorf("op %d: %v", i, err)
				case tc.want[i] != nil && !slices.Equal(o.events.created, tc.want[i]):
					t.Errorf("op %d: created %v, want %v", i, o.events.created, tc.want[i])
				}
			}
		})
	}
	for _, id := range []string{"a1", "a2", "a3", "b1", "b3"} {
		if _, err := db.FindEventByID(ctx, "acme", id); err != nil {
			t.Errorf("event %s: %v", id, err)
		}
	}
	ds, _, err := db.FindDeliveries(ctx, store.DeliveryFilter{TenantID: "acme", Page: store.Page{Limit: 100}})
	if err != nil || len(ds) != 5 {
		t.Errorf("%d deliveries (%v), want one per new event: 5", len(ds), err)
	}
}
