package api_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

// An endpoint's stats count its attempts by outcome as they are recorded:
// a healthy endpoint's all 2xx, a failing one's 5xx, each in the window's
// last step, with its run of failures against its limit.
func TestEndpointStats(t *testing.T) {
	t.Parallel()
	// The API's and the engine's clock read a minute into a five-minute
	// step when the test starts, so that the attempts it makes and its
	// reads of them fall in one step, whenever it runs: on the wall clock,
	// a step that ended between the attempts and the read left the last
	// step empty.
	start := time.Now()
	shift := start.Truncate(5 * time.Minute).Add(time.Minute).Sub(start)
	clock := func() time.Time { return time.Now().Add(shift) }
	h := newHarness(t, func(o *options) { o.now, o.engineNow = clock, clock })
	ok := newReceiver(t, nil)
	bad := newReceiver(t, func(_ int, w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusBadGateway) })
	h.tenant("acme")
	good := h.endpoint("acme", map[string]any{"url": ok.url, "event_types": []string{"a"}})
	failing := h.endpoint("acme", map[string]any{"url": bad.url, "event_types": []string{"b"}, "disable_after_failures": 5,
		"retry_policy": map[string]any{"kind": "schedule", "schedule": []string{}}})
	for i := range 4 {
		h.event("acme", map[string]any{"type": "a", "data": map[string]any{"n": i}})
	}
	for i := range 4 {
		h.event("acme", map[string]any{"type": "b", "data": map[string]any{"n": i}})
	}
	type tally struct {
		Attempts    int64            `json:"attempts"`
		Succeeded   int64            `json:"succeeded"`
		Failed      int64            `json:"failed"`
		SuccessRate float64          `json:"success_rate"`
		Outcomes    map[string]int64 `json:"outcomes"`
		P50         float64          `json:"p50_ms"`
	}
	type stats struct {
		Window string    `json:"window"`
		Since  time.Time `json:"since"`
		Until  time.Time `json:"until"`
		Step   int64     `json:"step_seconds"`
		Total  tally     `json:"total"`
		Points []tally   `json:"points"`
		Fails  int       `json:"consecutive_failures"`
		Left   *int      `json:"failures_before_disable"`
		Near   bool      `json:"auto_disable_near"`
	}
	read := func(ep, window string) stats {
		var st stats
		h.must(http.StatusOK, "GET", "/v1/tenants/acme/endpoints/"+ep+"/stats?window="+window, nil, &st)
		return st
	}
	var g, f stats
	eventually(t, func() bool {
		g, f = read(good.ID, "1h"), read(failing.ID, "1h")
		return g.Total.Attempts == 4 && f.Total.Attempts == 4 && f.Fails == 4
	}, "4 attempts to each endpoint in their stats")
	if g.Total.SuccessRate != 1 || g.Total.Outcomes["2xx"] != 4 || g.Total.P50 <= 0 || len(g.Points) != 12 || g.Step != 300 {
		t.Fatalf("the healthy endpoint's stats: %+v", g)
	}
	if last := g.Points[len(g.Points)-1]; last.Attempts != 4 {
		t.Fatalf("the last five minutes hold %d attempts, want all 4 just made", last.Attempts)
	}
	if f.Total.SuccessRate != 0 || f.Total.Outcomes["5xx"] != 4 || f.Left == nil || *f.Left != 1 || !f.Near {
		t.Fatalf("the failing endpoint's stats: %+v (left %v), want 4 5xx, one failure from disabled", f, f.Left)
	}
	if g.Until.Sub(g.Since) != time.Hour {
		t.Fatalf("the 1h window runs since %v until %v", g.Since, g.Until)
	}
	if day := read(good.ID, ""); day.Window != "24h" || len(day.Points) != 24 || day.Total.Attempts != 4 {
		t.Fatalf("the default window: %s, %d points, %d attempts", day.Window, len(day.Points), day.Total.Attempts)
	}
	if week := read(good.ID, "7d"); len(week.Points) != 28 || week.Total.Attempts != 4 {
		t.Fatalf("the week: %d points, %d attempts", len(week.Points), week.Total.Attempts)
	}
	var ov struct {
		Total     tally `json:"total"`
		Points    []tally
		Unhealthy []struct {
			ID string `json:"id"`
		} `json:"unhealthy_endpoints"`
		More bool `json:"unhealthy_more"`
	}
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/overview?window=1h", nil, &ov)
	if ov.Total.Attempts != 8 || ov.Total.Succeeded != 4 || ov.Total.Failed != 4 || ov.Total.Outcomes["5xx"] != 4 || len(ov.Points) != 12 {
		t.Fatalf("the tenant's overview: %+v", ov.Total)
	}
	if len(ov.Unhealthy) != 1 || ov.Unhealthy[0].ID != failing.ID || ov.More {
		t.Fatalf("the overview's unhealthy endpoints = %+v, want the failing one", ov.Unhealthy)
	}
	var listed struct {
		Data []struct{ ID string } `json:"data"`
	}
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/endpoints?unhealthy=true", nil, &listed)
	if len(listed.Data) != 1 || listed.Data[0].ID != failing.ID {
		t.Fatalf("?unhealthy=true lists %+v", listed.Data)
	}
	// The deliveries list reads as a person would: each with its event's
	// type; and it filters by a time range.
	var page struct {
		Data []struct {
			EventType string `json:"event_type"`
		} `json:"data"`
	}
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/deliveries?endpoint_id="+failing.ID, nil, &page)
	if len(page.Data) != 4 || page.Data[0].EventType != "b" {
		t.Fatalf("the failing endpoint's deliveries: %+v, want 4 of type b", page.Data)
	}
	future := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/deliveries?since="+future, nil, &page)
	if len(page.Data) != 0 {
		t.Fatalf("deliveries made after an hour from now: %d", len(page.Data))
	}
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/deliveries?until="+future, nil, &page)
	if len(page.Data) != 8 {
		t.Fatalf("deliveries made before an hour from now: %d, want 8", len(page.Data))
	}
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/deliveries?event_type=a", nil, &page)
	if len(page.Data) != 4 || page.Data[0].EventType != "a" {
		t.Fatalf("deliveries of events of type a: %+v, want the healthy endpoint's 4", page.Data)
	}
	var badTime apiError
	if code := h.call("GET", "/v1/tenants/acme/deliveries?since=yesterday", adminKey, nil, &badTime); code != http.StatusBadRequest {
		t.Fatalf("a time that is not one = %d %+v", code, badTime)
	}
	var bad400 apiError
	if code := h.call("GET", fmt.Sprintf("/v1/tenants/acme/endpoints/%s/stats?window=1y", good.ID), adminKey, nil, &bad400); code != http.StatusBadRequest {
		t.Fatalf("an unknown window = %d %+v, want 400", code, bad400)
	}
}
