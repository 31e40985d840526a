package api_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/client"
)

// The Go client drives a real server through a job's life.
func TestGoClient(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	rc := newReceiver(t, nil)
	cb := newReceiver(t, nil)
	ctx := context.Background()
	c := client.New(h.url, adminKey)

	if _, err := c.CreateTenant(ctx, client.TenantInput{ID: "acme", Name: "Acme"}); err != nil {
		t.Fatal(err)
	}
	_, err := c.CreateTenant(ctx, client.TenantInput{ID: "acme", Name: "again"})
	if !client.IsCode(err, herald.ECONFLICT) {
		t.Fatalf("a taken tenant id = %v, want a conflict", err)
	}
	portal, err := c.CreateKey(ctx, "acme", client.KeyInput{Name: "customer", Role: herald.RolePortal})
	if err != nil || portal.Role != herald.RolePortal || !strings.HasPrefix(portal.Key, "hk_") {
		t.Fatalf("CreateKey = %+v, %v", portal, err)
	}
	_, err = client.New(h.url, portal.Key).SendEvent(ctx, "acme", client.EventInput{Type: "order.paid", Data: map[string]any{}})
	if !client.IsCode(err, herald.EFORBIDDEN) {
		t.Fatalf("a portal key sending an event = %v, want forbidden", err)
	}
	if keys, err := c.ListKeys(ctx, "acme"); err != nil || len(keys) != 1 || keys[0].ID != portal.ID || keys[0].Role != herald.RolePortal {
		t.Fatalf("ListKeys = %+v, %v", keys, err)
	}
	if err := c.DeleteKey(ctx, "acme", portal.ID); err != nil {
		t.Fatal(err)
	}
	link, err := c.CreatePortalSession(ctx, "acme", client.PortalSessionInput{Role: herald.RoleReadOnly, Lifetime: "10m", Theme: "dark"})
	if err != nil || link.Role != herald.RoleReadOnly || !strings.Contains(link.URL, "#portal="+link.Token) || link.LinkUsed {
		t.Fatalf("CreatePortalSession = %+v, %v", link, err)
	}
	if list, err := c.ListPortalSessions(ctx, "acme"); err != nil || len(list) != 1 || list[0].ID != link.ID {
		t.Fatalf("ListPortalSessions = %+v, %v", list, err)
	}
	if err := c.DeletePortalSession(ctx, "acme", link.ID); err != nil {
		t.Fatal(err)
	}
	if n, err := c.RevokePortalSessions(ctx, "acme"); err != nil || n != 0 {
		t.Fatalf("RevokePortalSessions after the only one was deleted = %d, %v", n, err)
	}
	ep, err := c.CreateEndpoint(ctx, "acme", client.EndpointInput{URL: rc.url, EventTypes: []string{"job.completed", "order.paid"},
		Headers: map[string]string{"X-Api-Key": "client-header-value"}})
	if err != nil || ep.Secret == "" || ep.ID == "" || ep.Headers["X-Api-Key"] != client.KeepHeader {
		t.Fatalf("CreateEndpoint = %+v, %v", ep, err)
	}
	// What was read, sent back, keeps the header's value (the receiver
	// gets it below).
	if up, err := c.UpdateEndpoint(ctx, "acme", ep.ID, client.EndpointInput{Description: "kept", Headers: ep.Headers}); err != nil || up.Headers["X-Api-Key"] != client.KeepHeader {
		t.Fatalf("UpdateEndpoint with the headers as read = %+v, %v", up, err)
	}
	job, err := c.CreateJob(ctx, "acme", client.JobInput{ID: "j1", Type: "ocr", CallbackURL: cb.url,
		Callback: &client.EndpointInput{Preset: "leaperone"}})
	if err != nil || job.Status != herald.JobQueued || job.Callback == nil || job.CallbackSecret != "" {
		t.Fatalf("CreateJob = %+v, %v (an unsigned callback has no secret to show)", job, err)
	}
	done, err := c.ReportJob(ctx, "acme", "j1", client.JobReport{Status: herald.JobCompleted, Result: map[string]any{"pages": 3}})
	if err != nil || done.Status != herald.JobCompleted {
		t.Fatalf("ReportJob = %+v, %v", done, err)
	}
	got := rc.next()
	verifySignature(t, ep.Secret, got)
	if v := got.header.Get("X-Api-Key"); v != "client-header-value" {
		t.Fatalf("the receiver got X-Api-Key %q, want the value kept", v)
	}
	cb.next()
	_, err = c.ReportJob(ctx, "acme", "j1", client.JobReport{Status: herald.JobFailed, Error: "late"})
	if !client.IsCode(err, herald.ECONFLICT) {
		t.Fatalf("failing a completed job = %v, want a conflict", err)
	}
	ev, err := c.SendEvent(ctx, "acme", client.EventInput{Type: "order.paid", Data: map[string]any{"amount": 5}})
	if err != nil || len(ev.Deliveries) != 1 {
		t.Fatalf("SendEvent = %+v, %v", ev, err)
	}
	rc.next()
	var d *client.Delivery
	eventually(t, func() bool {
		d, err = c.GetDelivery(ctx, "acme", ev.Deliveries[0].ID)
		return err != nil || d.Status == herald.DeliverySucceeded
	}, "the delivery to succeed")
	if err != nil || len(d.AttemptLog) != 1 || d.AttemptLog[0].StatusCode != http.StatusOK {
		t.Fatalf("GetDelivery = %+v, %v", d, err)
	}
	if ev.DeliveriesMore || ev.DeliveriesURL != "/v1/tenants/acme/deliveries?event_id="+ev.ID {
		t.Fatalf("SendEvent's deliveries_more %v, deliveries_url %q", ev.DeliveriesMore, ev.DeliveriesURL)
	}
	made := ev.Deliveries[0].CreatedAt
	for _, tt := range []struct {
		o    client.ListOptions
		want int
	}{
		{client.ListOptions{EventID: ev.ID, Since: made}, 1},
		{client.ListOptions{EventID: ev.ID, Since: made.Add(time.Microsecond)}, 0},
		{client.ListOptions{EventID: ev.ID, Until: made.Add(time.Microsecond), EventType: "order.paid"}, 1},
		{client.ListOptions{EventID: ev.ID, Until: made}, 0},
	} {
		page, err := c.ListDeliveries(ctx, "acme", tt.o)
		if err != nil || len(page.Data) != tt.want {
			t.Fatalf("ListDeliveries(%+v) = %+v, %v; want %d", tt.o, page, err, tt.want)
		}
	}
	if _, err := c.ListDeliveries(ctx, "acme", client.ListOptions{Limit: 251}); !client.IsCode(err, herald.EINVALID) {
		t.Fatalf("a limit above 250 = %v, want invalid", err)
	}
	res, err := c.SendEvents(ctx, "acme", []client.EventInput{{ID: "b1", Type: "order.paid", Data: map[string]any{}}, {ID: "b1x", Type: "x", Data: map[string]any{}}})
	if err != nil || len(res) != 2 || res[0].Status != "accepted" || len(res[1].DeliveryIDs) != 0 {
		t.Fatalf("SendEvents = %+v, %v", res, err)
	}
	_, err = c.SendEvent(ctx, "acme", client.EventInput{Type: "x", Data: []int{1}})
	var apiErr *client.Error
	if !client.IsCode(err, herald.EINVALID) || !errors.As(err, &apiErr) || apiErr.Status != http.StatusBadRequest || apiErr.Message == "" {
		t.Fatalf("bad data = %v, want a 400 with a message", err)
	}
	tr, err := c.TestEndpoint(ctx, "acme", ep.ID)
	if err != nil || !tr.Succeeded {
		t.Fatalf("TestEndpoint = %+v, %v", tr, err)
	}
	rot, err := c.RotateSecret(ctx, "acme", ep.ID, 0)
	if err != nil || rot.Secret == "" || rot.Secret == ep.Secret {
		t.Fatalf("RotateSecret = %+v, %v", rot, err)
	}
	cs, err := c.RotateCallbackSecret(ctx, "acme", 0)
	if err != nil || !strings.HasPrefix(cs.CallbackSecret, "whsec_") || !cs.CallbackSecretSet || cs.CallbackPreviousSecretExpiresAt != nil {
		t.Fatalf("RotateCallbackSecret = %+v, %v", cs, err)
	}
	again, err := c.RotateCallbackSecret(ctx, "acme", time.Hour)
	if err != nil || again.CallbackSecret == cs.CallbackSecret || again.CallbackPreviousSecretExpiresAt == nil {
		t.Fatalf("RotateCallbackSecret again = %+v, %v", again, err)
	}
	if _, err := c.GetJob(ctx, "acme", "nope"); !client.IsCode(err, herald.ENOTFOUND) {
		t.Fatalf("an unknown job = %v, want not found", err)
	}
}
