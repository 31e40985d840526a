package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestAdminCommands runs the resource commands of the real binary against
// a running Herald: what they create, the API shows; what they print is
// the API's JSON.
func TestAdminCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	var hits atomic.Int64
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(http.StatusOK)
	}))
	defer rcv.Close()
	p := start(t, t.TempDir())
	herald := func(out any, args ...string) {
		t.Helper()
		cmd := exec.Command(heraldBinary(t), args...)
		cmd.Env = append(cmd.Environ(), "HERALD_SERVER=http://"+p.addr, "HERALD_KEY="+testAdminKey)
		raw, err := cmd.Output()
		if err != nil {
			var stderr string
			if ee, ok := err.(*exec.ExitError); ok {
				stderr = string(ee.Stderr)
			}
			t.Fatalf("herald %s: %v\n%s", strings.Join(args, " "), err, stderr)
		}
		if out != nil {
			if err := json.Unmarshal(raw, out); err != nil {
				t.Fatalf("herald %s printed no JSON: %v\n%s", strings.Join(args, " "), err, raw)
			}
		}
	}
	var tenant struct{ ID, Name string }
	herald(&tenant, "tenant", "create", "--name", "Acme", "--id", "acme")
	if tenant.ID != "acme" || tenant.Name != "Acme" {
		t.Fatalf("tenant create printed %+v", tenant)
	}
	var cs struct {
		CallbackSecret                  string     `json:"callback_secret"`
		CallbackPreviousSecretExpiresAt *time.Time `json:"callback_previous_secret_expires_at"`
	}
	herald(&cs, "tenant", "rotate-callback-secret", "--tenant", "acme")
	first := cs.CallbackSecret
	herald(&cs, "tenant", "rotate-callback-secret", "--tenant", "acme", "--grace-period", "2h")
	if !strings.HasPrefix(first, "whsec_") || cs.CallbackSecret == first || cs.CallbackPreviousSecretExpiresAt == nil ||
		cs.CallbackPreviousSecretExpiresAt.Before(time.Now().Add(time.Hour)) {
		t.Fatalf("tenant rotate-callback-secret printed %q, then %+v", first, cs)
	}
	var ep struct{ ID, URL, Secret string }
	herald(&ep, "endpoint", "create", "--tenant", "acme", "--url", rcv.URL+"/hook", "--event-types", "job.completed")
	if !strings.HasPrefix(ep.Secret, "whsec_") || ep.URL != rcv.URL+"/hook" {
		t.Fatalf("endpoint create printed %+v", ep)
	}
	var test struct{ Succeeded bool }
	herald(&test, "endpoint", "test", "--tenant", "acme", ep.ID)
	if !test.Succeeded || hits.Load() != 1 {
		t.Fatalf("endpoint test: %+v, receiver hit %d times", test, hits.Load())
	}
	var ev struct {
		ID         string
		Deliveries []struct{ ID string }
	}
	herald(&ev, "event", "send", "--tenant", "acme", "--type", "job.completed", "--id", "e1", "--data", `{"job":"j1"}`)
	if ev.ID != "e1" || len(ev.Deliveries) != 1 {
		t.Fatalf("event send printed %+v", ev)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		var d struct {
			Status     string
			AttemptLog []struct {
				StatusCode int `json:"status_code"`
			} `json:"attempt_log"`
		}
		herald(&d, "delivery", "get", "--tenant", "acme", ev.Deliveries[0].ID)
		if d.Status == "succeeded" && len(d.AttemptLog) == 1 && d.AttemptLog[0].StatusCode == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("delivery never succeeded: %+v", d)
		}
		time.Sleep(50 * time.Millisecond)
	}
	herald(nil, "delivery", "retry", "--tenant", "acme", ev.Deliveries[0].ID)
	var list struct {
		Data []struct{ ID, Status string }
	}
	herald(&list, "delivery", "list", "--tenant", "acme", "--endpoint-id", ep.ID)
	if len(list.Data) != 1 || list.Data[0].ID != ev.Deliveries[0].ID {
		t.Fatalf("delivery list printed %+v", list)
	}
	var tenants struct{ Data []struct{ ID string } }
	herald(&tenants, "tenant", "list", "--limit", "1")
	if len(tenants.Data) != 1 || tenants.Data[0].ID != "acme" {
		t.Fatalf("tenant list printed %+v", tenants)
	}

	// Mistakes are refused with a message that says what to do.
	cmd := exec.Command(heraldBinary(t), "event", "send", "--tenant", "acme", "--type", "x", "--data", "[1]")
	cmd.Env = append(cmd.Environ(), "HERALD_SERVER=http://"+p.addr, "HERALD_KEY="+testAdminKey)
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "data") || !strings.Contains(string(out), "400") {
		t.Fatalf("event send with an array: %v\n%s", err, out)
	}
	cmd = exec.Command(heraldBinary(t), "event", "send", "--tenant", "acme", "--type", "x", "--data", "{not json")
	cmd.Env = append(cmd.Environ(), "HERALD_SERVER=http://"+p.addr, "HERALD_KEY="+testAdminKey)
	if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "--data must be JSON") {
		t.Fatalf("event send with text that is no JSON: %v\n%s", err, out)
	}
	cmd = exec.Command(heraldBinary(t), "tenant", "list", "--server", "http://"+p.addr, "--key", "hk_wrong")
	out, err = cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "401") {
		t.Fatalf("tenant list with a wrong key: %v\n%s", err, out)
	}
}

// Every verb of the command table runs against a real server, in the
// order a platform would use them; the test fails if a verb of the table
// is not run here, so a new one is tested when it is added.
func TestEveryCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	var hits atomic.Int64
	failing := atomic.Bool{}
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if failing.Load() {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	defer rcv.Close()
	p := start(t, t.TempDir())
	ran, idFirst := map[string]bool{}, map[string]bool{}
	run := func(wantOK bool, out any, args ...string) string {
		t.Helper()
		name := args[0]
		if len(args) > 1 && !strings.HasPrefix(args[1], "-") {
			name += " " + args[1]
		}
		ran[name] = true
		if len(args) > 2 && !strings.HasPrefix(args[2], "-") {
			idFirst[name] = true // the id before the flags: herald endpoint get ep_1 --tenant t
		}
		cmd := exec.Command(heraldBinary(t), args...)
		cmd.Env = append(cmd.Environ(), "HERALD_SERVER=http://"+p.addr, "HERALD_KEY="+testAdminKey)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		raw, err := cmd.Output()
		if (err == nil) != wantOK {
			t.Fatalf("herald %s: %v (want success %v)\n%s%s", strings.Join(args, " "), err, wantOK, raw, stderr.String())
		}
		if out != nil {
			if err := json.Unmarshal(raw, out); err != nil {
				t.Fatalf("herald %s printed no JSON: %v\n%s", strings.Join(args, " "), err, raw)
			}
		}
		return string(raw)
	}
	ok := func(out any, args ...string) string { t.Helper(); return run(true, out, args...) }
	var id struct {
		ID  string `json:"id"`
		URL string `json:"url"`
	}

	ok(nil, "tenant", "create", "--name", "Acme", "--id", "acme", "--max-event-types", "20")
	var me struct {
		Admin    bool   `json:"admin"`
		TenantID string `json:"tenant_id"`
	}
	ok(&me, "me")
	if !me.Admin || me.TenantID != "" {
		t.Fatalf("me with the admin key: %+v", me)
	}
	ok(nil, "tenant", "update", "--tenant", "acme", "--name", "Acme Inc.")
	var tenant struct{ Name string }
	ok(&tenant, "tenant", "get", "--tenant", "acme")
	if tenant.Name != "Acme Inc." {
		t.Fatalf("tenant get after update: %+v", tenant)
	}
	ok(nil, "tenant", "list", "--limit", "5")
	ok(nil, "tenant", "rotate-callback-secret", "--tenant", "acme", "--grace-period", "1h")
	ok(nil, "tenant", "overview", "--tenant", "acme", "--window", "1h")
	var key struct {
		ID  string `json:"id"`
		Key string `json:"key"`
	}
	ok(&key, "key", "create", "--tenant", "acme", "--name", "ci", "--role", "read-only")
	if !strings.HasPrefix(key.Key, "hk_") {
		t.Fatalf("key create: %+v", key)
	}
	ok(nil, "key", "list", "--tenant", "acme")
	var keyMe struct {
		Admin    bool   `json:"admin"`
		TenantID string `json:"tenant_id"`
		Role     string `json:"role"`
	}
	ok(&keyMe, "me", "--key", key.Key)
	if keyMe.Admin || keyMe.TenantID != "acme" || keyMe.Role != "read-only" {
		t.Fatalf("me with a read-only key of acme: %+v", keyMe)
	}
	ok(nil, "key", "delete", key.ID, "--tenant", "acme")
	ok(nil, "event-type", "create", "--name", "order.paid", "--description", "An order was paid.",
		"--schema", `{"type":"object","required":["order"]}`, "--validate", "--examples", `[{"order":1}]`)
	if list := ok(nil, "event-type", "list"); !strings.Contains(list, `"validate": true`) {
		t.Fatalf("event-type list: %s", list)
	}

	ok(&id, "endpoint", "create", "--tenant", "acme", "--url", rcv.URL+"/a", "--event-types", "order.paid,job.completed",
		"--rate-limit", `{"count":100,"per":"second"}`, "--ordering", "fifo", "--headers", `{"X-Team":"ml"}`)
	ep := id.ID
	var got struct {
		Ordering  string         `json:"ordering"`
		RateLimit map[string]any `json:"rate_limit"`
		Paused    bool           `json:"paused"`
		Disabled  bool           `json:"disabled"`
		FIFO      map[string]any `json:"fifo"`
	}
	ok(&got, "endpoint", "get", ep, "--tenant", "acme")
	if got.Ordering != "fifo" || got.RateLimit["count"] != 100.0 || got.FIFO == nil {
		t.Fatalf("endpoint get: %+v", got)
	}
	ok(nil, "endpoint", "update", ep, "--tenant", "acme", "--rate-limit", "null", "--description", "main", "--disable-after-failures", "0")
	ok(&got, "endpoint", "pause", ep, "--tenant", "acme")
	if !got.Paused || got.RateLimit != nil {
		t.Fatalf("after update and pause: %+v", got)
	}
	ok(&got, "endpoint", "resume", ep, "--tenant", "acme")
	ok(&got, "endpoint", "disable", ep, "--tenant", "acme")
	if !got.Disabled {
		t.Fatalf("endpoint disable: %+v", got)
	}
	ok(nil, "endpoint", "enable", ep, "--tenant", "acme")
	ok(nil, "endpoint", "list", "--tenant", "acme", "--unhealthy")
	ok(nil, "endpoint", "rotate-secret", ep, "--tenant", "acme", "--grace-period", "0s")
	ok(nil, "endpoint", "test", ep, "--tenant", "acme", "--event-type", "order.paid")
	failing.Store(true)
	run(false, nil, "endpoint", "test", ep, "--tenant", "acme") // the receiver answers 500: a non-zero exit
	failing.Store(false)
	ok(nil, "endpoint", "stats", ep, "--tenant", "acme", "--window", "1h")

	var ev struct {
		ID         string
		Deliveries []struct{ ID string }
	}
	ok(&ev, "event", "send", "--tenant", "acme", "--type", "order.paid", "--id", "o1", "--data", `{"order":1}`)
	run(false, nil, "event", "send", "--tenant", "acme", "--type", "order.paid", "--data", `{"other":1}`) // the schema refuses it
	ok(nil, "event", "batch", "--tenant", "acme", "--events", `[{"type":"order.paid","data":{"order":2}},{"type":"order.paid","data":{"order":3}}]`)
	ok(nil, "event", "list", "--tenant", "acme", "--type", "order.paid")
	ok(nil, "event", "get", "o1", "--tenant", "acme")

	ok(nil, "job", "create", "--tenant", "acme", "--id", "j1", "--type", "ocr", "--callback-url", rcv.URL+"/cb", "--input", `{"pages":3}`)
	ok(nil, "job", "status", "--tenant", "acme", "--status", "processing", "--progress", "50", "j1")
	ok(nil, "job", "status", "j1", "--tenant", "acme", "--status", "completed", "--result", `{"text":"..."}`)
	var job struct{ Status string }
	ok(&job, "job", "get", "j1", "--include", "callback", "--tenant", "acme")
	if job.Status != "completed" {
		t.Fatalf("job get: %+v", job)
	}
	ok(nil, "job", "list", "--tenant", "acme", "--status", "completed")

	var inRange struct{ Data []struct{ ID string } }
	ok(&inRange, "delivery", "list", "--tenant", "acme", "--endpoint-id", ep, "--event-type", "order.paid", "--limit", "10",
		"--since", time.Now().Add(-time.Hour).UTC().Format(time.RFC3339), "--until", time.Now().Add(time.Hour).UTC().Format(time.RFC3339))
	if len(inRange.Data) == 0 {
		t.Fatalf("delivery list --since/--until around now: %+v", inRange)
	}
	d := ev.Deliveries[0].ID
	deadline := time.Now().Add(15 * time.Second)
	for {
		var dv struct{ Status string }
		ok(&dv, "delivery", "get", d, "--tenant", "acme")
		if dv.Status == "succeeded" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("delivery %s: %s", d, dv.Status)
		}
		time.Sleep(20 * time.Millisecond)
	}
	ok(nil, "delivery", "retry", d, "--tenant", "acme")
	ok(nil, "endpoint", "replay", ep, "--tenant", "acme", "--since", time.Now().Add(-time.Hour).UTC().Format(time.RFC3339))

	var session struct {
		ID  string `json:"id"`
		URL string `json:"url"`
	}
	ok(&session, "portal-session", "create", "--tenant", "acme", "--lifetime", "1h", "--endpoint-ids", ep)
	if !strings.Contains(session.URL, "#") {
		t.Fatalf("portal-session create: %+v", session)
	}
	ok(nil, "portal-session", "list", "--tenant", "acme")
	ok(nil, "portal-session", "delete", session.ID, "--tenant", "acme")
	ok(nil, "portal-session", "revoke", "--tenant", "acme")

	ok(nil, "endpoint", "delete", ep, "--tenant", "acme")
	ok(nil, "tenant", "delete", "--tenant", "acme")

	for _, c := range calls {
		if !ran[c.name()] {
			t.Errorf("herald %s was not run by this test", c.name())
		}
		if c.arg != "" && !idFirst[c.name()] {
			t.Errorf("herald %s was not run with its %s before its flags", c.name(), c.arg)
		}
	}
}
