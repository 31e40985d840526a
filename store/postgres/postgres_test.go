package postgres_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/signing"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/postgres"
	"github.com/heraldhq/herald/store/postgres/pgtest"
	"github.com/heraldhq/herald/store/storetest"
)

var box = func() *seal.Box {
	b, err := seal.New(seal.NewKey())
	if err != nil {
		panic(err)
	}
	return b
}()

// schema makes a schema of the test's own; see pgtest.
func schema(tb testing.TB) string {
	name, _ := pgtest.Schema(tb)
	return name
}

func open(tb testing.TB, search string) *postgres.DB {
	tb.Helper()
	return openAt(tb, search, nil)
}

// openAt opens a store on the clock now (nil: the wall clock).
func openAt(tb testing.TB, search string, now func() time.Time) *postgres.DB {
	tb.Helper()
	db, err := postgres.Open(context.Background(), postgres.Config{URL: pgtest.Server(), Box: box, SearchPath: search, Now: now})
	if err != nil {
		tb.Fatal(err)
	}
	return db
}

// The conformance suite, each of its tests ending with a check that
// deliveries_due, which triggers keep, still holds exactly the pending
// deliveries, each due when its row says.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T, now func() time.Time) store.Store {
		search := schema(t)
		t.Cleanup(func() { checkDueQueue(t, search) })
		return openAt(t, search, now)
	})
}

// checkDueQueue fails t unless the deliveries_due rows of the schema search
// are the pending deliveries with their next_attempt_at (none for a FIFO
// delivery waiting its turn), tenant, endpoint and creation time.
func checkDueQueue(t *testing.T, search string) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgtest.Server())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var pending, due, wrong int
	err = conn.QueryRow(ctx, `SELECT
			(SELECT count(*) FROM `+search+`.deliveries WHERE status = 'pending'),
			(SELECT count(*) FROM `+search+`.deliveries_due),
			(SELECT count(*) FROM `+search+`.deliveries_due q
				LEFT JOIN `+search+`.deliveries d ON d.id = q.id AND d.status = 'pending' AND d.next_attempt_at IS NOT DISTINCT FROM q.due_at
					AND d.tenant_id = q.tenant_id AND d.endpoint_id = q.endpoint_id AND d.created_at = q.created_at
				WHERE d.id IS NULL)`).Scan(&pending, &due, &wrong)
	if err != nil {
		t.Fatal(err)
	}
	if pending != due || wrong != 0 {
		t.Errorf("deliveries_due: %d rows for %d pending deliveries, %d not matching one", due, pending, wrong)
	}
}

func BenchmarkDeliveryLifecycle(b *testing.B) {
	storetest.Bench(b, func(b *testing.B) store.Store { return open(b, schema(b)) })
}

// BenchmarkDeliveryLifecycle500Endpoints spreads the deliveries over 500
// endpoints: each batch of outcomes writes 500 endpoints' rows.
func BenchmarkDeliveryLifecycle500Endpoints(b *testing.B) {
	storetest.BenchSpread(b, func(b *testing.B) store.Store { return open(b, schema(b)) }, 500)
}

// Several nodes on one database: concurrent claims never hand one delivery
// to two nodes, and together they claim every due delivery.
func TestClaimsOfSeveralNodes(t *testing.T) {
	ctx := context.Background()
	search := schema(t)
	nodes := make([]*postgres.DB, 4)
	for i := range nodes {
		nodes[i] = open(t, search) // a pool each, as separate processes have
		defer nodes[i].Close()
	}
	s := nodes[0]
	now := time.Now().UTC()
	must(t, s.CreateTenant(ctx, &herald.Tenant{ID: "acme", Name: "Acme", CreatedAt: now, UpdatedAt: now}))
	ep := &herald.Endpoint{ID: herald.NewID(herald.PrefixEndpoint), TenantID: "acme", URL: "https://example.com/hook",
		EventTypes: []string{}, Channels: []string{}, Headers: map[string]string{}, Secret: signing.NewSecret(),
		CreatedAt: now, UpdatedAt: now}
	must(t, s.CreateEndpoint(ctx, ep))
	const total = 2000
	var evs []store.NewEvent
	for range total {
		ev := &herald.Event{ID: herald.NewID(herald.PrefixEvent), TenantID: "acme", Type: "x", Channels: []string{},
			Data: []byte(`{}`), CreatedAt: now}
		due := now
		evs = append(evs, store.NewEvent{Event: ev, Deliveries: []*herald.Delivery{{ID: herald.NewID(herald.PrefixDelivery),
			TenantID: "acme", EventID: ev.ID, EndpointID: ep.ID, Status: herald.DeliveryPending, NextAttemptAt: &due,
			CreatedAt: now, UpdatedAt: now}}})
	}
	_, err := s.CreateEvents(ctx, evs)
	must(t, err)

	var mu sync.Mutex
	owner := map[string]string{}
	var doubles []string
	var wg sync.WaitGroup
	errs := make(chan error, len(nodes))
	for i, n := range nodes {
		name := string(rune('a' + i))
		wg.Go(func() {
			for {
				tasks, err := n.ClaimDeliveries(ctx, name, now.Add(time.Second), now.Add(time.Hour), 37, nil)
				if err != nil {
					errs <- err
					return
				}
				if len(tasks) == 0 {
					return
				}
				mu.Lock()
				for _, tk := range tasks {
					if prev, ok := owner[tk.DeliveryID]; ok {
						doubles = append(doubles, tk.DeliveryID+" by "+prev+" and "+name)
					}
					owner[tk.DeliveryID] = name
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if len(doubles) > 0 {
		t.Fatalf("%d deliveries were claimed twice, e.g. %s", len(doubles), doubles[0])
	}
	if len(owner) != total {
		t.Fatalf("claimed %d deliveries in all, want %d", len(owner), total)
	}
	perNode := map[string]int{}
	for _, n := range owner {
		perNode[n]++
	}
	t.Logf("claims per node: %v", perNode)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// The tables that churn are vacuumed at thresholds of Herald's own, not the
// server's defaults, and the settings Herald depends on can be read.
func TestAutovacuumSettings(t *testing.T) {
	ctx := context.Background()
	search := schema(t)
	db := open(t, search)
	defer db.Close()
	if _, err := db.SettingWarnings(ctx); err != nil {
		t.Fatalf("SettingWarnings: %v", err)
	}
	conn, err := pgx.Connect(ctx, pgtest.Server())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var opts []string
	if err := conn.QueryRow(ctx, `SELECT coalesce(c.reloptions, '{}') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = $1 AND c.relname = 'deliveries'`, search).Scan(&opts); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(opts, "autovacuum_vacuum_scale_factor=0.01") {
		t.Fatalf("deliveries' storage options = %q, want Herald's own vacuum threshold", opts)
	}
}

// BenchmarkClaimPastSkipped claims 500 deliveries while 200 of 1,000
// endpoints, passed over, hold 1,000 due deliveries each (issue 30).
func BenchmarkClaimPastSkipped(b *testing.B) {
	storetest.BenchClaimPastSkipped(b, func(b *testing.B) store.Store { return open(b, schema(b)) },
		storetest.ClaimShape{Endpoints: 1000, Skipped: 200, Backlog: 1000, Due: 2, Limit: 500})
}
