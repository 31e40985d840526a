package api_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"testing"
)

// Seed 004's receiver, from its Go example: the lowercase hex HMAC-SHA256
// of the raw body, keyed by the secret, in X-R2-Signature.
func TestHexSignatureHeader(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	rc := newReceiver(t, nil)
	h.tenant("acme")
	ep := h.endpoint("acme", map[string]any{"url": rc.url + "/leapocr/webhooks", "signature": "hmac-sha256-hex",
		"signature_header": "X-R2-Signature", "user_agent": "LeapOCR-Webhook/1.0"})
	h.event("acme", map[string]any{"type": "job.completed", "data": map[string]any{"job_id": "j1"}})
	r := rc.next()
	m := hmac.New(sha256.New, []byte(ep.Secret))
	m.Write(r.body)
	if !hmac.Equal([]byte(r.header.Get("X-R2-Signature")), []byte(hex.EncodeToString(m.Sum(nil)))) {
		t.Fatalf("X-R2-Signature %q does not verify", r.header.Get("X-R2-Signature"))
	}
	if r.header.Get("User-Agent") != "LeapOCR-Webhook/1.0" || r.header.Get("webhook-signature") != "" {
		t.Fatalf("headers = %v", r.header)
	}
	// A rotation takes effect at once for a one-signature scheme.
	var rotated struct {
		Secret string `json:"secret"`
	}
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/endpoints/"+ep.ID+"/rotate-secret", nil, &rotated)
	h.event("acme", map[string]any{"type": "job.completed", "data": map[string]any{"job_id": "j2"}})
	r = rc.next()
	m = hmac.New(sha256.New, []byte(rotated.Secret))
	m.Write(r.body)
	if r.header.Get("X-R2-Signature") != hex.EncodeToString(m.Sum(nil)) {
		t.Fatal("after a rotation the hex signature is not made with the new secret")
	}
}

// Seed 001's receiver checks "authorization: Bearer <key>" on every
// callback; the token is write-only.
func TestBearerTokenAndNoSignature(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	rc := newReceiver(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer abcd" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
	h.tenant("acme")
	var ep struct {
		ID             string `json:"id"`
		BearerTokenSet bool   `json:"bearer_token_set"`
		BearerToken    string `json:"bearer_token"`
	}
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": rc.url, "signature": "none", "bearer_token": "abcd"}, &ep)
	ev := h.event("acme", map[string]any{"type": "image_generation.complete", "data": map[string]any{}})
	r := rc.next()
	if r.header.Get("webhook-signature") != "" {
		t.Fatal("an endpoint with signature none got a signature")
	}
	h.waitDelivery("acme", ev.Deliveries[0].ID, "succeeded")
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/endpoints/"+ep.ID, nil, &ep)
	if !ep.BearerTokenSet || ep.BearerToken != "" {
		t.Fatalf("GET endpoint: bearer_token_set %v, bearer_token %q; the token must never be shown", ep.BearerTokenSet, ep.BearerToken)
	}
	h.must(http.StatusOK, "PATCH", "/v1/tenants/acme/endpoints/"+ep.ID, map[string]any{"bearer_token": ""}, &ep)
	if ep.BearerTokenSet {
		t.Fatal("the bearer token was not removed")
	}
}

// Seed 003: the webhook is a base URL and /callback is appended; 4xx is
// never retried, 5xx is.
func TestPathSuffixAndServerErrorsOnly(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	rc := newReceiver(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/callback" {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		if n == 1 {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		w.WriteHeader(http.StatusTeapot)
	})
	h.tenant("acme")
	policy := map[string]any{"kind": "schedule", "schedule": []string{"20ms", "20ms", "20ms"}, "jitter": 0, "retry_on": "server-errors"}
	h.endpoint("acme", map[string]any{"url": rc.url + "/api/", "path_suffix": "/callback", "retry_policy": policy})
	ev := h.event("acme", map[string]any{"type": "task.completed", "data": map[string]any{}})
	d := h.waitDelivery("acme", ev.Deliveries[0].ID, "failed")
	if d.Attempts != 2 || d.AttemptLog[0].StatusCode != 502 || d.AttemptLog[1].StatusCode != 418 {
		t.Fatalf("delivery = %+v, want 502 retried, then 418 final", d)
	}
}

// Seed 000: any non-2xx is retried, a 4xx too.
func TestRetryAnyFailure(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	rc := newReceiver(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n < 3 {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
	h.tenant("acme")
	policy := map[string]any{"kind": "exponential", "base": "10ms", "factor": 2, "cap": "30ms", "max_retries": 5, "jitter": 0, "retry_on": "any"}
	h.endpoint("acme", map[string]any{"url": rc.url, "retry_policy": policy})
	ev := h.event("acme", map[string]any{"type": "image.completed", "data": map[string]any{}})
	d := h.waitDelivery("acme", ev.Deliveries[0].ID, "succeeded")
	if d.Attempts != 3 {
		t.Fatalf("attempts = %d, want 404, 404, 200", d.Attempts)
	}
}

func TestWireBadInput(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.tenant("acme")
	for name, body := range map[string]map[string]any{
		"unknown scheme":            {"url": "https://example.com", "signature": "md5"},
		"hex without header":        {"url": "https://example.com", "signature": "hmac-sha256-hex"},
		"reserved signature header": {"url": "https://example.com", "signature": "hmac-sha256-hex", "signature_header": "webhook-id"},
		"suffix with ..":            {"url": "https://example.com", "path_suffix": "/../admin"},
		"suffix with query":         {"url": "https://example.com", "path_suffix": "/cb?x=1"},
		"token with newline":        {"url": "https://example.com", "bearer_token": "a\nb"},
		"unknown retry_on":          {"url": "https://example.com", "retry_policy": map[string]any{"kind": "schedule", "retry_on": "sometimes"}},
	} {
		var e apiError
		if code := h.call("POST", "/v1/tenants/acme/endpoints", adminKey, body, &e); code != http.StatusBadRequest || e.Error.Message == "" {
			t.Errorf("%s: %d %+v, want 400 with a message", name, code, e)
		}
	}
}

// The test event goes out now, shaped and signed as real deliveries are,
// and the answer says what came of it (seed 004's "test before going live").
func TestTestEvent(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	var ep endpoint
	rc := newReceiver(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		m := hmac.New(sha256.New, []byte(ep.Secret))
		m.Write(body)
		if r.Header.Get("X-R2-Signature") != hex.EncodeToString(m.Sum(nil)) {
			http.Error(w, "Invalid signature", http.StatusUnauthorized)
			return
		}
		_, _ = w.Write([]byte(`{"received":true}`))
	})
	h.tenant("acme")
	ep = h.endpoint("acme", map[string]any{"url": rc.url, "preset": "leapocr"})
	var res struct {
		EventID      string  `json:"event_id"`
		Succeeded    bool    `json:"succeeded"`
		StatusCode   int     `json:"status_code"`
		DurationMS   float64 `json:"duration_ms"`
		ResponseBody string  `json:"response_body"`
		Error        string  `json:"error"`
	}
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/endpoints/"+ep.ID+"/test", nil, &res)
	if !res.Succeeded || res.StatusCode != 200 || res.ResponseBody != `{"received":true}` || res.DurationMS <= 0 {
		t.Fatalf("test result = %+v", res)
	}
	if typ := rc.next(); !strings.Contains(string(typ.body), `"event_type":"webhook.test"`) {
		t.Fatalf("test body = %s", typ.body)
	}
	// A test of a type the customer picks, from the catalogue or not: one
	// in the catalogue carries its first example.
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/endpoints/"+ep.ID+"/test", map[string]any{"event_type": "job.completed"}, &res)
	if typ := rc.next(); !res.Succeeded || !strings.Contains(string(typ.body), `"event_type":"job.completed"`) {
		t.Fatalf("a typed test: %+v, body %s", res, typ.body)
	}
	h.must(http.StatusCreated, "POST", "/v1/event-types", map[string]any{"name": "order.paid", "description": "An order was paid.",
		"examples": []map[string]any{{"order_id": "o_42", "amount": 1999}, {"order_id": "o_43"}}}, nil)
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/endpoints/"+ep.ID+"/test", map[string]any{"event_type": "order.paid"}, &res)
	if typ := rc.next(); !res.Succeeded || !strings.Contains(string(typ.body), `"order_id":"o_42"`) || strings.Contains(string(typ.body), "o_43") {
		t.Fatalf("a test of a catalogued type: %+v, body %s; want its first example", res, typ.body)
	}
	for _, examples := range []any{[]any{"not an object"}, []any{[]int{1}}, make([]map[string]any, 11)} {
		var bad apiError
		if code := h.call("POST", "/v1/event-types", adminKey, map[string]any{"name": "x.y", "examples": examples}, &bad); code != http.StatusBadRequest {
			t.Fatalf("examples %v = %d %+v, want 400", examples, code, bad)
		}
	}
	var bad apiError
	if code := h.call("POST", "/v1/tenants/acme/endpoints/"+ep.ID+"/test", adminKey, map[string]any{"event_type": "no spaces"}, &bad); code != http.StatusBadRequest {
		t.Fatalf("a test of an invalid type = %d %+v", code, bad)
	}
	// A receiver that refuses the signature shows it in the answer.
	other := h.endpoint("acme", map[string]any{"url": rc.url, "preset": "leapocr", "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"})
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/endpoints/"+other.ID+"/test", nil, &res)
	if res.Succeeded || res.StatusCode != http.StatusUnauthorized || !strings.Contains(res.ResponseBody, "Invalid signature") {
		t.Fatalf("test with a receiver holding another secret = %+v", res)
	}
	if n := len(h.deliveries("acme")); n != 0 {
		t.Fatalf("test events left %d deliveries; they are not stored", n)
	}
}
