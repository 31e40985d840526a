package intake_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
)

// leaseEnd is when the fake engine's leases end.
var leaseEnd = time.Date(2026, 12, 7, 12, 0, 30, 0, time.UTC)

// fakeStore keeps events and deliveries in memory as a store does: an id
// its tenant has already is skipped, a delivery to an endpoint deleted is
// refused with ECONFLICT (the store's foreign key), a failure stores
// nothing.
type fakeStore struct {
	mu         sync.Mutex
	events     map[string]store.NewEvent // by tenant/id
	deliveries map[string]*herald.Delivery
	deleted    map[string]bool // endpoint ids
	fail       error           // the next commit fails with it
	commits    int
}

func newFakeStore() *fakeStore {
	return &fakeStore{events: map[string]store.NewEvent{}, deliveries: map[string]*herald.Delivery{}, deleted: map[string]bool{}}
}

func (s *fakeStore) CreateEvents(_ context.Context, evs []store.NewEvent) ([]bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.commits++
	if err := s.fail; err != nil {
		s.fail = nil
		return nil, err
	}
	created := make([]bool, len(evs))
	for i, ne := range evs {
		if _, ok := s.events[ne.Event.TenantID+"/"+ne.Event.ID]; ok {
			continue
		}
		for _, d := range ne.Deliveries {
			if s.deleted[d.EndpointID] {
				return nil, herald.Errorf(herald.ECONFLICT, "endpoint %q was deleted", d.EndpointID)
			}
		}
		created[i] = true
	}
	for i, ne := range evs {
		if created[i] {
			s.keep(ne)
		}
	}
	return created, nil
}

// keep stores ne, its deliveries copied (the caller may change its own).
func (s *fakeStore) keep(ne store.NewEvent) {
	s.events[ne.Event.TenantID+"/"+ne.Event.ID] = ne
	for _, d := range ne.Deliveries {
		c := *d
		s.deliveries[d.ID] = &c
	}
}

func (s *fakeStore) RequeueDelivery(_ context.Context, tenant, id, owner string, now, until time.Time) (*store.Task, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.deliveries[id]
	if d == nil || d.TenantID != tenant {
		return nil, herald.Errorf(herald.ENOTFOUND, "delivery %q does not exist", id)
	}
	d.Status = herald.DeliveryPending
	if d.Ordered {
		d.NextAttemptAt = &now // its turn comes when the head's ends
		return nil, nil
	}
	d.LeaseOwner, d.NextAttemptAt = owner, &until
	return &store.Task{DeliveryID: d.ID, TenantID: tenant, EndpointID: d.EndpointID, Trigger: herald.TriggerManual}, nil
}

// delivery returns the stored copy of a delivery, or nil.
func (s *fakeStore) delivery(id string) *herald.Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.deliveries[id]
}

func (s *fakeStore) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.deliveries)
}

// fakeEngine holds at most max deliveries in memory, as the engine does,
// and refuses, as a failed test, a delivery handed to it that is not
// committed leased to it: the engine would attempt a delivery a crash
// could lose, or one another node may claim.
type fakeEngine struct {
	t     *testing.T
	store *fakeStore

	mu         sync.Mutex
	max, held  int
	stopped    bool
	saturated  map[string]bool
	dispatched []*store.Task
	wakes      int
}

func newFakeEngine(t *testing.T, s *fakeStore, max int) *fakeEngine {
	return &fakeEngine{t: t, store: s, max: max, saturated: map[string]bool{}}
}

func (e *fakeEngine) NodeID() string        { return "node-1" }
func (e *fakeEngine) LeaseUntil() time.Time { return leaseEnd }

func (e *fakeEngine) Reserve(n int, force bool) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.stopped || (!force && e.held+n > e.max) {
		return false
	}
	e.held += n
	return true
}

func (e *fakeEngine) Unreserve(n int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.held -= n
	if e.held < 0 || n < 0 {
		e.t.Errorf("Unreserve(%d) leaves %d held: more given back than reserved", n, e.held)
	}
}

func (e *fakeEngine) Dispatch(tasks []*store.Task) {
	for _, task := range tasks {
		d := e.store.delivery(task.DeliveryID)
		if d == nil || d.LeaseOwner != e.NodeID() || d.Status != herald.DeliveryPending {
			e.t.Errorf("delivery %s dispatched but not committed leased to this node (stored: %+v)", task.DeliveryID, d)
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.dispatched = append(e.dispatched, tasks...)
}

func (e *fakeEngine) Saturated(ids []string) map[string]bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := map[string]bool{}
	for _, id := range ids {
		if e.saturated[id] {
			out[id] = true
		}
	}
	return out
}

func (e *fakeEngine) Wake() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.wakes++
}

// state returns what the engine holds: room reserved (dispatched
// deliveries included), the ids dispatched, and wakes.
func (e *fakeEngine) state() (held int, dispatched []string, wakes int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, task := range e.dispatched {
		dispatched = append(dispatched, task.DeliveryID)
	}
	slices.Sort(dispatched)
	return e.held, dispatched, e.wakes
}

// fakeEndpoints is a cache of each tenant's endpoints that stays as it was
// read until invalidated, as the node's endpoint cache does within its TTL.
type fakeEndpoints struct {
	mu          sync.Mutex
	truth       map[string][]*herald.Endpoint
	cached      map[string][]*herald.Endpoint
	invalidated int
}

func newFakeEndpoints(eps ...*herald.Endpoint) *fakeEndpoints {
	f := &fakeEndpoints{truth: map[string][]*herald.Endpoint{}, cached: map[string][]*herald.Endpoint{}}
	for _, ep := range eps {
		f.truth[ep.TenantID] = append(f.truth[ep.TenantID], ep)
	}
	return f
}

func (f *fakeEndpoints) ForTenant(_ context.Context, tenant string) ([]*herald.Endpoint, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if eps, ok := f.cached[tenant]; ok {
		return eps, nil
	}
	var eps []*herald.Endpoint
	for _, ep := range f.truth[tenant] {
		if !ep.Disabled {
			eps = append(eps, ep)
		}
	}
	f.cached[tenant] = eps
	return eps, nil
}

func (f *fakeEndpoints) InvalidateTenant(tenant string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.invalidated++
	delete(f.cached, tenant)
}

// remove deletes an endpoint (on "another node": the cache still has it).
func (f *fakeEndpoints) remove(s *fakeStore, id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for tenant, eps := range f.truth {
		f.truth[tenant] = slices.DeleteFunc(eps, func(ep *herald.Endpoint) bool { return ep.ID == id })
	}
	s.mu.Lock()
	s.deleted[id] = true
	s.mu.Unlock()
}
