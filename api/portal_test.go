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
