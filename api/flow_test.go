package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// deliveriesOf lists an endpoint's deliveries (up to a page).
func (h *harness) deliveriesOf(tenant, endpointID string) []deliveryView {
	h.t.Helper()
	var list struct {
		Data []deliveryView `json:"data"`
	}
	h.must(http.StatusOK, "GET", "/v1/tenants/"+tenant+"/deliveries?limit=250&endpoint_id="+endpointID, nil, &list)
	return list.Data
}

func countStatus(ds []deliveryView, status string) int {
	n := 0
	for _, d := range ds {
		if d.Status == status {
			n++
		}
	}
	return n
}

// An endpoint limited to one delivery a minute gets its first at once and
// the rest wait, pending, with no attempt spent, while an endpoint beside
// it takes 50 deliveries: the throttled one slows nothing else down.
func TestRateLimitHoldsBackOnlyItsEndpoint(t *testing.T) {
	h := newHarness(t)
	h.tenant("acme")
	slow, fast := newReceiver(t, nil), newReceiver(t, nil)
	limited := h.endpoint("acme", map[string]any{"url": slow.url, "event_types": []string{"to.limited"},
		"rate_limit": map[string]any{"count": 1, "per": "minute"}})
	free := h.endpoint("acme", map[string]any{"url": fast.url, "event_types": []string{"to.free"}})
	for i := range 5 {
		h.event("acme", map[string]any{"type": "to.limited", "data": map[string]any{"i": i}})
	}
	for i := range 50 {
		h.event("acme", map[string]any{"type": "to.free", "data": map[string]any{"i": i}})
	}
	eventually(t, func() bool { return countStatus(h.deliveriesOf("acme", free.ID), "succeeded") == 50 },
		"the free endpoint's 50 deliveries to succeed")
	eventually(t, func() bool { return slow.count() == 1 }, "the limited endpoint's first delivery")
	ds := h.deliveriesOf("acme", limited.ID)
	if countStatus(ds, "succeeded") != 1 || countStatus(ds, "pending") != 4 {
		t.Fatalf("limited endpoint: %d succeeded, %d pending; want 1 and 4 waiting for their minute", countStatus(ds, "succeeded"), countStatus(ds, "pending"))
	}
	for _, d := range ds {
		if d.Status == "pending" && d.Attempts != 0 {
			t.Fatalf("a delivery waiting for its slot has %d attempts, want 0: waiting is not an attempt", d.Attempts)
		}
	}
	if slow.count() != 1 {
		t.Fatalf("the limited endpoint received %d requests within its minute, want 1", slow.count())
	}
	if n := h.metric("herald_rate_limit_waits_total", "", ""); n < 1 {
		t.Fatalf("herald_rate_limit_waits_total = %v, want the waits counted", n)
	}

	// The endpoint's answer shows its limit; PATCH null removes it, and
	// the waiting deliveries go.
	var ep struct {
		RateLimit map[string]any `json:"rate_limit"`
	}
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/endpoints/"+limited.ID, nil, &ep)
	if ep.RateLimit["count"] != 1.0 || ep.RateLimit["per"] != "minute" || ep.RateLimit["burst"] != 1.0 {
		t.Fatalf("rate_limit = %v", ep.RateLimit)
	}
	h.must(http.StatusOK, "PATCH", "/v1/tenants/acme/endpoints/"+limited.ID, map[string]any{"rate_limit": nil}, nil)
	eventually(t, func() bool { return slow.count() == 5 }, "the waiting deliveries to go once the limit is removed")
}

// Ten requests to an endpoint limited to five a second are spread over
// at least the 1.8 s that five a second takes (less a little for the
// receiver's clock): the limit is a lower bound on the spacing, whatever
// the machine's speed.
func TestRateLimitSpacesRequests(t *testing.T) {
	h := newHarness(t)
	h.tenant("acme")
	rx := newReceiver(t, nil)
	h.endpoint("acme", map[string]any{"url": rx.url, "rate_limit": map[string]any{"count": 5, "per": "second"}})
	for i := range 10 {
		h.event("acme", map[string]any{"type": "x", "data": map[string]any{"i": i}})
	}
	first := rx.next().at
	var last time.Time
	for range 9 {
		last = rx.next().at
	}
	if span := last.Sub(first); span < 1700*time.Millisecond {
		t.Fatalf("10 requests at 5/s arrived within %v, want at least 1.8 s", span)
	}
	eventually(t, func() bool { return countStatus(h.deliveries("acme"), "succeeded") == 10 }, "the outcomes to be recorded")
	for _, d := range h.deliveries("acme") {
		if d.Attempts != 1 {
			t.Fatalf("delivery %s: %d attempts; want one each: waiting for a slot is not an attempt", d.ID, d.Attempts)
		}
	}
}

// A 429 with Retry-After pauses the endpoint's other deliveries, not only
// the one answered so.
func TestRetryAfterPausesTheEndpoint(t *testing.T) {
	h := newHarness(t, func(o *options) { o.perEndpoint = 1 })
	h.tenant("acme")
	rx := newReceiver(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n == 1 {
			w.Header().Set("Retry-After", "2")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
	h.endpoint("acme", map[string]any{"url": rx.url})
	for i := range 3 {
		h.event("acme", map[string]any{"type": "x", "data": map[string]any{"i": i}})
	}
	first := rx.next()
	second := rx.next()
	if gap := second.at.Sub(first.at); gap < 1900*time.Millisecond {
		t.Fatalf("the next request came %v after a 429 with Retry-After: 2, want at least 2 s", gap)
	}
}

// A FIFO endpoint whose head keeps failing holds its other deliveries
// back and says so (fifo.head, blocked, waiting), while an unordered
// endpoint beside it takes all of its deliveries.
func TestFIFOBlockedHeadIsShownAndSlowsNothingElse(t *testing.T) {
	h := newHarness(t)
	h.tenant("acme")
	failing := newReceiver(t, status(http.StatusInternalServerError))
	ok := newReceiver(t, nil)
	fifo := h.endpoint("acme", map[string]any{"url": failing.url, "ordering": "fifo", "event_types": []string{"ordered"},
		"retry_policy": map[string]any{"kind": "schedule", "schedule": []string{"1h", "1h"}}})
	// Two retries an hour apart: the manual retry of the head below is its
	// second attempt and leaves it the head.
	other := h.endpoint("acme", map[string]any{"url": ok.url, "event_types": []string{"free"}})
	var firstID, headEvent string
	for i := range 20 {
		ev := h.event("acme", map[string]any{"type": "ordered", "data": map[string]any{"i": i}})
		if i == 0 {
			firstID, headEvent = ev.Deliveries[0].ID, ev.ID
		}
		h.event("acme", map[string]any{"type": "free", "data": map[string]any{"i": i}})
	}
	eventually(t, func() bool { return countStatus(h.deliveriesOf("acme", other.ID), "succeeded") == 20 }, "the unordered endpoint's deliveries")
	failing.next()
	var ep struct {
		Ordering string `json:"ordering"`
		FIFO     struct {
			Head *struct {
				ID       string `json:"id"`
				Attempts int    `json:"attempts"`
			} `json:"head"`
			Waiting int  `json:"waiting"`
			Blocked bool `json:"blocked"`
		} `json:"fifo"`
	}
	eventually(t, func() bool {
		h.must(http.StatusOK, "GET", "/v1/tenants/acme/endpoints/"+fifo.ID, nil, &ep)
		return ep.FIFO.Blocked
	}, "the FIFO endpoint to show its head blocked")
	if ep.Ordering != "fifo" || ep.FIFO.Head == nil || ep.FIFO.Head.ID != firstID || ep.FIFO.Head.Attempts != 1 || ep.FIFO.Waiting != 19 {
		t.Fatalf("fifo = %+v (head %+v), want the first delivery, blocked after 1 attempt, 19 waiting", ep.FIFO, ep.FIFO.Head)
	}
	if n := failing.count(); n != 1 {
		t.Fatalf("the FIFO endpoint received %d requests; want only its head's one", n)
	}
	var pending struct {
		Data []deliveryView `json:"data"`
	}
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/deliveries?status=pending&limit=250&endpoint_id="+fifo.ID, nil, &pending)
	if len(pending.Data) != 20 {
		t.Fatalf("the pending list shows %d of the FIFO endpoint's deliveries, want all 20 (the head and those waiting)", len(pending.Data))
	}
	// A manual retry of a waiting delivery does not jump the queue. The
	// positive control: a manual retry of the head, asked for after it, is
	// sent and its attempt recorded; by then the waiting one had been
	// passed over, not sent.
	waiting := h.deliveriesOf("acme", fifo.ID)[0].ID // newest first: the last accepted
	var d deliveryView
	h.must(http.StatusAccepted, "POST", "/v1/tenants/acme/deliveries/"+waiting+"/retry", nil, &d)
	if d.Status != "pending" {
		t.Fatalf("retried waiting delivery: %+v", d)
	}
	h.must(http.StatusAccepted, "POST", "/v1/tenants/acme/deliveries/"+firstID+"/retry", nil, nil)
	if r := failing.next(); r.header.Get("webhook-id") != headEvent {
		t.Fatalf("after a manual retry of the head, the FIFO endpoint received event %s, want the head's %s", r.header.Get("webhook-id"), headEvent)
	}
	eventually(t, func() bool { return h.delivery("acme", firstID).Attempts == 2 }, "the head's second attempt recorded")
	if n := failing.count(); n != 2 {
		t.Fatalf("a manual retry of a waiting delivery was sent (%d requests, want the head's 2)", n)
	}

	var bad apiError
	for _, body := range []map[string]any{
		{"url": ok.url, "ordering": "lifo"},
		{"url": ok.url, "rate_limit": map[string]any{"count": 0, "per": "second"}},
		{"url": ok.url, "rate_limit": map[string]any{"count": 5, "per": "hour"}},
		{"url": ok.url, "rate_limit": map[string]any{"count": 5, "per": "second", "burst": 6}},
		{"url": ok.url, "rate_limit": "fast"},
	} {
		if code := h.call("POST", "/v1/tenants/acme/endpoints", adminKey, body, &bad); code != http.StatusBadRequest {
			t.Fatalf("%v: %d %+v, want 400", body, code, bad)
		}
	}
	code := h.call("POST", "/v1/tenants/acme/jobs", adminKey, map[string]any{"id": "j1", "type": "ocr", "callback_url": ok.url,
		"callback": map[string]any{"ordering": "fifo"}}, &bad)
	if code != http.StatusBadRequest || !strings.Contains(bad.Error.Message, "ordering") {
		t.Fatalf("a callback with ordering: %d %+v, want 400", code, bad)
	}
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/jobs", map[string]any{"id": "j2", "type": "ocr", "callback_url": ok.url,
		"callback": map[string]any{"rate_limit": map[string]any{"count": 10, "per": "second"}}}, nil)
}
