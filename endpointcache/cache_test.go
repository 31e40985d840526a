package endpointcache

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/signing"
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
