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

// An event renders exactly as encoding/json renders it: channels absent or
// listed, data compact or not, with characters encoding/json escapes in
// it, and without data.
func TestEventJSONIsEncodingJSONs(t *testing.T) {
	at := time.Date(2026, 12, 2, 10, 21, 10, 123456000, time.UTC)
	for _, ev := range []Event{
		{},
		{ID: "evt_1", TenantID: "acme", Type: "job.completed", Channels: []string{}, Data: json.RawMessage(`{"id":"job_1"}`), CreatedAt: at},
		{ID: "evt_2", TenantID: "a", Type: "t<b>", Channels: []string{"x", "y&z"}, Data: json.RawMessage(`{ "text": "a <b> & c", "n": [1, 2 ] }`), CreatedAt: at.In(time.FixedZone("CET", 3600))},
		{ID: "evt_3", Type: "x", Data: json.RawMessage("{\"line\": \"\u2028 and \u2029\", \"é\": \"\\u00e9\"}\n"), CreatedAt: at, TraceParent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"},
	} {
		want, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		got, err := AppendEventJSON([]byte("["), &ev)
		if err != nil {
			t.Fatal(err)
		}
		if got = got[1:]; !bytes.Equal(got, want) {
			t.Errorf("event %q:\n got %s\nwant %s", ev.ID, got, want)
		}
	}
	for _, bad := range []Event{{Data: json.RawMessage(`{"a":`)}, {Data: json.RawMessage(`{"a": "<"`)}, {CreatedAt: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}} {
		if _, err := AppendEventJSON(nil, &bad); err == nil {
			t.Errorf("%s rendered, as JSON it is an error", bad.Data)
		}
	}
}
