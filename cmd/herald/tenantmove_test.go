package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/store/postgres/pgtest"
	"github.com/heraldhq/herald/verify"
)

// downReceiver answers 503 until up is set, then records the webhook-ids
// of the requests whose signature verifies, by path.
type downReceiver struct {
	up    atomic.Bool
	v     map[string]*verify.Verifier // by path
	mu    sync.Mutex
	ids   map[string]bool // path + " " + webhook-id, verified
	bad   int
	tried map[string]int // requests while down, by path
	good  int            // requests verified
}

func (r *downReceiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.up.Load() {
		r.tried[req.URL.Path]++
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	if v := r.v[req.URL.Path]; v == nil || v.Verify(req.Header, body) != nil {
		r.bad++
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	r.ids[req.URL.Path+" "+req.Header.Get("webhook-id")] = true
	r.good++
	w.WriteHeader(http.StatusOK)
}

func (r *downReceiver) counts(path string) (tried, verified int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for k := range r.ids {
		if strings.HasPrefix(k, path+" ") {
			verified++
		}
	}
	return r.tried[path], verified
}

// callAs makes an API request with key and decodes a 2xx answer into out;
// it returns the status.
func (p *process) callAs(t *testing.T, key, method, path string, body, out any) int {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, "http://"+p.addr+path, rd)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if out != nil && resp.StatusCode/100 == 2 {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, raw)
		}
	}
	return resp.StatusCode
}

// herald runs the binary to its end and returns its output and whether it
// exited 0.
func runHerald(t *testing.T, args ...string) (string, bool) {
	t.Helper()
	out, err := exec.Command(heraldBinary(t), args...).CombinedOutput()
	if err != nil {
		if _, exited := err.(*exec.ExitError); !exited {
			t.Fatal(err)
		}
	}
	return string(out), err == nil
}

// fileDelivery is what the test reads of a delivery in an export file.
type fileDelivery struct {
	ID         string `json:"id"`
	EventID    string `json:"event_id"`
	EndpointID string `json:"endpoint_id"`
	Status     string `json:"status"`
	Attempts   int    `json:"attempts"`
}

// TestMoveTenantFromSQLiteToPostgres moves a tenant whose receiver is down
// from a SQLite node to PostgreSQL: exported with the node stopped,
// imported into a fresh schema, a node started there delivers every
// pending delivery with its webhook-id, signed with the endpoint's
// secret, one attempt more than the old store counted; the failed ones
// arrive failed, a job's pending callback arrives signed with its own
// secret, the tenant's API key and a portal link work on the new node. A second import of the file is refused, and so is the file under
// another key.
func TestMoveTenantFromSQLiteToPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	_, dbURL := pgtest.Schema(t)
	rcv := &downReceiver{ids: map[string]bool{}, tried: map[string]int{}}
	srv := httptest.NewServer(rcv)
	defer srv.Close()

	oldDir := t.TempDir()
	old := start(t, oldDir)
	old.mustPost(t, "/v1/tenants", map[string]any{"id": "acme", "name": "Acme"})
	var epA, epB struct {
		ID     string `json:"id"`
		Secret string `json:"secret"`
	}
	// /a retries every second, for long; /b gives up at its first failure.
	old.apiJSON(t, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": srv.URL + "/a", "retry_policy": map[string]any{
		"kind": "exponential", "base": "1s", "factor": 1, "cap": "1s", "max_retries": 50, "jitter": 0}}, &epA)
	old.apiJSON(t, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": srv.URL + "/b", "retry_policy": map[string]any{
		"kind": "schedule", "schedule": []string{}, "jitter": 0}}, &epB)
	// A job whose callback is due when it completes, to the receiver down.
	var job struct {
		CallbackSecret string `json:"callback_secret"`
	}
	old.apiJSON(t, "POST", "/v1/tenants/acme/jobs", map[string]any{"id": "job-1", "type": "video", "callback_url": srv.URL + "/cb",
		"callback": map[string]any{"retry_policy": map[string]any{"kind": "exponential", "base": "1s", "factor": 1, "cap": "1s", "max_retries": 50, "jitter": 0}}}, &job)
	old.apiJSON(t, "POST", "/v1/tenants/acme/jobs/job-1/status", map[string]any{"status": "completed", "result": map[string]any{"url": "x"}}, nil)
	rcv.v = map[string]*verify.Verifier{}
	for path, secret := range map[string]string{"/a": epA.Secret, "/b": epB.Secret, "/cb": job.CallbackSecret} {
		v, err := verify.New(secret)
		if err != nil {
			t.Fatal(err)
		}
		rcv.v[path] = v
	}
	var tenantKey struct {
		Key string `json:"key"`
	}
	old.apiJSON(t, "POST", "/v1/tenants/acme/keys", map[string]any{"name": "platform", "role": "tenant"}, &tenantKey)
	var portal struct {
		Token string `json:"token"`
	}
	old.apiJSON(t, "POST", "/v1/tenants/acme/portal-sessions", map[string]any{"lifetime": "1h"}, &portal)

	const events = 20
	// Each endpoint also receives the job's job.created and job.completed.
	const perEndpoint = events + 2
	for i := range events {
		old.mustPost(t, "/v1/tenants/acme/events", map[string]any{"id": fmt.Sprintf("evt-%d", i), "type": "job.completed", "data": map[string]any{"n": i}})
	}
	// Every delivery tried at least once: /b's all failed, /a's pending.
	deadline := time.Now().Add(30 * time.Second)
	for {
		triedA, _ := rcv.counts("/a")
		triedB, _ := rcv.counts("/b")
		triedCB, _ := rcv.counts("/cb")
		if triedA >= perEndpoint && triedB >= perEndpoint && triedCB >= 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the receiver saw %d requests at /a, %d at /b and %d at /cb, want %d, %d and 1\n%s", triedA, triedB, triedCB, perEndpoint, perEndpoint,
				old.log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	old.stop(t)

	keyDir := t.TempDir()
	keyFile, otherKeyFile := filepath.Join(keyDir, "export.key"), filepath.Join(keyDir, "other.key")
	mustDo(t, os.WriteFile(keyFile, []byte(seal.EncodeKey(seal.NewKey())+"\n"), 0o600))
	mustDo(t, os.WriteFile(otherKeyFile, []byte(seal.EncodeKey(seal.NewKey())+"\n"), 0o600))
	file := filepath.Join(t.TempDir(), "acme.herald")
	out, ok := runHerald(t, "tenant", "export", "--data-dir", oldDir, "--tenant", "acme", "--out", file, "--key-file", keyFile)
	if !ok {
		t.Fatalf("herald tenant export failed:\n%s", out)
	}
	t.Logf("herald tenant export: %s", out)
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the export file: %v, mode %v; want 0600", err, fi.Mode().Perm())
	}
	raw, err := os.ReadFile(file)
	mustDo(t, err)
	if bytes.Contains(raw, []byte(epA.Secret)) || bytes.Contains(raw, []byte(strings.TrimPrefix(epA.Secret, "whsec_"))) {
		t.Fatal("the export file holds the endpoint's secret in clear")
	}
	var doc struct {
		Version int `json:"version"`
		Tenants []struct {
			Deliveries []fileDelivery `json:"deliveries"`
		} `json:"tenants"`
	}
	mustDo(t, json.Unmarshal(raw, &doc))
	before := map[string]fileDelivery{}
	for _, d := range doc.Tenants[0].Deliveries {
		if d.EndpointID != epA.ID && d.EndpointID != epB.ID {
			continue // the job's callback
		}
		before[d.ID] = d
		want := map[string]string{epA.ID: "pending", epB.ID: "failed"}[d.EndpointID]
		if d.Status != want || d.Attempts < 1 {
			t.Fatalf("the file holds delivery %+v, want %s with its attempts", d, want)
		}
	}
	if doc.Version != 1 || len(before) != 2*perEndpoint {
		t.Fatalf("the file: version %d, %d deliveries to the endpoints; want 1, %d", doc.Version, len(before), 2*perEndpoint)
	}

	encKey := seal.EncodeKey(seal.NewKey())
	out, ok = runHerald(t, "tenant", "import", "--in", file, "--key-file", otherKeyFile, "--database-url", dbURL, "--encryption-key", encKey)
	if ok || !strings.Contains(out, "sealed under another key") {
		t.Fatalf("an import with another key: ok %v, said:\n%s", ok, out)
	}
	out, ok = runHerald(t, "tenant", "import", "--in", file, "--key-file", keyFile, "--database-url", dbURL, "--encryption-key", encKey)
	if !ok {
		t.Fatalf("herald tenant import failed:\n%s", out)
	}
	t.Logf("herald tenant import: %s", out)
	out, ok = runHerald(t, "tenant", "import", "--in", file, "--key-file", keyFile, "--database-url", dbURL, "--encryption-key", encKey)
	if ok || strings.Count(strings.TrimSpace(out), "\n") != 0 || !strings.Contains(out, `tenant "acme" already exists`) {
		t.Fatalf("a second import of the tenant: ok %v, said:\n%s\nwant one line saying the tenant exists", ok, out)
	}

	rcv.up.Store(true)
	moved := start(t, t.TempDir(), "--database-url", dbURL, "--encryption-key", encKey, "--node-id", "moved-node")
	deadline = time.Now().Add(30 * time.Second)
	for {
		_, verifiedA := rcv.counts("/a")
		_, verifiedCB := rcv.counts("/cb")
		if verifiedA == perEndpoint && verifiedCB == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d pending deliveries and %d of 1 job callback arrived verified after the move\n%s", verifiedA, perEndpoint, verifiedCB,
				moved.log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	rcv.mu.Lock()
	for i := range events {
		if id := fmt.Sprintf("evt-%d", i); !rcv.ids["/a "+id] {
			t.Errorf("webhook-id %s did not arrive at /a", id)
		}
	}
	if rcv.bad != 0 {
		t.Errorf("%d requests did not verify with the endpoint's secret", rcv.bad)
	}
	rcv.mu.Unlock()
	if _, verifiedB := rcv.counts("/b"); verifiedB != 0 {
		t.Errorf("%d failed deliveries were sent again after the move", verifiedB)
	}

	for id, d := range before {
		var got fileDelivery
		path := "/v1/tenants/acme/deliveries/" + id
		// The success is recorded just after the receiver answered it.
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
			if code := moved.callAs(t, testAdminKey, "GET", path, nil, &got); code != http.StatusOK {
				t.Fatalf("GET %s on the new node = %d", path, code)
			}
			if got.Status != "pending" || time.Now().After(deadline) {
				break
			}
		}
		switch d.EndpointID {
		case epA.ID:
			if got.Status != "succeeded" || got.Attempts != d.Attempts+1 || got.EventID != d.EventID {
				t.Errorf("delivery %s after the move: %+v, want succeeded after %d attempts", id, got, d.Attempts+1)
			}
		case epB.ID:
			if got.Status != "failed" || got.Attempts != d.Attempts {
				t.Errorf("failed delivery %s after the move: %+v, want failed after %d attempts", id, got, d.Attempts)
			}
		}
	}
	var jobAfter struct {
		Status   string `json:"status"`
		Callback struct {
			State string `json:"state"`
		} `json:"callback"`
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if code := moved.callAs(t, testAdminKey, "GET", "/v1/tenants/acme/jobs/job-1?include=callback", nil, &jobAfter); code != http.StatusOK {
			t.Fatalf("GET the job on the new node = %d", code)
		}
		if jobAfter.Callback.State != "pending" || time.Now().After(deadline) {
			break
		}
	}
	if jobAfter.Status != "completed" || jobAfter.Callback.State != "succeeded" {
		t.Errorf("the job on the new node: %+v, want completed with its callback succeeded", jobAfter)
	}
	if code := moved.callAs(t, tenantKey.Key, "GET", "/v1/tenants/acme/endpoints", nil, nil); code != http.StatusOK {
		t.Errorf("the tenant's API key on the new node: %d, want 200", code)
	}
	var in struct {
		Key string `json:"key"`
	}
	if code := moved.callAs(t, "", "POST", "/v1/portal-sessions/exchange", map[string]any{"token": portal.Token}, &in); code != http.StatusOK || in.Key == "" {
		t.Errorf("the portal link on the new node: %d, want 200 and a session key", code)
	}
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestMoveWholeStore moves a whole SQLite store to PostgreSQL with one
// export --all and one import --all: every tenant's pending deliveries
// arrive from the new node, verified, and the old store's admin key works
// there beside the new node's own. The same file imported into a new
// SQLite store delivers them again from there.
func TestMoveWholeStore(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	_, dbURL := pgtest.Schema(t)
	rcv := &downReceiver{ids: map[string]bool{}, tried: map[string]int{}, v: map[string]*verify.Verifier{}}
	srv := httptest.NewServer(rcv)
	defer srv.Close()
	oldDir := t.TempDir()
	old := start(t, oldDir)
	tenants := []string{"t1", "t2"}
	for _, tn := range tenants {
		old.mustPost(t, "/v1/tenants", map[string]any{"id": tn, "name": tn})
		var ep struct {
			Secret string `json:"secret"`
		}
		old.apiJSON(t, "POST", "/v1/tenants/"+tn+"/endpoints", map[string]any{"url": srv.URL + "/" + tn, "retry_policy": map[string]any{
			"kind": "exponential", "base": "1s", "factor": 1, "cap": "1s", "max_retries": 50, "jitter": 0}}, &ep)
		v, err := verify.New(ep.Secret)
		mustDo(t, err)
		rcv.v["/"+tn] = v
	}
	const perTenant = 5
	for _, tn := range tenants {
		for i := range perTenant {
			old.mustPost(t, "/v1/tenants/"+tn+"/events", map[string]any{"id": fmt.Sprintf("%s-%d", tn, i), "type": "job.completed", "data": map[string]any{}})
		}
	}
	old.poll(t, within(t, 30*time.Second), fmt.Sprintf("the receiver to see %d requests for each tenant", perTenant), func() bool {
		t1, _ := rcv.counts("/t1")
		t2, _ := rcv.counts("/t2")
		return t1 >= perTenant && t2 >= perTenant
	})
	old.stop(t)

	keyFile := filepath.Join(t.TempDir(), "export.key")
	mustDo(t, os.WriteFile(keyFile, []byte(seal.EncodeKey(seal.NewKey())+"\n"), 0o600))
	file := filepath.Join(t.TempDir(), "store.herald")
	if out, ok := runHerald(t, "tenant", "export", "--all", "--data-dir", oldDir, "--out", file, "--key-file", keyFile); !ok {
		t.Fatalf("herald tenant export --all failed:\n%s", out)
	}
	encKey := seal.EncodeKey(seal.NewKey())
	if out, ok := runHerald(t, "tenant", "import", "--in", file, "--key-file", keyFile, "--database-url", dbURL, "--encryption-key", encKey); ok ||
		!strings.Contains(out, "import it with --all") {
		t.Fatalf("a whole store's file imported without --all: ok %v, said:\n%s", ok, out)
	}
	if out, ok := runHerald(t, "tenant", "import", "--all", "--in", file, "--key-file", keyFile, "--database-url", dbURL, "--encryption-key", encKey); !ok {
		t.Fatalf("herald tenant import --all failed:\n%s", out)
	}

	rcv.up.Store(true)
	// The new node's own admin key differs from the old store's.
	moved := start(t, t.TempDir(), "--database-url", dbURL, "--encryption-key", encKey, "--node-id", "moved-node",
		"--admin-key", "hk_the_new_nodes_own_admin_key_789")
	moved.poll(t, within(t, 30*time.Second), fmt.Sprintf("%d deliveries per tenant to arrive verified after the move", perTenant), func() bool {
		_, v1 := rcv.counts("/t1")
		_, v2 := rcv.counts("/t2")
		return v1 == perTenant && v2 == perTenant
	})
	var list struct {
		Data []struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	if code := moved.callAs(t, testAdminKey, "GET", "/v1/tenants", nil, &list); code != http.StatusOK || len(list.Data) != len(tenants) {
		t.Fatalf("the old store's admin key on the new node: %d, %d tenants; want 200 and %d", code, len(list.Data), len(tenants))
	}
	moved.stop(t)

	// The same file into a SQLite store: its node delivers them all too.
	rcv.mu.Lock()
	before := rcv.good
	rcv.mu.Unlock()
	sqliteDir := t.TempDir()
	if out, ok := runHerald(t, "tenant", "import", "--all", "--in", file, "--key-file", keyFile, "--data-dir", sqliteDir); !ok {
		t.Fatalf("herald tenant import --all into SQLite failed:\n%s", out)
	}
	onSQLite := start(t, sqliteDir, "--admin-key", "hk_the_sqlite_nodes_own_admin_key_0")
	onSQLite.poll(t, within(t, 30*time.Second), fmt.Sprintf("%d deliveries to arrive verified from the SQLite store", len(tenants)*perTenant), func() bool {
		rcv.mu.Lock()
		defer rcv.mu.Unlock()
		return rcv.good-before == len(tenants)*perTenant
	})
	if code := onSQLite.callAs(t, testAdminKey, "GET", "/v1/tenants", nil, &list); code != http.StatusOK || len(list.Data) != len(tenants) {
		t.Fatalf("the old store's admin key on the SQLite node: %d, %d tenants; want 200 and %d", code, len(list.Data), len(tenants))
	}
	rcv.mu.Lock()
	defer rcv.mu.Unlock()
	if rcv.bad != 0 {
		t.Errorf("%d requests did not verify", rcv.bad)
	}
}

// within is a context that ends after d or with the test, for poll.
func within(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}
