package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/signing"
	"github.com/heraldhq/herald/store"
)

// Retention holds the single writer briefly whatever the number of tenants:
// with thousands of tenants and nothing old it writes nothing at all (it
// used to run two statements per tenant in one writer transaction, which
// stalled every write for 18 s at 50,000 tenants), and a large purge is
// written in transactions of purgeChunk events, so that the writes of
// ingest and completions go in between.
func TestPurgeHoldsTheWriterBriefly(t *testing.T) {
	ctx := context.Background()
	box, _ := seal.New(seal.NewKey())
	db, err := Open(ctx, Config{Path: filepath.Join(t.TempDir(), "herald.db"), Box: box})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
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
