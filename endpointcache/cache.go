// Package endpointcache keeps one node's short-lived view of endpoints,
// shared by the API (which endpoints does a new event go to?) and the
// delivery engine (where, and how, does this attempt go?). Changes made
// through this node invalidate it at once; changes made on other nodes of
// the same store are seen within the TTL.
package endpointcache

import (
	"context"
	"hash/fnv"
	"sync/atomic"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/sync/singleflight"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
)

// maxEntries bounds each of the cache's two lists (endpoints by id, and
// tenants' endpoint sets): the least recently used goes first, and entries
// past their TTL go as new ones come. With the TTL of a second, a node
// reads far fewer than 10,000 distinct endpoints a second at full speed,
// so the bound costs hits only to a burst over more tenants than that, and
// memory stays bounded (about 1.4 KB an endpoint) however many tenants
// send.
const maxEntries = 10000

// loadTimeout bounds one shared read of a tenant's endpoints.
const loadTimeout = 30 * time.Second

// expiredPerAdd bounds how many expired entries one addition removes.
const expiredPerAdd = 4

// Cache is safe for concurrent use. Endpoints it returns are shared and
// must not be modified.
type Cache struct {
	store store.Store
	ttl   time.Duration
	now   func() time.Time

	byID    *lru.Cache[string, entry[*herald.Endpoint]]
	tenants *lru.Cache[string, entry[[]*herald.Endpoint]]
	// loading makes the requests that miss one tenant's set at once share
	// one read of it: when the set of a tenant with a thousand endpoints
	// expires under 32 concurrent requests, one reads it, not 32.
	loading singleflight.Group
	// gens count invalidations, in stripes by tenant or endpoint id: a
	// read that began before an invalidation of its key keeps what it
	// read out of the cache, since the change may have come after the
	// read saw the store. Stripes keep the count bounded however many
	// tenants there are; a collision only costs a read.
	gens [genStripes]atomic.Uint64
}

const genStripes = 256

// gen is the invalidation count of key's stripe.
func (c *Cache) gen(key string) *atomic.Uint64 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(key))
	return &c.gens[h.Sum32()%genStripes]
}

type entry[T any] struct {
	v     T
	until time.Time
}

// New returns a Cache over s. ttl 0 means one second.
func New(s store.Store, ttl time.Duration, now func() time.Time) *Cache {
	return newSized(s, ttl, maxEntries, now)
}

func newSized(s store.Store, ttl time.Duration, size int, now func() time.Time) *Cache {
	if ttl <= 0 {
		ttl = time.Second
	}
	if now == nil {
		now = time.Now
	}
	byID, _ := lru.New[string, entry[*herald.Endpoint]](size)
	tenants, _ := lru.New[string, entry[[]*herald.Endpoint]](size)
	return &Cache{store: s, ttl: ttl, now: now, byID: byID, tenants: tenants}
}

// add puts v under k, first dropping a few entries past their time from
// the least recently used end, so that a burst of tenants that then go
// quiet does not stay in memory until the bound pushes it out.
func add[T any](c *lru.Cache[string, entry[T]], k string, v T, now time.Time, ttl time.Duration) {
	for range expiredPerAdd {
		_, old, ok := c.GetOldest()
		if !ok || now.Before(old.until) {
			break
		}
		c.RemoveOldest()
	}
	c.Add(k, entry[T]{v, now.Add(ttl)})
}

// entries returns how many endpoints and how many tenants' sets the cache
// holds.
func (c *Cache) entries() (endpoints, tenants int) { return c.byID.Len(), c.tenants.Len() }

// Get returns an endpoint of any tenant.
func (c *Cache) Get(ctx context.Context, id string) (*herald.Endpoint, error) {
	now := c.now()
	if e, ok := c.byID.Get(id); ok && now.Before(e.until) {
		return e.v, nil
	}
	gen := c.gen("endpoint " + id)
	before := gen.Load()
	ep, err := c.store.FindEndpointByID(ctx, "", id)
	if err != nil {
		return nil, err
	}
	if gen.Load() == before {
		add(c.byID, id, ep, now, c.ttl)
	}
	return ep, nil
}

// ForTenant returns a tenant's endpoints that are not disabled (paused ones
// included: they still collect deliveries).
func (c *Cache) ForTenant(ctx context.Context, tenant string) ([]*herald.Endpoint, error) {
	now := c.now()
	if e, ok := c.tenants.Get(tenant); ok && now.Before(e.until) {
		return e.v, nil
	}
	ch := c.loading.DoChan(tenant, func() (any, error) {
		gen := c.gen("tenant " + tenant)
		before := gen.Load()
		// The read is shared: it must not end with the request that
		// happened to start it, but it is bounded all the same.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), loadTimeout)
		defer cancel()
		eps, err := c.read(ctx, tenant)
		if err != nil {
			return nil, err
		}
		if gen.Load() == before {
			add(c.tenants, tenant, eps, now, c.ttl)
		}
		return eps, nil
	})
	// Each caller waits as long as its own context allows.
	select {
	case r := <-ch:
		if r.Err != nil {
			return nil, r.Err
		}
		return r.Val.([]*herald.Endpoint), nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Lookup returns a tenant's endpoints that are not disabled, as ForTenant
// does, from the cache when it holds them and otherwise from the store,
// without keeping what it read: for a reader that is not about to send
// the tenant events (the operational events' check for subscribers), so
// that its reads do not start the TTL in which other nodes' changes are
// not seen.
func (c *Cache) Lookup(ctx context.Context, tenant string) ([]*herald.Endpoint, error) {
	if e, ok := c.tenants.Peek(tenant); ok && c.now().Before(e.until) {
		return e.v, nil
	}
	return c.read(ctx, tenant)
}

// read reads a tenant's endpoints that are not disabled from the store.
func (c *Cache) read(ctx context.Context, tenant string) ([]*herald.Endpoint, error) {
	var eps []*herald.Endpoint
	page := store.Page{Limit: store.MaxPageLimit}
	for {
		batch, next, err := c.store.FindEndpoints(ctx, store.EndpointFilter{TenantID: tenant, EnabledOnly: true, Page: page})
		if err != nil {
			return nil, err
		}
		eps = append(eps, batch...)
		if next == "" {
			return eps, nil
		}
		page.Cursor = next
	}
}

// Invalidate forgets an endpoint and its tenant's set, after a change.
func (c *Cache) Invalidate(tenantID, endpointID string) {
	c.gen("endpoint " + endpointID).Add(1)
	c.gen("tenant " + tenantID).Add(1)
	c.byID.Remove(endpointID)
	c.tenants.Remove(tenantID)
	c.loading.Forget(tenantID) // a read begun before the change is not shared after it
}

// InvalidateTenant forgets a tenant's set and each of its endpoints, after
// a change to the tenant (its callback secret signs some of them). It
// walks the whole cache, which is bounded, for a change that is rare.
func (c *Cache) InvalidateTenant(tenantID string) {
	for i := range c.gens {
		c.gens[i].Add(1) // its endpoints' reads under way too, whatever their ids
	}
	c.tenants.Remove(tenantID)
	c.loading.Forget(tenantID)
	for _, id := range c.byID.Keys() {
		if e, ok := c.byID.Peek(id); ok && e.v.TenantID == tenantID {
			c.byID.Remove(id)
		}
	}
}
