package api_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// An endpoint's answer shows every setting, defaults spelled out: no
// "" where the default is "standard", ordering "none" rather than
// nothing, an empty retry schedule with its key.
func TestEndpointDefaultsAnswered(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.tenant("acme")
	ep := h.endpoint("acme", map[string]any{"url": "http://127.0.0.1:9/hook"})
	var got map[string]any
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/endpoints/"+ep.ID, nil, &got)
	for field, want := range map[string]any{
		"format": "standard", "signature": "standard", "ordering": "none", "envelope_object": "event", "api_version": "v1",
		"signature_header": "", "path_suffix": "", "user_agent": "", "disabled_reason": "", "disable_after_failures": 0.0,
		"signature_scheme": nil, "retry_policy": nil, "rate_limit": nil, "send_traceparent": false, "bearer_token_set": false,
		"event_types": []any{}, "channels": []any{}, "headers": map[string]any{},
	} {
		v, ok := got[field]
		if !ok || !reflect.DeepEqual(v, want) {
			t.Errorf("%s = %#v (present %v), want %#v", field, v, ok, want)
		}
	}

	var none map[string]any
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": "http://127.0.0.1:9/once",
		"retry_policy": map[string]any{"kind": "schedule", "schedule": []string{}}, "ordering": "", "format": ""}, &none)
	want := map[string]any{"kind": "schedule", "schedule": []any{}, "jitter": 0.0, "retry_on": "default"}
	if !reflect.DeepEqual(none["retry_policy"], want) || none["ordering"] != "none" || none["format"] != "standard" {
		t.Errorf("retry_policy %v ordering %v format %v; want %v, none, standard", none["retry_policy"], none["ordering"], none["format"], want)
	}
}

// What a GET answers, sent back as a PATCH, is accepted and changes
// nothing, for endpoints of every kind of setting, by the tenant and by a
// portal session limited to the endpoint.
func TestEndpointAnswerSentBack(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.tenant("acme")
	bodies := []map[string]any{
		{"url": "http://127.0.0.1:9/a"},
		{"url": "http://127.0.0.1:9/b", "signature": "ed25519", "format": "envelope", "envelope_object": "invoice", "ordering": "fifo",
			"rate_limit": map[string]any{"count": 5, "per": "second"}, "paused": true},
		{"url": "http://127.0.0.1:9/c", "preset": "leapocr-sdk", "headers": map[string]string{"X-Key": "s3cret"}, "bearer_token": "tok",
			"retry_policy": map[string]any{"kind": "schedule", "schedule": []string{}}, "event_types": []string{"job.completed"}},
		{"url": "http://127.0.0.1:9/d", "signature": "hmac-sha256-hex", "signature_header": "X-Sig", "path_suffix": "/cb",
			"user_agent": "Acme/1", "disable_after_failures": 3, "send_traceparent": true, "channels": []string{"eu"},
			"retry_policy": map[string]any{"kind": "exponential", "base": "1s", "factor": 2, "cap": "1m", "max_retries": 3}},
	}
	for _, body := range bodies {
		ep := h.endpoint("acme", body)
		path := "/v1/tenants/acme/endpoints/" + ep.ID
		for _, key := range []string{adminKey, h.limitedSession("acme", ep.ID)} {
			var before json.RawMessage
			if code := h.call("GET", path, key, nil, &before); code != http.StatusOK {
				t.Fatalf("GET %s = %d", path, code)
			}
			var answer, after map[string]any
			if code := h.call("PATCH", path, key, string(before), &answer); code != http.StatusOK {
				t.Fatalf("PATCH %s with its own answer = %d: %v\n%s", body["url"], code, answer, before)
			}
			h.call("GET", path, key, nil, &after)
			var was map[string]any
			if err := json.Unmarshal(before, &was); err != nil {
				t.Fatal(err)
			}
			delete(was, "updated_at")
			delete(after, "updated_at")
			if !reflect.DeepEqual(was, after) {
				t.Errorf("%s changed when its answer was sent back:\nbefore %v\nafter  %v", body["url"], was, after)
			}
		}
	}
}

// Values out of range are refused with a 400 that names the field, on
// create and on PATCH, and the fields answers show that are not settings
// are refused where they cannot be meant.
func TestEndpointOutOfRange(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.tenant("acme")
	other := h.endpoint("acme", map[string]any{"url": "http://127.0.0.1:9/other"})
	ep := h.endpoint("acme", map[string]any{"url": "http://127.0.0.1:9/a"})
	for _, c := range []struct {
		body  map[string]any
		field string // the message starts with it
	}{
		{map[string]any{"format": "xml"}, "format must be"},
		{map[string]any{"signature": "rsa"}, "signature must be"},
		{map[string]any{"ordering": "lifo"}, "ordering must be"},
		{map[string]any{"disable_after_failures": 1001}, "disable_after_failures must be"},
		{map[string]any{"rate_limit": map[string]any{"count": 0, "per": "second"}}, "rate_limit"},
		{map[string]any{"rate_limit": map[string]any{"count": 5, "per": "second", "extra": 1}}, "rate_limit is not valid"},
		{map[string]any{"retry_policy": map[string]any{"kind": "schedule", "jitter": 2}}, "retry_policy is not valid"},
		{map[string]any{"envelope_object": "an object"}, "envelope_object"},
		{map[string]any{"path_suffix": "/../x"}, "path_suffix"},
		{map[string]any{"signature": "hmac"}, `field "signature_scheme" is required`},
		{map[string]any{"signature": "hmac-sha256-hex"}, `field "signature_header" is required`},
	} {
		for _, method := range []string{"POST", "PATCH"} {
			path, body := "/v1/tenants/acme/endpoints/"+ep.ID, c.body
			if method == "POST" {
				path, body = "/v1/tenants/acme/endpoints", map[string]any{"url": "http://127.0.0.1:9/new"}
				for k, v := range c.body {
					body[k] = v
				}
			}
			var e struct {
				Error struct {
					Message string `json:"message"`
				} `json:"error"`
			}
			if code := h.call(method, path, adminKey, body, &e); code != http.StatusBadRequest || !strings.HasPrefix(e.Error.Message, c.field) {
				t.Errorf("%s %v = %d %q, want 400 starting %q", method, c.body, code, e.Error.Message, c.field)
			}
		}
	}
	var e struct {
		Error struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	if code := h.call("POST", "/v1/tenants/acme/endpoints", adminKey, map[string]any{"url": "http://127.0.0.1:9/x", "id": "ep_mine"}, &e); code != 400 ||
		e.Error.Message != "id is set by Herald, not by a request: leave it out" {
		t.Errorf("POST with an id = %d %q", code, e.Error.Message)
	}
	if code := h.call("PATCH", "/v1/tenants/acme/endpoints/"+ep.ID, adminKey, map[string]any{"id": other.ID, "description": "x"}, &e); code != 400 ||
		!strings.HasPrefix(e.Error.Message, "id \""+other.ID+"\" is not this endpoint's") {
		t.Errorf("PATCH with another endpoint's id = %d %q", code, e.Error.Message)
	}
}
