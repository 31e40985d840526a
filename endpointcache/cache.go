// Package endpointcache keeps one node's short-lived view of endpoints,
// shared by the API (which endpoints does a new event go to?) and the
// delivery engine (where, and how, does this attempt go?). Changes made
// through this node invalidate it at once; changes made on other nodes of
// the same store are seen within the TTL.
package endpointcache

import (
	"context"
	"sync"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
)

// maxEntries bounds each map; past it the map is emptied rather than
// tracked entry by entry: bounded memory beats a perfect hit rate.
const maxEntries = 100000

// Cache is safe for concurrent use. Endpoints it returns are shared and
// must not be modified.
type Cache struct {
	store store.Store
	ttl   time.Duration
	now   func() time.Time

	mu      sync.Mutex
	byID    map[string]entry[*herald.Endpoint]
	tenants map[string]entry[[]*herald.Endpoint]
}

type entry[T any] struct {
	v     T
	until time.Time
}

// New returns a Cache over s. ttl 0 means one second.
func New(s store.Store, ttl time.Duration, now func() time.Time) *Cache {
	if ttl <= 0 {
		ttl = time.Second
	}
	if now == nil {
		now = time.Now
	}
	return &Cache{store: s, ttl: ttl, now: now,
		byID: make(map[string]entry[*herald.Endpoint]), tenants: make(map[string]entry[[]*herald.Endpoint])}
}

// Get returns an endpoint of any tenant.
func (c *Cache) Get(ctx context.Context, id string) (*herald.Endpoint, error) {
	now := c.now()
	c.mu.Lock()
	e, ok := c.byID[id]
	c.mu.Unlock()
	if ok && now.Before(e.until) {
		return e.v, nil
	}
	ep, err := c.store.FindEndpointByID(ctx, "", id)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if len(c.byID) >= maxEntries {
		clear(c.byID)
	}
	c.byID[id] = entry[*herald.Endpoint]{ep, now.Add(c.ttl)}
	c.mu.Unlock()
	return ep, nil
}

// ForTenant returns a tenant's endpoints that are not disabled (paused ones
// included: they still collect deliveries).
func (c *Cache) ForTenant(ctx context.Context, tenant string) ([]*herald.Endpoint, error) {
	now := c.now()
	c.mu.Lock()
	e, ok := c.tenants[tenant]
	c.mu.Unlock()
	if ok && now.Before(e.until) {
		return e.v, nil
	}
	var eps []*herald.Endpoint
	page := store.Page{Limit: store.MaxPageLimit}
	for {
		batch, next, err := c.store.FindEndpoints(ctx, store.EndpointFilter{TenantID: tenant, EnabledOnly: true, Page: page})
		if err != nil {
			return nil, err
		}
		eps = append(eps, batch...)
		if next == "" {
			break
		}
		page.Cursor = next
	}
	c.mu.Lock()
	if len(c.tenants) >= maxEntries {
		clear(c.tenants)
	}
	c.tenants[tenant] = entry[[]*herald.Endpoint]{eps, now.Add(c.ttl)}
	c.mu.Unlock()
	return eps, nil
}

// Invalidate forgets an endpoint and its tenant's set, after a change.
func (c *Cache) Invalidate(tenantID, endpointID string) {
	c.mu.Lock()
	delete(c.byID, endpointID)
	delete(c.tenants, tenantID)
	c.mu.Unlock()
}

// InvalidateTenant forgets a tenant's set, after a change to the tenant.
func (c *Cache) InvalidateTenant(tenantID string) {
	c.mu.Lock()
	delete(c.tenants, tenantID)
	c.mu.Unlock()
}
