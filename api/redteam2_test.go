package api_test

import (
	"net/http"
	"strings"
	"testing"
)

// Found red-teaming the endpoint PATCH that takes back what a GET shows:
// a value of the wrong type in a field an answer shows ("id": 5) was
// refused naming the Go struct that holds those fields ("Shown.id"),
// which no client knows; and a count given as 1e10 was refused as "must
// be a number, not number 1e10". The refusal names the field as the body
// does, and says a whole number is wanted.
func TestTypeErrorsNameTheFieldAsTheBodyDoes(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	rc := newReceiver(t, nil)
	h.tenant("acme")
	ep := h.endpoint("acme", map[string]any{"url": rc.url + "/in"})
	for body, want := range map[string]string{
		`{"id": 5}`:                        `field "id" must be a string`,
		`{"tenant_id": false}`:             `field "tenant_id" must be a string`,
		`{"disable_after_failures": 1e10}`: `field "disable_after_failures" must be a whole number`,
		`{"disable_after_failures": 1.5}`:  `field "disable_after_failures" must be a whole number`,
	} {
		var answer apiError
		if code := h.call("PATCH", "/v1/tenants/acme/endpoints/"+ep.ID, adminKey, body, &answer); code != http.StatusBadRequest ||
			!strings.Contains(answer.Error.Message, want) || strings.Contains(answer.Error.Message, "Shown") {
			t.Errorf("PATCH %s = %d %q, want 400 saying %q", body, code, answer.Error.Message, want)
		}
	}
}

// Found red-teaming the same PATCH: a GET's answer sent back, which
// changes no setting, was still written: updated_at moved, the engine was
// woken and every subscriber of endpoint.updated (the platform's operator
// tenant included) was told of a change there was not, each time a
// dashboard or client saved settings as they were. Now such a PATCH
// writes nothing and reports nothing.
func TestPatchThatChangesNothingWritesNothing(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	rc := newReceiver(t, nil)
	h.tenant("acme")
	// FIFO: the subscriber gets the events in the order they were made.
	h.endpoint("acme", map[string]any{"url": rc.url + "/ops", "event_types": []string{"endpoint.updated"}, "ordering": "fifo"})
	ep := h.endpoint("acme", map[string]any{"url": rc.url + "/in", "description": "a", "headers": map[string]string{"X-Key": "rt2-secret"}})
	var shown map[string]any
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/endpoints/"+ep.ID, nil, &shown)
	var back map[string]any
	h.must(http.StatusOK, "PATCH", "/v1/tenants/acme/endpoints/"+ep.ID, shown, &back)
	if back["updated_at"] != shown["updated_at"] {
		t.Errorf("a PATCH that changes nothing moved updated_at from %v to %v", shown["updated_at"], back["updated_at"])
	}
	h.must(http.StatusOK, "PATCH", "/v1/tenants/acme/endpoints/"+ep.ID, map[string]any{"description": "b"}, nil)
	got := rc.next()
	if !strings.Contains(string(got.body), `"description":"b"`) {
		t.Fatalf("the first endpoint.updated is %s, want the change to description b (a PATCH that changed nothing was reported)", got.body)
	}
}
