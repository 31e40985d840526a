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
	herald(&cs, "tenant", "rotate-callback-secret", "--tenant", "acme", "--grace", "2h")
	if !strings.HasPrefix(first, "whsec_") || cs.CallbackSecret == first || cs.CallbackPreviousSecretExpiresAt == nil ||
		cs.CallbackPreviousSecretExpiresAt.Before(time.Now().Add(time.Hour)) {
		t.Fatalf("tenant rotate-callback-secret printed %q, then %+v", first, cs)
	}
	var ep struct{ ID, URL, Secret string }
	herald(&ep, "endpoint", "create", "--tenant", "acme", "--url", rcv.URL+"/hook", "--event-type", "job.completed")
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
	herald(&list, "delivery", "list", "--tenant", "acme", "--endpoint", ep.ID)
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
	if err == nil || !strings.Contains(string(out), "--data must be a JSON object") {
		t.Fatalf("event send with an array: %v\n%s", err, out)
	}
	cmd = exec.Command(heraldBinary(t), "tenant", "list", "--server", "http://"+p.addr, "--key", "hk_wrong")
	out, err = cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "401") {
		t.Fatalf("tenant list with a wrong key: %v\n%s", err, out)
	}
}
