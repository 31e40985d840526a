package api

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/heraldhq/herald"
)

// An event's answer renders itself exactly as encoding/json renders it,
// with no deliveries and with several.
func TestEventAnswerIsEncodingJSONs(t *testing.T) {
	at := time.Date(2026, 12, 2, 10, 21, 10, 123456000, time.UTC)
	ev := &herald.Event{ID: "evt_1", TenantID: "acme", Type: "job.completed", Channels: []string{"a<b"}, Data: json.RawMessage(`{"x": [1, 2]}`), CreatedAt: at}
	for _, ds := range [][]*herald.Delivery{{}, {
		{ID: "dlv_1", TenantID: "acme", EventID: "evt_1", EndpointID: "ep_1", Status: herald.DeliveryPending, NextAttemptAt: &at, CreatedAt: at, UpdatedAt: at},
		{ID: "dlv_2", TenantID: "acme", EventID: "evt_1", EndpointID: "ep_2", Status: herald.DeliveryFailed, Attempts: 3, LastStatusCode: 500,
			LastError: "bad \"gateway\" & <more>", CreatedAt: at, UpdatedAt: at},
	}} {
		for _, answer := range []eventWithDeliveries{{Event: ev, Deliveries: ds, DeliveriesURL: eventDeliveriesURL(ev)}, {Event: ev, Deliveries: ds, DeliveriesMore: true, DeliveriesURL: "/v1/tenants/a%20b/deliveries?event_id=x%26y<z>"}} {
			want, err := json.Marshal(answer)
			if err != nil {
				t.Fatal(err)
			}
			got, err := answer.appendJSON(nil)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("with %d deliveries:\n got %s\nwant %s", len(ds), got, want)
			}
		}
	}
}
