package emitter_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/intake"
	"github.com/heraldhq/herald/opevent"
	"github.com/heraldhq/herald/opevent/emitter"
	"github.com/heraldhq/herald/store"
)

var at = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)

// fakeIntake keeps what it is given, once per id and tenant as the store
// does. While block is open it holds each call until its context ends.
type fakeIntake struct {
	mu      sync.Mutex
	calls   [][]*herald.Event
	stored  map[string]bool
	block   bool
	blocked chan struct{} // receives when a call starts blocking
}

func (f *fakeIntake) Accept(ctx context.Context, evs []*herald.Event) (intake.Accepted, error) {
	f.mu.Lock()
	block := f.block
	f.mu.Unlock()
	if block {
		f.blocked <- struct{}{}
		<-ctx.Done()
		return intake.Accepted{}, ctx.Err()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.stored == nil {
		f.stored = map[string]bool{}
	}
	f.calls = append(f.calls, evs)
	created := make([]bool, len(evs))
	for i, ev := range evs {
		if k := ev.TenantID + "/" + ev.ID; !f.stored[k] {
			f.stored[k], created[i] = true, true
		}
	}
	return intake.Accepted{Created: created, Deliveries: make([][]*herald.Delivery, len(evs))}, nil
}

// events returns "tenant type" of every event stored, in order.
func (f *fakeIntake) events() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, call := range f.calls {
		for _, ev := range call {
			out = append(out, ev.TenantID+" "+ev.Type)
		}
	}
	return out
}

type fakeEndpoints struct {
	eps []*herald.Endpoint
}

func (f *fakeEndpoints) Lookup(_ context.Context, tenant string) ([]*herald.Endpoint, error) {
	var out []*herald.Endpoint
	for _, ep := range f.eps {
		if ep.TenantID == tenant && !ep.Disabled {
			out = append(out, ep)
		}
	}
	return out, nil
}

func (f *fakeEndpoints) FindEndpointByID(_ context.Context, tenant, id string) (*herald.Endpoint, error) {
	for _, ep := range f.eps {
		if ep.ID == id && (tenant == "" || ep.TenantID == tenant) {
			return ep, nil
		}
	}
	return nil, herald.Errorf(herald.ENOTFOUND, "endpoint %q does not exist", id)
}

func subscriber(tenant string, types ...string) *herald.Endpoint {
	return &herald.Endpoint{ID: "ep_" + tenant, TenantID: tenant, EventTypes: types, Channels: []string{}}
}

func delivery(tenant, id string) opevent.Delivery {
	return opevent.Delivery{TenantID: tenant, EndpointID: "ep_x", DeliveryID: id, EventID: "evt_1", EventType: "order.paid", Attempts: 4, At: at}
}

func start(t *testing.T, cfg emitter.Config, in emitter.Intake) *emitter.Emitter {
	t.Helper()
	e, err := emitter.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if in != nil {
		if err := e.Start(context.Background(), in); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = e.Stop(context.Background()) })
	}
	return e
}

// Only events some endpoint subscribes to are stored; each tenant's in
// their order, one tenant to a call, the operator's tenant with a copy.
func TestEmitStoresWhatIsSubscribed(t *testing.T) {
	in := &fakeIntake{}
	eps := &fakeEndpoints{eps: []*herald.Endpoint{
		subscriber("acme", opevent.DeliveryFailing, opevent.DeliveryExhausted),
		subscriber("globex", opevent.DeliveryExhausted),
		subscriber("ops", opevent.DeliveryFailing, opevent.DeliveryExhausted),
	}}
	e := start(t, emitter.Config{Subscribers: eps, Store: eps, OperatorTenant: "ops"}, in)
	e.DeliveryReport(opevent.DeliveryFailing, delivery("acme", "dlv_1"))
	e.DeliveryReport(opevent.DeliveryFailing, delivery("globex", "dlv_2")) // globex takes exhausted only
	e.DeliveryReport(opevent.DeliveryExhausted, delivery("acme", "dlv_1"))
	e.DeliveryReport(opevent.DeliveryRecovered, delivery("acme", "dlv_3")) // nobody's
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	e.Drain(ctx)
	got := in.events()
	want := map[string][]string{
		"acme":   {"acme delivery.failing", "acme delivery.exhausted"},
		"globex": nil,
		"ops":    {"ops delivery.failing", "ops delivery.failing", "ops delivery.exhausted"},
	}
	for tenant, w := range want {
		var g []string
		for _, s := range got {
			if strings.HasPrefix(s, tenant+" ") {
				g = append(g, s)
			}
		}
		if !slices.Equal(g, w) {
			t.Errorf("%s got %v, want %v (all: %v)", tenant, g, w, got)
		}
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	for _, call := range in.calls {
		for _, ev := range call {
			if ev.TenantID != call[0].TenantID {
				t.Fatalf("one call stored events of %s and %s: a batch is one tenant's", call[0].TenantID, ev.TenantID)
			}
		}
	}
}

// Endpoint changes: a disabled endpoint's event carries the reason; a
// job's callback and an endpoint gone emit nothing.
func TestEndpointEvents(t *testing.T) {
	in := &fakeIntake{}
	ep := &herald.Endpoint{ID: "ep_1", TenantID: "acme", URL: "https://example.test/"}
	eps := &fakeEndpoints{eps: []*herald.Endpoint{ep, subscriber("acme", opevent.EndpointDisabled, opevent.EndpointCreated),
		{ID: "ep_cb", TenantID: "acme", JobID: "job_1"}}}
	e := start(t, emitter.Config{Subscribers: eps, Store: eps}, in)
	e.EndpointDisabled(store.Disabled{TenantID: "acme", EndpointID: "ep_1", Reason: "410 Gone", At: at})
	e.EndpointDisabled(store.Disabled{TenantID: "acme", EndpointID: "ep_cb", Reason: "410 Gone", At: at})
	e.EndpointDisabled(store.Disabled{TenantID: "acme", EndpointID: "ep_gone", Reason: "410 Gone", At: at})
	e.Endpoint(opevent.EndpointCreated, ep, "", at)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	e.Drain(ctx)
	if got := in.events(); !slices.Equal(got, []string{"acme endpoint.disabled", "acme endpoint.created"}) {
		t.Fatalf("stored %v, want ep_1's endpoint.disabled and endpoint.created", got)
	}
	if data := string(in.calls[0][0].Data); !strings.Contains(data, `"reason":"410 Gone"`) {
		t.Fatalf("endpoint.disabled's data %s, want the reason", data)
	}
}

// Beyond MaxQueued an event is dropped and counted; what was queued
// before Start is stored once it starts.
func TestQueueIsBounded(t *testing.T) {
	reg := prometheus.NewRegistry()
	eps := &fakeEndpoints{eps: []*herald.Endpoint{subscriber("acme", opevent.DeliveryFailing)}}
	e := start(t, emitter.Config{Subscribers: eps, Store: eps, MaxQueued: 2, Metrics: reg}, nil)
	for _, id := range []string{"dlv_1", "dlv_2", "dlv_3"} {
		e.DeliveryReport(opevent.DeliveryFailing, delivery("acme", id))
	}
	in := &fakeIntake{}
	if err := e.Start(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := e.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if got := len(in.events()); got != 2 {
		t.Fatalf("stored %d, want the 2 queued", got)
	}
	if v := dropped(t, reg); v != 1 {
		t.Fatalf("herald_operational_events_dropped_total = %v, want 1", v)
	}
}

func dropped(t *testing.T, reg *prometheus.Registry) float64 {
	t.Helper()
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() == "herald_operational_events_dropped_total" {
			return f.GetMetric()[0].GetCounter().GetValue()
		}
	}
	t.Fatal("no herald_operational_events_dropped_total")
	return 0
}

// Stop stores everything emitted before it and nothing after.
func TestStopDrains(t *testing.T) {
	in := &fakeIntake{}
	eps := &fakeEndpoints{eps: []*herald.Endpoint{subscriber("acme", opevent.DeliveryFailing)}}
	e, err := emitter.New(emitter.Config{Subscribers: eps, Store: eps})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Start(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	for i := range 250 {
		e.DeliveryReport(opevent.DeliveryFailing, delivery("acme", fmt.Sprintf("dlv_%d", i)))
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := e.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	e.DeliveryReport(opevent.DeliveryFailing, delivery("acme", "dlv_after"))
	if got := len(in.events()); got != 250 {
		t.Fatalf("stored %d after Stop, want the 250 emitted before it", got)
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	for _, call := range in.calls {
		if len(call) > 100 {
			t.Fatalf("one call stored %d events, want batches of at most 100", len(call))
		}
	}
}

// A Stop whose context ends cancels the store under way and returns.
func TestStopGivesUp(t *testing.T) {
	in := &fakeIntake{block: true, blocked: make(chan struct{}, 1)}
	eps := &fakeEndpoints{eps: []*herald.Endpoint{subscriber("acme", opevent.DeliveryFailing)}}
	e, err := emitter.New(emitter.Config{Subscribers: eps, Store: eps})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Start(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	e.DeliveryReport(opevent.DeliveryFailing, delivery("acme", "dlv_1"))
	<-in.blocked
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := e.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if got := in.events(); len(got) != 0 {
		t.Fatalf("stored %v, want nothing: the store was cancelled", got)
	}
}
