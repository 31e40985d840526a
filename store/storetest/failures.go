package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
)

// One batch of outcomes moves the failure counts of many endpoints at
// once, each by its own deliveries: a failure adds to a count, a success
// resets it to the failures after it, an endpoint that reaches its limit
// is disabled (and only those), and one with no limit never is. On a
// platform a batch reaches hundreds of endpoints (PostgreSQL moves them in
// one statement since issue 32; this holds it to what one at a time did).
func testFailureCountsAcrossEndpoints(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	limit := func(n int) func(*herald.Endpoint) { return func(e *herald.Endpoint) { e.DisableAfterFailures = n } }
	a, b, c, d := newEndpoint(t, s, "acme", limit(2)), newEndpoint(t, s, "acme", limit(0)),
		newEndpoint(t, s, "acme", limit(3)), newEndpoint(t, s, "acme", limit(2))
	_, ds := newEvent(t, s, "acme", []*herald.Endpoint{a, a, b, b, c, c, d, d}, base.Add(time.Minute), "n1")
	end := func(i int, ep *herald.Endpoint, status herald.DeliveryStatus) store.Completion {
		code := 200
		if status == herald.DeliveryFailed {
			code = 400
		}
		return store.Completion{DeliveryID: ds[i].ID, EndpointID: ep.ID, Owner: "n1", Attempt: attempt(ds[i].ID, code, ""), Status: status}
	}
	// Before: a and b at one failure each.
	if got := complete(t, s, []store.Completion{end(0, a, herald.DeliveryFailed), end(2, b, herald.DeliveryFailed)}); len(got) != 0 {
		t.Fatalf("one failure each disabled %v", got)
	}
	// The batch: a fails again (2 of 2: disabled), b succeeds (0), c
	// succeeds then fails (1), d fails twice (2 of 2: disabled).
	got := complete(t, s, []store.Completion{end(1, a, herald.DeliveryFailed), end(3, b, herald.DeliverySucceeded),
		end(4, c, herald.DeliverySucceeded), end(5, c, herald.DeliveryFailed), end(6, d, herald.DeliveryFailed), end(7, d, herald.DeliveryFailed)})
	var ids []string
	for _, x := range got {
		ids = append(ids, x.EndpointID)
		if x.TenantID != "acme" || x.Reason != "2 failed deliveries in a row" {
			t.Errorf("disabled %+v", x)
		}
	}
	slices.Sort(ids)
	want := []string{a.ID, d.ID}
	slices.Sort(want)
	if !slices.Equal(ids, want) {
		t.Fatalf("disabled %v, want a and d %v", ids, want)
	}
	for _, w := range []struct {
		ep       *herald.Endpoint
		count    int
		disabled bool
	}{{a, 2, true}, {b, 0, false}, {c, 1, false}, {d, 2, true}} {
		e, err := s.FindEndpointByID(ctx, "acme", w.ep.ID)
		must(t, err)
		if e.ConsecutiveFailures != w.count || e.Disabled != w.disabled {
			t.Errorf("endpoint %s: count %d disabled %v, want %d %v", w.ep.ID, e.ConsecutiveFailures, e.Disabled, w.count, w.disabled)
		}
	}
}
