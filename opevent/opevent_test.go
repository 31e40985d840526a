package opevent

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/heraldhq/herald/retry"
)

func TestAfterAttempt(t *testing.T) {
	for _, c := range []struct {
		name      string
		eventType string
		done      int
		verdict   retry.Verdict
		want      string
	}{
		{"first failure", "order.paid", 0, retry.Retry, ""},
		{"the fourth failure in a row", "order.paid", 3, retry.Retry, DeliveryFailing},
		{"the fifth: said already", "order.paid", 4, retry.Retry, ""},
		{"retries ran out", "order.paid", 7, retry.Fail, DeliveryExhausted},
		{"a 4xx ends it at once", "order.paid", 0, retry.Fail, DeliveryExhausted},
		{"success after failing", "order.paid", 5, retry.Succeed, DeliveryRecovered},
		{"success after a few failures, never failing", "order.paid", 2, retry.Succeed, ""},
		{"success at once", "order.paid", 0, retry.Succeed, ""},
		{"an operational event's delivery emits nothing", DeliveryFailing, 3, retry.Retry, ""},
		{"nor when it runs out", EndpointDisabled, 7, retry.Fail, ""},
	} {
		if got := AfterAttempt(c.eventType, c.done, c.verdict, DefaultFailingAfter); got != c.want {
			t.Errorf("%s: AfterAttempt = %q, want %q", c.name, got, c.want)
		}
	}
	if got := AfterAttempt("x", 3, retry.Retry, 0); got != "" {
		t.Errorf("failingAfter 0 (off): %q", got)
	}
}

// Ids are derived from what the event reports: the same report gives the
// same id, another change of the same endpoint or another attempt count
// another id.
func TestIDsAreDerived(t *testing.T) {
	at := time.Date(2026, 12, 3, 10, 0, 0, 123456000, time.UTC)
	ep := Endpoint{TenantID: "acme", EndpointID: "ep_1", URL: "https://x", At: at}
	if a, b := ForEndpoint("acme", EndpointCreated, ep), ForEndpoint("acme", EndpointCreated, Endpoint{EndpointID: "ep_1", At: at.Add(time.Hour)}); a.ID != b.ID || a.ID != "ep_1.created" {
		t.Errorf("created ids %q and %q", a.ID, b.ID)
	}
	d1 := ForEndpoint("acme", EndpointDisabled, ep)
	d2 := ForEndpoint("acme", EndpointDisabled, Endpoint{EndpointID: "ep_1", At: at.Add(time.Second)})
	if d1.ID == d2.ID || d1.ID != "ep_1.disabled.1796292000123456" {
		t.Errorf("disabled ids %q and %q: want one per disable", d1.ID, d2.ID)
	}
	del := Delivery{TenantID: "acme", DeliveryID: "dlv_1", Attempts: 4, At: at}
	if a, b := ForDelivery("acme", DeliveryFailing, del), ForDelivery("ops", DeliveryFailing, del); a.ID != b.ID || a.ID != "dlv_1.failing.4" || b.TenantID != "ops" {
		t.Errorf("failing ids %q and %q", a.ID, b.ID)
	}
	var data map[string]any
	if err := json.Unmarshal(ForDelivery("acme", DeliveryExhausted, del).Data, &data); err != nil || data["delivery_id"] != "dlv_1" || data["attempts"] != 4.0 {
		t.Errorf("data = %v (%v)", data, err)
	}
}
