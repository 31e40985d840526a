package herald

import (
	"encoding/json"
	"time"

	"github.com/heraldhq/herald/ratelimit"
	"github.com/heraldhq/herald/retry"
	"github.com/heraldhq/herald/sigscheme"
)

// Tenant is a customer account of the platform. Every endpoint, event and
// delivery belongs to exactly one tenant, and a tenant's key sees nothing of
// any other tenant.
type Tenant struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// MaxEventTypes caps the event types one endpoint of the tenant may
	// subscribe to (LeapOCR allows 10); 0 means the server's limit.
	MaxEventTypes int `json:"max_event_types"`
	// CallbackSecret, once the tenant has one, signs the callbacks of its
	// jobs that bring no secret of their own (and are not ed25519), made
	// from then on: one secret for the platform to hand its customer,
	// rotatable like an endpoint's. After a rotation CallbackPreviousSecret
	// signs too, until CallbackPreviousSecretExpiresAt. Only a rotation's
	// answer shows the secret; CallbackSecretSet says there is one.
	CallbackSecret                  string    `json:"-"`
	CallbackPreviousSecret          string    `json:"-"`
	CallbackPreviousSecretExpiresAt time.Time `json:"-"`
	CallbackSecretSet               bool      `json:"callback_secret_set"`
	CreatedAt                       time.Time `json:"created_at"`
	UpdatedAt                       time.Time `json:"updated_at"`
}

// APIKey authorises calls to the API. Only a hash of the key is stored; the
// key itself is shown once, when it is made.
type APIKey struct {
	ID       string `json:"id"`
	TenantID string `json:"tenant_id,omitempty"` // empty: an admin key that sees every tenant
	Name     string `json:"name"`
	// Role says what the key may do (package access decides it per route):
	// RoleAdmin for the keys without a tenant, one of the others for a
	// tenant's.
	Role Role `json:"role"`
	// Hash is the SHA-256 of the key. The key is 256 random bits, so a fast
	// hash is enough: there is nothing to brute-force.
	Hash      []byte    `json:"-"`
	CreatedAt time.Time `json:"created_at"`
	// ExpiresAt, when set, is when the key stops working: a portal
	// session's end.
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
	// Session marks the key of a portal session, listed apart from the
	// tenant's keys and revoked with its sessions.
	Session bool `json:"-"`
	// LinkHash is the SHA-256 of a portal session's sign-in link until the
	// link is used (nil after: a link signs in once).
	LinkHash []byte `json:"-"`
	// EndpointIDs, when not empty, limits a portal session to these
	// endpoints of its tenant (package access says what that allows).
	EndpointIDs []string `json:"endpoint_ids,omitempty"`
}

// Admin reports whether k may act on every tenant.
func (k *APIKey) Admin() bool { return k.TenantID == "" }

// Expired reports whether k no longer works at now.
func (k *APIKey) Expired(now time.Time) bool { return k.ExpiresAt != nil && !now.Before(*k.ExpiresAt) }

// PortalSession is a portal session as the API shows it: a tenant's
// customer signed in through a link (the session's key and the link's
// token never appear after they are made).
type PortalSession struct {
	ID        string    `json:"id"`
	TenantID  string    `json:"tenant_id"`
	Role      Role      `json:"role"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
	// LinkUsed says whether its sign-in link was opened (once is all it
	// can be).
	LinkUsed bool `json:"link_used"`
	// EndpointIDs, when present, are the only endpoints it may see.
	EndpointIDs []string `json:"endpoint_ids,omitempty"`
}

// PortalSession is k, a portal session's key, as the API shows it.
func (k *APIKey) PortalSession() PortalSession {
	return PortalSession{ID: k.ID, TenantID: k.TenantID, Role: k.Role, CreatedAt: k.CreatedAt, ExpiresAt: *k.ExpiresAt, LinkUsed: k.LinkHash == nil,
		EndpointIDs: k.EndpointIDs}
}

// Role is what an API key may do.
type Role string

// Roles, from most to least. Their values are part of the public API.
const (
	// RoleAdmin may do everything, for every tenant.
	RoleAdmin Role = "admin"
	// RoleTenant may do everything under its tenant but manage its keys
	// and settings: send events, run jobs, manage endpoints, read all.
	RoleTenant Role = "tenant"
	// RolePortal is what a platform's customer manages: endpoints
	// (create, edit, pause, delete, test, rotate, replay), deliveries
	// (read, retry); events and jobs it may read only.
	RolePortal Role = "portal"
	// RoleReadOnly reads everything under its tenant and changes nothing.
	RoleReadOnly Role = "read-only"
)

// Roles lists the roles, from most to least.
var Roles = []Role{RoleAdmin, RoleTenant, RolePortal, RoleReadOnly}

// EventType is an entry in the catalogue of event types that endpoints can
// subscribe to.
type EventType struct {
	Name        string    `json:"name"`
	Description string    `json:"description"`
	CreatedAt   time.Time `json:"created_at"`
	// Examples are payloads of the type (JSON objects), shown to whoever
	// subscribes; the first is the data of a test event of the type.
	Examples []json.RawMessage `json:"examples,omitempty"`
	// Schema is the JSON Schema (draft 2020-12 unless it says otherwise)
	// that the type's data follows. Events of the type are checked against
	// it at ingest when Validate is set or the operator checks every type
	// (herald serve --validate-payloads); a payload that does not match is
	// refused, with nothing of its request stored.
	Schema json.RawMessage `json:"schema,omitempty"`
	// Schemas are earlier (or later) versions of the schema, by version
	// name: an event that names one with schema_version is checked
	// against it instead, so producers can move from one payload shape
	// to the next while both are in use.
	Schemas  map[string]json.RawMessage `json:"schemas,omitempty"`
	Validate bool                       `json:"validate"`
}

// Endpoint is a URL of a tenant's that receives webhooks, with what it wants
// to receive and how to deliver to it.
type Endpoint struct {
	ID          string            `json:"id"`
	TenantID    string            `json:"tenant_id"`
	URL         string            `json:"url"`
	Description string            `json:"description"`
	EventTypes  []string          `json:"event_types"` // empty: every type
	Channels    []string          `json:"channels"`    // see Matches
	Headers     map[string]string `json:"headers"`     // sent with every attempt
	// RetryPolicy is nil for the default policy.
	RetryPolicy *retry.Policy `json:"retry_policy"`
	// Disabled stops deliveries to the endpoint: events no longer go to it
	// and its pending deliveries wait, paused, until it is enabled again.
	Disabled       bool   `json:"disabled"`
	DisabledReason string `json:"disabled_reason"`
	// DisableAfterFailures disables the endpoint after that many failed
	// deliveries in a row (0: never); a success resets the count.
	DisableAfterFailures int `json:"disable_after_failures"`
	// ConsecutiveFailures is the current count of failed deliveries in a row.
	ConsecutiveFailures int `json:"consecutive_failures"`
	// Paused holds deliveries back but keeps collecting them, for a
	// receiver's maintenance window: events still make deliveries, which
	// all become due when the endpoint is unpaused.
	Paused bool `json:"paused"`

	// Secret signs every attempt. After a rotation PreviousSecret signs too,
	// until PreviousSecretExpiresAt, so receivers can switch without a gap.
	// Neither is ever rendered by the API except right after it is made.
	Secret                  string    `json:"-"`
	PreviousSecret          string    `json:"-"`
	PreviousSecretExpiresAt time.Time `json:"-"`

	// Format is the body's shape: FormatStandard (stored as "" by older
	// versions), FormatFlat, FormatEnvelope or FormatResource. Answers
	// show every setting with its default spelled out
	// (endpointspec.Settings.WithDefaults).
	Format string `json:"format"`
	// EnvelopeObject and APIVersion fill FormatEnvelope's "object" and
	// "api_version" (default "event" and "v1").
	EnvelopeObject string `json:"envelope_object"`
	APIVersion     string `json:"api_version"`
	// Signature is how requests are signed: SignatureStandard (or ""),
	// SignatureEd25519, SignatureHexHeader or SignatureNone.
	Signature string `json:"signature"`
	// SignatureScheme describes a SignatureHMAC endpoint's scheme.
	SignatureScheme *sigscheme.Scheme `json:"signature_scheme"`
	// PublicKey verifies a SignatureEd25519 endpoint's requests ("whpk_");
	// answers fill it in from the signing key, which stays in Secret.
	PublicKey string `json:"public_key,omitempty"`
	// SignatureHeader names the header of a SignatureHexHeader signature,
	// such as X-R2-Signature.
	SignatureHeader string `json:"signature_header"`
	// PathSuffix is appended to URL with exactly one slash between, as in
	// "a base URL, and we append /callback".
	PathSuffix string `json:"path_suffix"`
	// UserAgent replaces Herald's User-Agent, for receivers that expect
	// their provider's own.
	UserAgent string `json:"user_agent"`
	// BearerToken, when set, is sent as "Authorization: Bearer <token>".
	// Write-only: the API shows only BearerTokenSet.
	BearerToken    string `json:"-"`
	BearerTokenSet bool   `json:"bearer_token_set"`

	// RateLimit, when set, bounds the requests sent to the endpoint, across
	// every node sharing the store. Deliveries over it wait; waiting is
	// not an attempt and costs no retry.
	RateLimit *ratelimit.Limit `json:"rate_limit"`
	// Ordering is OrderingFIFO for an endpoint whose deliveries go one at
	// a time in the order their events were accepted, or "none" (stored
	// as "" by older versions).
	Ordering string `json:"ordering"`
	// SendTraceparent sends each attempt a W3C traceparent header naming
	// the attempt's span (with tracing on) or the trace context the event
	// came with, so that the receiver's work joins the trace. Off by
	// default: a header a strict receiver did not expect.
	SendTraceparent bool `json:"send_traceparent"`

	// JobID is set on the hidden endpoint that carries a job's own
	// callback. Such an endpoint is not listed and never matches events:
	// it receives only its job's terminal event.
	JobID string `json:"-"`
	// TenantSecret marks a job's callback endpoint that signs with its
	// tenant's callback secret: reads fill Secret and the previous secret
	// from the tenant, so a rotation of the tenant's secret reaches every
	// such callback at once, pending retries included.
	TenantSecret bool `json:"-"`

	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// OrderingFIFO is an endpoint's Ordering for first-in first-out delivery:
// one delivery at a time, in acceptance order, a failing one holding back
// the rest until it succeeds or its retries end.
const OrderingFIFO = "fifo"

// Body formats.
const (
	// FormatStandard is Standard Webhooks: {"type", "timestamp", "data"}.
	FormatStandard = "standard"
	// FormatFlat is one flat object: "event_type", "event_id" and
	// "timestamp", then the event's fields; for a job, its document with
	// "job_id", "completed_at" and "error_message" as well.
	FormatFlat = "flat"
	// FormatEnvelope is {"type", "object", "timestamp" (Unix ms),
	// "api_version", "data": {"object": <the resource>}}.
	FormatEnvelope = "envelope"
	// FormatResource is the bare resource: the event's data; for a job, its
	// status document as GET .../jobs/{job} shows it.
	FormatResource = "resource"
)

// Signature schemes.
const (
	// SignatureStandard is Standard Webhooks: webhook-signature with
	// "v1,<base64 HMAC-SHA256 of id.timestamp.body>", keyed by the decoded
	// secret, one per live secret during a rotation.
	SignatureStandard = "standard"
	// SignatureEd25519 is Standard Webhooks' asymmetric scheme:
	// webhook-signature with "v1a,<base64 Ed25519 signature of
	// id.timestamp.body>". Secret holds the "whsk_" signing key, which no
	// answer shows; receivers verify with its "whpk_" public key.
	SignatureEd25519 = "ed25519"
	// SignatureHexHeader is the lowercase hex HMAC-SHA256 of the raw body,
	// keyed by the secret string exactly as shown, in SignatureHeader. It
	// carries one signature, so a rotation takes effect at once.
	SignatureHexHeader = "hmac-sha256-hex"
	// SignatureHMAC signs as the endpoint's SignatureScheme describes
	// (GitHub's, Stripe's, Shopify's, Slack's, ... shapes), with the secret.
	// It carries one signature, so a rotation takes effect at once.
	SignatureHMAC = "hmac"
	// SignatureNone sends no signature.
	SignatureNone = "none"
)

// Active reports whether attempts may be made to the endpoint now.
func (e *Endpoint) Active() bool { return !e.Disabled && !e.Paused }

// Policy returns the endpoint's retry policy, or the default.
func (e *Endpoint) Policy() retry.Policy {
	if e.RetryPolicy != nil {
		return *e.RetryPolicy
	}
	return retry.Default()
}

// SigningSecrets returns the secrets that sign an attempt made at now: the
// current one first, then the previous one while its grace period lasts.
func (e *Endpoint) SigningSecrets(now time.Time) []string {
	s := []string{e.Secret}
	if e.PreviousSecret != "" && now.Before(e.PreviousSecretExpiresAt) {
		s = append(s, e.PreviousSecret)
	}
	return s
}

// Event is something that happened on the platform, reported by it to
// Herald once and delivered by Herald to every endpoint that matches it.
type Event struct {
	ID       string          `json:"id"`
	TenantID string          `json:"tenant_id"`
	Type     string          `json:"type"`
	Channels []string        `json:"channels"`
	Data     json.RawMessage `json:"data"` // always a JSON object
	// CreatedAt is when Herald accepted the event; it is the "timestamp" of
	// the webhook body and stays the same on every retry.
	CreatedAt time.Time `json:"created_at"`
	// TraceParent is the W3C trace context of the request that brought the
	// event ("" if none), kept so that its attempts, however much later,
	// join that request's trace (package tracing).
	TraceParent string `json:"-"`
}

// DeliveryStatus is where a delivery is in its life.
type DeliveryStatus string

// Delivery statuses.
const (
	DeliveryPending   DeliveryStatus = "pending"   // an attempt is due, running, or scheduled
	DeliverySucceeded DeliveryStatus = "succeeded" // the receiver answered 2xx
	DeliveryFailed    DeliveryStatus = "failed"    // given up: a final error or retries exhausted
	DeliveryPaused    DeliveryStatus = "paused"    // waiting for its endpoint to be enabled again
)

// Valid reports whether s is a known status.
func (s DeliveryStatus) Valid() bool {
	switch s {
	case DeliveryPending, DeliverySucceeded, DeliveryFailed, DeliveryPaused:
		return true
	}
	return false
}

// Delivery is one event on its way to one endpoint. It carries the same
// webhook-id (the event's id) on every attempt, so receivers can drop
// duplicates.
type Delivery struct {
	ID         string         `json:"id"`
	TenantID   string         `json:"tenant_id"`
	EventID    string         `json:"event_id"`
	EndpointID string         `json:"endpoint_id"`
	Status     DeliveryStatus `json:"status"`
	Attempts   int            `json:"attempts"`
	// NextAttemptAt is when the next attempt is due, while pending.
	NextAttemptAt  *time.Time `json:"next_attempt_at,omitempty"`
	LastStatusCode int        `json:"last_status_code,omitempty"`
	LastError      string     `json:"last_error,omitempty"`
	CreatedAt      time.Time  `json:"created_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
	// EventType is the type of its event, shown in lists so that a person
	// reads "order.paid", not an id; empty where a store did not read it.
	EventType string `json:"event_type,omitempty"`
	// LeaseOwner is the node that holds the delivery for an attempt, if any.
	LeaseOwner string `json:"-"`
	// Ordered marks a delivery to a FIFO endpoint as it is made: the store
	// numbers it in acceptance order, and it waits (pending, with no
	// NextAttemptAt) while an earlier one of its endpoint is unfinished.
	Ordered bool `json:"-"`
}

// Trigger says why an attempt was made.
type Trigger string

// Triggers.
const (
	TriggerScheduled Trigger = "scheduled" // the first attempt or a retry
	TriggerManual    Trigger = "manual"    // someone asked for it through the API
)

// Attempt is one HTTP request made for a delivery, and what came of it.
type Attempt struct {
	ID         string        `json:"id"`
	DeliveryID string        `json:"delivery_id"`
	StartedAt  time.Time     `json:"started_at"`
	Duration   time.Duration `json:"-"`
	StatusCode int           `json:"status_code,omitempty"`
	// ResponseBody is the start of the receiver's answer, cut at
	// MaxStoredResponseBody bytes.
	ResponseBody string  `json:"response_body,omitempty"`
	Error        string  `json:"error,omitempty"`
	Trigger      Trigger `json:"trigger"`
	// Request is what was sent (nil for attempts recorded before Herald
	// kept it).
	Request *AttemptRequest `json:"request,omitempty"`
}

// AttemptRequest is an attempt's request as Herald keeps it: the URL, the
// headers with credentials masked, and the SHA-256 of the body. The body
// itself is not stored per attempt: it is rendered again from the event,
// and shown as sent when its SHA-256 is this one.
type AttemptRequest struct {
	URL        string            `json:"url"`
	Headers    map[string]string `json:"headers"`
	BodySHA256 string            `json:"body_sha256"`
}

// MaxStoredResponseBody is how much of a receiver's answer is kept per
// attempt: enough to read an error message, not enough to fill the disk.
const MaxStoredResponseBody = 4 << 10

// MarshalJSON renders the attempt with its duration in milliseconds.
func (a *Attempt) MarshalJSON() ([]byte, error) {
	type plain Attempt
	return json.Marshal(struct {
		*plain
		DurationMS float64 `json:"duration_ms"`
	}{(*plain)(a), float64(a.Duration.Microseconds()) / 1000})
}
