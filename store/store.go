// Package store defines the storage seam of Herald: one interface that every
// backend (sqlite, and postgres for several nodes on one database)
// implements, and that storetest checks each of them against.
//
// Correctness must never depend on one process holding a lock in memory:
// deliveries are owned through leases in the database, so several Herald
// nodes can share a store.
package store

import (
	"context"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/health"
	"github.com/heraldhq/herald/ratelimit"
	"github.com/heraldhq/herald/retry"
	"github.com/heraldhq/herald/sigscheme"
)

// Store is everything Herald keeps. Methods that find one resource return an
// *herald.Error with code ENOTFOUND when it does not exist. A tenantID
// argument scopes the lookup: a resource of another tenant is not found.
type Store interface {
	CreateTenant(ctx context.Context, t *herald.Tenant) error
	FindTenantByID(ctx context.Context, id string) (*herald.Tenant, error)
	FindTenants(ctx context.Context, page Page) ([]*herald.Tenant, string, error)
	UpdateTenant(ctx context.Context, id string, upd TenantUpdate) (*herald.Tenant, error)
	// DeleteTenant removes a tenant with its keys, endpoints, events,
	// deliveries and attempts.
	DeleteTenant(ctx context.Context, id string) error
	// RotateTenantCallbackSecret makes secret the tenant's callback secret
	// and keeps the one it had (if any) signing until previousUntil.
	RotateTenantCallbackSecret(ctx context.Context, id, secret string, previousUntil time.Time) (*herald.Tenant, error)

	CreateAPIKey(ctx context.Context, k *herald.APIKey) error
	FindAPIKeyByHash(ctx context.Context, hash []byte) (*herald.APIKey, error)
	FindAPIKeys(ctx context.Context, tenantID string) ([]*herald.APIKey, error)
	DeleteAPIKey(ctx context.Context, tenantID, id string) error
	// FindPortalSessions lists a tenant's portal sessions (keys with
	// Session set), newest first; FindAPIKeys and DeleteAPIKey leave them
	// out.
	FindPortalSessions(ctx context.Context, tenantID string) ([]*herald.APIKey, error)
	// ExchangePortalLink uses a portal session's sign-in link once: the
	// session whose LinkHash is linkHash, unexpired at now, takes keyHash
	// as its Hash and loses its LinkHash, atomically. ENOTFOUND when no
	// such session is left (used, expired, revoked, never made).
	ExchangePortalLink(ctx context.Context, linkHash, keyHash []byte, now time.Time) (*herald.APIKey, error)
	// DeletePortalSessions ends a tenant's portal session id, or every one
	// when id is "", and returns the ids it ended (ENOTFOUND for an id
	// the tenant has no session of).
	DeletePortalSessions(ctx context.Context, tenantID, id string) ([]string, error)
	// CountAPIKeys counts every key, admin or not, so that the first start
	// of an empty store can make the admin key.
	CountAPIKeys(ctx context.Context) (int, error)

	// CreateEventType adds a type to the catalogue or updates its
	// description.
	CreateEventType(ctx context.Context, et *herald.EventType) error
	FindEventTypes(ctx context.Context) ([]*herald.EventType, error)

	CreateEndpoint(ctx context.Context, ep *herald.Endpoint) error
	// FindEndpointByID finds an endpoint of a tenant, not counting jobs'
	// callback endpoints; tenantID "" finds any endpoint, callbacks
	// included (the engine's view), with a TenantSecret callback's secrets
	// taken from its tenant.
	FindEndpointByID(ctx context.Context, tenantID, id string) (*herald.Endpoint, error)
	FindEndpoints(ctx context.Context, f EndpointFilter) ([]*herald.Endpoint, string, error)
	// UpdateEndpoint changes the fields set in upd. Disabling or pausing an
	// endpoint pauses its pending deliveries; enabling or unpausing it (when
	// it is then neither) makes them due at once.
	UpdateEndpoint(ctx context.Context, tenantID, id string, upd EndpointUpdate) (*herald.Endpoint, error)
	// DeleteEndpoint removes an endpoint with its deliveries and attempts.
	DeleteEndpoint(ctx context.Context, tenantID, id string) error
	// RotateEndpointSecret makes secret the signing secret and keeps the old
	// one signing until previousUntil.
	RotateEndpointSecret(ctx context.Context, tenantID, id, secret string, previousUntil time.Time) (*herald.Endpoint, error)

	// CreateEvents stores events and their deliveries in one transaction:
	// when it returns nil, all of them are durable. An event whose id its
	// tenant already has is skipped with its deliveries, and created[i] is
	// false for it.
	CreateEvents(ctx context.Context, evs []NewEvent) (created []bool, err error)
	// ExpandFanouts writes deliveries of deferred fan-outs (NewEvent.Defer),
	// oldest events first, at most x.Limit of them in one transaction, as
	// Expand decides, and returns the leased ones as tasks; more reports
	// that deferred deliveries are left.
	ExpandFanouts(ctx context.Context, x Expansion) (tasks []*Task, more bool, err error)
	FindEventByID(ctx context.Context, tenantID, id string) (*herald.Event, error)
	FindEvents(ctx context.Context, f EventFilter) ([]*herald.Event, string, error)

	// CreateJob stores a job, its callback's hidden endpoint (nil: none)
	// and its job.created event with deliveries, in one transaction. A job
	// id the tenant already has is a no-op, and created is false.
	CreateJob(ctx context.Context, job *herald.Job, callback *herald.Endpoint, created NewEvent) (bool, error)
	// UpdateJob applies upd to a job that has not finished. In the same
	// transaction it stores ev (when not nil; an event id the tenant
	// already has is skipped) and, if the job finishes now and has a
	// callback, the callback's delivery. A finished job fails with
	// ECONFLICT: terminal states are final.
	UpdateJob(ctx context.Context, tenantID, id string, upd herald.JobUpdate, ev *NewEvent, callback *herald.Delivery) (*herald.Job, error)
	// FindJobByID returns a job with its callback's state.
	FindJobByID(ctx context.Context, tenantID, id string) (*herald.Job, error)
	FindJobs(ctx context.Context, f JobFilter) ([]*herald.Job, string, error)

	FindDeliveryByID(ctx context.Context, tenantID, id string) (*herald.Delivery, error)
	FindDeliveries(ctx context.Context, f DeliveryFilter) ([]*herald.Delivery, string, error)
	// FindAttempts lists a delivery's attempts, oldest first.
	FindAttempts(ctx context.Context, deliveryID string) ([]*herald.Attempt, error)

	// ClaimDeliveries leases up to limit due deliveries to owner until
	// leaseUntil and returns them as tasks, earliest due first (then by
	// id). A delivery is due when it is pending and its next_attempt_at has
	// passed; a lease moves next_attempt_at to the lease's end, so a
	// delivery whose owner died becomes due again by itself. Deliveries to
	// the endpoints in skip are left alone (the claiming node holds all it
	// should of them), and their due backlogs cost a claim nothing: it
	// reads each other endpoint's queue only as far as it takes from it.
	ClaimDeliveries(ctx context.Context, owner string, now, leaseUntil time.Time, limit int, skip []string) ([]*Task, error)
	// AddEndpointStats adds rows (package health's rollup: per endpoint,
	// span and bucket, in health.Rollup's order) to the stored ones, in
	// one transaction. The engine adds the attempts it recorded, summed
	// over a few seconds.
	AddEndpointStats(ctx context.Context, rows []health.Row) error
	// FindEndpointStats reads an endpoint's health rollup: its rows of
	// span whose buckets start in [from, till), oldest first.
	FindEndpointStats(ctx context.Context, endpointID string, span time.Duration, from, till time.Time) ([]health.Row, error)
	// FindTenantStats sums the health rollup of a tenant's endpoints (job
	// callbacks included) per bucket: rows of span starting in
	// [from, till), oldest first, with no EndpointID.
	FindTenantStats(ctx context.Context, tenantID string, span time.Duration, from, till time.Time) ([]health.Row, error)
	// PurgeEndpointStats deletes up to limit rows of span whose buckets
	// started before before, and says how many it deleted.
	PurgeEndpointStats(ctx context.Context, span time.Duration, before time.Time, limit int) (int, error)
	// NextDueAt returns the earliest time a delivery not yet attempted
	// became due: the next_attempt_at of a pending delivery, or the
	// acceptance of an event whose deferred deliveries are not all written
	// (they are due from then, though no row holds them yet).
	NextDueAt(ctx context.Context) (time.Time, bool, error)
	// ExtendLeases moves owner's leases on ids to until. Deliveries that
	// owner no longer holds are left alone.
	ExtendLeases(ctx context.Context, owner string, ids []string, until time.Time) error
	// ReleaseLeases gives up owner's leases on ids (all of owner's when ids
	// is nil), making those deliveries due at at.
	ReleaseLeases(ctx context.Context, owner string, ids []string, at time.Time) error
	// CompleteAttempts records attempts and their consequences in one
	// transaction. A completion whose lease owner no longer holds the
	// delivery still records its attempt but leaves the delivery alone.
	// Each endpoint's count of failed deliveries in a row follows the
	// deliveries that end (a success resets it); an endpoint that reaches
	// its DisableAfterFailures is disabled. It returns the endpoints it
	// disabled, for any reason.
	CompleteAttempts(ctx context.Context, cs []Completion) ([]Disabled, error)
	// ReplayDeliveries makes an endpoint's failed deliveries created in
	// [since, until) due at now, and returns how many.
	ReplayDeliveries(ctx context.Context, tenantID, endpointID string, since, until, now time.Time) (int, error)
	// RequeueDelivery leases a delivery to owner for an attempt now (a
	// manual retry). It fails with ECONFLICT while an attempt is in flight.
	RequeueDelivery(ctx context.Context, tenantID, id, owner string, now, leaseUntil time.Time) (*Task, error)

	// TakeSendSlots decides how many of want requests may be sent now to
	// an endpoint limited to l, as ratelimit.Take decides on the
	// endpoint's stored state, and stores the outcome: atomically for
	// every node sharing the store, so that together they hold the
	// endpoint's limit.
	TakeSendSlots(ctx context.Context, endpointID string, l ratelimit.Limit, now time.Time, want int) (ratelimit.Decision, error)
	// PauseSends makes an endpoint limited to l send nothing before until
	// (ratelimit.Pause), on every node: a 429's Retry-After.
	PauseSends(ctx context.Context, endpointID string, l ratelimit.Limit, until time.Time) error
	// FindFIFOHead returns a tenant's FIFO endpoint's head (the delivery
	// due, leased or paused; nil when none is) and how many deliveries
	// wait behind it.
	FindFIFOHead(ctx context.Context, tenantID, endpointID string) (*herald.Delivery, int, error)

	// Purge deletes history older than before, at most limit events and
	// limit jobs per call: events created before it whose deliveries have
	// all ended (succeeded or failed), with those deliveries and their
	// attempts; and jobs that finished before it, with their callbacks,
	// once the callback's delivery has ended too. Nothing still to be
	// delivered is deleted. Callers repeat while a call purged its limit.
	Purge(ctx context.Context, before time.Time, limit int) (Purged, error)

	// Ping checks that the store answers and can commit a write now: a
	// store that reads but cannot write (a full disk) is not ready.
	Ping(ctx context.Context) error
	// ReadTenant and WriteTenants move tenants between stores
	// (tenantmove.go).
	TenantMover

	// UnavailableReason says, for an error one of this store's methods
	// returned, why storage cannot serve right now ("storage is full",
	// "the database is unreachable"), or "" when err is not such an outage
	// but, for instance, a bug. Callers answer outages 503, to be retried.
	UnavailableReason(err error) string
	Close() error
}

// Page selects a page of a list, newest first. Cursor is the opaque value a
// previous page returned; "" starts at the newest.
type Page struct {
	Limit  int
	Cursor string
}

// MaxPageLimit bounds Page.Limit; DefaultPageLimit is used when it is 0.
const (
	DefaultPageLimit = 50
	MaxPageLimit     = 250
)

// TenantUpdate holds the tenant fields to change; nil fields stay.
type TenantUpdate struct {
	Name          *string
	MaxEventTypes *int
}

// EndpointFilter selects a tenant's endpoints.
type EndpointFilter struct {
	TenantID string
	// EnabledOnly skips disabled endpoints (the fan-out's view).
	EnabledOnly bool
	// Unhealthy keeps only endpoints that need care: failing (failed
	// deliveries in a row), disabled or paused.
	Unhealthy bool
	// IDs, when not nil, keeps only these endpoints (none when empty).
	IDs []string
	Page
}

// EndpointUpdate holds the endpoint fields to change; nil fields stay.
type EndpointUpdate struct {
	URL         *string
	Description *string
	EventTypes  *[]string
	Channels    *[]string
	Headers     *map[string]string
	// SetRetryPolicy replaces the retry policy with RetryPolicy (nil: the
	// default), since a nil pointer alone cannot say "reset".
	SetRetryPolicy  bool
	RetryPolicy     *retry.Policy
	Disabled        *bool
	DisabledReason  *string
	Paused          *bool
	Signature       *string
	SignatureScheme **sigscheme.Scheme // *nil removes it
	SignatureHeader *string
	PathSuffix      *string
	UserAgent       *string
	BearerToken     *string // "" removes it
	Format          *string
	EnvelopeObject  *string
	APIVersion      *string
	// DisableAfterFailures: 0 never disables.
	DisableAfterFailures *int
	// SetRateLimit replaces the rate limit with RateLimit (nil: none).
	SetRateLimit bool
	RateLimit    *ratelimit.Limit
	// Ordering "" or herald.OrderingFIFO. Turning FIFO on orders the
	// deliveries made from then on; turning it off makes the waiting ones
	// due at once.
	Ordering *string
	// SendTraceparent turns the traceparent header of attempts on or off.
	SendTraceparent *bool
	// Settings holds the other settings to change, each under the name of
	// its field in herald.Endpoint, with its new value (of that field's
	// type; nil for a nil pointer): a setting kept in the settings column
	// (EndpointColumns) needs no field of its own here.
	Settings map[string]any
}

// EventFilter selects a tenant's events.
type EventFilter struct {
	TenantID string
	Type     string
	Page
}

// DeliveryFilter selects a tenant's deliveries.
type DeliveryFilter struct {
	TenantID   string
	EndpointID string
	EventID    string
	Status     herald.DeliveryStatus
	// After and Before bound the deliveries' creation: [After, Before),
	// each unset when zero.
	After, Before time.Time
	// EventType keeps the deliveries of events of this type. Its pages
	// go newest event first, and within an event by delivery id: the
	// order the index of events by type serves (EventTypeCursor).
	EventType string
	Page
}

// JobFilter selects a tenant's jobs.
type JobFilter struct {
	TenantID string
	Status   string
	Page
}

// Disabled is an endpoint that CompleteAttempts disabled.
type Disabled struct {
	TenantID   string
	EndpointID string
	Reason     string
	// At is when it was disabled (the endpoint's updated_at), which
	// names the disable among the endpoint's others.
	At time.Time
}

// Purged counts what one Purge call deleted.
type Purged struct {
	Events int
	Jobs   int
	// Sessions counts portal sessions that had ended before the cutoff.
	Sessions int
}

// NewEvent is an event to create with its deliveries.
type NewEvent struct {
	Event      *herald.Event
	Deliveries []*herald.Delivery
	// Defer stores the deliveries as a fan-out marker with the event, for
	// ExpandFanouts to write later, instead of writing each now.
	Defer bool
}

// Task is a leased delivery with what an attempt needs to know of its event.
type Task struct {
	DeliveryID string
	TenantID   string
	EndpointID string
	Attempts   int // attempts made so far
	Event      *herald.Event
	Trigger    herald.Trigger
	// Due is when the delivery became due: claims set it from the store;
	// the engine stamps the time it was handed a task without one.
	Due time.Time
}

// Completion is the outcome of one attempt (or of a decision not to
// attempt) as it is to be recorded.
type Completion struct {
	DeliveryID string
	EndpointID string
	Owner      string // the lease holder that made the attempt
	// Attempt is nil when no request was made (the endpoint was disabled).
	Attempt *herald.Attempt
	// Status is the delivery's new status: pending (retry at NextAttemptAt),
	// succeeded, failed, or paused.
	Status        herald.DeliveryStatus
	NextAttemptAt time.Time
	// DisableEndpoint, when not "", disables the delivery's endpoint with
	// this reason and pauses its other pending deliveries.
	DisableEndpoint string
	// Ordered says the endpoint is a FIFO one: a delivery that ends lets
	// the next one of the endpoint become due.
	Ordered bool
}
