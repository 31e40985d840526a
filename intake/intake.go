// Package intake admits events: it matches them to their tenant's
// endpoints, plans their deliveries (leased to this node when the engine
// has room, due for the scheduler when not, paused for a paused endpoint),
// has them committed, and only then hands the leased ones to the engine.
// The HTTP handlers (package api) decode, authorise and answer; the
// operational-event emitter (package opevent) stores its events here too;
// the engine never calls back into either.
//
// The decision at its heart is birth: the state a delivery is born in.
package intake

import (
	"context"
	"errors"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/tracing"
)

// Engine is what intake needs of the delivery engine; *delivery.Engine
// implements it.
type Engine interface {
	NodeID() string
	// LeaseUntil is when a lease taken now ends.
	LeaseUntil() time.Time
	// Reserve makes room in memory for n deliveries about to be created
	// leased to this node; false: none was made, create them due.
	Reserve(n int, force bool) bool
	// Unreserve gives back room reserved for deliveries not created.
	Unreserve(n int)
	// Dispatch queues reserved, leased and committed deliveries.
	Dispatch(tasks []*store.Task)
	// Saturated reports which endpoints hold their share of the engine's
	// memory; their new deliveries are created due rather than leased.
	Saturated(endpointIDs []string) map[string]bool
	// Wake makes the engine look for due work now.
	Wake()
}

// Endpoints is where intake reads a tenant's endpoints;
// *endpointcache.Cache implements it.
type Endpoints interface {
	// ForTenant returns the tenant's endpoints that are not disabled.
	ForTenant(ctx context.Context, tenant string) ([]*herald.Endpoint, error)
	// InvalidateTenant forgets what is cached of the tenant's endpoints.
	InvalidateTenant(tenant string)
}

// Store is what intake needs of the store; store.Store implements it.
type Store interface {
	CreateEvents(ctx context.Context, evs []store.NewEvent) (created []bool, err error)
	RequeueDelivery(ctx context.Context, tenantID, id, owner string, now, leaseUntil time.Time) (*store.Task, error)
}

// Config configures an Intake.
type Config struct {
	Store     Store     // required
	Engine    Engine    // required
	Endpoints Endpoints // required
	// InlineDeliveries is the most deliveries an event's acknowledgement
	// waits for. An event that matches more endpoints is stored with its
	// planned deliveries as one fan-out marker, which the engine writes
	// in bounded chunks right after. Default 100.
	InlineDeliveries int
	// Tracer, when set, traces each commit. Nil: no spans.
	Tracer *tracing.Tracer
}

// Validate fills defaults and reports missing settings.
func (c *Config) Validate() error {
	if c.Store == nil || c.Engine == nil || c.Endpoints == nil {
		return errors.New("intake: Config.Store, Config.Engine and Config.Endpoints are required")
	}
	if c.InlineDeliveries <= 0 {
		c.InlineDeliveries = 100
	}
	return nil
}

// Intake admits events and hands their deliveries to the engine.
type Intake struct {
	cfg Config
}

// New returns an Intake.
func New(cfg Config) (*Intake, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Intake{cfg: cfg}, nil
}

// Accepted is what Accept stored: Created[i] tells whether event i was
// new (false: its tenant had its id already, and nothing was delivered),
// and Deliveries[i] are the deliveries made for it when it was.
type Accepted struct {
	Deliveries [][]*herald.Delivery
	Created    []bool
}

// Accept stores events of one tenant with their deliveries, in one
// transaction, and hands the leased ones to the engine. When it returns
// nil, every event and delivery is durable. It tries once more if a
// cached endpoint was deleted on another node meanwhile (the store
// answers ECONFLICT for a delivery to it).
func (in *Intake) Accept(ctx context.Context, evs []*herald.Event) (Accepted, error) {
	a, err := in.accept(ctx, evs)
	if herald.ErrorCode(err) == herald.ECONFLICT {
		in.cfg.Endpoints.InvalidateTenant(evs[0].TenantID)
		a, err = in.accept(ctx, evs)
	}
	return a, err
}

func (in *Intake) accept(ctx context.Context, evs []*herald.Event) (Accepted, error) {
	var news []store.NewEvent
	var created []bool
	err := in.Admit(ctx, evs, nil, func(ctx context.Context, b Batch) (Stored, error) {
		var err error
		news = b.Events
		created, err = in.cfg.Store.CreateEvents(ctx, b.Events)
		return Stored{Created: created}, err
	})
	if err != nil {
		return Accepted{}, err
	}
	a := Accepted{Deliveries: make([][]*herald.Delivery, len(evs)), Created: created}
	for i, ne := range news {
		if created[i] {
			a.Deliveries[i] = ne.Deliveries
		}
	}
	return a, nil
}

// Batch is what a commit stores: the new events with their deliveries,
// and the delivery to a job's callback (nil: none).
type Batch struct {
	Events   []store.NewEvent
	Callback *herald.Delivery
}

// Stored is what a commit stored: Created[i], whether Batch.Events[i] was
// new; Callback, whether the callback's delivery was stored.
type Stored struct {
	Created  []bool
	Callback bool
}

// Admit plans the deliveries of evs (of one tenant; none: commit alone
// runs), and of callback (a job's own endpoint; nil: none) with evs[0],
// runs commit, which stores them in one transaction, and once it returned
// nil hands the engine the deliveries leased to this node. commit's error
// is returned; on an error nothing is handed over and the engine's room is
// given back.
func (in *Intake) Admit(ctx context.Context, evs []*herald.Event, callback *herald.Endpoint, commit func(context.Context, Batch) (Stored, error)) error {
	if len(evs) == 0 {
		cctx, committed := in.cfg.Tracer.Commit(ctx, 0, 0)
		_, err := commit(cctx, Batch{})
		committed(err)
		return err
	}
	p, err := in.plan(ctx, evs, callback)
	if err != nil {
		return err
	}
	cctx, committed := in.cfg.Tracer.Commit(ctx, len(p.news), p.deliveries())
	stored, err := commit(cctx, Batch{Events: p.news, Callback: p.callback})
	committed(err)
	if err != nil {
		stored = Stored{}
	}
	in.settle(p, stored)
	return err
}

// Retry leases one delivery to this node for an attempt now, whatever its
// state (a manual retry), and hands it to the engine. A FIFO endpoint's
// delivery is not leased: it waits for its turn, and the engine is woken
// to look.
func (in *Intake) Retry(ctx context.Context, tenant, id string, now time.Time) error {
	if !in.cfg.Engine.Reserve(1, true) {
		return herald.Errorf(herald.EUNAVAILABLE, "the server is starting or shutting down; retry the request shortly, or on another node")
	}
	task, err := in.cfg.Store.RequeueDelivery(ctx, tenant, id, in.cfg.Engine.NodeID(), now, in.cfg.Engine.LeaseUntil())
	if err != nil || task == nil {
		in.cfg.Engine.Unreserve(1)
		if err != nil {
			return err
		}
		in.cfg.Engine.Wake()
		return nil
	}
	in.cfg.Engine.Dispatch([]*store.Task{task})
	return nil
}
