package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/api"
	"github.com/heraldhq/herald/delivery"
	"github.com/heraldhq/herald/egress"
	"github.com/heraldhq/herald/endpointcache"
	"github.com/heraldhq/herald/intake"
	"github.com/heraldhq/herald/opevent/emitter"
	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/sender"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/postgres"
	"github.com/heraldhq/herald/store/postgres/pgtest"
	"github.com/heraldhq/herald/store/sqlite"
	"github.com/heraldhq/herald/tracing"
)

const adminKey = "hk_test_admin_key_0123456789"

// waitLimit bounds every wait for something asynchronous. It is a limit on
// how long a broken build may hang, not a speed target.
const waitLimit = 15 * time.Second

type options struct {
	attemptTimeout time.Duration
	maxInFlight    int
	perEndpoint    int
	maxPayload     int64
	// policy replaces the default test policy (http allowed, loopback
	// allowed); resolver and dial replace the guard's.
	policy   *egress.Policy
	resolver egress.Resolver
	dial     egress.DialFunc
	// maxAuthFailures is the API's MaxAuthFailures; the harness's
	// default is high, for tests that send many wrong keys on purpose.
	maxAuthFailures int
	// logger, when set, receives the engine's and the API's log.
	logger *slog.Logger
	// store, when set, opens the store instead of openStore.
	store func(t *testing.T, box *seal.Box) store.Store
	// inlineDeliveries is the API's InlineDeliveries (0: its default).
	inlineDeliveries int
	// now, when set, is the API's clock; engineNow the engine's (which
	// stamps attempts).
	now, engineNow func() time.Time
	// validatePayloads is the API's ValidatePayloads.
	validatePayloads bool
	// operatorTenant is the API's OperatorTenant; failingAfter the
	// engine's FailingAfter.
	operatorTenant string
	failingAfter   int
	// trustedProxies is the API's TrustedProxies.
	trustedProxies []netip.Prefix
	// tracer traces the API and the engine (nil: off).
	tracer *tracing.Tracer
	// publicURL is the API's PublicURL; the harness's default is
	// testPublicURL, "none" leaves it unset.
	publicURL string
}

// testPublicURL is where the harness's portal links point: configured, as
// every link's address must be.
const testPublicURL = "https://herald.test"

// harness is a whole Herald in the test process: a real store, the real
// engine and sender, the API over HTTP on loopback.
type harness struct {
	t       *testing.T
	url     string
	client  *http.Client
	engine  *delivery.Engine
	metrics *prometheus.Registry
	api     *api.Server
	reports *emitter.Emitter
}

// openStore opens the store the API tests run on: SQLite, or PostgreSQL
// (a fresh schema) when HERALD_TEST_STORE=postgres. CI runs the package
// both ways.
func openStore(t *testing.T, box *seal.Box) store.Store {
	t.Helper()
	ctx := context.Background()
	var db store.Store
	var err error
	switch kind := os.Getenv("HERALD_TEST_STORE"); kind {
	case "", "sqlite":
		db, err = sqlite.Open(ctx, sqlite.Config{Path: filepath.Join(t.TempDir(), "herald.db"), Box: box})
	case "postgres":
		name, _ := pgtest.Schema(t)
		db, err = postgres.Open(ctx, postgres.Config{URL: pgtest.Server(), Box: box, SearchPath: name})
	default:
		t.Fatalf("HERALD_TEST_STORE=%q: want sqlite or postgres", kind)
	}
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func newHarness(t *testing.T, opt ...func(*options)) *harness {
	t.Helper()
	o := options{attemptTimeout: 5 * time.Second, maxInFlight: 64, perEndpoint: 8, maxAuthFailures: 1 << 20, publicURL: testPublicURL}
	for _, f := range opt {
		f(&o)
	}
	if o.publicURL == "none" {
		o.publicURL = ""
	}
	box, _ := seal.New(seal.NewKey())
	ctx := context.Background()
	var db store.Store
	if o.store != nil {
		db = o.store(t, box)
	} else {
		db = openStore(t, box)
	}
	policy := &egress.Policy{AllowHTTP: true, Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}}
	if o.policy != nil {
		policy = o.policy
	}
	guard := egress.NewGuard(policy)
	if o.resolver != nil {
		guard.Resolver = o.resolver
	}
	if o.dial != nil {
		guard.Dial = o.dial
	}
	// The sender times attempts, and their stats are kept by when they
	// started: it runs on the engine's clock.
	snd, err := sender.New(sender.Config{Timeout: o.attemptTimeout, Guard: guard, MaxIdleConnsPerHost: o.maxInFlight, Now: o.engineNow})
	if err != nil {
		t.Fatal(err)
	}
	endpoints := endpointcache.New(db, time.Second, nil)
	reg := prometheus.NewRegistry()
	reports, err := emitter.New(emitter.Config{Subscribers: endpoints, Store: db, OperatorTenant: o.operatorTenant, Logger: o.logger, Metrics: reg})
	if err != nil {
		t.Fatal(err)
	}
	engine, err := delivery.New(delivery.Config{Store: db, Sender: snd, Endpoints: endpoints, NodeID: "test-node",
		EndpointDisabled: reports.EndpointDisabled, Metrics: reg,
		DeliveryReport: reports.DeliveryReport, FailingAfter: o.failingAfter, Tracer: o.tracer,
		MaxInFlight: o.maxInFlight, MaxInFlightPerEndpoint: o.perEndpoint, LeaseDuration: 30 * time.Second, Logger: o.logger, Now: o.engineNow})
	if err != nil {
		t.Fatal(err)
	}
	if err := engine.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := api.EnsureAdminKey(ctx, db, adminKey, time.Now()); err != nil {
		t.Fatal(err)
	}
	in, err := intake.New(intake.Config{Store: db, Engine: engine, Endpoints: endpoints, InlineDeliveries: o.inlineDeliveries, Tracer: o.tracer})
	if err != nil {
		t.Fatal(err)
	}
	if err := reports.Start(ctx, in); err != nil {
		t.Fatal(err)
	}
	a, err := api.New(api.Config{Store: db, Engine: engine, Intake: in, Reports: reports, Endpoints: endpoints, Guard: guard, Sender: snd, Metrics: reg, MaxPayloadBytes: o.maxPayload, Logger: o.logger, MaxAuthFailures: o.maxAuthFailures,
		Now: o.now, PortalSessionMax: 48 * time.Hour, PublicURL: o.publicURL,
		ValidatePayloads: o.validatePayloads, TrustedProxies: o.trustedProxies, Tracer: o.tracer}, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a)
	t.Cleanup(func() {
		srv.Close()
		stopCtx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		reports.Drain(stopCtx)
		if err := engine.Stop(stopCtx); err != nil {
			t.Errorf("engine.Stop: %v", err)
		}
		if err := reports.Stop(stopCtx); err != nil {
			t.Errorf("reports.Stop: %v", err)
		}
		snd.Close()
		if err := db.Close(); err != nil {
			t.Errorf("db.Close: %v", err)
		}
	})
	return &harness{t: t, url: srv.URL, client: srv.Client(), engine: engine, metrics: reg, api: a, reports: reports}
}

// metric returns the value of a counter or gauge, of the series with the
// given label (any series when label is ""), or 0 if there is none.
func (h *harness) metric(name, label, value string) float64 {
	h.t.Helper()
	families, err := h.metrics.Gather()
	if err != nil {
		h.t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
		for _, m := range f.GetMetric() {
			if label != "" && !slices.ContainsFunc(m.GetLabel(), func(l *dto.LabelPair) bool {
				return l.GetName() == label && l.GetValue() == value
			}) {
				continue
			}
			if c := m.GetCounter(); c != nil {
				return c.GetValue()
			}
			return m.GetGauge().GetValue()
		}
	}
	return 0
}

// call makes an API request and decodes the JSON answer into out (when not
// nil). body may be a string (sent as is) or a value (sent as JSON).
func (h *harness) call(method, path, key string, body, out any) int {
	h.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = bytes.NewReader([]byte(b))
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			h.t.Fatal(err)
		}
		r = bytes.NewReader(buf)
	}
	req, err := http.NewRequest(method, h.url+path, r)
	if err != nil {
		h.t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := h.client.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if out != nil && len(raw) > 0 {
		if err := json.Unmarshal(raw, out); err != nil {
			h.t.Fatalf("%s %s: answer is not JSON: %v: %s", method, path, err, raw)
		}
	}
	return resp.StatusCode
}

// must makes a call that has to answer want.
func (h *harness) must(want int, method, path string, body, out any) {
	h.t.Helper()
	var raw json.RawMessage
	if got := h.call(method, path, adminKey, body, &raw); got != want {
		h.t.Fatalf("%s %s = %d, want %d: %s", method, path, got, want, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			h.t.Fatal(err)
		}
	}
}

type tenant struct {
	ID string `json:"id"`
}

type endpoint struct {
	ID             string `json:"id"`
	URL            string `json:"url"`
	Secret         string `json:"secret"`
	Disabled       bool   `json:"disabled"`
	DisabledReason string `json:"disabled_reason"`
}

type deliveryView struct {
	ID             string `json:"id"`
	EventID        string `json:"event_id"`
	EndpointID     string `json:"endpoint_id"`
	Status         string `json:"status"`
	Attempts       int    `json:"attempts"`
	LastStatusCode int    `json:"last_status_code"`
	LastError      string `json:"last_error"`
	AttemptLog     []struct {
		StatusCode   int     `json:"status_code"`
		Error        string  `json:"error"`
		Trigger      string  `json:"trigger"`
		ResponseBody string  `json:"response_body"`
		DurationMS   float64 `json:"duration_ms"`
	} `json:"attempt_log"`
}

type eventView struct {
	ID         string          `json:"id"`
	Type       string          `json:"type"`
	Data       json.RawMessage `json:"data"`
	Deliveries []deliveryView  `json:"deliveries"`
	More       bool            `json:"deliveries_more"`
	URL        string          `json:"deliveries_url"`
}

func (h *harness) tenant(id string) {
	h.t.Helper()
	h.must(http.StatusCreated, "POST", "/v1/tenants", map[string]any{"id": id, "name": id}, nil)
}

// roleKey makes a key of role for tenant and returns it.
func (h *harness) roleKey(tenant string, role herald.Role) string {
	h.t.Helper()
	var k struct {
		Key string `json:"key"`
	}
	h.must(http.StatusCreated, "POST", "/v1/tenants/"+tenant+"/keys", map[string]any{"name": string(role), "role": role}, &k)
	return k.Key
}

// limitedSession makes a portal session limited to endpoints and returns
// its key.
func (h *harness) limitedSession(tenant string, endpoints ...string) string {
	h.t.Helper()
	return h.session(tenant, herald.RolePortal, endpoints...)
}

// session makes a portal session of role, limited to endpoints when there
// are some, signs in with its link and returns its key.
func (h *harness) session(tenant string, role herald.Role, endpoints ...string) string {
	h.t.Helper()
	var ps struct {
		Token string `json:"token"`
	}
	h.must(http.StatusCreated, "POST", "/v1/tenants/"+tenant+"/portal-sessions", map[string]any{"role": role, "endpoint_ids": endpoints}, &ps)
	var in struct {
		Key string `json:"key"`
	}
	h.must(http.StatusOK, "POST", "/v1/portal-sessions/exchange", map[string]any{"token": ps.Token}, &in)
	return in.Key
}

func (h *harness) endpoint(tenantID string, body map[string]any) endpoint {
	h.t.Helper()
	var ep endpoint
	h.must(http.StatusCreated, "POST", "/v1/tenants/"+tenantID+"/endpoints", body, &ep)
	return ep
}

func (h *harness) event(tenantID string, body map[string]any) eventView {
	h.t.Helper()
	var ev eventView
	h.must(http.StatusAccepted, "POST", "/v1/tenants/"+tenantID+"/events", body, &ev)
	return ev
}

func (h *harness) delivery(tenantID, id string) deliveryView {
	h.t.Helper()
	var d deliveryView
	h.must(http.StatusOK, "GET", "/v1/tenants/"+tenantID+"/deliveries/"+id, nil, &d)
	return d
}

// deliveries lists a tenant's deliveries (the first page).
func (h *harness) deliveries(tenantID string) []deliveryView {
	h.t.Helper()
	var list struct {
		Data []deliveryView `json:"data"`
	}
	h.must(http.StatusOK, "GET", "/v1/tenants/"+tenantID+"/deliveries", nil, &list)
	return list.Data
}

// waitDelivery waits until a delivery reaches status.
func (h *harness) waitDelivery(tenantID, id, status string) deliveryView {
	h.t.Helper()
	var d deliveryView
	eventually(h.t, func() bool {
		d = h.delivery(tenantID, id)
		return d.Status == status
	}, "delivery %s to become %s", id, status)
	return d
}

// eventually polls cond until it holds or waitLimit passes.
func eventually(t *testing.T, cond func() bool, what string, args ...any) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for "+what, args...)
		}
		<-tick.C
	}
}

// request is what a receiver got.
type request struct {
	header http.Header
	body   []byte
	at     time.Time
	path   string
}

// receiver is a real HTTP server on loopback that records every request
// and answers with respond (called with the request's number, from 1).
type receiver struct {
	t    *testing.T
	url  string
	got  chan request
	mu   sync.Mutex
	n    int
	all  []request
	done chan struct{} // closed at cleanup: releases handlers that hang
}

func newReceiver(t *testing.T, respond func(n int, w http.ResponseWriter, r *http.Request)) *receiver {
	t.Helper()
	rc := &receiver{t: t, got: make(chan request, 10000), done: make(chan struct{})}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		req := request{header: r.Header.Clone(), body: body, at: time.Now(), path: r.URL.Path}
		rc.mu.Lock()
		rc.n++
		n := rc.n
		rc.all = append(rc.all, req)
		rc.mu.Unlock()
		rc.got <- req
		r.Body = io.NopCloser(bytes.NewReader(body)) // the handler reads it as sent
		if respond == nil {
			w.WriteHeader(http.StatusOK)
			return
		}
		respond(n, w, r)
	}))
	rc.url = srv.URL
	t.Cleanup(func() {
		close(rc.done)
		srv.Close()
	})
	return rc
}

// next waits for the next request.
func (rc *receiver) next() request {
	rc.t.Helper()
	select {
	case r := <-rc.got:
		return r
	case <-time.After(waitLimit):
		rc.t.Fatal("the receiver got no request")
		return request{}
	}
}

func (rc *receiver) count() int {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return rc.n
}

// switchable is a receiver whose answer the test changes as it goes.
func switchable(t *testing.T, code int) (*receiver, func(int)) {
	var mu sync.Mutex
	rc := newReceiver(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		w.WriteHeader(code)
	})
	return rc, func(c int) { mu.Lock(); code = c; mu.Unlock() }
}

func status(code int) func(int, http.ResponseWriter, *http.Request) {
	return func(_ int, w http.ResponseWriter, _ *http.Request) { w.WriteHeader(code) }
}
