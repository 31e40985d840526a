package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/heraldhq/herald"
)

// Found red-teaming portal links: a session limited to one endpoint could
// change its url, and the bearer token and static headers the platform
// had placed on it (shown to the session as ••••••) went to the new host.
// A url moved to another origin (scheme, host or port) now takes only the
// credentials the same request gives: otherwise a 400 names the fields to
// give again. The same rule holds for a tenant key, which cannot read the
// values either. A path on the same origin, or an endpoint with nothing
// stored, moves freely.
func TestURLChangeDoesNotCarryCredentials(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.tenant("acme")
	for _, who := range []string{"limited portal session", "tenant key"} {
		t.Run(who, func(t *testing.T) {
			old, other := newReceiver(t, nil), newReceiver(t, nil)
			ep := h.endpoint("acme", map[string]any{"url": old.url + "/in", "bearer_token": "platform-token",
				"headers": map[string]string{"X-Api-Key": "platform-key"}})
			path := "/v1/tenants/acme/endpoints/" + ep.ID
			key := h.roleKey("acme", herald.RoleTenant)
			if who == "limited portal session" {
				key = h.limitedSession("acme", ep.ID)
			}
			// sendTest has the endpoint send a test event, which rc
			// receives, and returns that request.
			sendTest := func(rc *receiver) request {
				t.Helper()
				h.must(http.StatusOK, "POST", path+"/test", nil, nil)
				return rc.next()
			}

			// Moved without the credentials, or with them sent back as
			// read (the mask), or kept with null: refused, naming them.
			var read map[string]any
			if code := h.call("GET", path, key, nil, &read); code != http.StatusOK {
				t.Fatalf("GET = %d", code)
			}
			read["url"] = other.url + "/in"
			for name, body := range map[string]any{
				"credentials left out":  map[string]any{"url": other.url + "/in"},
				"a GET's answer edited": read,
				"kept with null and the mask": map[string]any{"url": other.url + "/in", "bearer_token": "••••••",
					"headers": map[string]any{"X-Api-Key": nil}},
			} {
				var bad apiError
				code := h.call("PATCH", path, key, body, &bad)
				if code != http.StatusBadRequest || bad.Error.Code != "invalid_request" || !strings.HasPrefix(bad.Error.Message, "url: ") ||
					!strings.Contains(bad.Error.Message, "give bearer_token and headers again") || !strings.Contains(bad.Error.Message, "X-Api-Key") {
					t.Fatalf("PATCH to another origin, %s = %d %+v; want 400 naming bearer_token and headers", name, code, bad)
				}
			}
			// Refused means unchanged: the old receiver still gets the
			// old credentials, the new one nothing.
			got := sendTest(old)
			if got.header.Get("Authorization") != "Bearer platform-token" || got.header.Get("X-Api-Key") != "platform-key" {
				t.Fatalf("after the refusals the old receiver got %v", got.header)
			}
			if n := other.count(); n != 0 {
				t.Fatalf("the new receiver got %d requests after refused moves", n)
			}

			// Given again: accepted, and the new receiver gets the new
			// values.
			var moved struct {
				URL            string            `json:"url"`
				BearerTokenSet bool              `json:"bearer_token_set"`
				Headers        map[string]string `json:"headers"`
			}
			body := map[string]any{"url": other.url + "/in", "bearer_token": "customer-token", "headers": map[string]any{"X-Api-Key": "customer-key"}}
			if code := h.call("PATCH", path, key, body, &moved); code != http.StatusOK || moved.URL != other.url+"/in" || !moved.BearerTokenSet {
				t.Fatalf("PATCH to another origin with the credentials given = %d %+v", code, moved)
			}
			got = sendTest(other)
			if got.header.Get("Authorization") != "Bearer customer-token" || got.header.Get("X-Api-Key") != "customer-key" {
				t.Fatalf("the new receiver got %v; want the credentials given with the move", got.header)
			}

			// A path on the same origin: accepted, credentials kept.
			if code := h.call("PATCH", path, key, map[string]any{"url": other.url + "/moved"}, &moved); code != http.StatusOK {
				t.Fatalf("PATCH to a path on the same origin = %d %+v", code, moved)
			}
			got = sendTest(other)
			if got.path != "/moved" || got.header.Get("Authorization") != "Bearer customer-token" || got.header.Get("X-Api-Key") != "customer-key" {
				t.Fatalf("after a same-origin move the receiver got %s %v; want /moved with the credentials kept", got.path, got.header)
			}

			// Given anew or removed, each of them: removing them both
			// moves the endpoint with none.
			body = map[string]any{"url": old.url + "/back", "bearer_token": "", "headers": map[string]any{}}
			moved.Headers = nil // decoding merges into a map
			if code := h.call("PATCH", path, key, body, &moved); code != http.StatusOK || moved.BearerTokenSet || len(moved.Headers) != 0 {
				t.Fatalf("PATCH to another origin removing the credentials = %d %+v", code, moved)
			}
			got = sendTest(old)
			if got.header.Get("Authorization") != "" || got.header.Get("X-Api-Key") != "" {
				t.Fatalf("after a move that removed the credentials the receiver got %v", got.header)
			}
			// Nothing stored: moves freely.
			if code := h.call("PATCH", path, key, map[string]any{"url": other.url + "/free"}, &moved); code != http.StatusOK {
				t.Fatalf("PATCH of an endpoint with no credentials to another origin = %d %+v", code, moved)
			}
			got = sendTest(other)
			if got.path != "/free" {
				t.Fatalf("after the free move the receiver got %s", got.path)
			}
		})
	}
}

// The refusal names only what is stored and not given: a body that gives
// the token but leaves a header to be kept is refused for headers alone.
func TestURLChangeNamesOnlyWhatIsCarried(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.tenant("acme")
	old, other := newReceiver(t, nil), newReceiver(t, nil)
	ep := h.endpoint("acme", map[string]any{"url": old.url + "/in", "bearer_token": "platform-token",
		"headers": map[string]string{"X-Api-Key": "platform-key", "X-Team": "t1"}})
	key := h.limitedSession("acme", ep.ID)
	var bad apiError
	body := map[string]any{"url": other.url + "/in", "bearer_token": "new", "headers": map[string]any{"X-Api-Key": "new", "X-Team": "••••••"}}
	code := h.call("PATCH", "/v1/tenants/acme/endpoints/"+ep.ID, key, body, &bad)
	raw, _ := json.Marshal(bad)
	if code != http.StatusBadRequest || !strings.Contains(bad.Error.Message, "give headers again") || !strings.Contains(bad.Error.Message, "X-Team") ||
		strings.Contains(bad.Error.Message, "X-Api-Key") || strings.Contains(bad.Error.Message, "its bearer_token") {
		t.Fatalf("PATCH keeping one header on a move = %d %s; want 400 naming headers X-Team only", code, raw)
	}
}
