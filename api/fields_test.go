package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/access"
)

// The route × role table at field level: every field of an endpoint's
// PATCH body × every role × limited or not, against the running server.
// A role that may not PATCH endpoints is refused every field; an
// unlimited role that may sets every field; a session limited to the
// endpoint sets the fields package access calls Settable, and narrows the
// Narrowing ones (its routing) but is refused widening them.
func TestEndpointFieldMatrix(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	rc := newReceiver(t, nil)
	h.tenant("acme")
	routing := map[string]any{"event_types": []string{"job.completed", "job.failed"}, "channels": []string{"cust-a", "cust-a2"}}
	ep := h.endpoint("acme", map[string]any{"url": rc.url + "/mine", "event_types": routing["event_types"], "channels": routing["channels"]})
	keys := map[string]string{
		"admin":     adminKey,
		"tenant":    h.roleKey("acme", herald.RoleTenant),
		"portal":    h.roleKey("acme", herald.RolePortal),
		"read-only": h.roleKey("acme", herald.RoleReadOnly),
		"limited":   h.limitedSession("acme", ep.ID),
	}
	// A value of each field; for the routing, one that widens and one
	// that narrows.
	values := map[string]any{
		"url": rc.url + "/moved", "description": "d", "headers": map[string]string{"X-Team": "ml"}, "retry_policy": nil,
		"disabled": false, "paused": false, "signature": "", "signature_scheme": nil, "signature_header": "",
		"path_suffix": "/cb", "user_agent": "ua/1", "bearer_token": "tok", "format": "", "envelope_object": "", "api_version": "",
		"disable_after_failures": 0, "rate_limit": nil, "ordering": "none", "send_traceparent": false, "preset": "standard-webhooks",
		"secret": "whsec_x",
	}
	widen := map[string]any{"event_types": []string{"job.completed", "job.failed", "job.started"}, "channels": []string{"cust-a", "cust-a2", "cust-b"}}
	narrow := map[string]any{"event_types": []string{"job.completed"}, "channels": []string{"cust-a"}}
	cells := 0
	for field, change := range access.EndpointFields {
		samples := []map[string]any{{field: values[field]}}
		if change == access.Narrowing {
			samples = []map[string]any{{field: widen[field]}, {field: narrow[field]}}
		} else if _, ok := values[field]; !ok {
			t.Fatalf("field %s of the access table has no value in this test", field)
		}
		for i, body := range samples {
			for who, key := range keys {
				var answer apiError
				code := h.call("PATCH", "/v1/tenants/acme/endpoints/"+ep.ID, key, body, &answer)
				cells++
				refused := who == "read-only" || who == "limited" && change == access.Narrowing && i == 0
				if refused != (code == http.StatusForbidden) {
					t.Errorf("PATCH %v as %s = %d %+v; want refused %v", body, who, code, answer, refused)
				}
				if refused && who == "limited" && !strings.Contains(answer.Error.Message, field) {
					t.Errorf("the refusal of %s to a limited session does not name it: %q", field, answer.Error.Message)
				}
				// Back as it was, for the next cell.
				h.must(http.StatusOK, "PATCH", "/v1/tenants/acme/endpoints/"+ep.ID, routing, nil)
			}
		}
	}
	if want := (len(access.EndpointFields) + 2) * len(keys); cells != want {
		t.Fatalf("walked %d cells, want %d", cells, want)
	}
}

// The attack of issue 25's first point: a session limited to its own
// endpoint re-routes it to another sub-customer's channel, or subscribes
// it to operational events, to read what is not its own. Both are
// refused; a platform cannot hand such a session an endpoint that
// receives operational events, nor subscribe one a session manages.
func TestLimitedSessionCannotWidenItsReach(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	rc := newReceiver(t, nil)
	h.tenant("acme")
	mine := h.endpoint("acme", map[string]any{"url": rc.url + "/mine", "channels": []string{"cust-a"}})
	all := h.endpoint("acme", map[string]any{"url": rc.url + "/all"})
	h.endpoint("acme", map[string]any{"url": rc.url + "/theirs", "channels": []string{"cust-b"}})
	key := h.limitedSession("acme", mine.ID)
	allKey := h.limitedSession("acme", all.ID)

	for _, c := range []struct {
		key  string
		id   string
		body map[string]any
	}{
		{key, mine.ID, map[string]any{"channels": []string{"cust-a", "cust-b"}}},
		{key, mine.ID, map[string]any{"channels": []string{"cust-b"}}},
		{key, mine.ID, map[string]any{"channels": []string{}}},
		{key, mine.ID, map[string]any{"event_types": []string{"endpoint.created", "delivery.failing"}}},
		{allKey, all.ID, map[string]any{"event_types": []string{"job.completed", "endpoint.updated"}}},
		{allKey, all.ID, map[string]any{"channels": []string{"cust-b"}}},
	} {
		var answer apiError
		if code := h.call("PATCH", "/v1/tenants/acme/endpoints/"+c.id, c.key, c.body, &answer); code != http.StatusForbidden || answer.Error.Code != "forbidden" {
			t.Errorf("a limited session's PATCH %v = %d %+v, want 403", c.body, code, answer)
		}
	}
	// Narrowing its own is its to do.
	var got struct {
		EventTypes []string `json:"event_types"`
		Channels   []string `json:"channels"`
	}
	if code := h.call("PATCH", "/v1/tenants/acme/endpoints/"+all.ID, allKey, map[string]any{"event_types": []string{"job.completed"}}, &got); code != http.StatusOK || !slices.Equal(got.EventTypes, []string{"job.completed"}) {
		t.Errorf("narrowing = %d %+v", code, got)
	}
	// The refused changes did not happen: an event on cust-b reaches only
	// the other customer's endpoint, and the session sees no delivery of it.
	ev := h.event("acme", map[string]any{"type": "job.completed", "channels": []string{"cust-b"}, "data": map[string]any{}})
	if len(ev.Deliveries) != 1 || ev.Deliveries[0].EndpointID == mine.ID {
		t.Fatalf("the cust-b event's deliveries: %+v", ev.Deliveries)
	}
	var bad apiError
	if code := h.call("GET", "/v1/tenants/acme/deliveries/"+ev.Deliveries[0].ID, key, nil, &bad); code != http.StatusNotFound {
		t.Errorf("the limited session reading the other customer's delivery = %d %+v, want 404", code, bad)
	}

	// The platform's side: no limited session for an endpoint of
	// operational events, and no operational events for one a session
	// manages.
	ops := h.endpoint("acme", map[string]any{"url": rc.url + "/ops", "event_types": []string{"endpoint.created"}})
	if code := h.call("POST", "/v1/tenants/acme/portal-sessions", adminKey, map[string]any{"endpoint_ids": []string{ops.ID}}, &bad); code != http.StatusBadRequest || !strings.Contains(bad.Error.Message, "operational") {
		t.Errorf("a session limited to an endpoint of operational events = %d %+v, want 400", code, bad)
	}
	if code := h.call("PATCH", "/v1/tenants/acme/endpoints/"+mine.ID, adminKey, map[string]any{"event_types": []string{"delivery.exhausted"}}, &bad); code != http.StatusBadRequest || !strings.Contains(bad.Error.Message, "portal session") {
		t.Errorf("subscribing a session's endpoint to operational events = %d %+v, want 400", code, bad)
	}
	// An endpoint no limited session manages still may.
	if code := h.call("PATCH", "/v1/tenants/acme/endpoints/"+ops.ID, adminKey, map[string]any{"event_types": []string{"delivery.exhausted"}}, &bad); code != http.StatusOK {
		t.Errorf("subscribing an endpoint of no session = %d %+v, want 200", code, bad)
	}
}
