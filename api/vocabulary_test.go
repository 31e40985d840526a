package api_test

import (
	"encoding/json"
	"net/http"
	"testing"
)

// Answers follow docs/api.md's "Conventions": a field that applies is
// always there, its default spelled out; one name per idea; an embedded
// list has no pagination of its own.
func TestAnswersSpellOutDefaults(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	var tenant map[string]json.RawMessage
	h.must(http.StatusCreated, "POST", "/v1/tenants", map[string]any{"id": "acme", "name": "Acme"}, &tenant)
	if string(tenant["max_event_types"]) != "0" || string(tenant["callback_secret_set"]) != "false" {
		t.Fatalf("a new tenant answers max_event_types %s, callback_secret_set %s; want 0 (the server's limit) and false",
			tenant["max_event_types"], tenant["callback_secret_set"])
	}
	var ev map[string]json.RawMessage
	h.must(http.StatusAccepted, "POST", "/v1/tenants/acme/events", map[string]any{"id": "e1", "type": "a", "data": map[string]any{}}, &ev)
	if string(ev["deliveries"]) != "[]" || string(ev["deliveries_more"]) != "false" || string(ev["deliveries_url"]) != `"/v1/tenants/acme/deliveries?event_id=e1"` {
		t.Fatalf("an event without deliveries answers %s", mustJSON(t, ev))
	}
	for _, old := range []string{"deliveries_next_cursor"} {
		if _, ok := ev[old]; ok {
			t.Fatalf("the event's answer still has %q", old)
		}
	}
	var et map[string]json.RawMessage
	h.must(http.StatusCreated, "POST", "/v1/event-types", map[string]any{"name": "a"}, &et)
	var types struct {
		Data []map[string]json.RawMessage `json:"data"`
	}
	h.must(http.StatusOK, "GET", "/v1/event-types", nil, &types)
	for _, got := range append(types.Data, et) {
		if string(got["examples"]) != "[]" || string(got["schema"]) != "null" || string(got["schemas"]) != "{}" || string(got["validate"]) != "false" {
			t.Fatalf("an event type without examples or schema answers %s", mustJSON(t, got))
		}
	}
	// A delivery names its event's type in every answer: lists, the
	// event's, GET of it and a retry's.
	rc := newReceiver(t, nil)
	h.endpoint("acme", map[string]any{"url": rc.url})
	var sent struct {
		Deliveries []map[string]json.RawMessage `json:"deliveries"`
	}
	h.must(http.StatusAccepted, "POST", "/v1/tenants/acme/events", map[string]any{"id": "e2", "type": "order.paid", "data": map[string]any{}}, &sent)
	if len(sent.Deliveries) != 1 || string(sent.Deliveries[0]["event_type"]) != `"order.paid"` {
		t.Fatalf("the event's answer lists %s", mustJSON(t, sent))
	}
	var id string
	if err := json.Unmarshal(sent.Deliveries[0]["id"], &id); err != nil {
		t.Fatal(err)
	}
	rc.next()
	h.waitDelivery("acme", id, "succeeded")
	var got, retried map[string]json.RawMessage
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/deliveries/"+id, nil, &got)
	h.must(http.StatusAccepted, "POST", "/v1/tenants/acme/deliveries/"+id+"/retry", nil, &retried)
	if string(got["event_type"]) != `"order.paid"` || string(retried["event_type"]) != `"order.paid"` {
		t.Fatalf("GET of the delivery answers event_type %s, its retry %s; want order.paid", got["event_type"], retried["event_type"])
	}
	var stats map[string]json.RawMessage
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/overview?window=1h", nil, &stats)
	for _, name := range []string{"since", "until"} {
		if _, ok := stats[name]; !ok {
			t.Fatalf("the overview lacks %q: %s", name, mustJSON(t, stats))
		}
	}
	for _, old := range []string{"from", "till"} {
		if _, ok := stats[old]; ok {
			t.Fatalf("the overview still has %q", old)
		}
	}
	var total map[string]json.RawMessage
	if err := json.Unmarshal(stats["total"], &total); err != nil {
		t.Fatal(err)
	}
	if string(total["succeeded"]) != "0" || string(total["failed"]) != "0" || total["delivered"] != nil || total["gave_up"] != nil {
		t.Fatalf("the overview's total: %s, want succeeded and failed, 0", stats["total"])
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
