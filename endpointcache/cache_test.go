package endpointcache

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
	"github.com/heraldhq/herald/store/sqlite"
)

// The cache holds at most its bound, whatever number of tenants send, and
// entries past their time leave as new ones come, so a burst over many
// tenants does not stay in memory. What it returns is the store's.
func TestCacheIsBounded(t *testing.T) {
	ctx := context.Background()
	box, _ := seal.New(seal.NewKey())
	db, err := sqlite.Open(ctx, sqlite.Config{Path: filepath.Join(t.TempDir(), "herald.db"), Box: box})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	ids := make([]string, 40)
	for i := range ids {
		tenant := fmt.Sprintf("t%d", i)
		if err := db.CreateTenant(ctx, &herald.Tenant{ID: tenant, Name: tenant, CreatedAt: now, UpdatedAt: now}); err != nil {
			t.Fatal(err)
		}
		ep := &herald.Endpoint{ID: herald.NewID(herald.PrefixEndpoint), TenantID: tenant, URL: fmt.Sprintf("https://hooks.invalid/%d", i),
			EventTypes: []string{}, Channels: []string{}, Headers: map[string]string{}, Secret: signing.NewSecret(), CreatedAt: now, UpdatedAt: now}
		if err := db.CreateEndpoint(ctx, ep); err != nil {
			t.Fatal(err)
		}
		ids[i] = ep.ID
	}
	clock := now
	c := newSized(db, time.Second, 10, func() time.Time { return clock })
	for i, id := range ids {
		eps, err := c.ForTenant(ctx, fmt.Sprintf("t%d", i))
		if err != nil || len(eps) != 1 || eps[0].ID != id {
			t.Fatalf("ForTenant(t%d) = %v, %v; want its one endpoint %s", i, eps, err, id)
		}
		ep, err := c.Get(ctx, id)
		if err != nil || ep.TenantID != fmt.Sprintf("t%d", i) {
			t.Fatalf("Get(%s) = %v, %v", id, ep, err)
		}
	}
	if n, m := c.entries(); n != 10 || m != 10 {
		t.Fatalf("after 40 tenants the cache holds %d endpoints and %d tenant sets, want its bound of 10 each", n, m)
	}
	// Two TTLs later, each new entry takes out expired ones with it.
	clock = clock.Add(2 * time.Second)
	if _, err := c.Get(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Get(ctx, ids[1]); err != nil {
		t.Fatal(err)
	}
	if n, _ := c.entries(); n != 10-2*expiredPerAdd+2 {
		t.Fatalf("after two additions past the TTL the cache holds %d endpoints, want %d (expired ones removed)", n, 10-2*expiredPerAdd+2)
	}
	// A change through this node is seen at once.
	c.Invalidate("t1", ids[1])
	if err := db.DeleteEndpoint(ctx, "t1", ids[1]); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Get(ctx, ids[1]); herald.ErrorCode(err) != herald.ENOTFOUND {
		t.Fatalf("Get of an invalidated, deleted endpoint = %v, want not found", err)
	}
}

// acmeStore opens a fresh SQLite store with tenant acme, closed when the
// test ends.
func acmeStore(t *testing.T) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	box, _ := seal.New(seal.NewKey())
	db, err := sqlite.Open(ctx, sqlite.Config{Path: filepath.Join(t.TempDir(), "herald.db"), Box: box})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	now := time.Now()
	if err := db.CreateTenant(ctx, &herald.Tenant{ID: "acme", Name: "acme", CreatedAt: now, UpdatedAt: now}); err != nil {
		t.Fatal(err)
	}
	return db
}

// newEndpoint stores an endpoint of tenant.
func newEndpoint(t *testing.T, db *sqlite.DB, tenant string, now time.Time) *herald.Endpoint {
	t.Helper()
	ep := &herald.Endpoint{ID: herald.NewID(herald.PrefixEndpoint), TenantID: tenant, URL: "https://hooks.invalid/" + tenant,
		EventTypes: []string{}, Channels: []string{}, Headers: map[string]string{}, Secret: signing.NewSecret(), CreatedAt: now, UpdatedAt: now}
	if err := db.CreateEndpoint(context.Background(), ep); err != nil {
		t.Fatal(err)
	}
	return ep
}

// gatedStore holds its first FindEndpoints until released, so that a test
// can change the store while a read of it is under way.
type gatedStore struct {
	*sqlite.DB
	reading, release chan struct{}
	once             sync.Once
}

func (g *gatedStore) FindEndpoints(ctx context.Context, f store.EndpointFilter) ([]*herald.Endpoint, string, error) {
	eps, next, err := g.DB.FindEndpoints(ctx, f)
	g.once.Do(func() {
		close(g.reading)
		<-g.release
	})
	return eps, next, err
}

// A read of a tenant's endpoints that began before an endpoint was made
// (and the cache told of it) is not kept: the next read sees the new
// endpoint. Kept, it would hide the endpoint from the tenant's events
// for a whole TTL.
func TestReadBeforeAnInvalidationIsNotKept(t *testing.T) {
	ctx, now := context.Background(), time.Now()
	db := acmeStore(t)
	g := &gatedStore{DB: db, reading: make(chan struct{}), release: make(chan struct{})}
	c := New(g, time.Hour, nil)
	done := make(chan []*herald.Endpoint)
	go func() {
		eps, _ := c.ForTenant(ctx, "acme")
		done <- eps
	}()
	<-g.reading // the read has seen the store, with no endpoint
	ep := newEndpoint(t, db, "acme", now)
	c.Invalidate("acme", ep.ID)
	close(g.release)
	if eps := <-done; len(eps) != 0 {
		t.Fatalf("the read under way saw %d endpoints; it began before the new one", len(eps))
	}
	eps, err := c.ForTenant(ctx, "acme")
	if err != nil || len(eps) != 1 || eps[0].ID != ep.ID {
		t.Fatalf("ForTenant after the change = %v, %v; want the new endpoint (the stale read was kept)", eps, err)
	}
}

// Lookup reads through what the cache holds but keeps nothing it reads.
func TestLookupKeepsNothing(t *testing.T) {
	ctx, now := context.Background(), time.Now()
	db := acmeStore(t)
	c := New(db, time.Hour, nil)
	if eps, err := c.Lookup(ctx, "acme"); err != nil || len(eps) != 0 {
		t.Fatalf("Lookup = %v, %v", eps, err)
	}
	if _, tenants := c.entries(); tenants != 0 {
		t.Fatalf("Lookup kept %d tenant sets, want none", tenants)
	}
	newEndpoint(t, db, "acme", now) // on "another node": no Invalidate here
	if eps, err := c.ForTenant(ctx, "acme"); err != nil || len(eps) != 1 {
		t.Fatalf("ForTenant after a Lookup and a change elsewhere = %v, %v; want the new endpoint", eps, err)
	}
}
