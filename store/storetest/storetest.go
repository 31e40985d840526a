// Package storetest is the conformance suite every store backend must pass.
// A backend's test calls Run with a function that opens a fresh, empty
// store; the suite then checks the behaviour the rest of Herald relies on,
// so that no backend-specific behaviour can leak above store.Store.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/health"
	"github.com/heraldhq/herald/retry"
	"github.com/heraldhq/herald/signing"
	"github.com/heraldhq/herald/sigscheme"
	"github.com/heraldhq/herald/store"
)

// Open returns a fresh, empty store whose clock is now (the store's
// Config.Now); the suite closes it.
type Open func(t *testing.T, now func() time.Time) store.Store

// Run runs the whole suite.
func Run(t *testing.T, open Open) {
	tests := []struct {
		name string
		fn   func(*testing.T, store.Store)
	}{
		{"Tenants", testTenants},
		{"TenantPages", testTenantPages},
		{"APIKeys", testAPIKeys},
		{"EventTypes", testEventTypes},
		{"Endpoints", testEndpoints},
		{"EndpointTenantScope", testEndpointTenantScope},
		{"RotateSecret", testRotateSecret},
		{"EndpointSignatureScheme", testSignatureScheme},
		{"EndpointSettingsRoundTrip", testSettingsRoundTrip},
		{"PauseAndDisableTogether", testPauseAndDisable},
		{"CreateEvent", testCreateEvent},
		{"CreateEventIdempotent", testCreateEventIdempotent},
		{"CreateEventUnknownTenant", testCreateEventUnknownTenant},
		{"EventAndDeliveryPages", testEventAndDeliveryPages},
		{"PendingDeliveryPages", testPendingDeliveryPages},
		{"ClaimDue", testClaimDue},
		{"ClaimExpiredLease", testClaimExpiredLease},
		{"ClaimSkipsEndpoints", testClaimSkips},
		{"ClaimPastSkippedBacklogs", testClaimPastSkippedBacklogs},
		{"ClaimMovingHeads", testClaimMovingHeads},
		{"ExtendAndReleaseLeases", testExtendAndRelease},
		{"CompleteAttempts", testCompleteAttempts},
		{"CompleteWithLostLease", testCompleteLostLease},
		{"CompleteMany", testCompleteMany},
		{"CompleteDisablesEndpoint", testCompleteDisables},
		{"AutoDisableAndReplay", testAutoDisable},
		{"FailureCountsAcrossEndpoints", testFailureCountsAcrossEndpoints},
		{"RequeueDelivery", testRequeue},
		{"DeleteCascades", testDeleteCascades},
		{"Jobs", testJobs},
		{"JobCallback", testJobCallback},
		{"Headers", testHeaders},
		{"TenantCallbackSecret", testTenantCallbackSecret},
		{"FanoutExpands", testFanoutExpands},
		{"PortalSessions", testPortalSessions},
		{"EndpointStats", testEndpointStats},
		{"Purge", testPurge},
		{"PurgeOldestFirst", testPurgeOldestFirst},
		{"PurgeKeepsPaused", testPurgeKeepsPaused},
		{"CreateEventsConcurrently", testCreateEventsConcurrently},
		{"PingAndUnavailableReason", testPingAndUnavailable},
		{"SendSlots", testSendSlots},
		{"FIFO", testFIFO},
		{"FIFOConcurrently", testFIFOConcurrently},
		{"FIFOAutoDisable", testFIFOAutoDisable},
		{"TraceContext", testTraceContext},
		{"CraftedCursors", testCraftedCursors},
		{"MoveTenant", testMoveTenant},
	}
	// The tests that move the store's own clock.
	clocked := []struct {
		name string
		fn   func(*testing.T, store.Store, *Clock)
	}{
		{"DisablePausesDeliveries", testDisablePauses},
	}
	run := func(name string, fn func(*testing.T, store.Store, *Clock)) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			clock := &Clock{now: base}
			s := open(t, clock.Now)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			fn(t, s, clock)
		})
	}
	for _, tt := range tests {
		run(tt.name, func(t *testing.T, s store.Store, _ *Clock) { tt.fn(t, s) })
	}
	for _, tt := range clocked {
		run(tt.name, tt.fn)
	}
}

// base is a fixed instant, and every store's clock until a test moves it;
// tests move time explicitly. $HERALD_TEST_CLOCK_SHIFT moves it by years.
var base = shiftedBase(time.Date(2026, 1, 2, 3, 4, 5, 678901000, time.UTC))

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantCode(t *testing.T, err error, code herald.Code) {
	t.Helper()
	if got := herald.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

func newTenant(t testing.TB, s store.Store, id string) *herald.Tenant {
	t.Helper()
	tn := &herald.Tenant{ID: id, Name: "Tenant " + id, CreatedAt: base, UpdatedAt: base}
	must(t, s.CreateTenant(context.Background(), tn))
	return tn
}

func newEndpoint(t testing.TB, s store.Store, tenant string, mod ...func(*herald.Endpoint)) *herald.Endpoint {
	t.Helper()
	ep := &herald.Endpoint{
		ID: herald.NewID(herald.PrefixEndpoint), TenantID: tenant, URL: "https://example.com/hook",
		EventTypes: []string{}, Channels: []string{}, Headers: map[string]string{},
		Secret: signing.NewSecret(), CreatedAt: base, UpdatedAt: base,
	}
	for _, m := range mod {
		m(ep)
	}
	must(t, s.CreateEndpoint(context.Background(), ep))
	return ep
}

// newEvent stores an event with one delivery per endpoint, due at due and
// leased to owner when owner is not "".
func newEvent(t *testing.T, s store.Store, tenant string, eps []*herald.Endpoint, due time.Time, owner string) (*herald.Event, []*herald.Delivery) {
	t.Helper()
	ev := &herald.Event{
		ID: herald.NewID(herald.PrefixEvent), TenantID: tenant, Type: "job.completed", Channels: []string{},
		Data: []byte(`{"job":"j1","n":1}`), CreatedAt: base,
	}
	var ds []*herald.Delivery
	for _, ep := range eps {
		d := due
		ds = append(ds, &herald.Delivery{
			ID: herald.NewID(herald.PrefixDelivery), TenantID: tenant, EventID: ev.ID, EndpointID: ep.ID,
			Status: herald.DeliveryPending, NextAttemptAt: &d, LeaseOwner: owner, CreatedAt: base, UpdatedAt: base,
		})
	}
	created, err := s.CreateEvents(context.Background(), []store.NewEvent{{Event: ev, Deliveries: ds}})
	must(t, err)
	if !created[0] {
		t.Fatal("CreateEvent: created = false for a new event")
	}
	return ev, ds
}

func delivery(t *testing.T, s store.Store, tenant, id string) *herald.Delivery {
	t.Helper()
	d, err := s.FindDeliveryByID(context.Background(), tenant, id)
	must(t, err)
	return d
}

func testTenants(t *testing.T, s store.Store) {
	ctx := context.Background()
	tn := newTenant(t, s, "acme")
	got, err := s.FindTenantByID(ctx, "acme")
	must(t, err)
	if got.Name != tn.Name || !got.CreatedAt.Equal(tn.CreatedAt) {
		t.Fatalf("FindTenantByID = %+v, want %+v", got, tn)
	}
	wantCode(t, s.CreateTenant(ctx, &herald.Tenant{ID: "acme", Name: "again", CreatedAt: base, UpdatedAt: base}), herald.ECONFLICT)
	name := "Acme Renamed"
	got, err = s.UpdateTenant(ctx, "acme", store.TenantUpdate{Name: &name})
	must(t, err)
	if got.Name != name {
		t.Fatalf("UpdateTenant name = %q, want %q", got.Name, name)
	}
	_, err = s.UpdateTenant(ctx, "nope", store.TenantUpdate{Name: &name})
	wantCode(t, err, herald.ENOTFOUND)
	_, err = s.FindTenantByID(ctx, "nope")
	wantCode(t, err, herald.ENOTFOUND)
	must(t, s.DeleteTenant(ctx, "acme"))
	wantCode(t, s.DeleteTenant(ctx, "acme"), herald.ENOTFOUND)
}

func testTenantPages(t *testing.T, s store.Store) {
	ctx := context.Background()
	var want []string
	for i := range 7 {
		id := fmt.Sprintf("t%02d", i)
		must(t, s.CreateTenant(ctx, &herald.Tenant{ID: id, Name: id, CreatedAt: base.Add(time.Duration(i) * time.Second), UpdatedAt: base}))
		want = append([]string{id}, want...) // newest first
	}
	var got []string
	page := store.Page{Limit: 3}
	for pages := 0; ; pages++ {
		ts, next, err := s.FindTenants(ctx, page)
		must(t, err)
		for _, tn := range ts {
			got = append(got, tn.ID)
		}
		if next == "" {
			if pages != 2 {
				t.Fatalf("got %d pages, want 3", pages+1)
			}
			break
		}
		page.Cursor = next
	}
	if !slices.Equal(got, want) {
		t.Fatalf("paged tenants = %v, want %v", got, want)
	}
	_, _, err := s.FindTenants(ctx, store.Page{Cursor: "not-a-cursor!"})
	wantCode(t, err, herald.EINVALID)
}

func testAPIKeys(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	n, err := s.CountAPIKeys(ctx)
	must(t, err)
	if n != 0 {
		t.Fatalf("CountAPIKeys on an empty store = %d", n)
	}
	admin := &herald.APIKey{ID: "key_admin", Name: "admin", Role: herald.RoleAdmin, Hash: []byte("hash-admin-0123456789abcdef01234"), CreatedAt: base}
	tk := &herald.APIKey{ID: "key_acme", TenantID: "acme", Name: "acme", Role: herald.RolePortal, Hash: []byte("hash-acme-0123456789abcdef012345"), CreatedAt: base}
	must(t, s.CreateAPIKey(ctx, admin))
	must(t, s.CreateAPIKey(ctx, tk))
	wantCode(t, s.CreateAPIKey(ctx, &herald.APIKey{ID: "key_x", TenantID: "nope", Hash: []byte("h3"), CreatedAt: base}), herald.ENOTFOUND)
	got, err := s.FindAPIKeyByHash(ctx, tk.Hash)
	must(t, err)
	if got.ID != tk.ID || got.TenantID != "acme" || got.Admin() || got.Role != herald.RolePortal {
		t.Fatalf("FindAPIKeyByHash = %+v", got)
	}
	got, err = s.FindAPIKeyByHash(ctx, admin.Hash)
	must(t, err)
	if !got.Admin() || got.Role != herald.RoleAdmin {
		t.Fatalf("admin key came back with tenant %q", got.TenantID)
	}
	_, err = s.FindAPIKeyByHash(ctx, []byte("unknown"))
	wantCode(t, err, herald.ENOTFOUND)
	keys, err := s.FindAPIKeys(ctx, "acme")
	must(t, err)
	if len(keys) != 1 || keys[0].ID != tk.ID || keys[0].Role != herald.RolePortal {
		t.Fatalf("FindAPIKeys(acme) = %v", keys)
	}
	wantCode(t, s.DeleteAPIKey(ctx, "other", tk.ID), herald.ENOTFOUND)
	must(t, s.DeleteAPIKey(ctx, "acme", tk.ID))
	_, err = s.FindAPIKeyByHash(ctx, tk.Hash)
	wantCode(t, err, herald.ENOTFOUND)
	n, err = s.CountAPIKeys(ctx)
	must(t, err)
	if n != 1 {
		t.Fatalf("CountAPIKeys = %d, want 1", n)
	}
}

func testEventTypes(t *testing.T, s store.Store) {
	ctx := context.Background()
	must(t, s.CreateEventType(ctx, &herald.EventType{Name: "job.failed", Description: "a", CreatedAt: base,
		Examples: []json.RawMessage{json.RawMessage(`{"old":true}`)}}))
	must(t, s.CreateEventType(ctx, &herald.EventType{Name: "job.completed", Description: "b", CreatedAt: base,
		Examples: []json.RawMessage{json.RawMessage(`{"id":"j1","pages":3}`), json.RawMessage(`{"id":"j2"}`)}}))
	must(t, s.CreateEventType(ctx, &herald.EventType{Name: "job.failed", Description: "updated", CreatedAt: base,
		Schema: json.RawMessage(`{"type":"object","required":["id"]}`), Validate: true,
		Schemas: map[string]json.RawMessage{"v1": json.RawMessage(`{"type":"object"}`)}}))
	ets, err := s.FindEventTypes(ctx)
	must(t, err)
	if len(ets) != 2 || ets[0].Name != "job.completed" || ets[1].Description != "updated" {
		t.Fatalf("FindEventTypes = %+v", ets)
	}
	if len(ets[0].Examples) != 2 || string(ets[0].Examples[0]) != `{"id":"j1","pages":3}` || ets[1].Examples != nil {
		t.Fatalf("examples: %s and %s; want job.completed's two, and job.failed's replaced by none", ets[0].Examples, ets[1].Examples)
	}
	if ets[0].Schema != nil || ets[0].Validate || ets[0].Schemas != nil || string(ets[1].Schema) != `{"type":"object","required":["id"]}` || !ets[1].Validate ||
		len(ets[1].Schemas) != 1 || string(ets[1].Schemas["v1"]) != `{"type":"object"}` {
		t.Fatalf("schemas: %s (validate %v) and %s (validate %v); want none, then job.failed's as saved, validated",
			ets[0].Schema, ets[0].Validate, ets[1].Schema, ets[1].Validate)
	}
}

func testEndpoints(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	policy := &retry.Policy{Kind: retry.KindExponential, Base: retry.Duration(2 * time.Second), Factor: 2, Cap: retry.Duration(30 * time.Second), MaxRetries: 5}
	ep := newEndpoint(t, s, "acme", func(e *herald.Endpoint) {
		e.EventTypes = []string{"job.completed", "job.failed"}
		e.Channels = []string{"key_1"}
		e.Headers = map[string]string{"Authorization": "Bearer abcd"}
		e.RetryPolicy = policy
		e.Description = "main"
	})
	got, err := s.FindEndpointByID(ctx, "acme", ep.ID)
	must(t, err)
	if got.Secret != ep.Secret || got.URL != ep.URL || !slices.Equal(got.EventTypes, ep.EventTypes) ||
		!slices.Equal(got.Channels, ep.Channels) || got.Headers["Authorization"] != "Bearer abcd" || got.Description != "main" {
		t.Fatalf("FindEndpointByID = %+v, want %+v", got, ep)
	}
	if got.RetryPolicy == nil || got.RetryPolicy.Factor != 2 || got.RetryPolicy.MaxRetries != 5 {
		t.Fatalf("retry policy = %+v, want %+v", got.RetryPolicy, policy)
	}
	if _, err := s.FindEndpointByID(ctx, "", ep.ID); err != nil {
		t.Fatalf("FindEndpointByID with no tenant (engine view): %v", err)
	}
	url, types := "https://example.org/new", []string{"job.created"}
	got, err = s.UpdateEndpoint(ctx, "acme", ep.ID, store.EndpointUpdate{URL: &url, EventTypes: &types, SetRetryPolicy: true})
	must(t, err)
	if got.URL != url || !slices.Equal(got.EventTypes, types) || got.RetryPolicy != nil || got.Description != "main" {
		t.Fatalf("after UpdateEndpoint: %+v", got)
	}
	second := newEndpoint(t, s, "acme", func(e *herald.Endpoint) { e.Disabled = true; e.CreatedAt = base.Add(time.Second) })
	all, _, err := s.FindEndpoints(ctx, store.EndpointFilter{TenantID: "acme"})
	must(t, err)
	if len(all) != 2 || all[0].ID != second.ID {
		t.Fatalf("FindEndpoints = %d endpoints, want 2 newest first", len(all))
	}
	enabled, _, err := s.FindEndpoints(ctx, store.EndpointFilter{TenantID: "acme", EnabledOnly: true})
	must(t, err)
	if len(enabled) != 1 || enabled[0].ID != ep.ID {
		t.Fatalf("FindEndpoints(EnabledOnly) = %v", enabled)
	}
	wantCode(t, s.CreateEndpoint(ctx, &herald.Endpoint{ID: "ep_x", TenantID: "nope", URL: "https://x", Secret: signing.NewSecret(), CreatedAt: base, UpdatedAt: base}), herald.ENOTFOUND)
}

func testEndpointTenantScope(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "a")
	newTenant(t, s, "b")
	ep := newEndpoint(t, s, "a")
	_, err := s.FindEndpointByID(ctx, "b", ep.ID)
	wantCode(t, err, herald.ENOTFOUND)
	desc := "stolen"
	_, err = s.UpdateEndpoint(ctx, "b", ep.ID, store.EndpointUpdate{Description: &desc})
	wantCode(t, err, herald.ENOTFOUND)
	wantCode(t, s.DeleteEndpoint(ctx, "b", ep.ID), herald.ENOTFOUND)
	_, err = s.RotateEndpointSecret(ctx, "b", ep.ID, signing.NewSecret(), base)
	wantCode(t, err, herald.ENOTFOUND)
	eps, _, err := s.FindEndpoints(ctx, store.EndpointFilter{TenantID: "b"})
	must(t, err)
	if len(eps) != 0 {
		t.Fatalf("tenant b sees %d endpoints of tenant a", len(eps))
	}
	_, ds := newEvent(t, s, "a", []*herald.Endpoint{ep}, base, "")
	_, err = s.FindDeliveryByID(ctx, "b", ds[0].ID)
	wantCode(t, err, herald.ENOTFOUND)
	_, err = s.RequeueDelivery(ctx, "b", ds[0].ID, "n1", base, base.Add(time.Minute))
	wantCode(t, err, herald.ENOTFOUND)
}

func testRotateSecret(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	ep := newEndpoint(t, s, "acme")
	next := signing.NewSecret()
	until := base.Add(24 * time.Hour)
	got, err := s.RotateEndpointSecret(ctx, "acme", ep.ID, next, until)
	must(t, err)
	if got.Secret != next || got.PreviousSecret != ep.Secret || !got.PreviousSecretExpiresAt.Equal(until) {
		t.Fatalf("after rotation: secret %q previous %q until %v", got.Secret, got.PreviousSecret, got.PreviousSecretExpiresAt)
	}
	if s := got.SigningSecrets(base); len(s) != 2 {
		t.Fatalf("SigningSecrets during the grace period = %d secrets, want 2", len(s))
	}
	if s := got.SigningSecrets(until); len(s) != 1 || s[0] != next {
		t.Fatalf("SigningSecrets after the grace period = %v, want only the new one", s)
	}
}

func testDisablePauses(t *testing.T, s store.Store, clock *Clock) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	ep := newEndpoint(t, s, "acme")
	other := newEndpoint(t, s, "acme")
	_, ds := newEvent(t, s, "acme", []*herald.Endpoint{ep, other}, base, "")
	yes := true
	got, err := s.UpdateEndpoint(ctx, "acme", ep.ID, store.EndpointUpdate{Disabled: &yes})
	must(t, err)
	if !got.Disabled {
		t.Fatal("endpoint not disabled")
	}
	if d := delivery(t, s, "acme", ds[0].ID); d.Status != herald.DeliveryPaused || d.NextAttemptAt != nil {
		t.Fatalf("delivery of the disabled endpoint: status %s next %v, want paused and no next attempt", d.Status, d.NextAttemptAt)
	}
	if d := delivery(t, s, "acme", ds[1].ID); d.Status != herald.DeliveryPending {
		t.Fatalf("delivery of the other endpoint: status %s, want pending", d.Status)
	}
	tasks, err := s.ClaimDeliveries(ctx, "n1", base.Add(time.Hour), base.Add(2*time.Hour), 10, nil)
	must(t, err)
	if len(tasks) != 1 || tasks[0].DeliveryID != ds[1].ID {
		t.Fatalf("claimed %d tasks, want only the enabled endpoint's", len(tasks))
	}
	// Enabled three hours on, by the store's clock: the delivery is due
	// at that moment, not before it and not at the wall clock's.
	no := false
	now := base.Add(3 * time.Hour)
	clock.Set(now)
	got, err = s.UpdateEndpoint(ctx, "acme", ep.ID, store.EndpointUpdate{Disabled: &no})
	must(t, err)
	if got.Disabled || got.DisabledReason != "" {
		t.Fatalf("endpoint after enabling: disabled %v reason %q", got.Disabled, got.DisabledReason)
	}
	d := delivery(t, s, "acme", ds[0].ID)
	if d.Status != herald.DeliveryPending || d.NextAttemptAt == nil || !d.NextAttemptAt.Equal(now) {
		t.Fatalf("delivery after enabling: status %s next %v, want pending and due at %v", d.Status, d.NextAttemptAt, now)
	}
	tasks, err = s.ClaimDeliveries(ctx, "n1", now.Add(-time.Second), now.Add(time.Hour), 10, nil)
	must(t, err)
	if slices.ContainsFunc(tasks, func(tk *store.Task) bool { return tk.DeliveryID == ds[0].ID }) {
		t.Fatal("the resumed delivery was claimable a second before it was enabled")
	}
	tasks, err = s.ClaimDeliveries(ctx, "n1", now, now.Add(time.Hour), 10, nil)
	must(t, err)
	if !slices.ContainsFunc(tasks, func(tk *store.Task) bool { return tk.DeliveryID == ds[0].ID }) {
		t.Fatal("the resumed delivery was not claimable")
	}
}

// Paused and disabled are separate switches: deliveries resume only when
// the endpoint is neither.
func testPauseAndDisable(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	ep := newEndpoint(t, s, "acme")
	_, ds := newEvent(t, s, "acme", []*herald.Endpoint{ep}, base, "")
	yes, no := true, false
	got, err := s.UpdateEndpoint(ctx, "acme", ep.ID, store.EndpointUpdate{Paused: &yes})
	must(t, err)
	if !got.Paused || got.Disabled || got.Active() {
		t.Fatalf("after pausing: paused %v disabled %v", got.Paused, got.Disabled)
	}
	if d := delivery(t, s, "acme", ds[0].ID); d.Status != herald.DeliveryPaused {
		t.Fatalf("delivery of a paused endpoint is %s", d.Status)
	}
	_, err = s.UpdateEndpoint(ctx, "acme", ep.ID, store.EndpointUpdate{Disabled: &yes})
	must(t, err)
	_, err = s.UpdateEndpoint(ctx, "acme", ep.ID, store.EndpointUpdate{Paused: &no})
	must(t, err)
	if d := delivery(t, s, "acme", ds[0].ID); d.Status != herald.DeliveryPaused {
		t.Fatalf("unpausing a disabled endpoint resumed its delivery (%s)", d.Status)
	}
	got, err = s.UpdateEndpoint(ctx, "acme", ep.ID, store.EndpointUpdate{Disabled: &no})
	must(t, err)
	if !got.Active() {
		t.Fatal("endpoint neither paused nor disabled is not active")
	}
	if d := delivery(t, s, "acme", ds[0].ID); d.Status != herald.DeliveryPending || d.NextAttemptAt == nil {
		t.Fatalf("delivery after the endpoint became active: %s", d.Status)
	}
}

func testCreateEvent(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	a, b := newEndpoint(t, s, "acme"), newEndpoint(t, s, "acme")
	ev, ds := newEvent(t, s, "acme", []*herald.Endpoint{a, b}, base, "")
	got, err := s.FindEventByID(ctx, "acme", ev.ID)
	must(t, err)
	if string(got.Data) != string(ev.Data) || got.Type != ev.Type || !got.CreatedAt.Equal(ev.CreatedAt) {
		t.Fatalf("FindEventByID = %+v, want %+v", got, ev)
	}
	list, _, err := s.FindDeliveries(ctx, store.DeliveryFilter{TenantID: "acme", EventID: ev.ID})
	must(t, err)
	if len(list) != 2 {
		t.Fatalf("event has %d deliveries, want 2", len(list))
	}
	d := delivery(t, s, "acme", ds[0].ID)
	if d.Status != herald.DeliveryPending || d.Attempts != 0 || d.EndpointID != a.ID {
		t.Fatalf("new delivery = %+v", d)
	}
	_, err = s.FindEventByID(ctx, "other", ev.ID)
	wantCode(t, err, herald.ENOTFOUND)
	// Many endpoints: the fan-out must survive more rows than one INSERT holds.
	var many []*herald.Endpoint
	for range 450 {
		many = append(many, newEndpoint(t, s, "acme"))
	}
	ev2, _ := newEvent(t, s, "acme", many, base, "")
	list, next, err := s.FindDeliveries(ctx, store.DeliveryFilter{TenantID: "acme", EventID: ev2.ID, Page: store.Page{Limit: store.MaxPageLimit}})
	must(t, err)
	if len(list) != store.MaxPageLimit || next == "" {
		t.Fatalf("fan-out page = %d deliveries (next %q), want %d and a next page", len(list), next, store.MaxPageLimit)
	}
	// Every row, past the first page too: one delivery to each endpoint.
	for pages := 1; next != ""; pages++ {
		if pages > 2 {
			t.Fatalf("the fan-out of %d runs past %d pages", len(many), pages)
		}
		var more []*herald.Delivery
		more, next, err = s.FindDeliveries(ctx, store.DeliveryFilter{TenantID: "acme", EventID: ev2.ID, Page: store.Page{Limit: store.MaxPageLimit, Cursor: next}})
		must(t, err)
		list = append(list, more...)
	}
	to := map[string]int{}
	for _, d := range list {
		to[d.EndpointID]++
	}
	for _, ep := range many {
		if to[ep.ID] != 1 {
			t.Errorf("the fan-out made %d deliveries to endpoint %s, want 1", to[ep.ID], ep.ID)
		}
	}
	if len(list) != len(many) {
		t.Fatalf("the fan-out made %d deliveries in all, want %d", len(list), len(many))
	}
}

func testCreateEventIdempotent(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	newTenant(t, s, "other")
	ep := newEndpoint(t, s, "acme")
	ev, _ := newEvent(t, s, "acme", []*herald.Endpoint{ep}, base, "")
	again := *ev
	again.Data = []byte(`{"different":true}`)
	fresh := &herald.Event{ID: "fresh", TenantID: "acme", Type: "x", Channels: []string{}, Data: []byte(`{}`), CreatedAt: base}
	created, err := s.CreateEvents(ctx, []store.NewEvent{{Event: &again, Deliveries: []*herald.Delivery{{
		ID: herald.NewID(herald.PrefixDelivery), TenantID: "acme", EventID: ev.ID, EndpointID: ep.ID,
		Status: herald.DeliveryPending, NextAttemptAt: &base, CreatedAt: base, UpdatedAt: base,
	}}}, {Event: fresh}})
	must(t, err)
	if created[0] || !created[1] {
		t.Fatalf("created = %v, want the repeat skipped and the new event made", created)
	}
	if created[0] {
		t.Fatal("CreateEvent with a repeated id: created = true")
	}
	got, err := s.FindEventByID(ctx, "acme", ev.ID)
	must(t, err)
	if string(got.Data) != string(ev.Data) {
		t.Fatalf("a repeat changed the event's data to %s", got.Data)
	}
	list, _, err := s.FindDeliveries(ctx, store.DeliveryFilter{TenantID: "acme", EventID: ev.ID})
	must(t, err)
	if len(list) != 1 {
		t.Fatalf("a repeat made %d deliveries, want 1", len(list))
	}
	// The same id in another tenant is another event.
	same := *ev
	same.TenantID = "other"
	created, err = s.CreateEvents(ctx, []store.NewEvent{{Event: &same}})
	must(t, err)
	if !created[0] {
		t.Fatal("the same event id in another tenant was taken as a repeat")
	}

	// Within one batch, larger than any single statement a backend might
	// use, the first of two events with one id is stored and the second
	// is a repeat.
	var batch []store.NewEvent
	for i := range 300 {
		id := fmt.Sprintf("batch-%d", i)
		if i == 250 {
			id = "batch-7"
		}
		e := &herald.Event{ID: id, TenantID: "acme", Type: "x", Channels: []string{}, Data: []byte(fmt.Sprintf(`{"n":%d}`, i)), CreatedAt: base}
		batch = append(batch, store.NewEvent{Event: e, Deliveries: []*herald.Delivery{{
			ID: herald.NewID(herald.PrefixDelivery), TenantID: "acme", EventID: id, EndpointID: ep.ID,
			Status: herald.DeliveryPending, NextAttemptAt: &base, CreatedAt: base, UpdatedAt: base,
		}}})
	}
	created, err = s.CreateEvents(ctx, batch)
	must(t, err)
	for i, c := range created {
		if c != (i != 250) {
			t.Fatalf("batch: created[%d] = %v", i, c)
		}
	}
	got, err = s.FindEventByID(ctx, "acme", "batch-7")
	must(t, err)
	if string(got.Data) != `{"n":7}` {
		t.Fatalf("batch-7 holds %s, want the first of the two", got.Data)
	}
	list, _, err = s.FindDeliveries(ctx, store.DeliveryFilter{TenantID: "acme", EventID: "batch-7"})
	must(t, err)
	if len(list) != 1 || list[0].ID != batch[7].Deliveries[0].ID {
		t.Fatalf("batch-7 has %d deliveries, want only the first event's", len(list))
	}
}

func testCreateEventUnknownTenant(t *testing.T, s store.Store) {
	ev := &herald.Event{ID: "e1", TenantID: "nope", Type: "x", Channels: []string{}, Data: []byte(`{}`), CreatedAt: base}
	_, err := s.CreateEvents(context.Background(), []store.NewEvent{{Event: ev}})
	wantCode(t, err, herald.ENOTFOUND)
}

func testEventAndDeliveryPages(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	ep := newEndpoint(t, s, "acme")
	for i := range 5 {
		ev := &herald.Event{ID: fmt.Sprintf("e%d", i), TenantID: "acme", Type: "job.completed", Channels: []string{},
			Data: []byte(`{}`), CreatedAt: base.Add(time.Duration(i) * time.Millisecond)}
		if i%2 == 1 {
			ev.Type = "job.failed"
		}
		at := ev.CreatedAt
		_, err := s.CreateEvents(ctx, []store.NewEvent{{Event: ev, Deliveries: []*herald.Delivery{{ID: herald.NewID(herald.PrefixDelivery), TenantID: "acme", EventID: ev.ID,
			EndpointID: ep.ID, Status: herald.DeliveryPending, NextAttemptAt: &at, CreatedAt: at, UpdatedAt: at}}}})
		must(t, err)
	}
	evs, next, err := s.FindEvents(ctx, store.EventFilter{TenantID: "acme", Page: store.Page{Limit: 2}})
	must(t, err)
	if len(evs) != 2 || evs[0].ID != "e4" || next == "" {
		t.Fatalf("first page of events: %d, first %q, next %q", len(evs), evs[0].ID, next)
	}
	evs, _, err = s.FindEvents(ctx, store.EventFilter{TenantID: "acme", Page: store.Page{Limit: 2, Cursor: next}})
	must(t, err)
	if len(evs) != 2 || evs[0].ID != "e2" {
		t.Fatalf("second page of events starts at %q, want e2", evs[0].ID)
	}
	failed, _, err := s.FindEvents(ctx, store.EventFilter{TenantID: "acme", Type: "job.failed"})
	must(t, err)
	if len(failed) != 2 {
		t.Fatalf("events of type job.failed = %d, want 2", len(failed))
	}
	ds, next, err := s.FindDeliveries(ctx, store.DeliveryFilter{TenantID: "acme", EndpointID: ep.ID, Status: herald.DeliveryPending, Page: store.Page{Limit: 4}})
	must(t, err)
	if len(ds) != 4 || next == "" {
		t.Fatalf("deliveries page = %d next %q", len(ds), next)
	}
	ds, next, err = s.FindDeliveries(ctx, store.DeliveryFilter{TenantID: "acme", Page: store.Page{Limit: 4, Cursor: next}})
	must(t, err)
	if len(ds) != 1 || next != "" || ds[0].EventID != "e0" {
		t.Fatalf("last deliveries page = %d next %q", len(ds), next)
	}
	none, _, err := s.FindDeliveries(ctx, store.DeliveryFilter{TenantID: "acme", Status: herald.DeliveryFailed})
	must(t, err)
	if len(none) != 0 {
		t.Fatalf("failed deliveries = %d, want 0", len(none))
	}
	// Filtered by event type: the deliveries of job.failed's events (e1,
	// e3), page by page, with the other filters beside it.
	var pages [][]*herald.Delivery
	cursor := ""
	for {
		page, next, err := s.FindDeliveries(ctx, store.DeliveryFilter{TenantID: "acme", EventType: "job.failed", Page: store.Page{Limit: 1, Cursor: cursor}})
		must(t, err)
		pages = append(pages, page)
		if next == "" {
			break
		}
		cursor = next
	}
	if len(pages) != 2 || pages[0][0].EventID != "e3" || pages[1][0].EventID != "e1" || pages[0][0].EventType != "job.failed" {
		t.Fatalf("deliveries of job.failed, a page of one at a time: %+v", pages)
	}
	if ds, _, err := s.FindDeliveries(ctx, store.DeliveryFilter{TenantID: "acme", EventType: "job.failed", Status: herald.DeliveryPending,
		EndpointID: ep.ID, After: base.Add(2 * time.Millisecond)}); err != nil || len(ds) != 1 || ds[0].EventID != "e3" {
		t.Fatalf("deliveries of job.failed made from 2 ms on: %+v, %v", ds, err)
	}
	// Within one event, pages go on by delivery id: an event made at e0's
	// time (after it in id order) with three deliveries is cut across two
	// pages of two.
	_, three := newEvent(t, s, "acme", []*herald.Endpoint{ep, ep, ep}, base, "")
	var all []*herald.Delivery
	cursor = ""
	for {
		page, next, err := s.FindDeliveries(ctx, store.DeliveryFilter{TenantID: "acme", EventType: "job.completed", Page: store.Page{Limit: 2, Cursor: cursor}})
		must(t, err)
		all = append(all, page...)
		if next == "" {
			break
		}
		cursor = next
	}
	seen := map[string]bool{}
	for _, d := range all {
		seen[d.ID] = true
	}
	if len(all) != 6 || len(seen) != 6 || all[0].EventID != "e4" || all[1].EventID != "e2" || all[5].EventID != "e0" ||
		!seen[three[0].ID] || !seen[three[1].ID] || !seen[three[2].ID] || all[2].ID < all[3].ID || all[3].ID < all[4].ID {
		var got []string
		for _, d := range all {
			got = append(got, d.EventID+"/"+d.ID)
		}
		t.Fatalf("job.completed's deliveries, two a page: %v; want e4, e2, the new event's three (ids descending), e0", got)
	}
	if ds, _, err := s.FindDeliveries(ctx, store.DeliveryFilter{TenantID: "acme", EventType: "nothing"}); err != nil || len(ds) != 0 {
		t.Fatalf("deliveries of a type no event has: %+v, %v", ds, err)
	}
	_, _, err = s.FindDeliveries(ctx, store.DeliveryFilter{TenantID: "acme", EventType: "job.failed", Page: store.Page{Cursor: store.EncodeCursor(base, "no-space")}})
	wantCode(t, err, herald.EINVALID)
	// Listed deliveries carry their event's type; a time range is
	// [After, Before), with and without the pending filter.
	for _, status := range []herald.DeliveryStatus{"", herald.DeliveryPending} {
		ds, _, err = s.FindDeliveries(ctx, store.DeliveryFilter{TenantID: "acme", Status: status,
			After: base.Add(time.Millisecond), Before: base.Add(3 * time.Millisecond)})
		must(t, err)
		if len(ds) != 2 || ds[0].EventID != "e2" || ds[1].EventID != "e1" || ds[0].EventType != "job.completed" || ds[1].EventType != "job.failed" {
			t.Fatalf("deliveries (status %q) made in [1 ms, 3 ms): %+v, want e2's and e1's with their types", status, ds)
		}
	}
}

// An endpoint's signature scheme is stored whole, replaced and removed by
// an update, and absent for an endpoint without one.
func testSignatureScheme(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	scheme := &sigscheme.Scheme{Algorithm: "sha256", Encoding: "hex", Signed: "{timestamp}.{body}", Header: "X-Webhook-Signature",
		Value: "{signature}", TimestampHeader: "X-Webhook-Timestamp", Key: "utf8"}
	ep := newEndpoint(t, s, "acme", func(ep *herald.Endpoint) { ep.Signature, ep.SignatureScheme = herald.SignatureHMAC, scheme })
	plain := newEndpoint(t, s, "acme")
	got, err := s.FindEndpointByID(ctx, "acme", ep.ID)
	must(t, err)
	if got.SignatureScheme == nil || *got.SignatureScheme != *scheme || got.Signature != herald.SignatureHMAC {
		t.Fatalf("stored scheme %+v (signature %q), want %+v", got.SignatureScheme, got.Signature, scheme)
	}
	if got, _ := s.FindEndpointByID(ctx, "acme", plain.ID); got.SignatureScheme != nil {
		t.Fatalf("an endpoint without a scheme reads %+v", got.SignatureScheme)
	}
	other := *scheme
	other.Encoding, other.Value = "base64", "v1={signature}"
	next := &other
	got, err = s.UpdateEndpoint(ctx, "acme", ep.ID, store.EndpointUpdate{SignatureScheme: &next})
	must(t, err)
	if got.SignatureScheme == nil || *got.SignatureScheme != other {
		t.Fatalf("after an update: %+v, want %+v", got.SignatureScheme, other)
	}
	var none *sigscheme.Scheme
	standard := herald.SignatureStandard
	got, err = s.UpdateEndpoint(ctx, "acme", ep.ID, store.EndpointUpdate{Signature: &standard, SignatureScheme: &none})
	must(t, err)
	if got.SignatureScheme != nil || got.Signature != herald.SignatureStandard {
		t.Fatalf("after removing it: %+v (signature %q)", got.SignatureScheme, got.Signature)
	}
}

// The list of a tenant's pending deliveries holds exactly those still
// pending, leased or not, newest first, in pages, with the other filters.
func testPendingDeliveryPages(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	newTenant(t, s, "beta")
	a1, a2 := newEndpoint(t, s, "acme"), newEndpoint(t, s, "acme")
	newEvent(t, s, "beta", []*herald.Endpoint{newEndpoint(t, s, "beta")}, base, "")
	var all []*herald.Delivery
	for range 5 {
		_, ds := newEvent(t, s, "acme", []*herald.Endpoint{a1, a2}, base, "n1")
		all = append(all, ds...)
	}
	// Deliveries 0, 3, 6 and 9 succeed; 1 is retried later; the rest stay leased.
	var cs []store.Completion
	for _, i := range []int{0, 3, 6, 9} {
		cs = append(cs, store.Completion{DeliveryID: all[i].ID, Owner: "n1", Attempt: attempt(all[i].ID, 200, ""), Status: herald.DeliverySucceeded})
	}
	cs = append(cs, store.Completion{DeliveryID: all[1].ID, Owner: "n1", Attempt: attempt(all[1].ID, 503, ""),
		Status: herald.DeliveryPending, NextAttemptAt: base.Add(time.Hour)})
	complete(t, s, cs)
	ids := func(ds []*herald.Delivery) []string {
		var out []string
		for _, d := range ds {
			out = append(out, d.ID)
		}
		return out
	}
	want := []string{all[8].ID, all[7].ID, all[5].ID, all[4].ID, all[2].ID, all[1].ID}
	first, next, err := s.FindDeliveries(ctx, store.DeliveryFilter{TenantID: "acme", Status: herald.DeliveryPending, Page: store.Page{Limit: 4}})
	must(t, err)
	rest, last, err := s.FindDeliveries(ctx, store.DeliveryFilter{TenantID: "acme", Status: herald.DeliveryPending, Page: store.Page{Limit: 4, Cursor: next}})
	must(t, err)
	if got := append(ids(first), ids(rest)...); !slices.Equal(got, want) || next == "" || last != "" {
		t.Fatalf("pending deliveries %v (next %q, then %q), want %v", got, next, last, want)
	}
	for _, d := range append(first, rest...) {
		if d.Status != herald.DeliveryPending || d.TenantID != "acme" {
			t.Fatalf("listed as pending: %+v", d)
		}
	}
	if !first[0].NextAttemptAt.Equal(base) || rest[1].LeaseOwner != "" || !rest[1].NextAttemptAt.Equal(base.Add(time.Hour)) {
		t.Fatalf("pending deliveries read wrong: %+v, %+v", first[0], rest[1])
	}
	of, _, err := s.FindDeliveries(ctx, store.DeliveryFilter{TenantID: "acme", EndpointID: a2.ID, Status: herald.DeliveryPending})
	must(t, err)
	if got := ids(of); !slices.Equal(got, []string{all[7].ID, all[5].ID, all[1].ID}) {
		t.Fatalf("pending deliveries of one endpoint %v", got)
	}
	one, _, err := s.FindDeliveries(ctx, store.DeliveryFilter{TenantID: "acme", EventID: all[4].EventID, Status: herald.DeliveryPending})
	must(t, err)
	if got := ids(one); !slices.Equal(got, []string{all[5].ID, all[4].ID}) {
		t.Fatalf("pending deliveries of one event %v", got)
	}
}

func testClaimDue(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	ep := newEndpoint(t, s, "acme")
	ev, due := newEvent(t, s, "acme", []*herald.Endpoint{ep, ep, ep}, base, "")
	_, later := newEvent(t, s, "acme", []*herald.Endpoint{ep}, base.Add(time.Hour), "")
	_, leased := newEvent(t, s, "acme", []*herald.Endpoint{ep}, base.Add(time.Minute), "n0")

	next, ok, err := s.NextDueAt(ctx)
	must(t, err)
	if !ok || !next.Equal(base) {
		t.Fatalf("NextDueAt = %v %v, want %v", next, ok, base)
	}
	tasks, err := s.ClaimDeliveries(ctx, "n1", base, base.Add(time.Minute), 2, nil)
	must(t, err)
	if len(tasks) != 2 {
		t.Fatalf("claimed %d, want the limit of 2", len(tasks))
	}
	for _, tk := range tasks {
		if tk.Event == nil || tk.Event.ID != ev.ID || string(tk.Event.Data) != string(ev.Data) || tk.Trigger != herald.TriggerScheduled {
			t.Fatalf("task without its event: %+v", tk)
		}
		if !tk.Due.Equal(base) {
			t.Fatalf("claimed task due %v, want when the delivery became due, %v (not its lease's end)", tk.Due, base)
		}
		d := delivery(t, s, "acme", tk.DeliveryID)
		if d.LeaseOwner != "n1" || !d.NextAttemptAt.Equal(base.Add(time.Minute)) {
			t.Fatalf("claimed delivery: owner %q next %v, want n1 and the lease's end", d.LeaseOwner, d.NextAttemptAt)
		}
	}
	tasks, err = s.ClaimDeliveries(ctx, "n2", base, base.Add(time.Minute), 10, nil)
	must(t, err)
	if len(tasks) != 1 || !slices.ContainsFunc(due, func(d *herald.Delivery) bool { return d.ID == tasks[0].DeliveryID }) {
		t.Fatalf("second claim got %d tasks, want the one due delivery left", len(tasks))
	}
	tasks, err = s.ClaimDeliveries(ctx, "n2", base.Add(30*time.Second), base.Add(time.Minute), 10, nil)
	must(t, err)
	if len(tasks) != 0 {
		t.Fatalf("claimed %d tasks that are leased or not yet due", len(tasks))
	}
	if d := delivery(t, s, "acme", later[0].ID); d.LeaseOwner != "" {
		t.Fatal("a delivery not yet due was leased")
	}
	if d := delivery(t, s, "acme", leased[0].ID); d.LeaseOwner != "n0" {
		t.Fatalf("a leased delivery changed owner to %q", d.LeaseOwner)
	}
}

func testClaimExpiredLease(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	ep := newEndpoint(t, s, "acme")
	_, ds := newEvent(t, s, "acme", []*herald.Endpoint{ep}, base.Add(time.Minute), "dead-node")
	tasks, err := s.ClaimDeliveries(ctx, "n1", base.Add(59*time.Second), base.Add(2*time.Minute), 10, nil)
	must(t, err)
	if len(tasks) != 0 {
		t.Fatal("claimed a delivery whose lease has not run out")
	}
	tasks, err = s.ClaimDeliveries(ctx, "n1", base.Add(time.Minute), base.Add(2*time.Minute), 10, nil)
	must(t, err)
	if len(tasks) != 1 || tasks[0].DeliveryID != ds[0].ID {
		t.Fatal("a delivery whose owner died was not claimed after its lease ran out")
	}
	if d := delivery(t, s, "acme", ds[0].ID); d.LeaseOwner != "n1" {
		t.Fatalf("owner = %q, want n1", d.LeaseOwner)
	}
}

func testExtendAndRelease(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	ep := newEndpoint(t, s, "acme")
	_, mine := newEvent(t, s, "acme", []*herald.Endpoint{ep, ep, ep}, base.Add(time.Minute), "n1")
	_, theirs := newEvent(t, s, "acme", []*herald.Endpoint{ep}, base.Add(time.Minute), "n2")
	ids := []string{theirs[0].ID}
	for _, d := range mine {
		ids = append(ids, d.ID)
	}
	must(t, s.ExtendLeases(ctx, "n1", ids, base.Add(time.Hour)))
	for _, d := range mine {
		if got := delivery(t, s, "acme", d.ID); !got.NextAttemptAt.Equal(base.Add(time.Hour)) {
			t.Fatalf("extended lease ends %v, want %v", got.NextAttemptAt, base.Add(time.Hour))
		}
	}
	if got := delivery(t, s, "acme", theirs[0].ID); !got.NextAttemptAt.Equal(base.Add(time.Minute)) {
		t.Fatal("ExtendLeases moved another node's lease")
	}
	must(t, s.ReleaseLeases(ctx, "n1", []string{mine[0].ID, theirs[0].ID}, base))
	if got := delivery(t, s, "acme", mine[0].ID); got.LeaseOwner != "" || !got.NextAttemptAt.Equal(base) {
		t.Fatalf("released delivery: owner %q next %v", got.LeaseOwner, got.NextAttemptAt)
	}
	if got := delivery(t, s, "acme", theirs[0].ID); got.LeaseOwner != "n2" {
		t.Fatal("ReleaseLeases released another node's lease")
	}
	if got := delivery(t, s, "acme", mine[1].ID); got.LeaseOwner != "n1" {
		t.Fatal("ReleaseLeases with ids released a delivery not named")
	}
	must(t, s.ReleaseLeases(ctx, "n1", nil, base))
	for _, d := range mine {
		if got := delivery(t, s, "acme", d.ID); got.LeaseOwner != "" {
			t.Fatal("ReleaseLeases(nil) kept a lease")
		}
	}
	if got := delivery(t, s, "acme", theirs[0].ID); got.LeaseOwner != "n2" {
		t.Fatal("ReleaseLeases(nil) released another node's lease")
	}
}

// complete records completions and returns the endpoints they disabled.
func complete(t *testing.T, s store.Store, cs []store.Completion) []store.Disabled {
	t.Helper()
	disabled, err := s.CompleteAttempts(context.Background(), cs)
	must(t, err)
	return disabled
}

func attempt(deliveryID string, code int, errMsg string) *herald.Attempt {
	return &herald.Attempt{ID: herald.NewID(herald.PrefixAttempt), DeliveryID: deliveryID, StartedAt: base,
		Duration: 1500 * time.Microsecond, StatusCode: code, ResponseBody: "body", Error: errMsg, Trigger: herald.TriggerScheduled,
		Request: &herald.AttemptRequest{URL: "https://example.com/hook", Headers: map[string]string{"webhook-id": deliveryID, "Authorization": "Bearer ••••••"},
			BodySHA256: "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"}}
}

func testCompleteAttempts(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	ep := newEndpoint(t, s, "acme")
	_, ds := newEvent(t, s, "acme", []*herald.Endpoint{ep, ep, ep}, base.Add(time.Minute), "n1")
	retryAt := base.Add(5 * time.Second)
	complete(t, s, []store.Completion{
		{DeliveryID: ds[0].ID, Owner: "n1", Attempt: attempt(ds[0].ID, 200, ""), Status: herald.DeliverySucceeded},
		{DeliveryID: ds[1].ID, Owner: "n1", Attempt: attempt(ds[1].ID, 503, ""), Status: herald.DeliveryPending, NextAttemptAt: retryAt},
		{DeliveryID: ds[2].ID, Owner: "n1", Attempt: attempt(ds[2].ID, 0, "timeout"), Status: herald.DeliveryFailed},
	})
	d := delivery(t, s, "acme", ds[0].ID)
	if d.Status != herald.DeliverySucceeded || d.Attempts != 1 || d.LastStatusCode != 200 || d.LeaseOwner != "" || d.NextAttemptAt != nil {
		t.Fatalf("succeeded delivery = %+v", d)
	}
	d = delivery(t, s, "acme", ds[1].ID)
	if d.Status != herald.DeliveryPending || d.NextAttemptAt == nil || !d.NextAttemptAt.Equal(retryAt) || d.LeaseOwner != "" || d.LastStatusCode != 503 {
		t.Fatalf("retrying delivery = %+v", d)
	}
	d = delivery(t, s, "acme", ds[2].ID)
	if d.Status != herald.DeliveryFailed || d.LastError != "timeout" {
		t.Fatalf("failed delivery = %+v", d)
	}
	as, err := s.FindAttempts(ctx, ds[1].ID)
	must(t, err)
	if len(as) != 1 || as[0].StatusCode != 503 || as[0].Duration != 1500*time.Microsecond || as[0].ResponseBody != "body" {
		t.Fatalf("attempts = %+v", as)
	}
	tasks, err := s.ClaimDeliveries(ctx, "n2", retryAt, retryAt.Add(time.Minute), 10, nil)
	must(t, err)
	if len(tasks) != 1 || tasks[0].DeliveryID != ds[1].ID || tasks[0].Attempts != 1 {
		t.Fatalf("claim at the retry time got %+v, want the retrying delivery with 1 attempt", tasks)
	}
	// A completion with no attempt (the endpoint was disabled) pauses
	// without counting an attempt.
	complete(t, s, []store.Completion{{DeliveryID: ds[1].ID, Owner: "n2", Status: herald.DeliveryPaused}})
	d = delivery(t, s, "acme", ds[1].ID)
	if d.Status != herald.DeliveryPaused || d.Attempts != 1 {
		t.Fatalf("paused delivery = %+v", d)
	}
}

func testCompleteLostLease(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	ep := newEndpoint(t, s, "acme")
	_, ds := newEvent(t, s, "acme", []*herald.Endpoint{ep}, base.Add(time.Minute), "n1")
	// n1 stalls past its lease; n2 takes the delivery over.
	_, err := s.ClaimDeliveries(ctx, "n2", base.Add(time.Minute), base.Add(2*time.Minute), 10, nil)
	must(t, err)
	complete(t, s, []store.Completion{
		{DeliveryID: ds[0].ID, Owner: "n1", Attempt: attempt(ds[0].ID, 500, ""), Status: herald.DeliveryFailed},
	})
	d := delivery(t, s, "acme", ds[0].ID)
	if d.Status != herald.DeliveryPending || d.LeaseOwner != "n2" {
		t.Fatalf("a completion from a node that lost the lease changed the delivery: %+v", d)
	}
	as, err := s.FindAttempts(ctx, ds[0].ID)
	must(t, err)
	if len(as) != 1 {
		t.Fatalf("the attempt of the node that lost the lease was not recorded (%d attempts)", len(as))
	}
}

// Many completions at once, as the engine batches them, with a deleted
// delivery and a lost lease among them: each is applied exactly as alone.
func testCompleteMany(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	ep := newEndpoint(t, s, "acme")
	doomed := newEndpoint(t, s, "acme")
	eps := make([]*herald.Endpoint, 78) // chunks of every size a backend might use, and a remainder
	for i := range eps {
		eps[i] = ep
	}
	eps[3] = doomed
	_, ds := newEvent(t, s, "acme", eps, base.Add(time.Minute), "n1")
	// Delivery 5 is taken over by n2; delivery 3 disappears with its endpoint.
	must(t, s.ReleaseLeases(ctx, "n1", []string{ds[5].ID}, base))
	if _, err := s.ClaimDeliveries(ctx, "n2", base, base.Add(time.Minute), 1, nil); err != nil {
		t.Fatal(err)
	}
	must(t, s.DeleteEndpoint(ctx, "acme", doomed.ID))
	var cs []store.Completion
	for i, d := range ds {
		c := store.Completion{DeliveryID: d.ID, Owner: "n1", Attempt: attempt(d.ID, 200, ""), Status: herald.DeliverySucceeded}
		if i%2 == 1 {
			c.Attempt, c.Status, c.NextAttemptAt = attempt(d.ID, 503, ""), herald.DeliveryPending, base.Add(time.Duration(i)*time.Second)
		}
		cs = append(cs, c)
	}
	complete(t, s, cs)
	for i, d := range ds {
		if i == 3 {
			_, err := s.FindDeliveryByID(ctx, "acme", d.ID)
			wantCode(t, err, herald.ENOTFOUND)
			continue
		}
		got := delivery(t, s, "acme", d.ID)
		as, err := s.FindAttempts(ctx, d.ID)
		must(t, err)
		if len(as) != 1 {
			t.Fatalf("delivery %d has %d attempts, want 1", i, len(as))
		}
		if r := as[0].Request; r == nil || r.URL != "https://example.com/hook" || r.Headers["webhook-id"] != d.ID || len(r.BodySHA256) != 64 {
			t.Fatalf("delivery %d's attempt kept its request as %+v", i, r)
		}
		if i == 5 {
			if got.LeaseOwner != "n2" || got.Status != herald.DeliveryPending || got.Attempts != 0 {
				t.Fatalf("delivery %d, whose lease n2 took, was changed: %+v", i, got)
			}
			continue
		}
		want, code := herald.DeliverySucceeded, 200
		if i%2 == 1 {
			want, code = herald.DeliveryPending, 503
		}
		if got.Status != want || got.Attempts != 1 || got.LastStatusCode != code || got.LeaseOwner != "" {
			t.Fatalf("delivery %d = %+v, want %s after one attempt answered %d", i, got, want, code)
		}
		if want == herald.DeliveryPending && !got.NextAttemptAt.Equal(base.Add(time.Duration(i)*time.Second)) {
			t.Fatalf("delivery %d next attempt %v", i, got.NextAttemptAt)
		}
	}
}

func testCompleteDisables(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	ep := newEndpoint(t, s, "acme")
	_, ds := newEvent(t, s, "acme", []*herald.Endpoint{ep, ep}, base.Add(time.Minute), "n1")
	dis := complete(t, s, []store.Completion{
		{DeliveryID: ds[0].ID, Owner: "n1", Attempt: attempt(ds[0].ID, 410, ""), Status: herald.DeliveryFailed, DisableEndpoint: "HTTP 410 Gone"},
	})
	if len(dis) != 1 || dis[0].EndpointID != ep.ID || dis[0].TenantID != "acme" {
		t.Fatalf("the 410 completion reported %+v disabled", dis)
	}
	got, err := s.FindEndpointByID(ctx, "acme", ep.ID)
	must(t, err)
	if !got.Disabled || got.DisabledReason != "HTTP 410 Gone" {
		t.Fatalf("endpoint after 410: disabled %v reason %q", got.Disabled, got.DisabledReason)
	}
	if !dis[0].At.Equal(got.UpdatedAt) {
		t.Fatalf("Disabled.At = %v, want the endpoint's updated_at %v (it names the disable)", dis[0].At, got.UpdatedAt)
	}
	if d := delivery(t, s, "acme", ds[0].ID); d.Status != herald.DeliveryFailed {
		t.Fatalf("the 410 delivery is %s, want failed", d.Status)
	}
	if d := delivery(t, s, "acme", ds[1].ID); d.Status != herald.DeliveryPaused || d.LeaseOwner != "" {
		t.Fatalf("the endpoint's other delivery is %s owned by %q, want paused and released", d.Status, d.LeaseOwner)
	}
}

func testRequeue(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	ep := newEndpoint(t, s, "acme")
	_, ds := newEvent(t, s, "acme", []*herald.Endpoint{ep}, base.Add(time.Minute), "n1")
	_, err := s.RequeueDelivery(ctx, "acme", ds[0].ID, "n2", base, base.Add(time.Minute))
	wantCode(t, err, herald.ECONFLICT)
	complete(t, s, []store.Completion{
		{DeliveryID: ds[0].ID, Owner: "n1", Attempt: attempt(ds[0].ID, 400, ""), Status: herald.DeliveryFailed},
	})
	task, err := s.RequeueDelivery(ctx, "acme", ds[0].ID, "n2", base, base.Add(time.Minute))
	must(t, err)
	if task.Trigger != herald.TriggerManual || task.Attempts != 1 || task.Event == nil || task.EndpointID != ep.ID {
		t.Fatalf("requeued task = %+v", task)
	}
	d := delivery(t, s, "acme", ds[0].ID)
	if d.Status != herald.DeliveryPending || d.LeaseOwner != "n2" {
		t.Fatalf("requeued delivery = %+v", d)
	}
	_, err = s.RequeueDelivery(ctx, "acme", "dlv_nope", "n2", base, base.Add(time.Minute))
	wantCode(t, err, herald.ENOTFOUND)
}

func testDeleteCascades(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	ep := newEndpoint(t, s, "acme")
	keep := newEndpoint(t, s, "acme")
	ev, ds := newEvent(t, s, "acme", []*herald.Endpoint{ep, keep}, base, "n1")
	complete(t, s, []store.Completion{
		{DeliveryID: ds[0].ID, Owner: "n1", Attempt: attempt(ds[0].ID, 500, ""), Status: herald.DeliveryPending, NextAttemptAt: base},
	})
	must(t, s.DeleteEndpoint(ctx, "acme", ep.ID))
	_, err := s.FindDeliveryByID(ctx, "acme", ds[0].ID)
	wantCode(t, err, herald.ENOTFOUND)
	if _, err := s.FindDeliveryByID(ctx, "acme", ds[1].ID); err != nil {
		t.Fatalf("deleting one endpoint removed another's delivery: %v", err)
	}
	// A late completion for a deleted delivery is dropped, not an error.
	complete(t, s, []store.Completion{
		{DeliveryID: ds[0].ID, Owner: "n1", Attempt: attempt(ds[0].ID, 200, ""), Status: herald.DeliverySucceeded},
	})
	must(t, s.DeleteTenant(ctx, "acme"))
	_, err = s.FindEventByID(ctx, "acme", ev.ID)
	wantCode(t, err, herald.ENOTFOUND)
	_, err = s.FindEndpointByID(ctx, "", keep.ID)
	wantCode(t, err, herald.ENOTFOUND)
	if _, ok, err := s.NextDueAt(ctx); err != nil || ok {
		t.Fatalf("deliveries remain after the tenant was deleted (ok=%v err=%v)", ok, err)
	}
}

func newJobEvent(job *herald.Job, typ string, eps []*herald.Endpoint) store.NewEvent {
	ev := &herald.Event{ID: job.ID + "." + typ, TenantID: job.TenantID, Type: typ, Channels: []string{}, Data: []byte(`{}`), CreatedAt: base}
	ne := store.NewEvent{Event: ev}
	for _, ep := range eps {
		ne.Deliveries = append(ne.Deliveries, &herald.Delivery{ID: herald.NewID(herald.PrefixDelivery), TenantID: job.TenantID,
			EventID: ev.ID, EndpointID: ep.ID, Status: herald.DeliveryPending, NextAttemptAt: &base, CreatedAt: base, UpdatedAt: base})
	}
	return ne
}

func testJobs(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	newTenant(t, s, "other")
	sub := newEndpoint(t, s, "acme")
	job := &herald.Job{ID: "j1", TenantID: "acme", Type: "image.generation", Status: herald.JobQueued,
		Input: []byte(`{"prompt":"a cat"}`), Channels: []string{"key_1"}, CreatedAt: base, UpdatedAt: base}
	created, err := s.CreateJob(ctx, job, nil, newJobEvent(job, "job.created", []*herald.Endpoint{sub}))
	must(t, err)
	if !created {
		t.Fatal("CreateJob: created = false for a new job")
	}
	again := *job
	again.Type = "other"
	created, err = s.CreateJob(ctx, &again, nil, newJobEvent(&again, "job.created", nil))
	must(t, err)
	if created {
		t.Fatal("CreateJob with a repeated id: created = true")
	}
	got, err := s.FindJobByID(ctx, "acme", "j1")
	must(t, err)
	if got.Type != "image.generation" || got.Status != herald.JobQueued || string(got.Input) != `{"prompt":"a cat"}` ||
		got.Callback != nil || got.StartedAt != nil || len(got.Channels) != 1 {
		t.Fatalf("FindJobByID = %+v", got)
	}
	if _, err := s.FindEventByID(ctx, "acme", "j1.job.created"); err != nil {
		t.Fatalf("the job.created event was not stored: %v", err)
	}
	_, err = s.FindJobByID(ctx, "other", "j1")
	wantCode(t, err, herald.ENOTFOUND)

	progress := 40.0
	started := base.Add(time.Second)
	ev := newJobEvent(job, "job.started", []*herald.Endpoint{sub})
	got, err = s.UpdateJob(ctx, "acme", "j1", herald.JobUpdate{Status: herald.JobProcessing, Progress: &progress, At: started}, &ev, nil)
	must(t, err)
	if got.Status != herald.JobProcessing || got.StartedAt == nil || !got.StartedAt.Equal(started) || *got.Progress != 40 || got.FinishedAt != nil {
		t.Fatalf("after processing: %+v", got)
	}
	got, err = s.UpdateJob(ctx, "acme", "j1", herald.JobUpdate{Status: "uploading", At: base.Add(2 * time.Second)}, nil, nil)
	must(t, err)
	if got.Status != "uploading" || !got.StartedAt.Equal(started) || *got.Progress != 40 {
		t.Fatalf("an intermediate status changed more than the status: %+v", got)
	}
	done := base.Add(3 * time.Second)
	fin := newJobEvent(job, "job.completed", []*herald.Endpoint{sub})
	_, err = s.UpdateJob(ctx, "acme", "j1", herald.JobUpdate{Status: herald.JobCompleted, Result: []byte(`{"images":["a.png"]}`), At: done}, &fin, nil)
	must(t, err)
	got, err = s.FindJobByID(ctx, "acme", "j1")
	must(t, err)
	if got.Status != herald.JobCompleted || string(got.Result) != `{"images":["a.png"]}` || got.FinishedAt == nil || !got.FinishedAt.Equal(done) {
		t.Fatalf("after completion: %+v", got)
	}
	_, err = s.UpdateJob(ctx, "acme", "j1", herald.JobUpdate{Status: herald.JobFailed, At: done}, nil, nil)
	wantCode(t, err, herald.ECONFLICT)
	_, err = s.UpdateJob(ctx, "acme", "nope", herald.JobUpdate{Status: herald.JobFailed, At: done}, nil, nil)
	wantCode(t, err, herald.ENOTFOUND)
	ds, _, err := s.FindDeliveries(ctx, store.DeliveryFilter{TenantID: "acme", EndpointID: sub.ID})
	must(t, err)
	if len(ds) != 3 {
		t.Fatalf("the subscription has %d deliveries, want created, started and completed", len(ds))
	}

	for i := range 3 {
		j := &herald.Job{ID: fmt.Sprintf("k%d", i), TenantID: "acme", Type: "ocr", Status: herald.JobQueued, Channels: []string{},
			CreatedAt: base.Add(time.Duration(i+1) * time.Minute), UpdatedAt: base}
		_, err := s.CreateJob(ctx, j, nil, newJobEvent(j, "job.created", nil))
		must(t, err)
	}
	page, next, err := s.FindJobs(ctx, store.JobFilter{TenantID: "acme", Page: store.Page{Limit: 2}})
	must(t, err)
	if len(page) != 2 || page[0].ID != "k2" || next == "" {
		t.Fatalf("first page of jobs: %d, first %q, next %q", len(page), page[0].ID, next)
	}
	page, next, err = s.FindJobs(ctx, store.JobFilter{TenantID: "acme", Page: store.Page{Limit: 2, Cursor: next}})
	must(t, err)
	if len(page) != 2 || page[0].ID != "k0" || page[1].ID != "j1" || next != "" {
		t.Fatalf("second page of jobs: %v next %q", page, next)
	}
	done2, _, err := s.FindJobs(ctx, store.JobFilter{TenantID: "acme", Status: herald.JobCompleted})
	must(t, err)
	if len(done2) != 1 || done2[0].ID != "j1" {
		t.Fatalf("completed jobs = %v", done2)
	}
}

func testTenantCallbackSecret(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	newTenant(t, s, "other")
	if got, err := s.FindTenantByID(ctx, "acme"); err != nil || got.CallbackSecretSet || got.CallbackSecret != "" {
		t.Fatalf("a new tenant has a callback secret: %+v %v", got, err)
	}
	own := signing.NewSecret()
	callback := func(id, job string, follows bool) *herald.Endpoint {
		ep := &herald.Endpoint{ID: id, TenantID: "acme", URL: "https://example.com/callback", EventTypes: []string{}, Channels: []string{},
			Headers: map[string]string{}, Secret: own, JobID: job, TenantSecret: follows, CreatedAt: base, UpdatedAt: base}
		j := &herald.Job{ID: job, TenantID: "acme", Type: "ocr", Status: herald.JobQueued, Channels: []string{}, CreatedAt: base, UpdatedAt: base}
		_, err := s.CreateJob(ctx, j, ep, newJobEvent(j, "job.created", nil))
		must(t, err)
		return ep
	}
	follows, keeps := callback("ep_follows", "j1", true), callback("ep_keeps", "j2", false)
	engine := func(id string) *herald.Endpoint {
		ep, err := s.FindEndpointByID(ctx, "", id)
		must(t, err)
		return ep
	}
	// Before the tenant has a secret, a following callback signs with its own.
	if ep := engine(follows.ID); ep.Secret != own || !ep.TenantSecret {
		t.Fatalf("following callback before the tenant has a secret: secret %q, follows %v", ep.Secret, ep.TenantSecret)
	}

	first, second := signing.NewSecret(), signing.NewSecret()
	tn, err := s.RotateTenantCallbackSecret(ctx, "acme", first, base.Add(time.Hour))
	must(t, err)
	if tn.CallbackSecret != first || !tn.CallbackSecretSet || tn.CallbackPreviousSecret != "" || !tn.CallbackPreviousSecretExpiresAt.IsZero() {
		t.Fatalf("first rotation (nothing to keep): %+v", tn)
	}
	if ep := engine(follows.ID); ep.Secret != first || ep.PreviousSecret != "" {
		t.Fatalf("following callback after the first secret: %q, previous %q", ep.Secret, ep.PreviousSecret)
	}
	until := base.Add(24 * time.Hour)
	_, err = s.RotateTenantCallbackSecret(ctx, "acme", second, until)
	must(t, err)
	tn, err = s.FindTenantByID(ctx, "acme")
	must(t, err)
	if tn.CallbackSecret != second || tn.CallbackPreviousSecret != first || !tn.CallbackPreviousSecretExpiresAt.Equal(until) {
		t.Fatalf("second rotation: %+v", tn)
	}
	if ep := engine(follows.ID); ep.Secret != second || ep.PreviousSecret != first || !ep.PreviousSecretExpiresAt.Equal(until) {
		t.Fatalf("following callback across the rotation: %q, previous %q until %v", ep.Secret, ep.PreviousSecret, ep.PreviousSecretExpiresAt)
	}
	if ep := engine(keeps.ID); ep.Secret != own || ep.PreviousSecret != "" {
		t.Fatalf("a callback with its own secret took the tenant's: %q, previous %q", ep.Secret, ep.PreviousSecret)
	}
	if got, err := s.FindTenantByID(ctx, "other"); err != nil || got.CallbackSecretSet {
		t.Fatalf("another tenant took the rotation: %+v %v", got, err)
	}
	page, _, err := s.FindTenants(ctx, store.Page{Limit: 10})
	must(t, err)
	for _, p := range page {
		if p.ID == "acme" && p.CallbackSecret != second {
			t.Fatalf("listed tenant's callback secret = %q", p.CallbackSecret)
		}
	}
	_, err = s.RotateTenantCallbackSecret(ctx, "nope", first, until)
	wantCode(t, err, herald.ENOTFOUND)
}

func testJobCallback(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	job := &herald.Job{ID: "j1", TenantID: "acme", Type: "video", Status: herald.JobQueued, Channels: []string{}, CreatedAt: base, UpdatedAt: base}
	cb := &herald.Endpoint{ID: herald.NewID(herald.PrefixEndpoint), TenantID: "acme", URL: "https://example.com/callback",
		EventTypes: []string{}, Channels: []string{}, Headers: map[string]string{}, Secret: signing.NewSecret(),
		JobID: "j1", CreatedAt: base, UpdatedAt: base}
	_, err := s.CreateJob(ctx, job, cb, newJobEvent(job, "job.created", nil))
	must(t, err)
	got, err := s.FindJobByID(ctx, "acme", "j1")
	must(t, err)
	if got.Callback == nil || got.Callback.URL != cb.URL || got.Callback.State != herald.CallbackWaiting || got.Callback.EndpointID != cb.ID {
		t.Fatalf("callback before the job ends: %+v", got.Callback)
	}
	eps, _, err := s.FindEndpoints(ctx, store.EndpointFilter{TenantID: "acme"})
	must(t, err)
	if len(eps) != 0 {
		t.Fatal("a job's callback endpoint is listed among the tenant's endpoints")
	}
	if ep, err := s.FindEndpointByID(ctx, "", cb.ID); err != nil || ep.JobID != "j1" {
		t.Fatalf("the engine cannot read the callback endpoint: %v %v", ep, err)
	}
	_, err = s.FindEndpointByID(ctx, "acme", cb.ID)
	wantCode(t, err, herald.ENOTFOUND)
	desc := "taken over"
	_, err = s.UpdateEndpoint(ctx, "acme", cb.ID, store.EndpointUpdate{Description: &desc})
	wantCode(t, err, herald.ENOTFOUND)
	wantCode(t, s.DeleteEndpoint(ctx, "acme", cb.ID), herald.ENOTFOUND)
	_, err = s.RotateEndpointSecret(ctx, "acme", cb.ID, signing.NewSecret(), base)
	wantCode(t, err, herald.ENOTFOUND)
	fin := newJobEvent(job, "job.failed", nil)
	d := &herald.Delivery{ID: herald.NewID(herald.PrefixDelivery), TenantID: "acme", EventID: fin.Event.ID, EndpointID: cb.ID,
		Status: herald.DeliveryPending, NextAttemptAt: &base, LeaseOwner: "n1", CreatedAt: base, UpdatedAt: base}
	upd, err := s.UpdateJob(ctx, "acme", "j1", herald.JobUpdate{Status: herald.JobFailed, Error: []byte(`"Content policy violation"`), At: base}, &fin, d)
	must(t, err)
	if upd.Callback.State != herald.CallbackPending || upd.Callback.DeliveryID != d.ID {
		t.Fatalf("callback when the job fails: %+v", upd.Callback)
	}
	complete(t, s, []store.Completion{{DeliveryID: d.ID, Owner: "n1", Attempt: attempt(d.ID, 500, ""), Status: herald.DeliveryFailed}})
	got, err = s.FindJobByID(ctx, "acme", "j1")
	must(t, err)
	if got.Callback.State != herald.CallbackFailed || got.Callback.Attempts != 1 || string(got.Error) != `"Content policy violation"` {
		t.Fatalf("job after its callback gave up: %+v %+v", got, got.Callback)
	}
	must(t, s.DeleteTenant(ctx, "acme"))
	_, err = s.FindJobByID(ctx, "acme", "j1")
	wantCode(t, err, herald.ENOTFOUND)
}

// An endpoint with a limit is disabled by that many failed deliveries in a
// row; a success resets the count; enabling forgives; failed deliveries
// can be replayed.
func testAutoDisable(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	ep := newEndpoint(t, s, "acme", func(e *herald.Endpoint) { e.DisableAfterFailures = 3 })
	_, ds := newEvent(t, s, "acme", []*herald.Endpoint{ep, ep, ep, ep, ep, ep, ep}, base.Add(time.Minute), "n1")
	end := func(i int, status herald.DeliveryStatus) store.Completion {
		code := 200
		if status == herald.DeliveryFailed {
			code = 400
		}
		return store.Completion{DeliveryID: ds[i].ID, EndpointID: ep.ID, Owner: "n1", Attempt: attempt(ds[i].ID, code, ""), Status: status}
	}
	if got := complete(t, s, []store.Completion{end(0, herald.DeliveryFailed), end(1, herald.DeliveryFailed), end(2, herald.DeliverySucceeded), end(3, herald.DeliveryFailed)}); len(got) != 0 {
		t.Fatalf("disabled %v after fail, fail, success, fail", got)
	}
	e, err := s.FindEndpointByID(ctx, "acme", ep.ID)
	must(t, err)
	if e.ConsecutiveFailures != 1 || e.Disabled {
		t.Fatalf("after fail, fail, success, fail: count %d disabled %v, want 1 and enabled", e.ConsecutiveFailures, e.Disabled)
	}
	complete(t, s, []store.Completion{end(4, herald.DeliveryFailed)})
	got := complete(t, s, []store.Completion{end(5, herald.DeliveryFailed)})
	if len(got) != 1 || got[0].EndpointID != ep.ID || got[0].TenantID != "acme" || got[0].Reason != "3 failed deliveries in a row" {
		t.Fatalf("disabled = %+v, want the endpoint after 3 failures in a row", got)
	}
	e, err = s.FindEndpointByID(ctx, "acme", ep.ID)
	must(t, err)
	if !e.Disabled || e.DisabledReason != "3 failed deliveries in a row" {
		t.Fatalf("endpoint = disabled %v %q", e.Disabled, e.DisabledReason)
	}
	if d := delivery(t, s, "acme", ds[6].ID); d.Status != herald.DeliveryPaused {
		t.Fatalf("the disabled endpoint's pending delivery is %s, want paused (kept)", d.Status)
	}
	// A disabled endpoint is not disabled again.
	if got := complete(t, s, []store.Completion{end(6, herald.DeliveryFailed)}); len(got) != 0 {
		t.Fatalf("a disabled endpoint was disabled again: %v", got)
	}
	no := false
	e, err = s.UpdateEndpoint(ctx, "acme", ep.ID, store.EndpointUpdate{Disabled: &no})
	must(t, err)
	if e.Disabled || e.ConsecutiveFailures != 0 {
		t.Fatalf("after enabling: disabled %v count %d", e.Disabled, e.ConsecutiveFailures)
	}
	n, err := s.ReplayDeliveries(ctx, "acme", ep.ID, base, base.Add(time.Second), base.Add(time.Hour))
	must(t, err)
	if n != 5 {
		t.Fatalf("replayed %d deliveries, want the 5 failed ones", n)
	}
	if d := delivery(t, s, "acme", ds[0].ID); d.Status != herald.DeliveryPending || !d.NextAttemptAt.Equal(base.Add(time.Hour)) {
		t.Fatalf("replayed delivery = %+v", d)
	}
	if n, err := s.ReplayDeliveries(ctx, "acme", ep.ID, base.Add(time.Second), base.Add(time.Hour), base); err != nil || n != 0 {
		t.Fatalf("a range with no deliveries replayed %d (%v)", n, err)
	}
	_, err = s.ReplayDeliveries(ctx, "other", ep.ID, base, base.Add(time.Hour), base)
	wantCode(t, err, herald.ENOTFOUND)
}

// Purge goes through history in time order across tenants, not tenant by
// tenant: a limit of one deletes the oldest event of all.
func testPurgeOldestFirst(t *testing.T, s store.Store) {
	ctx := context.Background()
	for _, tenant := range []string{"a", "b"} {
		newTenant(t, s, tenant)
	}
	for tenant, at := range map[string]time.Time{"a": base.Add(time.Hour), "b": base} {
		ev := &herald.Event{ID: "e-" + tenant, TenantID: tenant, Type: "x", Channels: []string{}, Data: []byte(`{}`), CreatedAt: at}
		_, err := s.CreateEvents(ctx, []store.NewEvent{{Event: ev}})
		must(t, err)
	}
	p, err := s.Purge(ctx, base.Add(24*time.Hour), 1)
	must(t, err)
	if p.Events != 1 {
		t.Fatalf("Purge with limit 1 purged %+v", p)
	}
	if _, err := s.FindEventByID(ctx, "b", "e-b"); herald.ErrorCode(err) != herald.ENOTFOUND {
		t.Fatalf("the oldest event (tenant b) was kept (%v) and a newer one purged", err)
	}
	if _, err := s.FindEventByID(ctx, "a", "e-a"); err != nil {
		t.Fatalf("the newer event was purged first: %v", err)
	}
}

// Purge deletes ended history older than the cutoff, across tenants, in
// batches, and never anything still to be delivered.
func testPurge(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	newTenant(t, s, "other")
	ep := newEndpoint(t, s, "acme")
	otherEp := newEndpoint(t, s, "other")
	old, cutoff, recent := base, base.Add(24*time.Hour), base.Add(48*time.Hour)
	// event stores an event created at, with a delivery to ep leased to n1
	// (ep nil: no delivery), and returns the delivery's id.
	event := func(tenant, id string, at time.Time, ep *herald.Endpoint) string {
		t.Helper()
		ev := &herald.Event{ID: id, TenantID: tenant, Type: "x", Channels: []string{}, Data: []byte(`{}`), CreatedAt: at}
		ne := store.NewEvent{Event: ev}
		if ep != nil {
			ne.Deliveries = []*herald.Delivery{{ID: herald.NewID(herald.PrefixDelivery), TenantID: tenant, EventID: id,
				EndpointID: ep.ID, Status: herald.DeliveryPending, NextAttemptAt: &at, LeaseOwner: "n1", CreatedAt: at, UpdatedAt: at}}
		}
		_, err := s.CreateEvents(ctx, []store.NewEvent{ne})
		must(t, err)
		if ep == nil {
			return ""
		}
		return ne.Deliveries[0].ID
	}
	end := func(id string, status herald.DeliveryStatus) {
		t.Helper()
		code := 200
		if status == herald.DeliveryFailed {
			code = 400
		}
		complete(t, s, []store.Completion{{DeliveryID: id, Owner: "n1", Attempt: attempt(id, code, ""), Status: status}})
	}
	oldDone := event("acme", "old-done", old, ep)
	end(oldDone, herald.DeliverySucceeded)
	end(event("acme", "old-failed", old, ep), herald.DeliveryFailed)
	event("acme", "old-none", old, nil)
	oldPending := event("acme", "old-pending", old, ep)
	end(event("acme", "new-done", recent, ep), herald.DeliverySucceeded)
	end(event("other", "other-old", old, otherEp), herald.DeliverySucceeded)

	// Jobs: one finished long ago whose callback was delivered, one that
	// finished long ago but whose callback is still pending, one running,
	// one finished recently.
	job := func(id string, finishAt time.Time, finish, deliver bool) string {
		t.Helper()
		j, cb := newJobWithCallback(t, s, id, old)
		if !finish {
			return cb.ID
		}
		fin := newJobEvent(j, "job.completed", nil)
		fin.Event.CreatedAt = finishAt
		d := &herald.Delivery{ID: herald.NewID(herald.PrefixDelivery), TenantID: "acme", EventID: fin.Event.ID, EndpointID: cb.ID,
			Status: herald.DeliveryPending, NextAttemptAt: &finishAt, LeaseOwner: "n1", CreatedAt: finishAt, UpdatedAt: finishAt}
		_, err := s.UpdateJob(ctx, "acme", id, herald.JobUpdate{Status: herald.JobCompleted, At: finishAt}, &fin, d)
		must(t, err)
		if deliver {
			end(d.ID, herald.DeliverySucceeded)
		}
		return cb.ID
	}
	oldJobCallback := job("job-old", old, true, true)
	job("job-old-undelivered", old, true, false)
	job("job-running", old, false, false)
	job("job-new", recent, true, true)

	var total store.Purged
	for calls := 0; ; calls++ {
		if calls > 20 {
			t.Fatal("Purge kept purging its limit")
		}
		p, err := s.Purge(ctx, cutoff, 2)
		must(t, err)
		if p.Events > 2 || p.Jobs > 2 {
			t.Fatalf("Purge with limit 2 purged %+v", p)
		}
		total.Events += p.Events
		total.Jobs += p.Jobs
		if p.Events < 2 && p.Jobs < 2 {
			break
		}
	}
	gone := func(what string, err error) {
		t.Helper()
		if herald.ErrorCode(err) != herald.ENOTFOUND {
			t.Errorf("%s survived the purge (%v)", what, err)
		}
	}
	kept := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Errorf("%s was purged: %v", what, err)
		}
	}
	find := func(tenant, id string) error { _, err := s.FindEventByID(ctx, tenant, id); return err }
	gone("an old event delivered", find("acme", "old-done"))
	gone("an old event that failed for good", find("acme", "old-failed"))
	gone("an old event that went nowhere", find("acme", "old-none"))
	gone("another tenant's old event", find("other", "other-old"))
	_, err := s.FindDeliveryByID(ctx, "acme", oldDone)
	gone("an old event's delivery", err)
	if as, err := s.FindAttempts(ctx, oldDone); err != nil || len(as) != 0 {
		t.Errorf("an old delivery's attempts survived the purge: %d, %v", len(as), err)
	}
	kept("an old event with a delivery still pending", find("acme", "old-pending"))
	_, err = s.FindDeliveryByID(ctx, "acme", oldPending)
	kept("a pending delivery", err)
	kept("a recent event", find("acme", "new-done"))

	findJob := func(id string) error { _, err := s.FindJobByID(ctx, "acme", id); return err }
	gone("a job that finished long ago", findJob("job-old"))
	_, err = s.FindEndpointByID(ctx, "", oldJobCallback)
	gone("the callback endpoint of a purged job", err)
	kept("a job whose callback is still to be delivered", findJob("job-old-undelivered"))
	kept("a running job", findJob("job-running"))
	kept("a job that finished recently", findJob("job-new"))
	kept("the job's own finishing event, still pending", find("acme", "job-old-undelivered.job.completed"))
	_, err = s.FindEndpointByID(ctx, "acme", ep.ID)
	kept("an endpoint", err)
	if total.Jobs != 1 {
		t.Errorf("purged %d jobs in all, want 1", total.Jobs)
	}
}

// Concurrent CreateEvents calls, which a store may commit together: each
// event id is created by exactly one call, and a call for an unknown
// tenant fails alone, without undoing calls it shared a transaction with.
// The first round has such calls; the second has none (a store that
// stores a batch's events as one set of rows then does so).
func testCreateEventsConcurrently(t *testing.T, s store.Store) {
	ctx := context.Background()
	now := base
	newTenant(t, s, "acme")
	for _, round := range []struct {
		prefix  string
		badEach int // every badEach-th caller names an unknown tenant; 0: none
	}{{"e", 8}, {"f", 0}} {
		const callers, ids = 64, 40
		var mu sync.Mutex
		createdBy := map[string]int{}
		notFound := 0
		var wg sync.WaitGroup
		for c := range callers {
			wg.Go(func() {
				tenant := "acme"
				if round.badEach > 0 && c%round.badEach == round.badEach-1 {
					tenant = "nobody"
				}
				var evs []store.NewEvent
				for i := range 5 {
					id := fmt.Sprintf("%s-%d", round.prefix, (c*3+i)%ids) // ids overlap between callers
					evs = append(evs, store.NewEvent{Event: &herald.Event{ID: id, TenantID: tenant, Type: "x",
						Channels: []string{}, Data: []byte(`{}`), CreatedAt: now}})
				}
				created, err := s.CreateEvents(ctx, evs)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case herald.ErrorCode(err) == herald.ENOTFOUND && tenant == "nobody":
					notFound++
				case err != nil || tenant == "nobody":
					t.Errorf("round %s, caller %d (tenant %s): %v", round.prefix, c, tenant, err)
				default:
					for i, ok := range created {
						if ok {
							createdBy[evs[i].Event.ID]++
						}
					}
				}
			})
		}
		wg.Wait()
		if want := 0; round.badEach > 0 {
			want = callers / round.badEach
			if notFound != want {
				t.Errorf("round %s: %d calls for an unknown tenant failed with not_found, want %d", round.prefix, notFound, want)
			}
		}
		for i := range ids {
			id := fmt.Sprintf("%s-%d", round.prefix, i)
			if _, err := s.FindEventByID(ctx, "acme", id); err != nil {
				t.Errorf("round %s: event %s: %v", round.prefix, id, err)
			}
			if createdBy[id] != 1 {
				t.Errorf("round %s: event %s was reported created %d times, want once", round.prefix, id, createdBy[id])
			}
		}
	}
}

// A claim passes over the endpoints it is told to skip, however early
// their deliveries are due, and takes the others'.
// A deferred fan-out is stored as its event and a marker; expansions write
// its deliveries in bounded chunks, oldest event first, each as the
// endpoint is now: leased to the expanding node within the room it gave,
// due for endpoints it skips or past that room, paused for a paused
// endpoint, none for a deleted one.
func testFanoutExpands(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	eps := make([]*herald.Endpoint, 6)
	for i := range eps {
		eps[i] = newEndpoint(t, s, "acme")
	}
	paused, skipped, gone := eps[3], eps[4], eps[5]
	planned := func(id string, at time.Time, to []*herald.Endpoint) store.NewEvent {
		ev := &herald.Event{ID: id, TenantID: "acme", Type: "job.completed", Channels: []string{"c"}, Data: []byte(`{"n":1}`), CreatedAt: at}
		ne := store.NewEvent{Event: ev, Defer: true}
		for _, ep := range to {
			ne.Deliveries = append(ne.Deliveries, &herald.Delivery{ID: herald.NewID(herald.PrefixDelivery), TenantID: "acme", EventID: id,
				EndpointID: ep.ID, Status: herald.DeliveryPending, NextAttemptAt: &at, CreatedAt: at, UpdatedAt: at})
		}
		return ne
	}
	first, second := planned("e1", base, eps), planned("e2", base.Add(time.Second), eps[:2])
	created, err := s.CreateEvents(ctx, []store.NewEvent{second, first})
	must(t, err)
	if !created[0] || !created[1] {
		t.Fatalf("created = %v", created)
	}
	again, err := s.CreateEvents(ctx, []store.NewEvent{planned("e1", base, eps)})
	must(t, err)
	if again[0] {
		t.Fatal("a repeated deferred event was created again")
	}
	count := func(event string) int {
		ds, _, err := s.FindDeliveries(ctx, store.DeliveryFilter{TenantID: "acme", EventID: event, Page: store.Page{Limit: 100}})
		must(t, err)
		return len(ds)
	}
	if n := count("e1"); n != 0 {
		t.Fatalf("a deferred event has %d deliveries before any expansion", n)
	}
	// Unwritten deliveries are due all the same: the lag sees them.
	if next, ok, err := s.NextDueAt(ctx); err != nil || !ok || !next.Equal(base) {
		t.Fatalf("NextDueAt with only deferred deliveries = %v %v %v, want the oldest event's time %v", next, ok, err, base)
	}
	p := true
	_, err = s.UpdateEndpoint(ctx, "acme", paused.ID, store.EndpointUpdate{Paused: &p})
	must(t, err)
	must(t, s.DeleteEndpoint(ctx, "acme", gone.ID))

	now := base.Add(time.Minute)
	x := store.Expansion{Owner: "n1", Now: now, LeaseUntil: now.Add(time.Minute), Limit: 4, Leased: 2, Skip: []string{skipped.ID}}
	tasks, more, err := s.ExpandFanouts(ctx, x)
	must(t, err)
	if !more || len(tasks) != 2 || count("e1") != 4 || count("e2") != 0 {
		t.Fatalf("first expansion: %d tasks, more %v, e1 %d deliveries, e2 %d; want 2 leased of e1's first 4, more left",
			len(tasks), more, count("e1"), count("e2"))
	}
	for i, tk := range tasks {
		want := first.Deliveries[i]
		if tk.DeliveryID != want.ID || tk.EndpointID != want.EndpointID || tk.Event.ID != "e1" || string(tk.Event.Data) != `{"n":1}` ||
			tk.Event.Channels[0] != "c" || !tk.Due.Equal(base) {
			t.Fatalf("task %d = %+v (event %+v), want delivery %s of e1, due at the event's time", i, tk, tk.Event, want.ID)
		}
		if d := delivery(t, s, "acme", tk.DeliveryID); d.LeaseOwner != "n1" {
			t.Fatalf("a leased expansion is owned by %q", d.LeaseOwner)
		}
	}
	// Past the room: due, for the scheduler.
	if d := delivery(t, s, "acme", first.Deliveries[2].ID); d.Status != herald.DeliveryPending || d.LeaseOwner != "" || !d.NextAttemptAt.Equal(base) {
		t.Fatalf("a delivery past the room: %+v", d)
	}
	if d := delivery(t, s, "acme", first.Deliveries[3].ID); d.Status != herald.DeliveryPaused {
		t.Fatalf("a delivery to a paused endpoint is %s", d.Status)
	}

	x.Limit, x.Leased = 100, 100
	tasks, more, err = s.ExpandFanouts(ctx, x)
	must(t, err)
	// e1's skipped and deleted endpoints, then e2's two.
	if more || len(tasks) != 2 || count("e1") != 5 || count("e2") != 2 {
		t.Fatalf("second expansion: %d tasks, more %v, e1 %d, e2 %d; want e2's 2 leased, e1 complete without the deleted endpoint",
			len(tasks), more, count("e1"), count("e2"))
	}
	if d := delivery(t, s, "acme", first.Deliveries[4].ID); d.LeaseOwner != "" || d.Status != herald.DeliveryPending {
		t.Fatalf("a skipped endpoint's delivery: %+v", d)
	}
	_, err = s.FindDeliveryByID(ctx, "acme", first.Deliveries[5].ID)
	wantCode(t, err, herald.ENOTFOUND)
	tasks, more, err = s.ExpandFanouts(ctx, x)
	must(t, err)
	if more || len(tasks) != 0 {
		t.Fatalf("nothing left: %d tasks, more %v", len(tasks), more)
	}

	// A deleted tenant takes its markers with it.
	newTenant(t, s, "gone")
	ep := newEndpoint(t, s, "gone")
	ne := planned("e3", base, nil)
	ne.Event.TenantID = "gone"
	ne.Deliveries = []*herald.Delivery{{ID: herald.NewID(herald.PrefixDelivery), TenantID: "gone", EventID: "e3", EndpointID: ep.ID,
		Status: herald.DeliveryPending, NextAttemptAt: &base, CreatedAt: base, UpdatedAt: base}}
	_, err = s.CreateEvents(ctx, []store.NewEvent{ne})
	must(t, err)
	// Retention keeps an old event whose deliveries are not written yet.
	purged, err := s.Purge(ctx, base.Add(24*time.Hour), 100)
	must(t, err)
	if _, err := s.FindEventByID(ctx, "gone", "e3"); err != nil {
		t.Fatalf("the purge (%+v) took an event whose fan-out is not written: %v", purged, err)
	}
	must(t, s.DeleteTenant(ctx, "gone"))
	if tasks, more, err = s.ExpandFanouts(ctx, x); err != nil || more || len(tasks) != 0 {
		t.Fatalf("after the tenant was deleted: %d tasks, more %v, %v", len(tasks), more, err)
	}
}

func testClaimSkips(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	busy := newEndpoint(t, s, "acme")
	other := newEndpoint(t, s, "acme")
	third := newEndpoint(t, s, "acme")
	for range 5 {
		newEvent(t, s, "acme", []*herald.Endpoint{busy}, base, "") // due first
	}
	_, ds := newEvent(t, s, "acme", []*herald.Endpoint{other, third}, base.Add(time.Second), "")
	tasks, err := s.ClaimDeliveries(ctx, "n1", base.Add(time.Minute), base.Add(2*time.Minute), 10, []string{busy.ID, third.ID})
	must(t, err)
	if len(tasks) != 1 || tasks[0].DeliveryID != ds[0].ID {
		t.Fatalf("claim skipping two endpoints took %d tasks, want only the other endpoint's one", len(tasks))
	}
	tasks, err = s.ClaimDeliveries(ctx, "n1", base.Add(time.Minute), base.Add(2*time.Minute), 10, []string{})
	must(t, err)
	if len(tasks) != 6 {
		t.Fatalf("claim skipping nothing took %d tasks, want the 6 left", len(tasks))
	}
}

// A healthy store pings, and names as outages only errors that are: not
// its own answers about the request (not found, conflict), nor any other
// error, which is a bug to be answered 500.
func testPingAndUnavailable(t *testing.T, s store.Store) {
	ctx := context.Background()
	for range 3 { // the probe write can be repeated
		if err := s.Ping(ctx); err != nil {
			t.Fatalf("Ping on a healthy store: %v", err)
		}
	}
	_, notFound := s.FindTenantByID(ctx, "nope")
	if notFound == nil {
		t.Fatal("FindTenantByID of an unknown tenant returned no error")
	}
	must(t, s.CreateTenant(ctx, &herald.Tenant{ID: "acme", Name: "Acme", CreatedAt: base, UpdatedAt: base}))
	conflict := s.CreateTenant(ctx, &herald.Tenant{ID: "acme", Name: "Again", CreatedAt: base, UpdatedAt: base})
	for _, err := range []error{nil, errors.New("a bug"), notFound, conflict} {
		if r := s.UnavailableReason(err); r != "" {
			t.Errorf("UnavailableReason(%v) = %q, want none", err, r)
		}
	}
	slow, cancel := context.WithTimeout(ctx, 0)
	defer cancel()
	<-slow.Done()
	_, _, err := s.FindTenants(slow, store.Page{})
	if err == nil {
		t.Fatal("a read whose deadline had passed succeeded")
	}
	if r := s.UnavailableReason(err); r == "" {
		t.Errorf("a read that ran out of time (%v) is not an outage", err)
	}
}

func testPortalSessions(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	newTenant(t, s, "other")
	key := &herald.APIKey{ID: "key_acme", TenantID: "acme", Name: "platform", Role: herald.RoleTenant, Hash: []byte("hash-of-the-tenant-key-012345678"), CreatedAt: base}
	must(t, s.CreateAPIKey(ctx, key))
	session := func(id, tenant, link string, until time.Time) *herald.APIKey {
		k := &herald.APIKey{ID: id, TenantID: tenant, Name: "portal", Role: herald.RolePortal, Hash: []byte("never-shown-" + id),
			CreatedAt: base, ExpiresAt: &until, Session: true, LinkHash: []byte(link)}
		must(t, s.CreateAPIKey(ctx, k))
		return k
	}
	hour := base.Add(time.Hour)
	scoped := &herald.APIKey{ID: "ps_0", TenantID: "acme", Name: "portal", Role: herald.RolePortal, Hash: []byte("never-shown-ps_0"),
		CreatedAt: base, ExpiresAt: &hour, Session: true, EndpointIDs: []string{"ep_a", "ep_b"}}
	must(t, s.CreateAPIKey(ctx, scoped))
	if k, err := s.FindAPIKeyByHash(ctx, scoped.Hash); err != nil || len(k.EndpointIDs) != 2 || k.EndpointIDs[1] != "ep_b" {
		t.Fatalf("a session limited to two endpoints reads back as %+v, %v", k, err)
	}
	ids0, err := s.DeletePortalSessions(ctx, "acme", "ps_0")
	must(t, err)
	if len(ids0) != 1 {
		t.Fatalf("deleting the scoped session: %v", ids0)
	}
	session("ps_1", "acme", "link-1", hour)
	session("ps_2", "acme", "link-2", base.Add(time.Minute))
	session("ps_3", "other", "link-3", hour)

	// Sessions are not the tenant's keys, and a key delete cannot end one.
	keys, err := s.FindAPIKeys(ctx, "acme")
	must(t, err)
	if len(keys) != 1 || keys[0].ID != key.ID {
		t.Fatalf("FindAPIKeys lists %d keys, want only the tenant's own", len(keys))
	}
	wantCode(t, s.DeleteAPIKey(ctx, "acme", "ps_1"), herald.ENOTFOUND)
	sessions, err := s.FindPortalSessions(ctx, "acme")
	must(t, err)
	if len(sessions) != 2 || !sessions[0].Session || sessions[0].ExpiresAt == nil || string(sessions[0].LinkHash) == "" {
		t.Fatalf("FindPortalSessions = %+v, want acme's 2 with their ends and links", sessions)
	}

	// A link signs in once, before its end, and only its own session.
	got, err := s.ExchangePortalLink(ctx, []byte("link-1"), []byte("session-key-hash-1"), base)
	must(t, err)
	if got.ID != "ps_1" || got.TenantID != "acme" || got.Role != herald.RolePortal || got.LinkHash != nil || !got.ExpiresAt.Equal(hour) {
		t.Fatalf("ExchangePortalLink = %+v", got)
	}
	if k, err := s.FindAPIKeyByHash(ctx, []byte("session-key-hash-1")); err != nil || k.ID != "ps_1" || !k.Session || k.Expired(base) || !k.Expired(hour) {
		t.Fatalf("the session's key after the exchange: %+v, %v", k, err)
	}
	_, err = s.ExchangePortalLink(ctx, []byte("link-1"), []byte("session-key-hash-again"), base)
	wantCode(t, err, herald.ENOTFOUND)
	_, err = s.ExchangePortalLink(ctx, []byte("link-2"), []byte("session-key-hash-2"), base.Add(time.Minute))
	wantCode(t, err, herald.ENOTFOUND) // at its end
	_, err = s.ExchangePortalLink(ctx, []byte("no-such-link"), []byte("x"), base)
	wantCode(t, err, herald.ENOTFOUND)

	// Revoking one, then all: only the tenant's, and the ids say which.
	_, err = s.DeletePortalSessions(ctx, "other", "ps_1")
	wantCode(t, err, herald.ENOTFOUND)
	ids, err := s.DeletePortalSessions(ctx, "acme", "ps_1")
	must(t, err)
	if len(ids) != 1 || ids[0] != "ps_1" {
		t.Fatalf("DeletePortalSessions(ps_1) = %v", ids)
	}
	if _, err := s.FindAPIKeyByHash(ctx, []byte("session-key-hash-1")); herald.ErrorCode(err) != herald.ENOTFOUND {
		t.Fatalf("a revoked session's key is still found: %v", err)
	}
	ids, err = s.DeletePortalSessions(ctx, "acme", "")
	must(t, err)
	if len(ids) != 1 || ids[0] != "ps_2" {
		t.Fatalf("DeletePortalSessions(all) = %v, want acme's one left", ids)
	}
	if left, err := s.FindPortalSessions(ctx, "other"); err != nil || len(left) != 1 {
		t.Fatalf("another tenant's sessions after acme's were revoked: %d, %v", len(left), err)
	}
	if _, err := s.FindAPIKeyByHash(ctx, key.Hash); err != nil {
		t.Fatalf("revoking sessions took the tenant's key: %v", err)
	}

	// Retention takes sessions that ended before its cutoff, not others.
	session("ps_4", "other", "link-4", base.Add(-time.Hour))
	p, err := s.Purge(ctx, base, 100)
	must(t, err)
	if p.Sessions != 1 {
		t.Fatalf("Purge took %d sessions, want the one that ended before the cutoff", p.Sessions)
	}
	if left, err := s.FindPortalSessions(ctx, "other"); err != nil || len(left) != 1 || left[0].ID != "ps_3" {
		t.Fatalf("after the purge: %+v, %v", left, err)
	}
}

func testEndpointStats(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	ep := newEndpoint(t, s, "acme")
	other := newEndpoint(t, s, "acme")
	_, ds := newEvent(t, s, "acme", []*herald.Endpoint{ep, ep, ep, ep, other}, base, "n1")
	t0 := base.Truncate(time.Hour) // the start of an hour: buckets start at it
	at := func(d *herald.Delivery, code int, errMsg string, started time.Time, took time.Duration) store.Completion {
		a := attempt(d.ID, code, errMsg)
		a.StartedAt, a.Duration = started, took
		c := store.Completion{DeliveryID: d.ID, EndpointID: d.EndpointID, Owner: "n1", Attempt: a, Status: herald.DeliveryPending, NextAttemptAt: t0.Add(time.Hour)}
		switch code {
		case 200:
			c.Status, c.NextAttemptAt = herald.DeliverySucceeded, time.Time{}
		case 404: // not retried
			c.Status, c.NextAttemptAt = herald.DeliveryFailed, time.Time{}
		}
		return c
	}
	// What the engine does: record outcomes, and add their attempts to
	// the rollup. Two adds into the same buckets add up.
	record := func(cs []store.Completion) {
		complete(t, s, cs)
		must(t, s.AddEndpointStats(ctx, health.Rollup(store.StatsSamples(cs))))
	}
	record([]store.Completion{
		at(ds[0], 200, "", t0.Add(time.Minute), 3*time.Millisecond),
		at(ds[1], 503, "", t0.Add(2*time.Minute), 300*time.Millisecond),
		at(ds[4], 200, "", t0.Add(time.Minute), time.Millisecond),
	})
	record([]store.Completion{
		at(ds[2], 0, "timeout", t0.Add(3*time.Minute), 10*time.Second+time.Millisecond),
		at(ds[3], 404, "", t0.Add(6*time.Minute), 3*time.Millisecond),
	})
	// A completion without a request (the endpoint was disabled) counts
	// nothing.
	record([]store.Completion{{DeliveryID: ds[3].ID, EndpointID: ep.ID, Owner: "n1", Status: herald.DeliveryPaused}})

	fine, err := s.FindEndpointStats(ctx, ep.ID, health.Fine, t0, t0.Add(time.Hour))
	must(t, err)
	if len(fine) != 2 || !fine[0].Start.Equal(t0) || !fine[1].Start.Equal(t0.Add(5*time.Minute)) || fine[0].Span != health.Fine {
		t.Fatalf("five-minute rows = %+v, want 10:00 and 10:05", fine)
	}
	if c := fine[0].Counts; c[health.OK] != 1 || c[health.ServerError] != 1 || c[health.Timeout] != 1 || fine[0].Attempts() != 3 ||
		fine[0].Delivered != 1 || fine[0].GaveUp != 0 {
		t.Fatalf("the first bucket counts %v, want one 2xx, one 5xx, one timeout", c)
	}
	if fine[1].Counts[health.ClientError] != 1 || fine[1].Attempts() != 1 || fine[1].GaveUp != 1 {
		t.Fatalf("the second bucket counts %v, want one 4xx", fine[1].Counts)
	}
	// Latency: 3 ms, 300 ms and a timeout past the last bound.
	if l := fine[0].Latency; l[2] != 1 || l[8] != 1 || l[health.Buckets-1] != 1 {
		t.Fatalf("the first bucket's latencies %v", l)
	}
	coarse, err := s.FindEndpointStats(ctx, ep.ID, health.Coarse, t0.Add(-time.Hour), t0.Add(time.Hour))
	must(t, err)
	if len(coarse) != 1 || coarse[0].Attempts() != 4 || coarse[0].EndpointID != ep.ID {
		t.Fatalf("hour rows = %+v, want one of 4 attempts", coarse)
	}
	if o, err := s.FindEndpointStats(ctx, other.ID, health.Fine, t0, t0.Add(time.Hour)); err != nil || len(o) != 1 || o[0].Counts[health.OK] != 1 {
		t.Fatalf("the other endpoint's rows = %+v, %v", o, err)
	}
	// The window is [from, till).
	if none, err := s.FindEndpointStats(ctx, ep.ID, health.Fine, t0.Add(10*time.Minute), t0.Add(time.Hour)); err != nil || len(none) != 0 {
		t.Fatalf("rows after 10:10 = %+v, %v", none, err)
	}

	// A tenant's sum: both endpoints' rows, bucket by bucket.
	sum, err := s.FindTenantStats(ctx, "acme", health.Fine, t0, t0.Add(time.Hour))
	must(t, err)
	if len(sum) != 2 || sum[0].Attempts() != 4 || sum[0].Counts[health.OK] != 2 || sum[1].Attempts() != 1 || sum[0].EndpointID != "" {
		t.Fatalf("the tenant's five-minute sums = %+v, want 4 attempts at 10:00 (both endpoints) and 1 at 10:05", sum)
	}
	if none, err := s.FindTenantStats(ctx, "other", health.Fine, t0, t0.Add(time.Hour)); err != nil || len(none) != 0 {
		t.Fatalf("another tenant's sums = %+v, %v", none, err)
	}
	// The endpoints that need care: ep failed a delivery for good, a
	// paused one waits; other is fine.
	paused := newEndpoint(t, s, "acme")
	p := true
	_, err = s.UpdateEndpoint(ctx, "acme", paused.ID, store.EndpointUpdate{Paused: &p})
	must(t, err)
	only, _, err := s.FindEndpoints(ctx, store.EndpointFilter{TenantID: "acme", IDs: []string{paused.ID, other.ID, "ep_gone"}, Page: store.Page{Limit: 10}})
	must(t, err)
	if len(only) != 2 {
		t.Fatalf("endpoints limited to 2 of acme's and an unknown id: %d", len(only))
	}
	if none, _, err := s.FindEndpoints(ctx, store.EndpointFilter{TenantID: "acme", IDs: []string{}, Page: store.Page{Limit: 10}}); err != nil || len(none) != 0 {
		t.Fatalf("endpoints limited to none: %d, %v", len(none), err)
	}
	unhealthy, _, err := s.FindEndpoints(ctx, store.EndpointFilter{TenantID: "acme", Unhealthy: true, Page: store.Page{Limit: 10}})
	must(t, err)
	ids := map[string]bool{}
	for _, e := range unhealthy {
		ids[e.ID] = true
	}
	if len(unhealthy) != 2 || !ids[ep.ID] || !ids[paused.ID] {
		t.Fatalf("unhealthy endpoints = %v, want the failing and the paused one", ids)
	}

	// Purging by age takes the old rows of one span only.
	n, err := s.PurgeEndpointStats(ctx, health.Fine, t0.Add(5*time.Minute), 100)
	must(t, err)
	if n != 2 { // ep's and other's 10:00
		t.Fatalf("purged %d five-minute rows, want 2", n)
	}
	if left, _ := s.FindEndpointStats(ctx, ep.ID, health.Fine, t0, t0.Add(time.Hour)); len(left) != 1 {
		t.Fatalf("after the purge %d five-minute rows are left, want 1", len(left))
	}
	if left, _ := s.FindEndpointStats(ctx, ep.ID, health.Coarse, t0, t0.Add(time.Hour)); len(left) != 1 {
		t.Fatal("purging five-minute rows took an hour row")
	}
	if n, err := s.PurgeEndpointStats(ctx, health.Fine, t0.Add(5*time.Minute), 100); err != nil || n != 0 {
		t.Fatalf("a second purge: %d, %v", n, err)
	}
}
