package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/signing"
	"github.com/heraldhq/herald/store"
)

// moveStatuses are the deliveries a move carries (package tenantfile
// decides them; the store reads what it is asked).
var moveStatuses = []herald.DeliveryStatus{herald.DeliveryPending, herald.DeliveryPaused, herald.DeliveryFailed}

// A tenant read with ReadTenant, deleted, and written back with
// WriteTenants is the same tenant: its callback secret, keys and portal
// link, endpoints with their secrets, headers and bearer token, the
// deliveries asked for with their ids, statuses and attempt counts, a FIFO
// queue in its order, its jobs with their callbacks; succeeded history
// stays behind (but for a job's callback). A second write of it fails
// whole with ECONFLICT.
func testMoveTenant(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "mover")
	_, err := s.RotateTenantCallbackSecret(ctx, "mover", "whsec_callback", time.Time{})
	must(t, err)
	must(t, s.CreateEventType(ctx, &herald.EventType{Name: "order.paid", Description: "theirs", CreatedAt: base}))
	key := &herald.APIKey{ID: "key_m", TenantID: "mover", Name: "platform", Role: herald.RoleTenant, Hash: []byte("hash-of-mover-key"), CreatedAt: base}
	must(t, s.CreateAPIKey(ctx, key))
	until := base.Add(time.Hour)
	must(t, s.CreateAPIKey(ctx, &herald.APIKey{ID: "ps_m", TenantID: "mover", Name: "portal", Role: herald.RolePortal,
		Hash: []byte("never-shown-ps_m"), CreatedAt: base, ExpiresAt: &until, Session: true, LinkHash: []byte("link-m")}))
	ep := newEndpoint(t, s, "mover", func(e *herald.Endpoint) {
		e.Headers, e.BearerToken, e.BearerTokenSet = map[string]string{"X-Team": "ml"}, "tok-1", true
	})
	_, err = s.RotateEndpointSecret(ctx, "mover", ep.ID, "whsec_new", base.Add(time.Hour))
	must(t, err)
	fifo := newEndpoint(t, s, "mover", func(e *herald.Endpoint) { e.Ordering = herald.OrderingFIFO })
	queue := ordered(t, s, fifo, 3, base)
	_, leased := newEvent(t, s, "mover", []*herald.Endpoint{ep}, base, "n1")
	// A delivery that ended, as CompleteAttempts leaves it.
	ended := func(status herald.DeliveryStatus, attempts int) (*herald.Event, *herald.Delivery) {
		ev := &herald.Event{ID: herald.NewID(herald.PrefixEvent), TenantID: "mover", Type: "order.paid", Channels: []string{},
			Data: []byte(`{"n":9}`), CreatedAt: base, TraceParent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}
		d := &herald.Delivery{ID: herald.NewID(herald.PrefixDelivery), TenantID: "mover", EventID: ev.ID, EndpointID: ep.ID, Status: status,
			Attempts: attempts, LastStatusCode: 500, LastError: "HTTP 500", CreatedAt: base, UpdatedAt: base}
		_, err := s.CreateEvents(ctx, []store.NewEvent{{Event: ev, Deliveries: []*herald.Delivery{d}}})
		must(t, err)
		return ev, d
	}
	doneEv, doneD := ended(herald.DeliverySucceeded, 1)
	done := []*herald.Delivery{doneD}
	failedEv, failed := ended(herald.DeliveryFailed, 5)

	// A job that finished, its callback delivered; one still running.
	jobs := map[string]*herald.Endpoint{}
	for _, id := range []string{"j1", "j2"} {
		job := &herald.Job{ID: id, TenantID: "mover", Type: "video", Status: herald.JobQueued, Channels: []string{}, Input: []byte(`{"file": "a.mp4"}`),
			CreatedAt: base, UpdatedAt: base}
		jobs[id] = &herald.Endpoint{ID: herald.NewID(herald.PrefixEndpoint), TenantID: "mover", URL: "https://example.com/callback",
			EventTypes: []string{}, Channels: []string{}, Headers: map[string]string{}, Secret: signing.NewSecret(), JobID: id, CreatedAt: base, UpdatedAt: base}
		_, err := s.CreateJob(ctx, job, jobs[id], newJobEvent(job, "job.created", nil))
		must(t, err)
	}
	fin := newJobEvent(&herald.Job{ID: "j1", TenantID: "mover"}, "job.completed", nil)
	callback := &herald.Delivery{ID: herald.NewID(herald.PrefixDelivery), TenantID: "mover", EventID: fin.Event.ID, EndpointID: jobs["j1"].ID,
		Status: herald.DeliveryPending, NextAttemptAt: &base, LeaseOwner: "n1", CreatedAt: base, UpdatedAt: base}
	_, err = s.UpdateJob(ctx, "mover", "j1", herald.JobUpdate{Status: herald.JobCompleted, Result: []byte(`{"url": "b"}`), At: base}, &fin, callback)
	must(t, err)
	complete(t, s, []store.Completion{{DeliveryID: callback.ID, EndpointID: jobs["j1"].ID, Owner: "n1", Attempt: attempt(callback.ID, 200, ""),
		Status: herald.DeliverySucceeded}})

	_, err = s.ReadTenant(ctx, "nobody", store.TenantRead{Statuses: moveStatuses})
	wantCode(t, err, herald.ENOTFOUND)
	st, err := s.ReadTenant(ctx, "mover", store.TenantRead{Statuses: moveStatuses})
	must(t, err)
	if st.Tenant.CallbackSecret != "whsec_callback" || len(st.Keys) != 2 || len(st.Endpoints) != 4 || len(st.Jobs) != 2 || st.Deferred != 0 {
		t.Fatalf("ReadTenant: callback secret %q, %d keys, %d endpoints, %d jobs, %d deferred; want the secret, 2, 4 (2 jobs' callbacks), 2, 0",
			st.Tenant.CallbackSecret, len(st.Keys), len(st.Endpoints), len(st.Jobs), st.Deferred)
	}
	ids := func(ds []*herald.Delivery) (out []string) {
		for _, d := range ds {
			out = append(out, d.ID)
		}
		return out
	}
	got := ids(st.Deliveries)
	if len(got) != 6 || slices.Contains(got, done[0].ID) || !slices.Contains(got, callback.ID) {
		t.Fatalf("ReadTenant read deliveries %v, want the 3 queued, the leased, the failed one and the job's callback, not the succeeded", got)
	}
	if i := slices.Index(got, queue[0].ID); i < 0 || got[i+1] != queue[1].ID || got[i+2] != queue[2].ID || !st.Deliveries[i].Ordered {
		t.Fatalf("the FIFO queue was read as %v (ordered %v), want %v in order", got, i >= 0 && st.Deliveries[i].Ordered, ids(queue))
	}
	for _, ev := range st.Events {
		if ev.ID == doneEv.ID {
			t.Fatal("ReadTenant read the event whose deliveries all succeeded")
		}
	}
	if len(st.Events) != 6 {
		t.Fatalf("ReadTenant read %d events, want the 6 of the deliveries read", len(st.Events))
	}

	// The move: clear the lease as an import does, delete, write back.
	for _, d := range st.Deliveries {
		if d.LeaseOwner != "" {
			d.LeaseOwner, d.NextAttemptAt = "", &base
		}
	}
	must(t, s.DeleteTenant(ctx, "mover"))
	w := store.TenantWrite{Tenants: []*store.TenantState{st}, EventTypes: []*herald.EventType{
		{Name: "order.paid", Description: "the file's", CreatedAt: base}, {Name: "order.shipped", Description: "new", CreatedAt: base}}}
	must(t, s.WriteTenants(ctx, w))

	tn, err := s.FindTenantByID(ctx, "mover")
	must(t, err)
	if tn.CallbackSecret != "whsec_callback" || !tn.CreatedAt.Equal(base) {
		t.Fatalf("the tenant written back: %+v", tn)
	}
	if k, err := s.FindAPIKeyByHash(ctx, key.Hash); err != nil || k.ID != key.ID || k.TenantID != "mover" {
		t.Fatalf("the tenant's key after the move: %+v, %v", k, err)
	}
	if k, err := s.ExchangePortalLink(ctx, []byte("link-m"), []byte("session-hash-m"), base); err != nil || k.ID != "ps_m" {
		t.Fatalf("the portal link after the move: %+v, %v", k, err)
	}
	back, err := s.FindEndpointByID(ctx, "mover", ep.ID)
	must(t, err)
	if back.Secret != "whsec_new" || back.PreviousSecret != ep.Secret || back.BearerToken != "tok-1" || back.Headers["X-Team"] != "ml" {
		t.Fatalf("the endpoint's secrets after the move: secret %q previous %q token %q headers %v", back.Secret, back.PreviousSecret,
			back.BearerToken, back.Headers)
	}
	if d := delivery(t, s, "mover", failed.ID); d.Status != herald.DeliveryFailed || d.Attempts != 5 || d.LastStatusCode != 500 {
		t.Fatalf("the failed delivery after the move: %+v", d)
	}
	if d := delivery(t, s, "mover", leased[0].ID); d.Status != herald.DeliveryPending || d.LeaseOwner != "" {
		t.Fatalf("the once leased delivery after the move: %+v", d)
	}
	if ev, err := s.FindEventByID(ctx, "mover", failedEv.ID); err != nil || ev.TraceParent != failedEv.TraceParent || string(ev.Data) != `{"n":9}` {
		t.Fatalf("an event after the move: %+v, %v", ev, err)
	}
	j1, err := s.FindJobByID(ctx, "mover", "j1")
	must(t, err)
	if j1.Status != herald.JobCompleted || j1.Callback == nil || j1.Callback.DeliveryID != callback.ID || j1.Callback.State != herald.CallbackSucceeded ||
		j1.Callback.EndpointID != jobs["j1"].ID || string(j1.Result) != `{"url": "b"}` || string(j1.Input) != `{"file": "a.mp4"}` {
		t.Fatalf("the finished job after the move: %+v, callback %+v", j1, j1.Callback)
	}
	j2, err := s.FindJobByID(ctx, "mover", "j2")
	must(t, err)
	if j2.Status != herald.JobQueued || j2.Callback == nil || j2.Callback.State != herald.CallbackWaiting || j2.Callback.EndpointID != jobs["j2"].ID {
		t.Fatalf("the running job after the move: %+v, callback %+v", j2, j2.Callback)
	}
	if cb, err := s.FindEndpointByID(ctx, "", jobs["j2"].ID); err != nil || cb.JobID != "j2" || cb.Secret != jobs["j2"].Secret {
		t.Fatalf("the running job's callback endpoint after the move: %+v, %v", cb, err)
	}
	_, err = s.FindDeliveryByID(ctx, "mover", done[0].ID)
	wantCode(t, err, herald.ENOTFOUND)
	wantHead(t, s, fifo, queue[0], 2)
	types, err := s.FindEventTypes(ctx)
	must(t, err)
	if len(types) != 2 || types[0].Description != "theirs" || types[1].Name != "order.shipped" {
		t.Fatalf("the catalogue after the move: %+v, want its own order.paid kept and order.shipped added", types)
	}

	// All or nothing: a write naming a new tenant and one that exists
	// writes neither.
	fresh := &store.TenantState{Tenant: &herald.Tenant{ID: "fresh", Name: "Fresh", CreatedAt: base, UpdatedAt: base}}
	err = s.WriteTenants(ctx, store.TenantWrite{Tenants: []*store.TenantState{fresh, st}})
	wantCode(t, err, herald.ECONFLICT)
	_, err = s.FindTenantByID(ctx, "fresh")
	wantCode(t, err, herald.ENOTFOUND)
}
