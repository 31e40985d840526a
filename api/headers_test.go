package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/heraldhq/herald"
)

// An endpoint's static headers carry receivers' credentials (issue 25):
// every role reads their names with masked values, in GET, list, PATCH and
// create answers; a PATCH that sends a header back null or masked keeps
// its value, which attempts still send.
func TestHeaderValuesNeverShown(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	rc := newReceiver(t, nil)
	h.tenant("acme")
	const secret = "hv-secret-0123456789"
	var created map[string]any
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": rc.url + "/in",
		"headers": map[string]string{"X-Api-Key": secret, "X-Team": "ml-" + secret}}, &created)
	id := created["id"].(string)
	keys := map[string]string{
		"admin": adminKey, "tenant": h.roleKey("acme", herald.RoleTenant), "portal": h.roleKey("acme", herald.RolePortal),
		"read-only": h.roleKey("acme", herald.RoleReadOnly), "limited": h.limitedSession("acme", id),
	}
	check := func(what string, raw []byte) {
		t.Helper()
		if strings.Contains(string(raw), secret) {
			t.Errorf("%s shows a header value: %s", what, raw)
		}
		if !strings.Contains(string(raw), `"X-Api-Key":"••••••"`) {
			t.Errorf("%s does not name the header with its value masked: %s", what, raw)
		}
	}
	createdRaw, _ := json.Marshal(created)
	check("the create answer", createdRaw)
	for who, key := range keys {
		for _, path := range []string{"/v1/tenants/acme/endpoints/" + id, "/v1/tenants/acme/endpoints"} {
			var raw json.RawMessage
			if code := h.call("GET", path, key, nil, &raw); code != http.StatusOK {
				t.Fatalf("GET %s as %s = %d", path, who, code)
			}
			check("GET "+path+" as "+who, raw)
		}
		if who == "read-only" {
			continue
		}
		// Sent back as read, and null: both keep the value.
		var raw json.RawMessage
		body := map[string]any{"description": who, "headers": map[string]any{"X-Api-Key": "••••••", "X-Team": nil}}
		if code := h.call("PATCH", "/v1/tenants/acme/endpoints/"+id, key, body, &raw); code != http.StatusOK {
			t.Fatalf("PATCH as %s = %d %s", who, code, raw)
		}
		check("PATCH as "+who, raw)
	}
	// The kept values are the ones sent.
	h.event("acme", map[string]any{"type": "order.paid", "data": map[string]any{}})
	got := rc.next()
	if got.header.Get("X-Api-Key") != secret || got.header.Get("X-Team") != "ml-"+secret {
		t.Fatalf("after PATCHes that kept the headers, the receiver got X-Api-Key %q, X-Team %q", got.header.Get("X-Api-Key"), got.header.Get("X-Team"))
	}
	// A name left out is removed; a new value replaces; null with
	// nothing stored to keep, or on create, is a 400.
	h.must(http.StatusOK, "PATCH", "/v1/tenants/acme/endpoints/"+id, map[string]any{"headers": map[string]any{"X-Api-Key": "new-value"}}, nil)
	h.event("acme", map[string]any{"type": "order.paid", "data": map[string]any{}})
	got = rc.next()
	if got.header.Get("X-Api-Key") != "new-value" || got.header.Get("X-Team") != "" {
		t.Fatalf("after replacing the headers the receiver got %v", got.header)
	}
	for _, c := range []struct{ method, path string }{
		{"PATCH", "/v1/tenants/acme/endpoints/" + id},
		{"POST", "/v1/tenants/acme/endpoints"},
	} {
		var bad apiError
		body := map[string]any{"url": rc.url + "/x", "headers": map[string]any{"X-Unknown": nil}}
		if code := h.call(c.method, c.path, adminKey, body, &bad); code != http.StatusBadRequest || !strings.Contains(bad.Error.Message, "X-Unknown") {
			t.Errorf("%s with a null header nothing stores = %d %+v, want 400", c.method, code, bad)
		}
	}
}

// One rule for every header name (package header), wherever a setting
// names one: reserved names, 30 KB names, too many headers and long values
// are 400s in static headers, signature_header, a signature scheme's
// header and timestamp_header, and a job callback's headers (issue 25).
func TestHeaderNamesOneRule(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	rc := newReceiver(t, nil)
	h.tenant("acme")
	huge := strings.Repeat("X", 30000)
	many := map[string]string{}
	for i := range 21 {
		many["X-H"+strings.Repeat("a", i)] = "v"
	}
	scheme := func(header, ts string) map[string]any {
		s := map[string]any{"algorithm": "sha256", "encoding": "hex", "signed": "{timestamp}.{body}", "header": header, "value": "{signature}", "key": "utf8"}
		if ts != "" {
			s["timestamp_header"] = ts
		}
		return map[string]any{"signature": "hmac", "signature_scheme": s}
	}
	with := func(base map[string]any, kv ...any) map[string]any {
		out := map[string]any{"url": rc.url + "/in"}
		for k, v := range base {
			out[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			out[kv[i].(string)] = kv[i+1]
		}
		return out
	}
	for name, body := range map[string]map[string]any{
		"scheme header Proxy-Authorization":         with(scheme("Proxy-Authorization", "")),
		"scheme header Transfer-Encoding":           with(scheme("Transfer-Encoding", "")),
		"scheme header webhook-signature":           with(scheme("webhook-signature", "")),
		"scheme timestamp_header webhook-timestamp": with(scheme("X-Sig", "webhook-timestamp")),
		"scheme header of 30 KB":                    with(scheme(huge, "")),
		"signature_header Transfer-Encoding":        with(nil, "signature", "hmac-sha256-hex", "signature_header", "Transfer-Encoding"),
		"signature_header of 30 KB":                 with(nil, "signature", "hmac-sha256-hex", "signature_header", huge),
		"a header name of 30 KB":                    with(nil, "headers", map[string]string{huge: "v"}),
		"a value past 1024":                         with(nil, "headers", map[string]string{"X-A": strings.Repeat("v", 1025)}),
		"21 headers":                                with(nil, "headers", many),
		"Proxy-Authorization":                       with(nil, "headers", map[string]string{"proxy-authorization": "Basic x"}),
	} {
		var bad apiError
		if code := h.call("POST", "/v1/tenants/acme/endpoints", adminKey, body, &bad); code != http.StatusBadRequest || bad.Error.Code != "invalid_request" {
			t.Errorf("%s = %d %+v, want 400", name, code, bad)
		}
		if len(bad.Error.Message) > 400 {
			t.Errorf("%s: the error echoes %d bytes", name, len(bad.Error.Message))
		}
		// The same settings on a job's callback.
		delete(body, "url")
		if code := h.call("POST", "/v1/tenants/acme/jobs", adminKey, map[string]any{"type": "video", "callback_url": rc.url + "/cb", "callback": body}, &bad); code != http.StatusBadRequest {
			t.Errorf("a job callback with %s = %d %+v, want 400", name, code, bad)
		}
	}
	// What is allowed stays allowed.
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/endpoints", with(scheme("X-Hub-Signature-256", "X-Hub-Timestamp")), nil)
}
