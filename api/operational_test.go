package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heraldhq/herald/opevent"
)

// opReceiver records the operational events it receives.
type opReceiver struct {
	*receiver
}

type opEvent struct {
	Type string         `json:"type"`
	Data map[string]any `json:"data"`
	ID   string
}

func (o opReceiver) events() []opEvent {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []opEvent
	for _, r := range o.all {
		var ev opEvent
		_ = json.Unmarshal(r.body, &ev)
		ev.ID = r.header.Get("webhook-id")
		out = append(out, ev)
	}
	return out
}

func (o opReceiver) types() []string {
	var out []string
	for _, ev := range o.events() {
		out = append(out, ev.Type)
	}
	return out
}

func (o opReceiver) find(typ, key, value string) *opEvent {
	for _, ev := range o.events() {
		if ev.Type == typ && ev.Data[key] == value {
			return &ev
		}
	}
	return nil
}

// Every operational event reaches an endpoint subscribed to it, with the
// data the OpenAPI document describes, and never a customer's endpoint of
// every type; the platform's operator tenant gets a copy of each.
func TestOperationalEvents(t *testing.T) {
	h := newHarness(t, func(o *options) { o.operatorTenant = "platform" })
	h.tenant("acme")
	h.tenant("platform")
	ops := opReceiver{newReceiver(t, nil)}
	platform := opReceiver{newReceiver(t, nil)}
	// In order: the platform reads an endpoint's changes as they came.
	h.endpoint("acme", map[string]any{"url": ops.url, "event_types": opevent.Types, "ordering": "fifo"})
	h.endpoint("platform", map[string]any{"url": platform.url, "event_types": opevent.Types})

	// A catch-all endpoint that always fails, with its retries at once:
	// failing after 4 attempts, exhausted after 6.
	var mu sync.Mutex
	recovering := 0
	catchAll := newReceiver(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/recovering" {
			mu.Lock()
			recovering++
			n := recovering
			mu.Unlock()
			if n > 4 {
				w.WriteHeader(http.StatusOK)
				return
			}
		}
		w.WriteHeader(http.StatusInternalServerError)
	})
	fast := map[string]any{"kind": "schedule", "schedule": []string{"0s", "0s", "0s", "0s", "0s"}}
	failing := h.endpoint("acme", map[string]any{"url": catchAll.url, "retry_policy": fast, "event_types": []string{"order.paid"}})
	recov := h.endpoint("acme", map[string]any{"url": catchAll.url + "/recovering", "retry_policy": fast, "event_types": []string{"order.shipped"}})
	everything := newReceiver(t, nil)
	everyType := h.endpoint("acme", map[string]any{"url": everything.url}) // every type
	paid := h.event("acme", map[string]any{"type": "order.paid", "data": map[string]any{"id": 1}})
	shipped := h.event("acme", map[string]any{"type": "order.shipped", "data": map[string]any{"id": 1}})
	deliveryTo := func(ev eventView, ep endpoint) string {
		for _, d := range ev.Deliveries {
			if d.EndpointID == ep.ID {
				return d.ID
			}
		}
		t.Fatalf("event %s has no delivery to %s", ev.ID, ep.ID)
		return ""
	}
	paidID, shippedID := deliveryTo(paid, failing), deliveryTo(shipped, recov)

	deadline := time.Now().Add(waitLimit)
	for ops.find(opevent.DeliveryExhausted, "delivery_id", paidID) == nil ||
		ops.find(opevent.DeliveryRecovered, "endpoint_id", recov.ID) == nil {
		if time.Now().After(deadline) {
			t.Fatalf("no delivery.exhausted and delivery.recovered: the operational endpoint got %v; the failing endpoints %d requests, deliveries %+v",
				ops.types(), catchAll.count(), h.deliveries("acme"))
		}
		time.Sleep(10 * time.Millisecond)
	}
	f := ops.find(opevent.DeliveryFailing, "delivery_id", paidID)
	if f == nil || f.Data["attempts"] != 4.0 || f.Data["endpoint_id"] != failing.ID || f.Data["event_type"] != "order.paid" || f.Data["last_status_code"] != 500.0 {
		t.Fatalf("delivery.failing = %+v", f)
	}
	if f.ID != paidID+".failing.4" {
		t.Fatalf("delivery.failing's id %q is not derived from the delivery and its attempts", f.ID)
	}
	if x := ops.find(opevent.DeliveryExhausted, "delivery_id", paidID); x.Data["attempts"] != 6.0 {
		t.Fatalf("delivery.exhausted = %+v, want after 6 attempts", x)
	}
	if r := ops.find(opevent.DeliveryRecovered, "delivery_id", shippedID); r == nil || r.Data["attempts"] != 5.0 {
		t.Fatalf("delivery.recovered = %+v, want after the 5th attempt succeeded", r)
	}
	if ops.find(opevent.DeliveryFailing, "delivery_id", shippedID) == nil {
		t.Fatal("the recovering delivery was not reported failing first")
	}

	// Endpoint changes.
	made := h.endpoint("acme", map[string]any{"url": everything.url + "/new", "description": "new"})
	h.must(http.StatusOK, "PATCH", "/v1/tenants/acme/endpoints/"+made.ID, map[string]any{"description": "renamed"}, nil)
	h.must(http.StatusOK, "PATCH", "/v1/tenants/acme/endpoints/"+made.ID, map[string]any{"disabled": true}, nil)
	h.must(http.StatusOK, "PATCH", "/v1/tenants/acme/endpoints/"+made.ID, map[string]any{"disabled": false}, nil)
	h.must(http.StatusNoContent, "DELETE", "/v1/tenants/acme/endpoints/"+made.ID, nil, nil)
	want := []string{opevent.EndpointCreated, opevent.EndpointUpdated, opevent.EndpointDisabled, opevent.EndpointEnabled, opevent.EndpointDeleted}
	eventually(t, func() bool { return ops.find(opevent.EndpointDeleted, "endpoint_id", made.ID) != nil }, "endpoint.deleted")
	var got []string
	for _, ev := range ops.events() {
		if ev.Data["endpoint_id"] == made.ID {
			got = append(got, ev.Type)
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("endpoint events = %v, want %v", got, want)
	}
	if c := ops.find(opevent.EndpointCreated, "endpoint_id", made.ID); c.Data["url"] != everything.url+"/new" || c.Data["description"] != "new" || c.ID != made.ID+".created" {
		t.Fatalf("endpoint.created = %+v", c)
	}
	if d := ops.find(opevent.EndpointDisabled, "endpoint_id", made.ID); d.Data["reason"] != "disabled by request" {
		t.Fatalf("endpoint.disabled = %+v", d)
	}

	// The operator's tenant got a copy of each, naming the tenant.
	eventually(t, func() bool { return platform.find(opevent.EndpointDeleted, "endpoint_id", made.ID) != nil }, "the operator's copy")
	if p := platform.find(opevent.DeliveryExhausted, "delivery_id", paidID); p == nil || p.Data["tenant_id"] != "acme" {
		t.Fatalf("operator's delivery.exhausted = %+v", p)
	}
	// The endpoint of every type got order.paid and order.shipped only:
	// no delivery of an operational event was ever made for it (they were
	// all stored by now: each reached the operational endpoint), and the
	// two it should get arrived.
	var toEveryType []string
	for _, d := range h.deliveriesOf("acme", everyType.ID) {
		toEveryType = append(toEveryType, d.EventID)
	}
	if got := sorted(toEveryType...); !slices.Equal(got, sorted(paid.ID, shipped.ID)) {
		t.Fatalf("the endpoint of every type has deliveries of events %v, want only order.paid's and order.shipped's (%s, %s)", toEveryType, paid.ID, shipped.ID)
	}
	all := opReceiver{everything}
	eventually(t, func() bool { return len(all.types()) >= 2 }, "order.paid and order.shipped at the endpoint of every type")
	if got := sorted(all.types()...); !slices.Equal(got, []string{"order.paid", "order.shipped"}) {
		t.Fatalf("the endpoint of every type received %v, want order.paid and order.shipped", got)
	}

	// Every event's data is as the OpenAPI document describes it.
	spec := loadSpec(t)
	for _, ev := range ops.events() {
		name := "OperationalEndpointData"
		if strings.HasPrefix(ev.Type, "delivery.") {
			name = "OperationalDeliveryData"
		}
		if err := spec.Components.Schemas[name].Value.VisitJSON(ev.Data); err != nil {
			t.Fatalf("%s's data %v does not match %s: %v", ev.Type, ev.Data, name, err)
		}
	}

	// The same report twice is one event.
	before := len(ops.events())
	d := opevent.Delivery{TenantID: "acme", EndpointID: failing.ID, DeliveryID: "dlv_same", EventID: "e", EventType: "order.paid", Attempts: 4, At: time.Now()}
	h.reports.DeliveryReport(opevent.DeliveryFailing, d)
	h.reports.DeliveryReport(opevent.DeliveryFailing, d)
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	h.reports.Drain(ctx)
	eventually(t, func() bool { return len(ops.events()) > before }, "the repeated report")
	var list struct {
		Data []struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/events?type=delivery.failing&limit=250", nil, &list)
	n := 0
	for _, ev := range list.Data {
		if ev.ID == "dlv_same.failing.4" {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("a report made twice was stored %d times, want once", n)
	}
}

// sorted returns its arguments in order.
func sorted(s ...string) []string {
	slices.Sort(s)
	return s
}
