package api_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"testing"
)

type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func TestAuthRefusal(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.tenant("acme")
	routes := []struct{ method, path string }{
		{"GET", "/v1/tenants"},
		{"POST", "/v1/tenants"},
		{"GET", "/v1/tenants/acme"},
		{"POST", "/v1/tenants/acme/events"},
		{"GET", "/v1/tenants/acme/endpoints"},
		{"GET", "/v1/tenants/acme/deliveries"},
		{"GET", "/v1/event-types"},
		{"GET", "/v1/no-such-route"},
	}
	headers := map[string]string{
		"no header":        "",
		"wrong key":        "Bearer hk_not_a_real_key",
		"wrong scheme":     "Basic " + adminKey,
		"no key":           "Bearer ",
		"admin key alone":  adminKey,
		"key with garbage": "Bearer " + adminKey + "x",
	}
	for _, rt := range routes {
		for name, hv := range headers {
			req, _ := http.NewRequest(rt.method, h.url+rt.path, strings.NewReader(`{"type":"x","data":{}}`))
			req.Header.Set("Content-Type", "application/json")
			if hv != "" {
				req.Header.Set("Authorization", hv)
			}
			resp, err := h.client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var body apiError
			_ = json.NewDecoder(resp.Body).Decode(&body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusUnauthorized || body.Error.Code != "unauthorized" || body.Error.Message == "" {
				t.Errorf("%s %s with %s: %d %+v, want 401 unauthorized", rt.method, rt.path, name, resp.StatusCode, body)
			}
			if resp.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("%s %s with %s: no WWW-Authenticate header", rt.method, rt.path, name)
			}
		}
	}
	// Health checks answer without a key: load balancers have none.
	if code := h.call("GET", "/healthz", "", nil, nil); code != http.StatusOK {
		t.Errorf("/healthz = %d", code)
	}
	if code := h.call("GET", "/readyz", "", nil, nil); code != http.StatusOK {
		t.Errorf("/readyz = %d", code)
	}
}

func TestTenantIsolation(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	rcA, rcB := newReceiver(t, nil), newReceiver(t, nil)
	h.tenant("a")
	h.tenant("b")
	var keyA struct {
		Key string `json:"key"`
	}
	h.must(http.StatusCreated, "POST", "/v1/tenants/a/keys", map[string]any{"name": "a's key"}, &keyA)
	if !strings.HasPrefix(keyA.Key, "hk_") {
		t.Fatalf("tenant key = %q", keyA.Key)
	}
	epA := h.endpoint("a", map[string]any{"url": rcA.url})
	epB := h.endpoint("b", map[string]any{"url": rcB.url})
	evB := h.event("b", map[string]any{"type": "job.completed", "data": map[string]any{"secret": "b's"}})
	rcB.next()

	// Tenant a's key works on a's resources.
	var ev eventView
	if code := h.call("POST", "/v1/tenants/a/events", keyA.Key, map[string]any{"type": "job.completed", "data": map[string]any{}}, &ev); code != http.StatusAccepted {
		t.Fatalf("tenant key posting to its own tenant = %d", code)
	}
	if r := rcA.next(); r.header.Get("webhook-id") != ev.ID {
		t.Fatal("tenant a's event did not reach tenant a's endpoint")
	}
	if code := h.call("GET", "/v1/tenants/a/endpoints/"+epA.ID, keyA.Key, nil, nil); code != http.StatusOK {
		t.Fatalf("tenant key reading its own endpoint = %d", code)
	}

	// And nothing of b's, with 404 rather than 403 so ids do not leak.
	denied := []struct{ method, path string }{
		{"GET", "/v1/tenants/b"},
		{"GET", "/v1/tenants/b/endpoints"},
		{"GET", "/v1/tenants/b/endpoints/" + epB.ID},
		{"PATCH", "/v1/tenants/b/endpoints/" + epB.ID},
		{"DELETE", "/v1/tenants/b/endpoints/" + epB.ID},
		{"POST", "/v1/tenants/b/endpoints/" + epB.ID + "/rotate-secret"},
		{"POST", "/v1/tenants/b/events"},
		{"GET", "/v1/tenants/b/events/" + evB.ID},
		{"GET", "/v1/tenants/b/deliveries"},
		{"GET", "/v1/tenants/b/deliveries/" + evB.Deliveries[0].ID},
		{"POST", "/v1/tenants/b/deliveries/" + evB.Deliveries[0].ID + "/retry"},
		// a's own path, b's ids:
		{"GET", "/v1/tenants/a/endpoints/" + epB.ID},
		{"GET", "/v1/tenants/a/events/" + evB.ID},
		{"GET", "/v1/tenants/a/deliveries/" + evB.Deliveries[0].ID},
		// admin-only routes on b's path: hidden, not refused.
		{"DELETE", "/v1/tenants/b"},
		{"POST", "/v1/tenants/b/keys"},
	}
	for _, d := range denied {
		var body apiError
		code := h.call(d.method, d.path, keyA.Key, map[string]any{"type": "x", "data": map[string]any{}, "name": "x"}, &body)
		if code != http.StatusNotFound || body.Error.Code != "not_found" {
			t.Errorf("%s %s with tenant a's key = %d %+v, want 404", d.method, d.path, code, body)
		}
	}
	// Admin-only routes that name no other tenant: refused, saying why.
	for _, d := range []struct{ method, path string }{
		{"GET", "/v1/tenants"},
		{"POST", "/v1/tenants"},
		{"DELETE", "/v1/tenants/a"},
		{"POST", "/v1/tenants/a/keys"},
		{"POST", "/v1/event-types"},
	} {
		var body apiError
		code := h.call(d.method, d.path, keyA.Key, map[string]any{"name": "x"}, &body)
		if code != http.StatusForbidden || body.Error.Code != "forbidden" || !strings.Contains(body.Error.Message, `"tenant"`) {
			t.Errorf("%s %s with tenant a's key = %d %+v, want 403 naming the role", d.method, d.path, code, body)
		}
	}
	if n := rcB.count(); n != 1 {
		t.Fatalf("tenant b's endpoint got %d requests, want only its own event", n)
	}
	// A deleted key stops working.
	var keys struct {
		Data []struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	h.must(http.StatusOK, "GET", "/v1/tenants/a/keys", nil, &keys)
	if len(keys.Data) != 1 {
		t.Fatalf("tenant a has %d keys, want 1", len(keys.Data))
	}
	h.must(http.StatusNoContent, "DELETE", "/v1/tenants/a/keys/"+keys.Data[0].ID, nil, nil)
	if code := h.call("GET", "/v1/tenants/a", keyA.Key, nil, nil); code != http.StatusUnauthorized {
		t.Fatalf("a deleted key answered %d, want 401", code)
	}
}

func TestBadInput(t *testing.T) {
	t.Parallel()
	h := newHarness(t, func(o *options) { o.maxPayload = 4 << 10 })
	rc := newReceiver(t, nil)
	h.tenant("acme")
	ep := h.endpoint("acme", map[string]any{"url": rc.url})
	accepted := h.event("acme", map[string]any{"id": "kept", "type": "job.completed", "data": map[string]any{"n": 1}})

	big := `{"type":"x","data":{"blob":"` + strings.Repeat("a", 5<<10) + `"}}`
	events := "/v1/tenants/acme/events"
	endpoints := "/v1/tenants/acme/endpoints"
	tests := []struct {
		name, method, path string
		body               string
		ctype              string
		status             int
		code               string
		mention            string // the message must say this
	}{
		{"malformed JSON", "POST", events, `{"type": "x", "data": {`, "", 400, "invalid_request", "not valid JSON"},
		{"not JSON at all", "POST", events, `type=x`, "", 400, "invalid_request", "not valid JSON"},
		{"empty body", "POST", events, ``, "", 400, "invalid_request", "empty"},
		{"unknown field", "POST", events, `{"type":"x","data":{},"colour":"red"}`, "", 400, "invalid_request", `"colour"`},
		{"wrong type", "POST", events, `{"type":42,"data":{}}`, "", 400, "invalid_request", `"type"`},
		{"data an array", "POST", events, `{"type":"x","data":[1,2]}`, "", 400, "invalid_request", "JSON object"},
		{"data a string", "POST", events, `{"type":"x","data":"hi"}`, "", 400, "invalid_request", "JSON object"},
		{"data missing", "POST", events, `{"type":"x"}`, "", 400, "invalid_request", `"data"`},
		{"data null", "POST", events, `{"type":"x","data":null}`, "", 400, "invalid_request", `"data"`},
		{"type missing", "POST", events, `{"data":{}}`, "", 400, "invalid_request", `"type"`},
		{"type with spaces", "POST", events, `{"type":"job completed","data":{}}`, "", 400, "invalid_request", "letters"},
		{"too many channels", "POST", events, `{"type":"x","data":{},"channels":["1","2","3","4","5","6","7","8","9","10","11"]}`, "", 400, "invalid_request", "at most 10"},
		{"bad event id", "POST", events, `{"id":"a/b","type":"x","data":{}}`, "", 400, "invalid_request", "id"},
		{"two objects", "POST", events, `{"type":"x","data":{}} {"type":"y","data":{}}`, "", 400, "invalid_request", "one JSON object"},
		{"body an array", "POST", events, `[{"type":"x","data":{}}]`, "", 400, "invalid_request", "JSON object"},
		{"oversized", "POST", events, big, "", 413, "payload_too_large", "limit"},
		{"form content type", "POST", events, `{"type":"x","data":{}}`, "application/x-www-form-urlencoded", 415, "unsupported_media_type", "application/json"},
		{"unknown tenant", "POST", "/v1/tenants/nope/events", `{"type":"x","data":{}}`, "", 404, "not_found", "nope"},
		{"url missing", "POST", endpoints, `{}`, "", 400, "invalid_request", `"url"`},
		{"url not a URL", "POST", endpoints, `{"url":"not a url"}`, "", 400, "invalid_request", "url"},
		{"url ftp", "POST", endpoints, `{"url":"ftp://example.com/x"}`, "", 400, "invalid_request", "https"},
		{"url with credentials", "POST", endpoints, `{"url":"https://u:p@example.com/x"}`, "", 400, "invalid_request", "password"},
		{"url private address", "POST", endpoints, `{"url":"https://10.1.2.3/x"}`, "", 400, "invalid_request", "private"},
		{"url metadata address", "POST", endpoints, `{"url":"http://169.254.169.254/latest"}`, "", 400, "invalid_request", "169.254"},
		{"reserved header", "POST", endpoints, `{"url":"https://example.com","headers":{"webhook-signature":"x"}}`, "", 400, "invalid_request", "set by Herald"},
		{"header with newline", "POST", endpoints, `{"url":"https://example.com","headers":{"X-A":"a\r\nB: c"}}`, "", 400, "invalid_request", "line breaks"},
		{"bad retry policy", "POST", endpoints, `{"url":"https://example.com","retry_policy":{"kind":"sometimes"}}`, "", 400, "invalid_request", "retry_policy"},
		{"bad retry duration", "POST", endpoints, `{"url":"https://example.com","retry_policy":{"kind":"schedule","schedule":["soon"]}}`, "", 400, "invalid_request", "duration"},
		{"bad secret", "POST", endpoints, `{"url":"https://example.com","secret":"hunter2"}`, "", 400, "invalid_request", "whsec_"},
		{"patch secret", "PATCH", endpoints + "/" + ep.ID, `{"secret":"whsec_x"}`, "", 400, "invalid_request", "rotate-secret"},
		{"bad grace period", "POST", endpoints + "/" + ep.ID + "/rotate-secret", `{"grace_period":"30d"}`, "", 400, "invalid_request", "duration"},
		{"bad status filter", "GET", "/v1/tenants/acme/deliveries?status=lost", ``, "", 400, "invalid_request", "status"},
		{"bad limit", "GET", "/v1/tenants/acme/deliveries?limit=-1", ``, "", 400, "invalid_request", "limit"},
		{"zero limit", "GET", "/v1/tenants/acme/events?limit=0", ``, "", 400, "invalid_request", "from 1 to 250"},
		{"limit above the maximum", "GET", "/v1/tenants/acme/deliveries?limit=251", ``, "", 400, "invalid_request", "from 1 to 250"},
		{"limit above the maximum, tenants", "GET", "/v1/tenants?limit=1000", ``, "", 400, "invalid_request", "next_cursor"},
		{"limit not a number", "GET", "/v1/tenants/acme/jobs?limit=ten", ``, "", 400, "invalid_request", `"ten"`},
		{"bad cursor", "GET", "/v1/tenants/acme/deliveries?cursor=garbage", ``, "", 400, "invalid_request", "cursor"},
		{"malformed query", "GET", "/v1/tenants/acme/deliveries?cursor=%%%", ``, "", 400, "invalid_request", "query string"},
		{"unknown endpoint", "GET", endpoints + "/ep_nope", ``, "", 404, "not_found", "ep_nope"},
		{"tenant id taken", "POST", "/v1/tenants", `{"id":"acme","name":"again"}`, "", 409, "conflict", "acme"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, h.url+tt.path, strings.NewReader(tt.body))
			req.Header.Set("Authorization", "Bearer "+adminKey)
			ct := "application/json"
			if tt.ctype != "" {
				ct = tt.ctype
			}
			req.Header.Set("Content-Type", ct)
			resp, err := h.client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body apiError
			if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
				t.Fatalf("the error answer is not JSON: %v", err)
			}
			if resp.StatusCode != tt.status || body.Error.Code != tt.code {
				t.Fatalf("= %d %q (%s), want %d %q", resp.StatusCode, body.Error.Code, body.Error.Message, tt.status, tt.code)
			}
			if !strings.Contains(body.Error.Message, tt.mention) {
				t.Fatalf("message %q does not mention %q", body.Error.Message, tt.mention)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
				t.Fatalf("Content-Type = %q", ct)
			}
		})
	}
	// Nothing already accepted was lost or changed.
	h.waitDelivery("acme", accepted.Deliveries[0].ID, "succeeded")
	var ev eventView
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/events/kept", nil, &ev)
	if string(ev.Data) != `{"n":1}` || len(ev.Deliveries) != 1 {
		t.Fatalf("the accepted event after bad input: %+v", ev)
	}
	var list struct {
		Data []json.RawMessage `json:"data"`
	}
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/events", nil, &list)
	if len(list.Data) != 1 {
		t.Fatalf("the tenant has %d events after bad input, want the 1 accepted", len(list.Data))
	}
	if rc.count() != 1 {
		t.Fatalf("the receiver got %d requests, want 1", rc.count())
	}
}

// A tenant may cap the event types of one subscription (LeapOCR: 10).
func TestTenantEventTypeLimit(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.must(http.StatusCreated, "POST", "/v1/tenants", map[string]any{"id": "ocr", "name": "OCR", "max_event_types": 2}, nil)
	var e apiError
	three := []string{"job.created", "job.started", "job.completed"}
	if code := h.call("POST", "/v1/tenants/ocr/endpoints", adminKey, map[string]any{"url": "https://example.com", "event_types": three}, &e); code != http.StatusBadRequest || !strings.Contains(e.Error.Message, "at most 2") {
		t.Fatalf("3 event types under a limit of 2 = %d %q", code, e.Error.Message)
	}
	ep := h.endpoint("ocr", map[string]any{"url": "https://example.com", "event_types": three[:2]})
	if code := h.call("PATCH", "/v1/tenants/ocr/endpoints/"+ep.ID, adminKey, map[string]any{"event_types": three}, &e); code != http.StatusBadRequest {
		t.Fatalf("PATCH past the limit = %d", code)
	}
	h.must(http.StatusOK, "PATCH", "/v1/tenants/ocr", map[string]any{"max_event_types": 10}, nil)
	h.must(http.StatusOK, "PATCH", "/v1/tenants/ocr/endpoints/"+ep.ID, map[string]any{"event_types": three}, nil)
	if code := h.call("POST", "/v1/tenants", adminKey, map[string]any{"name": "x", "max_event_types": -1}, &e); code != http.StatusBadRequest {
		t.Fatalf("a negative limit = %d", code)
	}
}

// Wrong keys from one address are answered 401 up to the limit, then 429
// with Retry-After, counted and logged at a bounded rate; a valid key from
// the same address is served all along. 3,000 wrong keys used to get 401
// each, with no log line.
func TestFailedAuthenticationIsThrottled(t *testing.T) {
	var logged syncLog
	h := newHarness(t, func(o *options) {
		o.maxAuthFailures = 5
		o.logger = slog.New(slog.NewTextHandler(&logged, nil))
	})
	codes := map[int]int{}
	var retryAfter string
	for i := range 50 {
		req, _ := http.NewRequest("GET", h.url+"/v1/tenants", nil)
		req.Header.Set("Authorization", fmt.Sprintf("Bearer hk_wrong_%d", i))
		resp, err := h.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		codes[resp.StatusCode]++
		if resp.StatusCode == 429 {
			retryAfter = resp.Header.Get("Retry-After")
		}
		// A valid key is never held back.
		if code := h.call("GET", "/v1/me", adminKey, nil, nil); code != 200 {
			t.Fatalf("the admin key after %d wrong keys = %d, want 200", i+1, code)
		}
	}
	if codes[401] != 5 || codes[429] != 45 {
		t.Fatalf("50 wrong keys answered %v, want 5 × 401 then 45 × 429", codes)
	}
	if n, err := strconv.Atoi(retryAfter); err != nil || n < 1 || n > 60 {
		t.Fatalf("Retry-After = %q, want 1 to 60 seconds", retryAfter)
	}
	if n := h.metric("herald_auth_failures_total", "answer", "rate_limited"); n != 45 {
		t.Errorf("herald_auth_failures_total{answer=rate_limited} = %v, want 45", n)
	}
	lines := strings.Count(logged.String(), "authentication failed")
	if lines < 1 || lines > 2 {
		t.Errorf("%d log lines for 50 failures within seconds, want 1 (at most one per 10 s per address)", lines)
	}
}

// Behind a trusted proxy the throttle counts the clients X-Forwarded-For
// names, each on its own; from an untrusted peer the header is ignored,
// so a client cannot dodge the throttle by writing one.
func TestThrottleBehindATrustedProxy(t *testing.T) {
	wrong := func(h *harness, forwarded string) int {
		req, _ := http.NewRequest("GET", h.url+"/v1/tenants", nil)
		req.Header.Set("Authorization", "Bearer hk_wrong")
		req.Header.Set("X-Forwarded-For", forwarded)
		resp, err := h.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	behind := newHarness(t, func(o *options) {
		o.maxAuthFailures = 3
		o.trustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
	})
	for i := range 3 {
		if code := wrong(behind, "198.51.100.1"); code != 401 {
			t.Fatalf("client 1's failure %d = %d, want 401", i+1, code)
		}
	}
	if code := wrong(behind, "198.51.100.1"); code != 429 {
		t.Fatalf("client 1's 4th failure = %d, want 429", code)
	}
	if code := wrong(behind, "198.51.100.2"); code != 401 {
		t.Fatalf("another client behind the same proxy = %d, want 401: its own count", code)
	}
	direct := newHarness(t, func(o *options) { o.maxAuthFailures = 3 })
	for i := range 3 {
		wrong(direct, fmt.Sprintf("198.51.100.%d", i))
	}
	if code := wrong(direct, "198.51.100.9"); code != 429 {
		t.Fatalf("an untrusted peer writing X-Forwarded-For = %d, want 429: the header is not believed", code)
	}
}
