package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/signing"
	"github.com/heraldhq/herald/store"
)

// Purge keeps what is paused: an endpoint paused (or disabled) for longer
// than the retention period still has its queue when it is resumed, and a
// job whose callback is paused keeps its job. Each kept row sits beside
// one of the same age that ended, which the same purge deletes, so that
// the test fails if the purge kept everything as well as if it lost the
// paused.
func testPurgeKeepsPaused(t *testing.T, s store.Store) {
	ctx := context.Background()
	newTenant(t, s, "acme")
	paused := newEndpoint(t, s, "acme")
	disabled := newEndpoint(t, s, "acme")
	live := newEndpoint(t, s, "acme")
	old, cutoff := base, base.Add(30*24*time.Hour)

	pausedEv, pausedDs := newEvent(t, s, "acme", []*herald.Endpoint{paused}, old, "")
	disabledEv, disabledDs := newEvent(t, s, "acme", []*herald.Endpoint{disabled}, old, "")
	yes := true
	_, err := s.UpdateEndpoint(ctx, "acme", paused.ID, store.EndpointUpdate{Paused: &yes})
	must(t, err)
	_, err = s.UpdateEndpoint(ctx, "acme", disabled.ID, store.EndpointUpdate{Disabled: &yes})
	must(t, err)
	for _, d := range []*herald.Delivery{pausedDs[0], disabledDs[0]} {
		if got := delivery(t, s, "acme", d.ID).Status; got != herald.DeliveryPaused {
			t.Fatalf("delivery %s before the purge: %s, want paused", d.ID, got)
		}
	}
	// The control: an event as old whose delivery ended.
	endedEv, endedDs := newEvent(t, s, "acme", []*herald.Endpoint{live}, old, "n1")
	complete(t, s, []store.Completion{{DeliveryID: endedDs[0].ID, Owner: "n1", Attempt: attempt(endedDs[0].ID, 200, ""), Status: herald.DeliverySucceeded}})

	// A job finished long ago whose callback was paused (its endpoint
	// disabled while the callback was in flight), and one whose callback
	// was delivered.
	job := func(id string, status herald.DeliveryStatus) {
		t.Helper()
		j, cb := newJobWithCallback(t, s, id, old)
		fin := newJobEvent(j, "job.completed", nil)
		d := &herald.Delivery{ID: herald.NewID(herald.PrefixDelivery), TenantID: "acme", EventID: fin.Event.ID, EndpointID: cb.ID,
			Status: herald.DeliveryPending, NextAttemptAt: &old, LeaseOwner: "n1", CreatedAt: old, UpdatedAt: old}
		_, err := s.UpdateJob(ctx, "acme", id, herald.JobUpdate{Status: herald.JobCompleted, At: old}, &fin, d)
		must(t, err)
		c := store.Completion{DeliveryID: d.ID, Owner: "n1", Status: status}
		if status != herald.DeliveryPaused {
			c.Attempt = attempt(d.ID, 200, "")
		}
		complete(t, s, []store.Completion{c})
		if got := delivery(t, s, "acme", d.ID).Status; got != status {
			t.Fatalf("job %s's callback before the purge: %s, want %s", id, got, status)
		}
	}
	job("job-paused", herald.DeliveryPaused)
	job("job-delivered", herald.DeliverySucceeded)

	for calls := 0; ; calls++ {
		if calls > 20 {
			t.Fatal("Purge kept purging its limit")
		}
		p, err := s.Purge(ctx, cutoff, 100)
		must(t, err)
		if p.Events == 0 && p.Jobs == 0 {
			break
		}
	}

	if _, err := s.FindEventByID(ctx, "acme", endedEv.ID); herald.ErrorCode(err) != herald.ENOTFOUND {
		t.Fatalf("the control, an old event whose delivery ended, survived the purge (%v)", err)
	}
	if _, err := s.FindJobByID(ctx, "acme", "job-delivered"); herald.ErrorCode(err) != herald.ENOTFOUND {
		t.Fatalf("the control, an old job whose callback was delivered, survived the purge (%v)", err)
	}
	for what, ev := range map[string]*herald.Event{"paused": pausedEv, "disabled": disabledEv} {
		if _, err := s.FindEventByID(ctx, "acme", ev.ID); err != nil {
			t.Errorf("the event of the %s endpoint was purged with its queue: %v", what, err)
		}
	}
	for _, d := range []*herald.Delivery{pausedDs[0], disabledDs[0]} {
		if got, err := s.FindDeliveryByID(ctx, "acme", d.ID); err != nil || got.Status != herald.DeliveryPaused {
			t.Errorf("paused delivery %s after the purge: %+v, %v", d.ID, got, err)
		}
	}
	if _, err := s.FindJobByID(ctx, "acme", "job-paused"); err != nil {
		t.Errorf("the job whose callback is paused was purged: %v", err)
	}
}

// newJobWithCallback stores a queued job of tenant acme made at, with its
// callback endpoint.
func newJobWithCallback(t *testing.T, s store.Store, id string, at time.Time) (*herald.Job, *herald.Endpoint) {
	t.Helper()
	j := &herald.Job{ID: id, TenantID: "acme", Type: "video", Status: herald.JobQueued, Channels: []string{}, CreatedAt: at, UpdatedAt: at}
	cb := &herald.Endpoint{ID: herald.NewID(herald.PrefixEndpoint), TenantID: "acme", URL: "https://example.com/cb",
		EventTypes: []string{}, Channels: []string{}, Headers: map[string]string{}, Secret: signing.NewSecret(),
		JobID: id, CreatedAt: at, UpdatedAt: at}
	_, err := s.CreateJob(context.Background(), j, cb, newJobEvent(j, "job.created", nil))
	must(t, err)
	return j, cb
}
