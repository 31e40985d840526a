package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/store"
)

// Found red-teaming issue 25's edge: an endpoint's static headers are
// credentials whatever their names, and every answer shows their values
// masked, but the request as sent showed (and kept in the store, in
// clear) the value of a static header whose name is on the allow-list of
// safe names: a shared secret sent as "X-Shared-Signature", an id under
// "X-Client-Id". Now a static header's value is masked in the request as
// sent for every role, and never stored.
func TestStaticHeaderValuesNeverInTheRequestAsSent(t *testing.T) {
	t.Parallel()
	var db store.Store
	h := newHarness(t, func(o *options) {
		o.store = func(t *testing.T, box *seal.Box) store.Store {
			db = openStore(t, box)
			return db
		}
	})
	rc := newReceiver(t, nil)
	h.tenant("acme")
	static := map[string]string{"X-Shared-Signature": "rt-shared-secret-0123", "X-Client-Id": "rt-client-id-4567"}
	ep := h.endpoint("acme", map[string]any{"url": rc.url + "/in", "headers": static})
	ev := h.event("acme", map[string]any{"type": "order.paid", "data": map[string]any{}})
	got := rc.next()
	for k, v := range static {
		if got.header.Get(k) != v {
			t.Fatalf("the receiver got %s: %q, want %q", k, got.header.Get(k), v)
		}
	}
	d := h.waitDelivery("acme", ev.Deliveries[0].ID, "succeeded")
	keys := map[string]string{"admin": adminKey, "read-only": h.roleKey("acme", herald.RoleReadOnly), "limited": h.limitedSession("acme", ep.ID)}
	for who, key := range keys {
		var raw json.RawMessage
		if code := h.call("GET", "/v1/tenants/acme/deliveries/"+d.ID, key, nil, &raw); code != http.StatusOK {
			t.Fatalf("GET the delivery as %s = %d %s", who, code, raw)
		}
		var answer struct {
			AttemptLog []struct {
				Request struct {
					Headers map[string]string `json:"headers"`
				} `json:"request"`
			} `json:"attempt_log"`
		}
		if err := json.Unmarshal(raw, &answer); err != nil || len(answer.AttemptLog) != 1 {
			t.Fatalf("GET the delivery as %s: %v %s", who, err, raw)
		}
		for k, v := range static {
			if strings.Contains(string(raw), v) || answer.AttemptLog[0].Request.Headers[k] != "••••••" {
				t.Errorf("as %s, the request as sent shows static header %s as %q, want ••••••", who, k, answer.AttemptLog[0].Request.Headers[k])
			}
		}
	}
	as, err := db.FindAttempts(context.Background(), d.ID)
	if err != nil || len(as) != 1 || as[0].Request == nil {
		t.Fatalf("FindAttempts = %v, %v", as, err)
	}
	for k, v := range as[0].Request.Headers {
		if strings.Contains(v, "rt-") {
			t.Errorf("the store keeps static header %s of the request as sent in clear: %q", k, v)
		}
	}
}

// Found red-teaming issue 25's edge: the underscore spelling of a name
// Herald sets ("Webhook_Signature", which CGI-style receivers read as
// webhook-signature) was taken as a static header, by a limited portal
// session on its own endpoint and on a job's callback. Refused now, like
// the name it spells.
func TestUnderscoreSpellingsOfReservedHeadersAreRefused(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	rc := newReceiver(t, nil)
	h.tenant("acme")
	ep := h.endpoint("acme", map[string]any{"url": rc.url + "/in"})
	limited := h.limitedSession("acme", ep.ID)
	for _, name := range []string{"Webhook_Signature", "webhook_timestamp", "Content_Length", "Transfer_Encoding"} {
		headers := map[string]string{name: "v1,forged"}
		var bad apiError
		if code := h.call("PATCH", "/v1/tenants/acme/endpoints/"+ep.ID, limited, map[string]any{"headers": headers}, &bad); code != http.StatusBadRequest || !strings.Contains(bad.Error.Message, name) {
			t.Errorf("a limited session's PATCH with header %s = %d %+v, want 400 naming it", name, code, bad)
		}
		if code := h.call("POST", "/v1/tenants/acme/jobs", adminKey, map[string]any{"type": "video", "callback_url": rc.url + "/cb",
			"callback": map[string]any{"headers": headers}}, &bad); code != http.StatusBadRequest {
			t.Errorf("a job callback with header %s = %d %+v, want 400", name, code, bad)
		}
	}
	h.must(http.StatusOK, "PATCH", "/v1/tenants/acme/endpoints/"+ep.ID, map[string]any{"headers": map[string]string{"X_Team": "ml"}}, nil)
}

// Found red-teaming issue 25's edge: a session limited to an endpoint and
// a PATCH subscribing that endpoint to operational events each checked
// the other before writing, so made at once both succeeded (19 races in
// 20 on SQLite, 15 on PostgreSQL, with herald serve), and the session
// managed an endpoint that receives every endpoint's ids and URLs. Now
// each looks again after its write: whichever way the race goes, no
// session limited to an endpoint that reports lives on.
func TestLimitedSessionAndOperationalSubscriptionRace(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	rc := newReceiver(t, nil)
	h.tenant("acme")
	portal := h.roleKey("acme", herald.RolePortal)
	for i := range 20 {
		ep := h.endpoint("acme", map[string]any{"url": rc.url + "/in", "event_types": []string{"order.paid"}})
		var ps struct {
			Token string `json:"token"`
		}
		var session, patch int
		var wg sync.WaitGroup
		wg.Go(func() {
			session = h.call("POST", "/v1/tenants/acme/portal-sessions", adminKey, map[string]any{"endpoint_ids": []string{ep.ID}}, &ps)
		})
		wg.Go(func() {
			patch = h.call("PATCH", "/v1/tenants/acme/endpoints/"+ep.ID, portal, map[string]any{"event_types": []string{"order.paid", "endpoint.updated"}}, nil)
		})
		wg.Wait()
		if patch != http.StatusOK {
			continue // the session won, and the subscription was refused
		}
		if session == http.StatusCreated {
			var in apiError
			if code := h.call("POST", "/v1/portal-sessions/exchange", "", map[string]any{"token": ps.Token}, &in); code == http.StatusOK {
				t.Fatalf("race %d: a session limited to endpoint %s signs in although the endpoint now receives operational events", i, ep.ID)
			}
		}
	}
}

// Found red-teaming issue 25's edge: an endpoint that once received
// operational events, then unsubscribed, could be given to a limited
// session, which read them from its deliveries (request_body: another
// endpoint's id, URL with its query string, description), and could
// replay or retry them to a URL of its choosing. Such an endpoint is not
// given to a limited session while those deliveries are kept.
func TestLimitedSessionNeverGetsOperationalHistory(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	rc := newReceiver(t, nil)
	h.tenant("acme")
	ops := h.endpoint("acme", map[string]any{"url": rc.url + "/ops", "event_types": []string{"endpoint.updated"}})
	other := h.endpoint("acme", map[string]any{"url": rc.url + "/other?token=rt-query-secret", "event_types": []string{"order.paid"}})
	h.must(http.StatusOK, "PATCH", "/v1/tenants/acme/endpoints/"+other.ID, map[string]any{"description": "another customer"}, nil)
	if got := rc.next(); !strings.Contains(string(got.body), other.ID) {
		t.Fatalf("the operational endpoint got %s", got.body)
	}
	h.must(http.StatusOK, "PATCH", "/v1/tenants/acme/endpoints/"+ops.ID, map[string]any{"event_types": []string{"order.paid"}}, nil)
	var bad apiError
	if code := h.call("POST", "/v1/tenants/acme/portal-sessions", adminKey, map[string]any{"endpoint_ids": []string{ops.ID}}, &bad); code != http.StatusBadRequest || !strings.Contains(bad.Error.Message, ops.ID) {
		t.Fatalf("a session limited to an endpoint with operational deliveries kept = %d %+v, want 400 naming it", code, bad)
	}
	// An unlimited session is the platform's customer: it sees every endpoint anyway.
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/portal-sessions", map[string]any{}, nil)
}
