package herald

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

// A delivery renders exactly as encoding/json renders its fields, for
// every shape: optional fields absent or set, and strings that need
// escaping.
func TestDeliveryJSONIsEncodingJSONs(t *testing.T) {
	at := time.Date(2026, 12, 2, 10, 21, 10, 123456000, time.UTC)
	zone := time.FixedZone("CET", 3600)
	for _, d := range []Delivery{
		{},
		{ID: "dlv_01", TenantID: "acme", EventID: "evt_1", EndpointID: "ep_1", Status: DeliveryPending, NextAttemptAt: &at, CreatedAt: at, UpdatedAt: at},
		{ID: "dlv_02", TenantID: "t.a:b-c_d", EventID: "e", EndpointID: "ep", Status: DeliveryFailed, Attempts: 6, LastStatusCode: 503,
			LastError: "dial tcp 127.0.0.1:1: connect: \"refused\" <html> & \\ \x01 é \u2028", CreatedAt: at.In(zone), UpdatedAt: at.Add(time.Hour)},
		{ID: "dlv_\"03", Status: DeliverySucceeded, Attempts: 1, LastStatusCode: 200, CreatedAt: at, UpdatedAt: at, LeaseOwner: "n1", EventType: "order.paid<>"},
	} {
		want, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		got, err := AppendDeliveryJSON([]byte("["), &d)
		if err != nil {
			t.Fatal(err)
		}
		got = got[1:] // appended, after what was there
		if !bytes.Equal(got, want) {
			t.Errorf("delivery %q:\n got %s\nwant %s", d.ID, got, want)
		}
	}
	// Out of time.Time's range is an error, as it is for encoding/json.
	if _, err := AppendDeliveryJSON(nil, &Delivery{CreatedAt: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}); err == nil {
		t.Error("a year past 9999 rendered")
	}
}
