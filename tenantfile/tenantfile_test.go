package tenantfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/ratelimit"
	"github.com/heraldhq/herald/retry"
	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/store"
)

var at = time.Date(2026, 12, 7, 22, 0, 0, 0, time.UTC)

func box(t *testing.T) *seal.Box {
	t.Helper()
	b, err := seal.New(seal.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// contents is one tenant with every kind of secret a file must seal.
func contents() *Contents {
	until := at.Add(time.Hour)
	due := at.Add(time.Minute)
	policy := retry.Default()
	policy.RetryOn = "default" // as a store reads it back
	return &Contents{
		All: true, ExportedAt: at, HeraldVersion: "v-test",
		EventTypes: []*herald.EventType{{Name: "order.paid", Description: "paid", CreatedAt: at, Examples: []json.RawMessage{json.RawMessage(`{"a":1}`)}}},
		AdminKeys:  []*herald.APIKey{{ID: "key_admin", Name: "admin", Role: herald.RoleAdmin, Hash: []byte("admin-hash"), CreatedAt: at}},
		Tenants: []*store.TenantState{{
			Tenant: &herald.Tenant{ID: "acme", Name: "Acme", MaxEventTypes: 3, CallbackSecret: "whsec_CALLBACK", CallbackSecretSet: true,
				CallbackPreviousSecret: "whsec_OLDCALLBACK", CallbackPreviousSecretExpiresAt: until, CreatedAt: at, UpdatedAt: at},
			Keys: []*herald.APIKey{
				{ID: "key_1", TenantID: "acme", Name: "platform", Role: herald.RoleTenant, Hash: []byte("tenant-hash"), CreatedAt: at},
				{ID: "ps_1", TenantID: "acme", Name: "portal", Role: herald.RolePortal, Hash: []byte("session-hash"), CreatedAt: at,
					ExpiresAt: &until, Session: true, LinkHash: []byte("link-hash"), EndpointIDs: []string{"ep_1"}},
			},
			Endpoints: []*herald.Endpoint{{ID: "ep_1", TenantID: "acme", URL: "https://example.com/hook", EventTypes: []string{"order.paid"},
				Channels: []string{}, Headers: map[string]string{"X-Api-Key": "HEADERSECRET"}, RetryPolicy: &policy,
				Secret: "whsec_SECRET", PreviousSecret: "whsec_PREVIOUS", PreviousSecretExpiresAt: until,
				BearerToken: "BEARERTOKEN", BearerTokenSet: true, RateLimit: &ratelimit.Limit{Count: 10, Per: time.Second, Burst: 1},
				Ordering: herald.OrderingFIFO, CreatedAt: at, UpdatedAt: at},
				{ID: "ep_cb", TenantID: "acme", URL: "https://example.com/cb", EventTypes: []string{}, Channels: []string{}, Headers: map[string]string{},
					JobID: "j1", TenantSecret: true, CreatedAt: at, UpdatedAt: at}},
			Jobs: []*herald.Job{{ID: "j1", TenantID: "acme", Type: "video", Status: herald.JobCompleted, Input: json.RawMessage(`{"file": "a.mp4"}`),
				Result: json.RawMessage(`{"url":  "b"}`), Channels: []string{"c"}, CreatedAt: at, UpdatedAt: at, FinishedAt: &until,
				Callback: &herald.JobCallback{EndpointID: "ep_cb", DeliveryID: "dlv_cb"}}},
			Events: []*herald.Event{{ID: "evt_1", TenantID: "acme", Type: "order.paid", Channels: []string{}, Data: json.RawMessage(`{"n": 1,  "spaced":true}`),
				CreatedAt: at, TraceParent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}},
			Deliveries: []*herald.Delivery{{ID: "dlv_1", TenantID: "acme", EventID: "evt_1", EndpointID: "ep_1", Status: herald.DeliveryPending,
				Attempts: 2, NextAttemptAt: &due, LastStatusCode: 503, LastError: "HTTP 503", CreatedAt: at, UpdatedAt: at, Ordered: true},
				{ID: "dlv_cb", TenantID: "acme", EventID: "evt_1", EndpointID: "ep_cb", Status: herald.DeliverySucceeded, Attempts: 1, CreatedAt: at, UpdatedAt: at}},
		}},
	}
}

func encode(t *testing.T, c *Contents, b Sealer) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, c, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// What goes in comes out, ids and secrets alike; no secret is in the file
// in clear.
func TestRoundTrip(t *testing.T) {
	b := box(t)
	raw := encode(t, contents(), b)
	for _, secret := range []string{"whsec_CALLBACK", "whsec_OLDCALLBACK", "whsec_SECRET", "whsec_PREVIOUS", "BEARERTOKEN", "HEADERSECRET"} {
		if bytes.Contains(raw, []byte(secret)) {
			t.Errorf("the file holds %s in clear", secret)
		}
	}
	got, err := Decode(bytes.NewReader(raw), b)
	if err != nil {
		t.Fatal(err)
	}
	want := contents()
	if !reflect.DeepEqual(got, want) {
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		t.Fatalf("decoded contents differ:\n got %s\nwant %s", g, w)
	}
	if got.Tenants[0].Endpoints[0].Secret != "whsec_SECRET" || got.Tenants[0].Endpoints[0].Headers["X-Api-Key"] != "HEADERSECRET" ||
		got.Tenants[0].Tenant.CallbackPreviousSecret != "whsec_OLDCALLBACK" || !got.Tenants[0].Deliveries[0].Ordered {
		t.Fatal("secrets or the queue mark did not come back")
	}
}

func TestDecodeRefuses(t *testing.T) {
	b := box(t)
	good := encode(t, contents(), b)
	// edit re-encodes a good file changed by fn.
	edit := func(fn func(c *Contents)) []byte {
		c := contents()
		fn(c)
		var buf bytes.Buffer
		if err := Encode(&buf, c, b); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	field := func(name string, v any) []byte {
		var m map[string]any
		if err := json.Unmarshal(good, &m); err != nil {
			t.Fatal(err)
		}
		m[name] = v
		out, _ := json.Marshal(m)
		return out
	}
	tests := []struct {
		name string
		raw  []byte
		key  Sealer
		want string
	}{
		{"another key", good, box(t), "sealed under another key"},
		{"a newer version", field("version", Version+1), b, "newer than this Herald reads"},
		{"no version", field("version", 0), b, "no valid format version"},
		{"another kind of file", field("format", "something-else"), b, "not a Herald tenant file"},
		{"not JSON", []byte("SQLite format 3\x00"), b, "not a Herald tenant file"},
		{"a key check altered", field("key_check", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), b, "sealed under another key"},
		{"a delivery of an event not in the file", edit(func(c *Contents) { c.Tenants[0].Deliveries[0].EventID = "evt_gone" }), b,
			"names event evt_gone"},
		{"a delivery of an endpoint not in the file", edit(func(c *Contents) { c.Tenants[0].Deliveries[0].EndpointID = "ep_gone" }), b,
			"names endpoint ep_gone"},
		{"a tenant twice", edit(func(c *Contents) { c.Tenants = append(c.Tenants, &store.TenantState{Tenant: c.Tenants[0].Tenant}) }), b,
			"tenant acme is in the file twice"},
		{"a key of another tenant", edit(func(c *Contents) { c.Tenants[0].Keys[0].TenantID = "other" }), b, `belongs to tenant "other"`},
		{"an unknown status", edit(func(c *Contents) { c.Tenants[0].Deliveries[0].Status = "lost" }), b, "unknown status"},
		{"a job whose callback endpoint is not in the file", edit(func(c *Contents) { c.Tenants[0].Jobs[0].Callback.EndpointID = "ep_gone" }), b,
			"callback endpoint ep_gone"},
		{"a job whose callback delivery is not in the file", edit(func(c *Contents) { c.Tenants[0].Jobs[0].Callback.DeliveryID = "dlv_gone" }), b,
			"callback delivery dlv_gone"},
		{"an admin key added on the way", alter(t, good, func(m map[string]any) {
			m["admin_keys"] = append(m["admin_keys"].([]any), map[string]any{"id": "key_evil", "hash": "ZXZpbA==", "role": "admin"})
		}), b, "altered after it was exported"},
		{"a delivery's attempts changed", alter(t, good, func(m map[string]any) {
			m["tenants"].([]any)[0].(map[string]any)["deliveries"].([]any)[0].(map[string]any)["attempts"] = 0
		}), b, "altered after it was exported"},
		{"an admin key with a tenant", edit(func(c *Contents) { c.AdminKeys[0].TenantID = "acme" }), b, "no tenant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(bytes.NewReader(tt.raw), tt.key)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Decode = %v, want an error saying %q", err, tt.want)
			}
		})
	}
	if _, err := Decode(bytes.NewReader(good), box(t)); !errors.Is(err, ErrWrongKey) {
		t.Fatalf("another key: %v, want ErrWrongKey", err)
	}
}

// alter returns raw with fn applied to its JSON.
func alter(t *testing.T, raw []byte, fn func(map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	fn(m)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A file re-encoded as it is (another JSON writer, keys in another
// order) still reads: the digest is of its contents, not its bytes.
func TestDecodeAfterReencoding(t *testing.T) {
	b := box(t)
	raw := alter(t, encode(t, contents(), b), func(map[string]any) {})
	if _, err := Decode(bytes.NewReader(raw), b); err != nil {
		t.Fatalf("a re-encoded file: %v", err)
	}
}

func TestUnlease(t *testing.T) {
	past, future := at.Add(-time.Minute), at.Add(30*time.Second)
	tests := []struct {
		name      string
		status    herald.DeliveryStatus
		owner     string
		next      *time.Time
		wantNext  *time.Time
		wantOwner string
	}{
		{"leased: due now, not at the old lease's end", herald.DeliveryPending, "node-1", &future, &at, ""},
		{"leased past its end: due as it was", herald.DeliveryPending, "node-1", &past, &past, ""},
		{"not leased, a retry later: keeps its backoff", herald.DeliveryPending, "", &future, &future, ""},
		{"a queued FIFO delivery waits", herald.DeliveryPending, "", nil, nil, ""},
		{"failed with a stale owner: only the owner goes", herald.DeliveryFailed, "node-1", nil, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &herald.Delivery{Status: tt.status, LeaseOwner: tt.owner, NextAttemptAt: tt.next}
			unlease(d, at)
			if d.LeaseOwner != tt.wantOwner || (d.NextAttemptAt == nil) != (tt.wantNext == nil) ||
				d.NextAttemptAt != nil && !d.NextAttemptAt.Equal(*tt.wantNext) {
				t.Fatalf("unlease: owner %q next %v, want %q %v", d.LeaseOwner, d.NextAttemptAt, tt.wantOwner, tt.wantNext)
			}
		})
	}
}

func TestCheckRefusesUnwrittenFanouts(t *testing.T) {
	tests := []struct {
		deferred int
		ok       bool
	}{{0, true}, {1, false}, {12, false}}
	for _, tt := range tests {
		err := Check(&store.TenantState{Tenant: &herald.Tenant{ID: "acme"}, Deferred: tt.deferred})
		if (err == nil) != tt.ok {
			t.Errorf("Check with %d deferred = %v, want ok %v", tt.deferred, err, tt.ok)
		}
	}
	c := contents()
	c.Tenants[0].Deferred = 1
	if err := Encode(&bytes.Buffer{}, c, box(t)); err == nil || !strings.Contains(err.Error(), "still being written") {
		t.Fatalf("Encode of a tenant with a fan-out unwritten = %v", err)
	}
}

// Needed carries what is still to be delivered and what may be replayed,
// not succeeded history.
func TestNeeded(t *testing.T) {
	for _, s := range []herald.DeliveryStatus{herald.DeliveryPending, herald.DeliveryPaused, herald.DeliveryFailed} {
		if !contains(Needed, s) {
			t.Errorf("Needed lacks %s", s)
		}
	}
	if contains(Needed, herald.DeliverySucceeded) {
		t.Error("Needed carries succeeded deliveries")
	}
}

func contains(list []herald.DeliveryStatus, s herald.DeliveryStatus) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
