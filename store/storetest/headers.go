package storetest

import (
	"context"
	"maps"
	"testing"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/signing"
	"github.com/heraldhq/herald/store"
)

// StoreHeaders stores, in s, an endpoint and a job's callback endpoint
// with static headers, and changes the endpoint's headers once, checking
// that every read returns them as written. It returns the header values
// written, which a backend's test then looks for in its raw rows or
// files: sealed at rest, none of them may appear in clear.
func StoreHeaders(t *testing.T, s store.Store) []string {
	t.Helper()
	ctx := context.Background()
	newTenant(t, s, "acme")
	first := map[string]string{"X-Api-Key": "header-value-first-0001", "X-Team": "header-value-team-0002"}
	ep := newEndpoint(t, s, "acme", func(ep *herald.Endpoint) { ep.Headers = maps.Clone(first) })
	got, err := s.FindEndpointByID(ctx, "acme", ep.ID)
	must(t, err)
	if !maps.Equal(got.Headers, first) {
		t.Fatalf("headers read back = %v, want %v", got.Headers, first)
	}
	second := map[string]string{"Authorization": "Basic header-value-patched-0003"}
	updated, err := s.UpdateEndpoint(ctx, "acme", ep.ID, store.EndpointUpdate{Headers: &second})
	must(t, err)
	if !maps.Equal(updated.Headers, second) {
		t.Fatalf("headers after an update = %v, want %v", updated.Headers, second)
	}
	none := map[string]string{}
	other := newEndpoint(t, s, "acme")
	if got, err := s.UpdateEndpoint(ctx, "acme", other.ID, store.EndpointUpdate{Headers: &none}); err != nil || len(got.Headers) != 0 || got.Headers == nil {
		t.Fatalf("an endpoint without headers reads %v (%v), want an empty map", got, err)
	}

	job := &herald.Job{ID: "j_headers", TenantID: "acme", Type: "video", Status: herald.JobQueued, Channels: []string{}, CreatedAt: base, UpdatedAt: base}
	callback := map[string]string{"X-Callback-Token": "header-value-callback-0004"}
	cb := &herald.Endpoint{ID: herald.NewID(herald.PrefixEndpoint), TenantID: "acme", URL: "https://example.com/cb",
		EventTypes: []string{}, Channels: []string{}, Headers: maps.Clone(callback), Secret: signing.NewSecret(),
		JobID: job.ID, CreatedAt: base, UpdatedAt: base}
	_, err = s.CreateJob(ctx, job, cb, newJobEvent(job, "job.created", nil))
	must(t, err)
	gotCB, err := s.FindEndpointByID(ctx, "", cb.ID)
	must(t, err)
	if !maps.Equal(gotCB.Headers, callback) {
		t.Fatalf("a job callback's headers read back = %v, want %v", gotCB.Headers, callback)
	}
	return []string{first["X-Api-Key"], first["X-Team"], second["Authorization"], callback["X-Callback-Token"]}
}

// testHeaders: static headers, which each backend seals at rest, read
// back as written, through an update and on a job's callback.
func testHeaders(t *testing.T, s store.Store) { StoreHeaders(t, s) }
