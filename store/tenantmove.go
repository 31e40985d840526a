package store

import (
	"context"

	"github.com/heraldhq/herald"
)

// A tenant moves between installations (herald tenant export and import,
// package tenantfile) as a TenantState: read from one store in one read
// transaction, written into another in one write transaction, with every
// id kept, so that receivers see the same webhook-ids, keys keep
// authenticating and portal links keep signing in. Secrets travel in
// clear between the store and its caller, as FindEndpointByID gives them;
// each store seals them under its own key.

// TenantState is one tenant with what a move carries of it.
type TenantState struct {
	// Tenant holds its callback secrets in clear.
	Tenant *herald.Tenant
	// Keys are its API keys and portal sessions (Session set), as hashes.
	Keys []*herald.APIKey
	// Endpoints are its endpoints with their secrets, bearer tokens and
	// headers in clear, jobs' callback endpoints (JobID set) among them.
	Endpoints []*herald.Endpoint
	// Jobs are its jobs, each with its callback's endpoint and delivery
	// ids (Callback.EndpointID, Callback.DeliveryID).
	Jobs []*herald.Job
	// Events are the events the deliveries belong to.
	Events []*herald.Event
	// Deliveries are the deliveries read, those of each endpoint in
	// acceptance order. Ordered is set on one still in its FIFO
	// endpoint's queue: a write numbers those anew, in their order.
	Deliveries []*herald.Delivery
	// Deferred counts the tenant's events whose deferred fan-out is not
	// all written yet (NewEvent.Defer): deliveries no row holds yet,
	// which a read does not carry.
	Deferred int
}

// TenantRead says what ReadTenant reads of a tenant's history.
type TenantRead struct {
	// Statuses are the statuses of the deliveries to read, with their
	// events; no other events are read. A job's callback delivery is read
	// whatever its status, so that the job's document stays whole.
	Statuses []herald.DeliveryStatus
}

// TenantWrite is what WriteTenants writes, in one transaction.
type TenantWrite struct {
	// Tenants are created with everything they hold. Their deliveries
	// are written as they are: a caller clears leases first.
	Tenants []*TenantState
	// EventTypes are added to the catalogue where it has no type of the
	// name; the catalogue's own are left as they are.
	EventTypes []*herald.EventType
	// AdminKeys are added unless a key of the id or hash exists.
	AdminKeys []*herald.APIKey
}

// TenantMover is the part of a Store that moves tenants; Store embeds it.
type TenantMover interface {
	// ReadTenant reads tenant id's state as of one moment: the tenant,
	// its keys, its endpoints, its jobs, the deliveries r selects (and
	// its jobs' callback deliveries) with their events, and how many of
	// its fan-outs are unwritten. ENOTFOUND when there is no such tenant.
	ReadTenant(ctx context.Context, id string, r TenantRead) (*TenantState, error)
	// WriteTenants writes w in one transaction: all of it or nothing. A
	// tenant id, endpoint id, delivery id or key that exists already
	// fails it with ECONFLICT naming it.
	WriteTenants(ctx context.Context, w TenantWrite) error
}
