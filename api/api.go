// Package api is Herald's REST API under /v1: JSON in and out, a bearer key
// on every call, one wrapper that authenticates, decodes and maps errors,
// so handlers never pick an HTTP status for an error by hand.
package api

import (
	"context"
	_ "embed" // the OpenAPI document
	"encoding/json"
	"errors"
	"log/slog"
	"math"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/access"
	"github.com/heraldhq/herald/clientip"
	"github.com/heraldhq/herald/egress"
	"github.com/heraldhq/herald/endpointcache"
	"github.com/heraldhq/herald/intake"
	"github.com/heraldhq/herald/portal"
	"github.com/heraldhq/herald/ratelog"
	"github.com/heraldhq/herald/schema"
	"github.com/heraldhq/herald/sender"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/throttle"
	"github.com/heraldhq/herald/tracing"
)

// Engine is what the API tells the delivery engine directly, after an
// endpoint's change; work goes to it through the intake (Config.Intake).
// *delivery.Engine implements it.
type Engine interface {
	// Wake makes the engine look for due work now, for instance after an
	// endpoint is enabled again.
	Wake()
	// Release lets an endpoint's deliveries held back in memory (by its
	// rate limit or a Retry-After) go now: its settings changed.
	Release(endpointID string)
}

// Reports emits operational events; *emitter.Emitter implements it.
type Reports interface {
	// Endpoint emits the endpoint.* event typ about ep, at at.
	Endpoint(typ string, ep *herald.Endpoint, reason string, at time.Time)
}

// Sender makes one attempt; *sender.Sender is the real one.
type Sender interface {
	Send(ctx context.Context, r sender.Request) sender.Result
}

// Config configures a Server.
type Config struct {
	Store  store.Store // required
	Engine Engine      // required
	// Intake admits events and jobs' events with their deliveries, and
	// manual retries, for the engine. Required.
	Intake *intake.Intake
	// Reports emits the operational events of the endpoint changes the
	// API makes (package opevent/emitter). Required.
	Reports Reports
	// Guard checks endpoint URLs when they are saved. Required.
	Guard *egress.Guard
	// Sender makes test attempts (POST .../endpoints/{endpoint}/test).
	// Required.
	Sender Sender
	// MaxPayloadBytes bounds the body of POST .../events. Default 256 KiB.
	MaxPayloadBytes int64
	// RequestTimeout bounds each API request. Default 30 s.
	RequestTimeout time.Duration
	// SecretGracePeriod is how long a rotated-out signing secret keeps
	// signing when the request names no grace period. Default 24 h.
	SecretGracePeriod time.Duration
	// KeyCacheTTL is how long a checked API key is trusted without asking
	// the store again. Default 2 s.
	KeyCacheTTL time.Duration
	// Endpoints is the node's endpoint cache, shared with the engine.
	// Required.
	Endpoints *endpointcache.Cache
	Logger    *slog.Logger
	Now       func() time.Time
	// Metrics, when set, receives the API's Prometheus series.
	Metrics prometheus.Registerer
	// MaxAuthFailures is how many failed authentications one client
	// address may make in a minute before further failures answer 429
	// with Retry-After instead of 401. Valid keys are never held back.
	// Default 30.
	MaxAuthFailures int
	// PortalSessionMax bounds the lifetime of a portal session. Default
	// 7 days.
	PortalSessionMax time.Duration
	// PublicURL is the address browsers reach this server at, for the
	// links of portal sessions. Never taken from a request (its Host is
	// the client's to choose); empty, the API makes no portal sessions.
	PublicURL string
	// ValidatePayloads checks the data of every event whose type has a
	// schema against it, whether or not the type asks for it.
	ValidatePayloads bool
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client (package clientip), for the authentication throttle and
	// the logs; none: the connection's peer is the client.
	TrustedProxies []netip.Prefix
	// Tracer, when set, traces API requests and store commits, and the
	// trace context it stores with each event parents its attempts'
	// spans. Nil: tracing off (a caller's traceparent is still stored,
	// for the endpoints that pass it on).
	Tracer *tracing.Tracer
}

// Validate fills defaults and reports missing settings.
func (c *Config) Validate() error {
	if c.Store == nil || c.Engine == nil || c.Intake == nil || c.Reports == nil || c.Guard == nil || c.Endpoints == nil || c.Sender == nil {
		return errors.New("api: Config.Store, Config.Engine, Config.Intake, Config.Reports, Config.Guard, Config.Endpoints and Config.Sender are required")
	}
	if c.MaxPayloadBytes <= 0 {
		c.MaxPayloadBytes = 256 << 10
	}
	if c.RequestTimeout <= 0 {
		c.RequestTimeout = 30 * time.Second
	}
	if c.SecretGracePeriod <= 0 {
		c.SecretGracePeriod = 24 * time.Hour
	}
	if c.MaxAuthFailures <= 0 {
		c.MaxAuthFailures = 30
	}
	if c.PortalSessionMax <= 0 {
		c.PortalSessionMax = portal.DefaultMaxLifetime
	}
	c.PublicURL = strings.TrimSuffix(c.PublicURL, "/")
	if c.KeyCacheTTL <= 0 {
		c.KeyCacheTTL = 2 * time.Second
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return nil
}

// now is the API's clock, cut to the microsecond that stores keep, so that
// what a response shows and what a webhook body carries after a reload
// from the store are the same instant to the digit.
func (s *Server) now() time.Time { return s.cfg.Now().UTC().Truncate(time.Microsecond) }

// Server serves the API.
type Server struct {
	cfg  Config
	log  *slog.Logger
	keys *keyCache
	// accepted counts events stored, by how they came: event, batch, job.
	accepted *prometheus.CounterVec

	// logLimit bounds lines that a failure can repeat many times a second.
	logLimit *ratelog.Limiter
	// authFailures counts failed authentications per client address.
	authFailures *throttle.Limiter
	// rejected counts failed authentications: unauthorized (401) or
	// rate_limited (429).
	rejected *prometheus.CounterVec

	// schemas checks events' data against their types' schemas.
	schemas *schema.Catalog

	mux     *http.ServeMux
	handler http.Handler           // mux, traced when tracing is on
	routes  []string               // as registered, for Routes
	rules   map[string]access.Rule // what each route needs, for Roles
	ready   func(context.Context) error
}

// New returns a Server. ready, when not nil, backs /readyz beyond the store
// check (for instance: the engine is running).
func New(cfg Config, ready func(context.Context) error) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, log: cfg.Logger.With("component", "api"), mux: http.NewServeMux(), ready: ready, rules: map[string]access.Rule{}}
	s.keys = newKeyCache(cfg.Store, cfg.KeyCacheTTL, cfg.Now)
	s.logLimit = ratelog.New(10 * time.Second)
	s.authFailures = throttle.New(cfg.MaxAuthFailures, time.Minute)
	s.schemas = schema.NewCatalog(cfg.Store.FindEventTypes, cfg.ValidatePayloads, 0, cfg.Now)
	s.rejected = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "herald_auth_failures_total",
		Help: "Requests with no, a malformed or a wrong API key, by answer: unauthorized (401), or rate_limited (429) once a client address failed too often in a minute.",
	}, []string{"answer"})
	s.accepted = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "herald_events_accepted_total",
		Help: "Events stored (repeats of an id not counted), by how they came: event, batch, job.",
	}, []string{"source"})
	if cfg.Metrics != nil {
		cfg.Metrics.MustRegister(s.accepted, s.rejected)
	}

	s.register()
	s.handler = cfg.Tracer.Handler(s.mux)
	return s, nil
}

// ServeHTTP serves the API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Every answer, errors and the mux's own 404 and 405 included: a
	// browser must never read an answer as anything but its declared type
	// (a JSON error echoing input, sniffed as HTML, would be a script).
	w.Header().Set("X-Content-Type-Options", "nosniff")
	s.handler.ServeHTTP(w, r)
}

// Routes lists the API's routes as "METHOD /path/{param}" patterns, as
// registered: the OpenAPI document's test checks that it covers each.
func (s *Server) Routes() []string { return slices.Clone(s.routes) }

// Roles lists, for each route of Routes under /v1, the roles whose keys
// may call it on their own tenant, most first: the route × role table the
// OpenAPI document's x-herald-roles must state.
func (s *Server) Roles() map[string][]herald.Role {
	out := make(map[string][]herald.Role, len(s.rules))
	for p, r := range s.rules {
		out[p] = access.Roles(r.Need)
	}
	return out
}

// OpenAPI is the API's OpenAPI 3 document, served at GET /openapi.yaml.
//
//go:embed openapi.yaml
var OpenAPI []byte

func (s *Server) register() {
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	s.mux.HandleFunc("GET /readyz", s.readyz)
	s.mux.HandleFunc("GET /openapi.yaml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/yaml")
		_, _ = w.Write(OpenAPI)
	})
	s.routes = append(s.routes, "GET /healthz", "GET /readyz", "GET /openapi.yaml")

	// The route × role table: what each route needs (package access), on
	// a tenant's path or not. The OpenAPI document states the same per
	// operation (x-herald-roles), and a test checks both against the server.
	// A key limited to some endpoints (a portal session made for them)
	// reaches the routes marked so: a route names no scope when it reaches
	// beyond endpoints, and is refused to such a key.
	var (
		anyone         = access.Rule{Need: access.Anyone, Scope: access.Free}
		operate        = access.Rule{Need: access.Operate}
		read           = access.Rule{Need: access.Read, Tenant: true}
		readFree       = access.Rule{Need: access.Read, Tenant: true, Scope: access.Free}
		readEndpoint   = access.Rule{Need: access.Read, Tenant: true, Scope: access.EndpointPath}
		readFiltered   = access.Rule{Need: access.Read, Tenant: true, Scope: access.Filtered}
		manage         = access.Rule{Need: access.Manage, Tenant: true}
		manageEndpoint = access.Rule{Need: access.Manage, Tenant: true, Scope: access.EndpointPath}
		manageFiltered = access.Rule{Need: access.Manage, Tenant: true, Scope: access.Filtered}
		write          = access.Rule{Need: access.Write, Tenant: true}
		admin          = access.Rule{Need: access.Operate, Tenant: true}
	)
	s.handle("GET /v1/me", anyone, s.me)
	s.handle("DELETE /v1/me", anyone, s.signOut)
	s.handle("GET /v1/tenants", operate, s.listTenants)
	s.handle("POST /v1/tenants", operate, s.createTenant)
	s.handle("GET /v1/tenants/{tenant}", readFree, s.getTenant)
	s.handle("PATCH /v1/tenants/{tenant}", admin, s.updateTenant)
	s.handle("DELETE /v1/tenants/{tenant}", admin, s.deleteTenant)

	s.handle("POST /v1/tenants/{tenant}/rotate-callback-secret", write, s.rotateCallbackSecret)
	s.handle("GET /v1/tenants/{tenant}/keys", admin, s.listKeys)
	s.handle("POST /v1/tenants/{tenant}/keys", admin, s.createKey)
	s.handle("DELETE /v1/tenants/{tenant}/keys/{key}", admin, s.deleteKey)

	s.handle("GET /v1/event-types", anyone, s.listEventTypes)
	s.handle("POST /v1/event-types", operate, s.createEventType)

	s.handle("GET /v1/tenants/{tenant}/overview", read, s.tenantOverview)
	s.handle("GET /v1/tenants/{tenant}/endpoints", readFiltered, s.listEndpoints)
	s.handle("POST /v1/tenants/{tenant}/endpoints", manage, s.createEndpoint)
	s.handle("GET /v1/tenants/{tenant}/endpoints/{endpoint}", readEndpoint, s.getEndpoint)
	s.handle("PATCH /v1/tenants/{tenant}/endpoints/{endpoint}", manageEndpoint, s.updateEndpoint)
	s.handle("DELETE /v1/tenants/{tenant}/endpoints/{endpoint}", manageEndpoint, s.deleteEndpoint)
	s.handle("POST /v1/tenants/{tenant}/endpoints/{endpoint}/rotate-secret", manageEndpoint, s.rotateSecret)
	s.handle("POST /v1/tenants/{tenant}/endpoints/{endpoint}/test", manageEndpoint, s.testEndpoint)
	s.handle("POST /v1/tenants/{tenant}/endpoints/{endpoint}/replay", manageEndpoint, s.replayEndpoint)
	s.handle("GET /v1/tenants/{tenant}/endpoints/{endpoint}/stats", readEndpoint, s.endpointStats)

	s.handle("POST /v1/tenants/{tenant}/events", write, s.createEvent)
	s.handle("POST /v1/tenants/{tenant}/events/batch", write, s.createEvents)
	s.handle("GET /v1/tenants/{tenant}/events", read, s.listEvents)
	s.handle("GET /v1/tenants/{tenant}/events/{event}", read, s.getEvent)

	s.handle("POST /v1/tenants/{tenant}/jobs", write, s.createJob)
	s.handle("GET /v1/tenants/{tenant}/jobs", read, s.listJobs)
	s.handle("GET /v1/tenants/{tenant}/jobs/{job}", read, s.getJob)
	s.handle("POST /v1/tenants/{tenant}/jobs/{job}/status", write, s.updateJob)

	s.handle("POST /v1/tenants/{tenant}/portal-sessions", write, s.createPortalSession)
	s.handle("GET /v1/tenants/{tenant}/portal-sessions", write, s.listPortalSessions)
	s.handle("POST /v1/tenants/{tenant}/portal-sessions/revoke", write, s.revokePortalSessions)
	s.handle("DELETE /v1/tenants/{tenant}/portal-sessions/{session}", write, s.deletePortalSession)
	// The one call under /v1 without a key: a sign-in link's token is the
	// credential, good once.
	s.handlePublic("POST /v1/portal-sessions/exchange", s.exchangePortalLink)

	s.handle("GET /v1/tenants/{tenant}/deliveries", readFiltered, s.listDeliveries)
	s.handle("GET /v1/tenants/{tenant}/deliveries/{delivery}", readFiltered, s.getDelivery)
	s.handle("POST /v1/tenants/{tenant}/deliveries/{delivery}/retry", manageFiltered, s.retryDelivery)

	// Anything else under /v1 is a clear 404, after authentication so that
	// the API's shape is not visible without a key.
	s.handle("/v1/", anyone, func(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
		return herald.Errorf(herald.ENOTFOUND, "no route for %s %s; see the API reference in docs/api.md", r.Method, r.URL.Path)
	})
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	err := s.cfg.Store.Ping(ctx)
	if err == nil && s.ready != nil {
		err = s.ready(ctx)
	}
	if err != nil {
		// The raw error (a database's address, a file path) is for the log,
		// not for whoever can reach /readyz without a key.
		reason := s.cfg.Store.UnavailableReason(err)
		if reason == "" {
			reason = "not ready; the server log says why"
		}
		if ok, n := s.logLimit.Allow("readyz", s.cfg.Now()); ok {
			s.log.Warn("not ready", "reason", reason, "err", err, "similar_not_logged", n)
		}
		w.Header().Set("Retry-After", retryAfterSeconds)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": reason})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

type handlerFunc func(w http.ResponseWriter, r *http.Request, key *herald.APIKey) error

// handle registers h behind authentication, the access rule and error
// mapping.
func (s *Server) handle(pattern string, rule access.Rule, h handlerFunc) {
	if pattern != "/v1/" {
		s.routes = append(s.routes, pattern)
		s.rules[pattern] = rule
	}
	params := pathParams(pattern)
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(s.traced(r, pattern), s.cfg.RequestTimeout)
		defer cancel()
		r = r.WithContext(ctx)
		key, err := s.authenticate(r)
		if herald.ErrorCode(err) == herald.EUNAUTHORIZED && r.Header.Get("Authorization") != "" {
			// A key sent and refused; a request with none guesses nothing.
			err = s.authFailed(r, err)
		}
		if err == nil {
			err = authorize(rule, key, access.Path{Tenant: r.PathValue("tenant"), Endpoint: r.PathValue("endpoint")})
		}
		if err == nil {
			err = checkPathIDs(r, params)
		}
		if err == nil {
			err = h(w, r, key)
		}
		if err != nil {
			s.writeError(w, r, err)
		}
	})
}

// handlePublic registers h with the API's timeout and error mapping but
// no key: its request carries its own credential.
func (s *Server) handlePublic(pattern string, h func(w http.ResponseWriter, r *http.Request) error) {
	s.routes = append(s.routes, pattern)
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(s.traced(r, pattern), s.cfg.RequestTimeout)
		defer cancel()
		r = r.WithContext(ctx)
		if err := h(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// traced is r's context with its trace: the request's span, named by its
// route, with tracing on; off, the caller's traceparent, if it sent one,
// for the events it brings to carry on.
func (s *Server) traced(r *http.Request, pattern string) context.Context {
	if s.cfg.Tracer == nil {
		return tracing.Caller(r.Context(), r.Header)
	}
	tracing.Route(r.Context(), pattern)
	return r.Context()
}

// pathParams returns the names of the wildcards in a route pattern.
func pathParams(pattern string) []string {
	var names []string
	for rest := pattern; ; {
		_, after, ok := strings.Cut(rest, "{")
		if !ok {
			return names
		}
		name, tail, _ := strings.Cut(after, "}")
		names = append(names, strings.TrimSuffix(name, "..."))
		rest = tail
	}
}

// checkPathIDs refuses a path whose ids could not name anything Herald
// makes or accepts (a NUL, a space, invalid UTF-8), with a 400 that names
// the parameter, before any store sees them.
func checkPathIDs(r *http.Request, params []string) error {
	for _, p := range params {
		if v := r.PathValue(p); !validName(v) {
			return invalidf("the %s id in the path, %q, is not valid: ids are 1 to %d letters, digits, '.', '_', ':' or '-'", p, v, maxNameLen)
		}
	}
	return nil
}

// retryAfter carries how long a client should wait, for Retry-After.
type retryAfter struct {
	error
	after time.Duration
}

func (r *retryAfter) Unwrap() error { return r.error }

// authFailed counts a failed authentication of the client and logs it at
// a bounded rate. Past the limit it answers 429 with Retry-After; a valid
// key is checked before this, so it is never held back.
func (s *Server) authFailed(r *http.Request, err error) error {
	client := throttle.ClientKey(clientip.From(r.RemoteAddr, r.Header.Values("X-Forwarded-For"), s.cfg.TrustedProxies))
	now := s.cfg.Now()
	over, after := s.authFailures.Failed(client, now)
	if ok, n := s.logLimit.Allow("auth:"+client, now); ok {
		s.log.Warn("authentication failed", "client", client, "method", r.Method, "path", r.URL.Path,
			"reason", herald.ErrorMessage(err), "throttled", over, "similar_not_logged", n)
	}
	if !over {
		s.rejected.WithLabelValues("unauthorized").Inc()
		return err
	}
	s.rejected.WithLabelValues("rate_limited").Inc()
	return &retryAfter{error: herald.Errorf(herald.ERATELIMITED,
		"too many failed authentications from this address; check the API key, and retry after %d s", max(1, int(math.Ceil(after.Seconds())))), after: after}
}

// authorize applies the route × role decision to a key.
func authorize(rule access.Rule, key *herald.APIKey, p access.Path) error {
	switch access.Decide(access.KeyOf(key), rule, p) {
	case access.Allow:
		return nil
	case access.Hidden:
		// 404, not 403: a key must not learn which ids exist.
		if rule.Tenant && p.Tenant != key.TenantID {
			return herald.Errorf(herald.ENOTFOUND, "tenant %q does not exist", p.Tenant)
		}
		return herald.Errorf(herald.ENOTFOUND, "endpoint %q does not exist", p.Endpoint)
	}
	if !access.Allows(key.Role, rule.Need) {
		return herald.Errorf(herald.EFORBIDDEN, "%s", access.Refusal(key.Role, rule.Need))
	}
	return herald.Errorf(herald.EFORBIDDEN, "%s", access.Limits)
}

// seesEndpoint reports whether key may see endpoint id: every key but one
// limited to other endpoints. Filtered routes ask it of what they found.
func seesEndpoint(key *herald.APIKey, id string) bool {
	_, allowed := access.KeyOf(key).Limited(id)
	return allowed
}

var statusOf = map[herald.Code]int{
	herald.EINVALID:      http.StatusBadRequest,
	herald.EUNAUTHORIZED: http.StatusUnauthorized,
	herald.EFORBIDDEN:    http.StatusForbidden,
	herald.ENOTFOUND:     http.StatusNotFound,
	herald.ECONFLICT:     http.StatusConflict,
	herald.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	herald.EUNSUPPORTED:  http.StatusUnsupportedMediaType,
	herald.ERATELIMITED:  http.StatusTooManyRequests,
	herald.EUNAVAILABLE:  http.StatusServiceUnavailable,
	herald.EINTERNAL:     http.StatusInternalServerError,
}

type errorBody struct {
	Error struct {
		Code    herald.Code `json:"code"`
		Message string      `json:"message"`
	} `json:"error"`
}

// retryAfterSeconds is what a 503 tells clients to wait before trying
// again: long enough for a restarting database, short enough that an
// event is late by seconds, not minutes.
const retryAfterSeconds = "5"

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := herald.ErrorCode(err)
	message := herald.ErrorMessage(err)
	if code == herald.EINTERNAL {
		// An outage of the store is not a bug: 503, to be retried.
		if reason := s.cfg.Store.UnavailableReason(err); reason != "" {
			code = herald.EUNAVAILABLE
			message = "the server cannot reach its storage right now (" + reason + "); nothing was changed: retry after a few seconds"
			if ok, n := s.logLimit.Allow("store unavailable", s.cfg.Now()); ok {
				s.log.Error("storage unavailable; answering 503", "reason", reason, "method", r.Method, "path", r.URL.Path, "err", err, "similar_not_logged", n)
			}
		}
	}
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	if code == herald.EINTERNAL {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	switch code {
	case herald.EUNAUTHORIZED:
		w.Header().Set("WWW-Authenticate", `Bearer realm="herald"`)
	case herald.EUNAVAILABLE:
		w.Header().Set("Retry-After", retryAfterSeconds)
	}
	var ra *retryAfter
	if errors.As(err, &ra) {
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(ra.after.Seconds())))))
	}
	var body errorBody
	body.Error.Code, body.Error.Message = code, message
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if a, ok := v.(jsonAppender); ok {
		bp := answerBufs.Get().(*[]byte)
		b, err := a.appendJSON((*bp)[:0])
		if err == nil {
			_, _ = w.Write(append(b, '\n'))
		}
		if cap(b) <= maxPooledBuf {
			*bp = b[:0]
			answerBufs.Put(bp)
		}
		if err == nil {
			return
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// answerBufs holds the buffers answers are rendered into: one per request
// is the cost that one event per request pays most often. The response
// writer copies what it is given, so a buffer is free again once written.
var answerBufs = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// maxPooledBuf is the largest buffer put back in a pool. One event's
// request and answer fit; a batch's (100 events: about 110 KiB) do not,
// and are left to the collector: pooled, 64 clients' batch bodies stayed
// in the heap for good, and the bench's 1,000,000-delivery backlog, ingested
// in batches, peaked 16 and 32 MB higher (two pairs against this limit).
const maxPooledBuf = 64 << 10

// jsonAppender is an answer that renders itself, faster than reflection
// and exactly as encoding/json would.
type jsonAppender interface {
	appendJSON(b []byte) ([]byte, error)
}

// list is the shape of every list answer.
type list[T any] struct {
	Data       []T    `json:"data"`
	NextCursor string `json:"next_cursor,omitempty"`
}

func newList[T any](data []T, next string) list[T] {
	if data == nil {
		data = []T{}
	}
	return list[T]{Data: data, NextCursor: next}
}
