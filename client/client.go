// Package client is a Go client for Herald's API, for platforms that report
// events and jobs to Herald and manage their customers' endpoints.
//
//	c := client.New("http://127.0.0.1:8080", os.Getenv("HERALD_KEY"))
//	job, err := c.CreateJob(ctx, "acme", client.JobInput{Type: "image.generation", CallbackURL: url})
//	...
//	job, err = c.ReportJob(ctx, "acme", job.ID, client.JobReport{Status: herald.JobCompleted, Result: result})
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/header"
	"github.com/heraldhq/herald/ratelimit"
	"github.com/heraldhq/herald/retry"
)

// Client calls one Herald server with one API key. It is safe for
// concurrent use.
type Client struct {
	base string
	key  string
	http *http.Client
}

// New returns a Client for the server at baseURL (such as
// "http://127.0.0.1:8080") using key.
func New(baseURL, key string) *Client {
	return &Client{base: strings.TrimSuffix(baseURL, "/"), key: key, http: &http.Client{Timeout: 30 * time.Second}}
}

// WithHTTPClient returns a copy of c that makes its requests with hc.
func (c *Client) WithHTTPClient(hc *http.Client) *Client {
	cp := *c
	cp.http = hc
	return &cp
}

// Error is an error answer of the API.
type Error struct {
	Status  int         // the HTTP status
	Code    herald.Code // such as herald.EINVALID
	Message string      // what was wrong, and how to fix it
}

func (e *Error) Error() string {
	return fmt.Sprintf("herald: %d %s: %s", e.Status, e.Code, e.Message)
}

// IsCode reports whether err is an API error with that code.
func IsCode(err error, code herald.Code) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == code
}

func (c *Client) do(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.key)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		var e struct {
			Error struct {
				Code    herald.Code `json:"code"`
				Message string      `json:"message"`
			} `json:"error"`
		}
		_ = json.Unmarshal(raw, &e)
		return &Error{Status: resp.StatusCode, Code: e.Error.Code, Message: e.Error.Message}
	}
	if out == nil || len(raw) == 0 {
		return nil
	}
	return json.Unmarshal(raw, out)
}

// Raw calls any route of the API with body (nil: none) and returns its
// answer as the API wrote it (nil for 204): for callers, such as the
// herald command, that pass the API's JSON on unchanged.
func (c *Client) Raw(ctx context.Context, method, path string, body any) (json.RawMessage, error) {
	var out json.RawMessage
	return out, c.do(ctx, method, path, body, &out)
}

func path(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteByte('/')
		b.WriteString(url.PathEscape(p))
	}
	return b.String()
}

// TenantInput creates a tenant; ID is optional.
type TenantInput struct {
	ID            string `json:"id,omitempty"`
	Name          string `json:"name"`
	MaxEventTypes int    `json:"max_event_types,omitempty"`
}

// CreateTenant creates a tenant (admin key).
func (c *Client) CreateTenant(ctx context.Context, in TenantInput) (*herald.Tenant, error) {
	var t herald.Tenant
	return &t, c.do(ctx, "POST", "/v1/tenants", in, &t)
}

// TenantCallbackSecret is a tenant with its callback secret, which only a
// rotation shows.
type TenantCallbackSecret struct {
	herald.Tenant
	CallbackSecret string `json:"callback_secret"`
	// CallbackPreviousSecretExpiresAt is when the secret it replaced stops
	// signing; nil on the first rotation.
	CallbackPreviousSecretExpiresAt *time.Time `json:"callback_previous_secret_expires_at"`
}

// RotateCallbackSecret makes the tenant's callback secret (the first, or
// the next), which signs its jobs' callbacks that bring no secret of their
// own; the old one keeps signing for grace (0: the server's default).
func (c *Client) RotateCallbackSecret(ctx context.Context, tenant string, grace time.Duration) (*TenantCallbackSecret, error) {
	var in any
	if grace > 0 {
		in = map[string]string{"grace_period": grace.String()}
	}
	var t TenantCallbackSecret
	return &t, c.do(ctx, "POST", path("v1", "tenants", tenant, "rotate-callback-secret"), in, &t)
}

// KeyInput makes a tenant's API key: Role is herald.RoleTenant when empty,
// or herald.RolePortal or herald.RoleReadOnly.
type KeyInput struct {
	Name string      `json:"name"`
	Role herald.Role `json:"role,omitempty"`
}

// CreatedKey is a new key with its secret value, which only this answer
// shows.
type CreatedKey struct {
	herald.APIKey
	Key string `json:"key"`
}

// CreateKey makes an API key of a tenant (admin key).
func (c *Client) CreateKey(ctx context.Context, tenant string, in KeyInput) (*CreatedKey, error) {
	var k CreatedKey
	return &k, c.do(ctx, "POST", path("v1", "tenants", tenant, "keys"), in, &k)
}

// ListKeys lists a tenant's API keys, without their secret values (admin
// key).
func (c *Client) ListKeys(ctx context.Context, tenant string) ([]herald.APIKey, error) {
	var page Page[herald.APIKey]
	return page.Data, c.do(ctx, "GET", path("v1", "tenants", tenant, "keys"), nil, &page)
}

// DeleteKey deletes a tenant's API key; it stops working at once on the
// node that deleted it, within seconds on the others (admin key).
func (c *Client) DeleteKey(ctx context.Context, tenant, id string) error {
	return c.do(ctx, "DELETE", path("v1", "tenants", tenant, "keys", id), nil, nil)
}

// PortalSessionInput asks for a portal session; zero fields take the
// server's defaults (role portal, lifetime 1 h).
type PortalSessionInput struct {
	Role     herald.Role `json:"role,omitempty"`     // herald.RolePortal or herald.RoleReadOnly
	Lifetime string      `json:"lifetime,omitempty"` // such as "30m"; at most the server's --portal-session-max
	Theme    string      `json:"theme,omitempty"`    // "light" or "dark"
	Name     string      `json:"name,omitempty"`     // the platform's name, for the dashboard's header
}

// PortalLink is a new session with its sign-in link, shown only once:
// hand URL to the customer (or frame it), and keep Token to yourself.
type PortalLink struct {
	herald.PortalSession
	Token string `json:"token"`
	URL   string `json:"url"`
}

// CreatePortalSession makes a sign-in link to the dashboard for a tenant's
// customer, good once, until the session ends.
func (c *Client) CreatePortalSession(ctx context.Context, tenant string, in PortalSessionInput) (*PortalLink, error) {
	var l PortalLink
	return &l, c.do(ctx, "POST", path("v1", "tenants", tenant, "portal-sessions"), in, &l)
}

// ListPortalSessions lists a tenant's portal sessions, newest first.
func (c *Client) ListPortalSessions(ctx context.Context, tenant string) ([]herald.PortalSession, error) {
	var page Page[herald.PortalSession]
	return page.Data, c.do(ctx, "GET", path("v1", "tenants", tenant, "portal-sessions"), nil, &page)
}

// RevokePortalSessions ends every portal session of a tenant now, and
// returns how many there were.
func (c *Client) RevokePortalSessions(ctx context.Context, tenant string) (int, error) {
	var out struct {
		Revoked int `json:"revoked"`
	}
	return out.Revoked, c.do(ctx, "POST", path("v1", "tenants", tenant, "portal-sessions", "revoke"), nil, &out)
}

// DeletePortalSession ends one portal session now.
func (c *Client) DeletePortalSession(ctx context.Context, tenant, id string) error {
	return c.do(ctx, "DELETE", path("v1", "tenants", tenant, "portal-sessions", id), nil, nil)
}

// KeepHeader is the value every answer shows for a static header (they
// carry credentials), and, sent back in UpdateEndpoint, keeps the value
// stored.
const KeepHeader = header.Masked

// EndpointInput creates or changes an endpoint; zero fields are left out.
// See docs/api.md for each field.
type EndpointInput struct {
	URL         string   `json:"url,omitempty"`
	Description string   `json:"description,omitempty"`
	EventTypes  []string `json:"event_types,omitempty"`
	Channels    []string `json:"channels,omitempty"`
	// Headers replaces the endpoint's static headers. Answers show their
	// values as KeepHeader; on UpdateEndpoint a header set to KeepHeader
	// keeps its stored value, so what was read may be sent back.
	Headers              map[string]string `json:"headers,omitempty"`
	RetryPolicy          *retry.Policy     `json:"retry_policy,omitempty"`
	Disabled             *bool             `json:"disabled,omitempty"`
	Paused               *bool             `json:"paused,omitempty"`
	Preset               string            `json:"preset,omitempty"`
	Format               string            `json:"format,omitempty"`
	Signature            string            `json:"signature,omitempty"`
	SignatureHeader      string            `json:"signature_header,omitempty"`
	BearerToken          string            `json:"bearer_token,omitempty"`
	PathSuffix           string            `json:"path_suffix,omitempty"`
	UserAgent            string            `json:"user_agent,omitempty"`
	DisableAfterFailures *int              `json:"disable_after_failures,omitempty"`
	// RateLimit bounds the requests sent to the endpoint, across nodes.
	RateLimit *ratelimit.Limit `json:"rate_limit,omitempty"`
	// Ordering "fifo" delivers one at a time, in acceptance order.
	Ordering string `json:"ordering,omitempty"`
	// SendTraceparent sends each attempt a W3C traceparent header.
	SendTraceparent *bool `json:"send_traceparent,omitempty"`
}

// EventTypeInput adds a type to the catalogue, or replaces what it says.
type EventTypeInput struct {
	Name        string            `json:"name"`
	Description string            `json:"description,omitempty"`
	Examples    []json.RawMessage `json:"examples,omitempty"`
	// Schema is the JSON Schema of the type's data; with Validate, events
	// that do not match it are refused at ingest.
	Schema json.RawMessage `json:"schema,omitempty"`
	// Schemas are other versions of the schema, by version name.
	Schemas  map[string]json.RawMessage `json:"schemas,omitempty"`
	Validate bool                       `json:"validate,omitempty"`
}

// CreateEventType adds or updates an event type (admin keys).
func (c *Client) CreateEventType(ctx context.Context, in EventTypeInput) (*herald.EventType, error) {
	var et herald.EventType
	return &et, c.do(ctx, "POST", path("v1", "event-types"), in, &et)
}

// Endpoint is an endpoint with its secret, which only creation and
// rotation show.
type Endpoint struct {
	herald.Endpoint
	Secret string `json:"secret"`
}

// CreateEndpoint creates an endpoint; the answer holds its signing secret.
func (c *Client) CreateEndpoint(ctx context.Context, tenant string, in EndpointInput) (*Endpoint, error) {
	var ep Endpoint
	return &ep, c.do(ctx, "POST", path("v1", "tenants", tenant, "endpoints"), in, &ep)
}

// UpdateEndpoint changes the fields set in in.
func (c *Client) UpdateEndpoint(ctx context.Context, tenant, id string, in EndpointInput) (*herald.Endpoint, error) {
	var ep herald.Endpoint
	return &ep, c.do(ctx, "PATCH", path("v1", "tenants", tenant, "endpoints", id), in, &ep)
}

// RotateSecret gives an endpoint a new secret; the old one keeps signing
// for grace (0: the server's default).
func (c *Client) RotateSecret(ctx context.Context, tenant, id string, grace time.Duration) (*Endpoint, error) {
	var in any
	if grace > 0 {
		in = map[string]string{"grace_period": grace.String()}
	}
	var ep Endpoint
	return &ep, c.do(ctx, "POST", path("v1", "tenants", tenant, "endpoints", id, "rotate-secret"), in, &ep)
}

// TestResult is the outcome of a test event.
type TestResult struct {
	EventID      string  `json:"event_id"`
	Succeeded    bool    `json:"succeeded"`
	StatusCode   int     `json:"status_code"`
	DurationMS   float64 `json:"duration_ms"`
	ResponseBody string  `json:"response_body"`
	Error        string  `json:"error"`
}

// TestEndpoint sends a webhook.test event to an endpoint now.
func (c *Client) TestEndpoint(ctx context.Context, tenant, id string) (*TestResult, error) {
	var r TestResult
	return &r, c.do(ctx, "POST", path("v1", "tenants", tenant, "endpoints", id, "test"), nil, &r)
}

// EventInput is an event to send; ID is optional (a repeated id delivers
// nothing again). Data must marshal to a JSON object.
type EventInput struct {
	ID       string   `json:"id,omitempty"`
	Type     string   `json:"type"`
	Data     any      `json:"data"`
	Channels []string `json:"channels,omitempty"`
}

// Event is an event with its deliveries: up to a page of them (250), and
// DeliveriesMore when it has more, which ListDeliveries with
// ListOptions{EventID: ...} pages through (DeliveriesURL is that list's
// path).
type Event struct {
	herald.Event
	Deliveries     []*herald.Delivery `json:"deliveries"`
	DeliveriesMore bool               `json:"deliveries_more"`
	DeliveriesURL  string             `json:"deliveries_url"`
}

// SendEvent stores an event and fans it out. When it returns, the event and
// its deliveries are on the server's disk.
func (c *Client) SendEvent(ctx context.Context, tenant string, in EventInput) (*Event, error) {
	var ev Event
	return &ev, c.do(ctx, "POST", path("v1", "tenants", tenant, "events"), in, &ev)
}

// BatchResult is the outcome of one event of a batch.
type BatchResult struct {
	ID          string   `json:"id"`
	Status      string   `json:"status"` // "accepted" or "duplicate"
	DeliveryIDs []string `json:"delivery_ids"`
}

// SendEvents stores up to 1,000 events in one request and one
// transaction: all or none.
func (c *Client) SendEvents(ctx context.Context, tenant string, in []EventInput) ([]BatchResult, error) {
	var out struct {
		Data []BatchResult `json:"data"`
	}
	err := c.do(ctx, "POST", path("v1", "tenants", tenant, "events", "batch"), map[string]any{"events": in}, &out)
	return out.Data, err
}

// JobInput creates a job. Callback holds the callback's delivery settings
// (a preset, a format, a retry policy, ...), without its URL.
type JobInput struct {
	ID          string         `json:"id,omitempty"`
	Type        string         `json:"type"`
	Input       any            `json:"input,omitempty"`
	Attributes  any            `json:"attributes,omitempty"`
	Channels    []string       `json:"channels,omitempty"`
	CallbackURL string         `json:"callback_url,omitempty"`
	Callback    *EndpointInput `json:"callback,omitempty"`
}

// withCallback asks for a job's document with its callback's state
// (Job.Callback), which the API adds only when asked.
const withCallback = "?include=callback"

// CreatedJob is the answer to CreateJob: the job with its callback's
// state, as from GetJob, and the secret that signs its callback.
type CreatedJob struct {
	herald.Job
	// CallbackSecret signs the job's callback (a whsec_ secret for the
	// Standard Webhooks or HMAC check); it is shown only in this answer,
	// for a new job whose callback is signed.
	CallbackSecret string `json:"callback_secret"`
}

// CreateJob creates a job and emits job.created.
func (c *Client) CreateJob(ctx context.Context, tenant string, in JobInput) (*CreatedJob, error) {
	var j CreatedJob
	return &j, c.do(ctx, "POST", path("v1", "tenants", tenant, "jobs")+withCallback, in, &j)
}

// JobReport is a status report about a job.
type JobReport struct {
	Status     string   `json:"status"`
	Progress   *float64 `json:"progress,omitempty"`
	Result     any      `json:"result,omitempty"`
	Error      any      `json:"error,omitempty"`
	Attributes any      `json:"attributes,omitempty"`
}

// ReportJob records a job's new status.
func (c *Client) ReportJob(ctx context.Context, tenant, id string, r JobReport) (*herald.Job, error) {
	var j herald.Job
	return &j, c.do(ctx, "POST", path("v1", "tenants", tenant, "jobs", id, "status")+withCallback, r, &j)
}

// GetJob returns a job's status document with its callback's state.
func (c *Client) GetJob(ctx context.Context, tenant, id string) (*herald.Job, error) {
	var j herald.Job
	return &j, c.do(ctx, "GET", path("v1", "tenants", tenant, "jobs", id)+withCallback, nil, &j)
}

// Delivery is a delivery with its attempts.
type Delivery struct {
	herald.Delivery
	AttemptLog []Attempt `json:"attempt_log"`
}

// Attempt is one attempt as the API shows it.
type Attempt struct {
	ID           string         `json:"id"`
	StartedAt    time.Time      `json:"started_at"`
	DurationMS   float64        `json:"duration_ms"`
	StatusCode   int            `json:"status_code"`
	ResponseBody string         `json:"response_body"`
	Error        string         `json:"error"`
	Trigger      herald.Trigger `json:"trigger"`
}

// GetDelivery returns a delivery with its attempts.
func (c *Client) GetDelivery(ctx context.Context, tenant, id string) (*Delivery, error) {
	var d Delivery
	return &d, c.do(ctx, "GET", path("v1", "tenants", tenant, "deliveries", id), nil, &d)
}

// RetryDelivery makes an attempt of a delivery now.
func (c *Client) RetryDelivery(ctx context.Context, tenant, id string) (*herald.Delivery, error) {
	var d herald.Delivery
	return &d, c.do(ctx, "POST", path("v1", "tenants", tenant, "deliveries", id, "retry"), nil, &d)
}

// ListOptions selects a page of a list, newest first, and filters it. A
// filter a list does not know is ignored.
type ListOptions struct {
	Limit  int    // 1 to 250; 0: the server's default (50)
	Cursor string // the NextCursor of the previous page
	// Filters: deliveries by Status, EndpointID, EventID, EventType and
	// the time they were made (Since included, Until excluded); events
	// by Type; jobs by Status.
	Status     string
	EndpointID string
	EventID    string
	EventType  string
	Type       string
	Since      time.Time
	Until      time.Time
}

func (o ListOptions) query() string {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	if o.Limit > 0 {
		q.Set("limit", fmt.Sprint(o.Limit))
	}
	set("cursor", o.Cursor)
	set("status", o.Status)
	set("endpoint_id", o.EndpointID)
	set("event_id", o.EventID)
	set("event_type", o.EventType)
	set("type", o.Type)
	if !o.Since.IsZero() {
		q.Set("since", o.Since.Format(time.RFC3339Nano))
	}
	if !o.Until.IsZero() {
		q.Set("until", o.Until.Format(time.RFC3339Nano))
	}
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

// Page is one page of a list; NextCursor is "" on the last.
type Page[T any] struct {
	Data       []T    `json:"data"`
	NextCursor string `json:"next_cursor"`
}

func list[T any](ctx context.Context, c *Client, p string, o ListOptions) (*Page[T], error) {
	var page Page[T]
	return &page, c.do(ctx, "GET", p+o.query(), nil, &page)
}

// ListTenants lists tenants (admin key).
func (c *Client) ListTenants(ctx context.Context, o ListOptions) (*Page[herald.Tenant], error) {
	return list[herald.Tenant](ctx, c, "/v1/tenants", o)
}

// ListEndpoints lists a tenant's endpoints.
func (c *Client) ListEndpoints(ctx context.Context, tenant string, o ListOptions) (*Page[herald.Endpoint], error) {
	return list[herald.Endpoint](ctx, c, path("v1", "tenants", tenant, "endpoints"), o)
}

// ListEvents lists a tenant's events.
func (c *Client) ListEvents(ctx context.Context, tenant string, o ListOptions) (*Page[herald.Event], error) {
	return list[herald.Event](ctx, c, path("v1", "tenants", tenant, "events"), o)
}

// ListDeliveries lists a tenant's deliveries.
func (c *Client) ListDeliveries(ctx context.Context, tenant string, o ListOptions) (*Page[herald.Delivery], error) {
	return list[herald.Delivery](ctx, c, path("v1", "tenants", tenant, "deliveries"), o)
}

// ListJobs lists a tenant's jobs.
func (c *Client) ListJobs(ctx context.Context, tenant string, o ListOptions) (*Page[herald.Job], error) {
	return list[herald.Job](ctx, c, path("v1", "tenants", tenant, "jobs"), o)
}
