package intake

import (
	"context"
	"slices"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/tracing"
)

// birth is the state a delivery is born in.
type birth int

const (
	// bornDue: pending and due now, for the scheduler to claim.
	bornDue birth = iota
	// bornLeased: pending and leased to this node, handed to the engine
	// once committed; on the happy path nothing waits for a poll.
	bornLeased
	// bornPaused: its endpoint is paused; enabling it resumes the delivery.
	bornPaused
	// bornQueued: a FIFO endpoint's, numbered by the store and due when its
	// turn comes, so never leased at birth (the scheduler claims the head).
	bornQueued
)

// born decides the state of a delivery to ep. lease: the engine has room
// for the event's deliveries and the event's fan-out is written now (not
// deferred); saturated: ep holds its share of the engine's memory, so its
// new deliveries wait in the store rather than in memory.
func born(ep *herald.Endpoint, lease, saturated bool) birth {
	switch {
	case !ep.Active():
		return bornPaused
	case ep.Ordering == herald.OrderingFIFO:
		return bornQueued
	case lease && !saturated:
		return bornLeased
	}
	return bornDue
}

// planned is new events with their deliveries, built before the store
// commits them.
type planned struct {
	news []store.NewEvent
	// callback is a delivery of news[0] to a job's own callback, stored
	// apart from the event's matches.
	callback *herald.Delivery
	leased   bool // the engine made room: deliveries born leased are this node's
	reserved int  // room reserved in the engine
}

// plan matches events to their tenant's endpoints and builds the
// deliveries, each in the state born decides. Deliveries leased to this
// node at birth go straight to the engine once committed; when the engine
// has no room they are born due, for the scheduler.
func (in *Intake) plan(ctx context.Context, evs []*herald.Event, callback *herald.Endpoint) (*planned, error) {
	all, err := in.cfg.Endpoints.ForTenant(ctx, evs[0].TenantID)
	if err != nil {
		return nil, err
	}
	matched := make([][]*herald.Endpoint, len(evs))
	var activeIDs []string
	seen := make(map[string]bool)
	note := func(ep *herald.Endpoint) {
		if ep.Active() && !seen[ep.ID] {
			seen[ep.ID] = true
			activeIDs = append(activeIDs, ep.ID)
		}
	}
	for i, ev := range evs {
		for _, ep := range all {
			if herald.Matches(ep, ev) {
				matched[i] = append(matched[i], ep)
				note(ep)
			}
		}
	}
	if callback != nil {
		note(callback)
	}
	// An event with more deliveries than an acknowledgement waits for is
	// stored with them planned, and the engine writes them just after.
	// A FIFO endpoint's deliveries are numbered as they are written, so
	// an event that has one is written at once, whatever its fan-out.
	deferred := make([]bool, len(evs))
	for i := range evs {
		deferred[i] = len(matched[i]) > in.cfg.InlineDeliveries &&
			!slices.ContainsFunc(matched[i], func(ep *herald.Endpoint) bool { return ep.Ordering == herald.OrderingFIFO })
	}
	// Deliveries to endpoints that hold their share of the engine's memory
	// are born due, for the scheduler, like all of them when memory is full.
	saturated := in.cfg.Engine.Saturated(activeIDs)
	want := 0
	for i := range evs {
		for _, ep := range matched[i] {
			if born(ep, !deferred[i], saturated[ep.ID]) == bornLeased {
				want++
			}
		}
	}
	if callback != nil && born(callback, true, saturated[callback.ID]) == bornLeased {
		want++
	}
	now := evs[0].CreatedAt
	// The request's trace context goes with its events, for their attempts.
	if tp := tracing.TraceParent(ctx); tp != "" {
		for _, ev := range evs {
			ev.TraceParent = tp
		}
	}
	p := &planned{news: make([]store.NewEvent, len(evs))}
	p.leased = in.cfg.Engine.Reserve(want, false)
	owner, leaseEnd := "", now
	if p.leased {
		p.reserved = want
		owner, leaseEnd = in.cfg.Engine.NodeID(), in.cfg.Engine.LeaseUntil()
	}
	deliver := func(ev *herald.Event, ep *herald.Endpoint, lease bool) *herald.Delivery {
		return newDelivery(ev, ep, born(ep, lease && owner != "", saturated[ep.ID]), owner, leaseEnd)
	}
	for i, ev := range evs {
		ds := make([]*herald.Delivery, len(matched[i]))
		for j, ep := range matched[i] {
			ds[j] = deliver(ev, ep, !deferred[i])
		}
		p.news[i] = store.NewEvent{Event: ev, Deliveries: ds, Defer: deferred[i]}
	}
	if callback != nil {
		p.callback = deliver(evs[0], callback, true)
	}
	return p, nil
}

// newDelivery makes the delivery of ev to ep, born b; a leased one is
// owner's until leaseEnd.
func newDelivery(ev *herald.Event, ep *herald.Endpoint, b birth, owner string, leaseEnd time.Time) *herald.Delivery {
	now := ev.CreatedAt
	d := &herald.Delivery{
		ID: herald.NewID(herald.PrefixDelivery), TenantID: ev.TenantID, EventID: ev.ID, EndpointID: ep.ID,
		Status: herald.DeliveryPending, NextAttemptAt: &now, CreatedAt: now, UpdatedAt: now, EventType: ev.Type,
		Ordered: ep.Ordering == herald.OrderingFIFO, // a job's callback is never FIFO (the API refuses it)
	}
	switch b {
	case bornPaused:
		d.Status, d.NextAttemptAt = herald.DeliveryPaused, nil
	case bornQueued:
		d.NextAttemptAt = nil
	case bornLeased:
		d.LeaseOwner, d.NextAttemptAt = owner, &leaseEnd
	}
	return d
}

// deliveries counts the deliveries planned, for a commit's span.
func (p *planned) deliveries() int {
	n := 0
	for _, ne := range p.news {
		n += len(ne.Deliveries)
	}
	if p.callback != nil {
		n++
	}
	return n
}

// settle hands the engine the deliveries the store created (s.Created[i]:
// event i was new; s.Callback: the callback's delivery was stored) and
// gives back the room of the rest. s is zero when the store failed.
func (in *Intake) settle(p *planned, s Stored) {
	created := func(i int) bool { return i < len(s.Created) && s.Created[i] }
	for i, ne := range p.news {
		if created(i) && (ne.Defer || slices.ContainsFunc(ne.Deliveries, func(d *herald.Delivery) bool { return d.Ordered })) {
			in.cfg.Engine.Wake() // to write the deferred deliveries, or claim a FIFO endpoint's head
			break
		}
	}
	if !p.leased {
		return
	}
	var tasks []*store.Task
	task := func(ev *herald.Event, d *herald.Delivery) {
		if d.Status == herald.DeliveryPending && d.LeaseOwner != "" {
			tasks = append(tasks, &store.Task{DeliveryID: d.ID, TenantID: ev.TenantID, EndpointID: d.EndpointID, Event: ev, Trigger: herald.TriggerScheduled})
		}
	}
	for i, ne := range p.news {
		if created(i) {
			for _, d := range ne.Deliveries {
				task(ne.Event, d)
			}
		}
	}
	if p.callback != nil && s.Callback {
		task(p.news[0].Event, p.callback)
	}
	in.cfg.Engine.Unreserve(p.reserved - len(tasks))
	in.cfg.Engine.Dispatch(tasks)
	// The lease's end is an internal detail: answers show when the first
	// attempt was due.
	for _, ne := range p.news {
		for _, d := range ne.Deliveries {
			if d.Status == herald.DeliveryPending && !d.Ordered {
				d.NextAttemptAt = &ne.Event.CreatedAt
			}
		}
	}
}
