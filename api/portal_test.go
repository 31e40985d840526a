package api_test

import (
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// A platform's tenant key makes a sign-in link; the link signs in once, as
// a portal key that manages endpoints and sends nothing, until the session
// ends or is revoked.
func TestPortalSessions(t *testing.T) {
	t.Parallel()
	var ahead atomic.Int64 // how far the API's clock runs ahead of the wall's
	h := newHarness(t, func(o *options) {
		o.now = func() time.Time { return time.Now().Add(time.Duration(ahead.Load())) }
	})
	h.tenant("acme")
	h.tenant("other")
	var tk struct{ Key string }
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/keys", map[string]any{"name": "platform"}, &tk)

	type session struct {
		ID        string    `json:"id"`
		Role      string    `json:"role"`
		Token     string    `json:"token"`
		URL       string    `json:"url"`
		Key       string    `json:"key"`
		ExpiresAt time.Time `json:"expires_at"`
		LinkUsed  bool      `json:"link_used"`
	}
	var ps session
	if code := h.call("POST", "/v1/tenants/acme/portal-sessions", tk.Key, map[string]any{"lifetime": "2h", "theme": "dark", "name": "Acme Cloud"}, &ps); code != http.StatusCreated {
		t.Fatalf("a tenant key making a portal session = %d", code)
	}
	u, err := url.Parse(ps.URL)
	if err != nil || u.RawQuery != "" || !strings.HasSuffix(u.Path, "/ui/") {
		t.Fatalf("link %q: want the dashboard with nothing in the query", ps.URL)
	}
	frag, _ := url.ParseQuery(u.EscapedFragment())
	if frag.Get("portal") != ps.Token || frag.Get("theme") != "dark" || frag.Get("name") != "Acme Cloud" || !strings.HasPrefix(ps.Token, "hpl_") {
		t.Fatalf("the link's fragment %q does not carry the token, theme and name", u.EscapedFragment())
	}
	if ps.Role != "portal" || time.Until(ps.ExpiresAt) < 119*time.Minute || time.Until(ps.ExpiresAt) > 121*time.Minute {
		t.Fatalf("session = %+v, want a portal role for 2 h", ps)
	}

	// The token is no API key, and signs in once.
	if code := h.call("GET", "/v1/me", ps.Token, nil, nil); code != http.StatusUnauthorized {
		t.Fatalf("the link's token used as a key = %d, want 401", code)
	}
	var in session
	h.must(http.StatusOK, "POST", "/v1/portal-sessions/exchange", map[string]any{"token": ps.Token}, &in)
	var again apiError
	if code := h.call("POST", "/v1/portal-sessions/exchange", "", map[string]any{"token": ps.Token}, &again); code != http.StatusUnauthorized || !strings.Contains(again.Error.Message, "already used") {
		t.Fatalf("the link a second time = %d %+v, want 401 saying why", code, again)
	}
	var me struct {
		TenantID string `json:"tenant_id"`
		Role     string `json:"role"`
	}
	if code := h.call("GET", "/v1/me", in.Key, nil, &me); code != http.StatusOK || me.TenantID != "acme" || me.Role != "portal" {
		t.Fatalf("GET /v1/me with the session's key = %d %+v", code, me)
	}
	if code := h.call("POST", "/v1/tenants/acme/endpoints", in.Key, map[string]any{"url": "http://127.0.0.1:9/hook", "paused": true}, nil); code != http.StatusCreated {
		t.Fatalf("the portal session adding an endpoint = %d", code)
	}
	for _, c := range []struct{ method, path string }{
		{"POST", "/v1/tenants/acme/events"},
		{"POST", "/v1/tenants/acme/jobs"},
		{"POST", "/v1/tenants/acme/portal-sessions"},
		{"POST", "/v1/tenants/acme/keys"},
	} {
		if code := h.call(c.method, c.path, in.Key, map[string]any{"type": "x", "data": map[string]any{}}, nil); code != http.StatusForbidden {
			t.Errorf("%s %s with the session's key = %d, want 403", c.method, c.path, code)
		}
	}
	if code := h.call("GET", "/v1/tenants/other/endpoints", in.Key, nil, nil); code != http.StatusNotFound {
		t.Errorf("the session reading another tenant = %d, want 404", code)
	}
	var list struct {
		Data []session `json:"data"`
	}
	if code := h.call("GET", "/v1/tenants/acme/portal-sessions", tk.Key, nil, &list); code != http.StatusOK || len(list.Data) != 1 || !list.Data[0].LinkUsed || list.Data[0].Token != "" {
		t.Fatalf("the tenant's sessions = %d %+v, want one, its link used, no token shown", code, list.Data)
	}
	// The tenant's keys do not list sessions.
	var keys struct {
		Data []struct{ ID string } `json:"data"`
	}
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/keys", nil, &keys)
	if len(keys.Data) != 1 {
		t.Fatalf("the tenant's keys list %d, want its one key", len(keys.Data))
	}

	// It ends at its end: past it, the key is refused with a reason.
	ahead.Store(int64(2*time.Hour + time.Second))
	var ended apiError
	if code := h.call("GET", "/v1/tenants/acme/endpoints", in.Key, nil, &ended); code != http.StatusUnauthorized || !strings.Contains(ended.Error.Message, "ended") {
		t.Fatalf("after the session's end = %d %+v, want 401 saying it ended", code, ended)
	}
	ahead.Store(0)

	// Revoked, every session stops at once, used or not.
	var two, three session
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/portal-sessions", map[string]any{"role": "read-only"}, &two)
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/portal-sessions", nil, &three)
	var signedIn session
	h.must(http.StatusOK, "POST", "/v1/portal-sessions/exchange", map[string]any{"token": two.Token}, &signedIn)
	if code := h.call("GET", "/v1/tenants/acme/endpoints", signedIn.Key, nil, nil); code != http.StatusOK {
		t.Fatalf("a read-only session reading = %d", code)
	}
	var revoked struct{ Revoked int }
	if code := h.call("POST", "/v1/tenants/acme/portal-sessions/revoke", tk.Key, nil, &revoked); code != http.StatusOK || revoked.Revoked != 3 {
		t.Fatalf("revoke = %d %+v, want the tenant's 3 sessions", code, revoked)
	}
	if code := h.call("GET", "/v1/tenants/acme/endpoints", signedIn.Key, nil, nil); code != http.StatusUnauthorized {
		t.Fatalf("a revoked session's key = %d, want 401 at once", code)
	}
	if code := h.call("POST", "/v1/portal-sessions/exchange", "", map[string]any{"token": three.Token}, nil); code != http.StatusUnauthorized {
		t.Fatalf("a revoked session's unused link = %d, want 401", code)
	}
	if code := h.call("DELETE", "/v1/tenants/acme/portal-sessions/"+two.ID, tk.Key, nil, nil); code != http.StatusNotFound {
		t.Fatalf("deleting a revoked session = %d, want 404", code)
	}

	// Bad requests are 400s that say why.
	for _, body := range []map[string]any{{"lifetime": "72h"}, {"role": "tenant"}, {"theme": "neon"}, {"lifetime": "soon"}} {
		var bad apiError
		if code := h.call("POST", "/v1/tenants/acme/portal-sessions", tk.Key, body, &bad); code != http.StatusBadRequest || bad.Error.Message == "" {
			t.Errorf("a session with %v = %d %+v, want 400", body, code, bad)
		}
	}
}

// A session limited to one endpoint sees and manages that endpoint and
// its deliveries only: another endpoint and its deliveries are as if they
// did not exist, and routes beyond endpoints are refused.
func TestPortalSessionLimitedToEndpoints(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	rc := newReceiver(t, nil)
	h.tenant("acme")
	mine := h.endpoint("acme", map[string]any{"url": rc.url + "/mine"})
	theirs := h.endpoint("acme", map[string]any{"url": rc.url + "/theirs"})
	ev := h.event("acme", map[string]any{"type": "job.completed", "data": map[string]any{}})
	rc.next()
	rc.next()
	var myDelivery, theirDelivery string
	for _, d := range ev.Deliveries {
		if d.EndpointID == mine.ID {
			myDelivery = d.ID
		} else {
			theirDelivery = d.ID
		}
	}
	h.waitDelivery("acme", myDelivery, "succeeded")
	h.waitDelivery("acme", theirDelivery, "succeeded")

	var bad apiError
	if code := h.call("POST", "/v1/tenants/acme/portal-sessions", adminKey, map[string]any{"endpoint_ids": []string{"ep_nope"}}, &bad); code != http.StatusBadRequest {
		t.Fatalf("a session limited to an unknown endpoint = %d %+v", code, bad)
	}
	var ps struct {
		Token       string   `json:"token"`
		EndpointIDs []string `json:"endpoint_ids"`
	}
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/portal-sessions", map[string]any{"endpoint_ids": []string{mine.ID}}, &ps)
	var in struct {
		Key string `json:"key"`
	}
	h.must(http.StatusOK, "POST", "/v1/portal-sessions/exchange", map[string]any{"token": ps.Token}, &in)
	var me struct {
		EndpointIDs []string `json:"endpoint_ids"`
	}
	if code := h.call("GET", "/v1/me", in.Key, nil, &me); code != http.StatusOK || len(me.EndpointIDs) != 1 || me.EndpointIDs[0] != mine.ID {
		t.Fatalf("GET /v1/me of a limited session = %d %+v", code, me)
	}
	var list struct {
		Data []struct{ ID string } `json:"data"`
	}
	if code := h.call("GET", "/v1/tenants/acme/endpoints", in.Key, nil, &list); code != http.StatusOK || len(list.Data) != 1 || list.Data[0].ID != mine.ID {
		t.Fatalf("the limited session's endpoints = %d %+v, want only its own", code, list.Data)
	}
	if code := h.call("GET", "/v1/tenants/acme/deliveries", in.Key, nil, &list); code != http.StatusOK || len(list.Data) != 1 || list.Data[0].ID != myDelivery {
		t.Fatalf("the limited session's deliveries = %d %+v, want only its endpoint's", code, list.Data)
	}
	for _, c := range []struct {
		method, path string
		want         int
	}{
		{"GET", "/v1/tenants/acme/endpoints/" + mine.ID, http.StatusOK},
		{"GET", "/v1/tenants/acme/endpoints/" + mine.ID + "/stats", http.StatusOK},
		{"PATCH", "/v1/tenants/acme/endpoints/" + mine.ID, http.StatusOK},
		{"GET", "/v1/tenants/acme/deliveries/" + myDelivery, http.StatusOK},
		{"POST", "/v1/tenants/acme/deliveries/" + myDelivery + "/retry", http.StatusAccepted},
		{"GET", "/v1/tenants/acme/endpoints/" + theirs.ID, http.StatusNotFound},
		{"PATCH", "/v1/tenants/acme/endpoints/" + theirs.ID, http.StatusNotFound},
		{"DELETE", "/v1/tenants/acme/endpoints/" + theirs.ID, http.StatusNotFound},
		{"GET", "/v1/tenants/acme/endpoints/" + theirs.ID + "/stats", http.StatusNotFound},
		{"GET", "/v1/tenants/acme/deliveries/" + theirDelivery, http.StatusNotFound},
		{"POST", "/v1/tenants/acme/deliveries/" + theirDelivery + "/retry", http.StatusNotFound},
		{"GET", "/v1/tenants/acme/deliveries?endpoint_id=" + theirs.ID, http.StatusNotFound},
		{"GET", "/v1/tenants/acme/events", http.StatusForbidden},
		{"GET", "/v1/tenants/acme/events/" + ev.ID, http.StatusForbidden},
		{"GET", "/v1/tenants/acme/jobs", http.StatusForbidden},
		{"GET", "/v1/tenants/acme/overview", http.StatusForbidden},
		{"POST", "/v1/tenants/acme/endpoints", http.StatusForbidden},
	} {
		var body any
		if c.method == "PATCH" {
			body = map[string]any{"description": "changed by the portal"}
		}
		if c.method == "POST" && c.want == http.StatusForbidden {
			body = map[string]any{"url": rc.url + "/new"}
		}
		var answer apiError
		if code := h.call(c.method, c.path, in.Key, body, &answer); code != c.want {
			t.Errorf("%s %s with the limited session = %d %+v, want %d", c.method, c.path, code, answer, c.want)
		}
	}
	// Nothing of the other endpoint changed.
	var other struct {
		Description string `json:"description"`
	}
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/endpoints/"+theirs.ID, nil, &other)
	if other.Description != "" {
		t.Fatalf("the other endpoint was changed: %q", other.Description)
	}
}
