package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/store/postgres/pgtest"
	"github.com/heraldhq/herald/verify"
)

// Golden stores: a store made by an earlier Herald, committed under
// testdata/golden, that the current binary must open, migrate and deliver
// from. Each schema change adds one (HERALD_GOLDEN_WRITE=NAME go test
// -run TestGoldenStores ./cmd/herald writes testdata/golden/NAME with the
// binary of the checkout); none is ever regenerated.

// goldenManifest says what a golden store holds and how to check it.
type goldenManifest struct {
	Made      string           `json:"made"`       // the herald version that made it
	TenantKey string           `json:"tenant_key"` // a tenant key, still good
	Endpoints []goldenEndpoint `json:"endpoints"`
	// Failed are deliveries that failed for good, to the failing endpoint.
	Failed []string `json:"failed"`
}

// goldenEndpoint is an endpoint of the store: how its webhooks are
// checked and how many deliveries it had pending.
type goldenEndpoint struct {
	ID     string `json:"id"`
	Secret string `json:"secret,omitempty"` // the --secret herald receive takes
	Header string `json:"header,omitempty"`
	Scheme string `json:"scheme,omitempty"`
	Bearer string `json:"bearer,omitempty"`
	// Paused and Pending count its deliveries held by a pause, and
	// waiting (for a rate limit's slot).
	Paused  int  `json:"paused"`
	Pending int  `json:"pending"`
	Failing bool `json:"failing,omitempty"` // the endpoint of Failed
}

// goldenSchemes are the endpoints a golden store has: every signature
// scheme, and how herald receive checks each.
var goldenSchemes = []struct {
	endpoint map[string]any
	secret   func(made map[string]any) string
	header   string
	scheme   string
	bearer   string
}{
	{map[string]any{}, func(m map[string]any) string { return m["secret"].(string) }, "", "", ""},
	{map[string]any{"signature": "ed25519"}, func(m map[string]any) string { return m["public_key"].(string) }, "", "", ""},
	{map[string]any{"signature": "hmac-sha256-hex", "signature_header": "X-R2-Signature"},
		func(m map[string]any) string { return m["secret"].(string) }, "X-R2-Signature", "", ""},
	{map[string]any{"signature": "none", "bearer_token": "golden-token"}, func(map[string]any) string { return "" }, "", "", "golden-token"},
	{map[string]any{"preset": "leapocr-sdk"}, func(m map[string]any) string { return m["secret"].(string) }, "",
		`{"algorithm": "sha256", "encoding": "hex", "signed": "{timestamp}.{body}", "header": "X-Webhook-Signature", "value": "{signature}", "timestamp_header": "X-Webhook-Timestamp", "key": "utf8"}`, ""},
}

func TestGoldenStores(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	if name := os.Getenv("HERALD_GOLDEN_WRITE"); name != "" {
		writeGolden(t, filepath.Join("testdata", "golden", name), strings.HasPrefix(name, "postgres-"))
		return
	}
	dirs, _ := filepath.Glob(filepath.Join("testdata", "golden", "*-v*"))
	if len(dirs) == 0 {
		t.Fatal("no golden store under testdata/golden")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) { openGolden(t, dir) })
	}
}

// goldenSchema stands for the schema's name in a PostgreSQL golden dump.
const goldenSchema = "herald_golden_schema"

// writeGolden makes a golden store with the binary of this checkout: a
// tenant with a key, an endpoint of each scheme (paused, so that their
// deliveries stay pending), events, a batch, a job, a portal session, and
// deliveries that failed for good. On SQLite it is the store's file; on
// PostgreSQL a pg_dump of its schema (plain SQL with INSERTs).
func writeGolden(t *testing.T, out string, onPostgres bool) {
	dataDir := t.TempDir()
	refuse := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusBadRequest) }))
	defer refuse.Close()
	var storeFlags []string
	var schema, pgKey string
	if onPostgres {
		var dbURL string
		schema, dbURL = pgtest.Schema(t)
		pgKey = seal.EncodeKey(seal.NewKey())
		storeFlags = []string{"--database-url", dbURL, "--encryption-key", pgKey}
	}
	p := start(t, dataDir, storeFlags...)
	var m goldenManifest
	version, err := exec.Command(heraldBinary(t), "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	m.Made = strings.TrimSpace(string(version))
	p.mustPost(t, "/v1/tenants", map[string]any{"id": "acme", "name": "Acme"})
	var key struct {
		Key string `json:"key"`
	}
	p.apiJSON(t, "POST", "/v1/tenants/acme/keys", map[string]any{"name": "golden", "role": "tenant"}, &key)
	m.TenantKey = key.Key
	for _, s := range goldenSchemes {
		body := map[string]any{"url": "http://127.0.0.1:9/golden", "paused": true}
		for k, v := range s.endpoint {
			body[k] = v
		}
		var made map[string]any
		p.apiJSON(t, "POST", "/v1/tenants/acme/endpoints", body, &made)
		m.Endpoints = append(m.Endpoints, goldenEndpoint{ID: made["id"].(string), Secret: s.secret(made), Header: s.header, Scheme: s.scheme, Bearer: s.bearer})
	}
	var failing map[string]any
	p.apiJSON(t, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": refuse.URL + "/failing", "event_types": []string{"order.refused"}}, &failing)
	m.Endpoints = append(m.Endpoints, goldenEndpoint{ID: failing["id"].(string), Secret: failing["secret"].(string), Failing: true})
	// One request a minute, the first refused: the rest wait, pending.
	var limited map[string]any
	p.apiJSON(t, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": refuse.URL + "/limited", "rate_limit": map[string]any{"count": 1, "per": "minute"}}, &limited)
	m.Endpoints = append(m.Endpoints, goldenEndpoint{ID: limited["id"].(string), Secret: limited["secret"].(string)})
	for i := range 20 {
		p.mustPost(t, "/v1/tenants/acme/events", map[string]any{"id": fmt.Sprintf("golden-%d", i), "type": "job.completed", "data": map[string]any{"n": i}})
	}
	p.mustPost(t, "/v1/tenants/acme/events/batch", map[string]any{"events": []map[string]any{
		{"id": "golden-batch-1", "type": "order.paid", "data": map[string]any{}},
		{"id": "golden-batch-2", "type": "order.paid", "data": map[string]any{}},
	}})
	p.mustPost(t, "/v1/tenants/acme/jobs", map[string]any{"id": "golden-job", "type": "ocr"})
	p.mustPost(t, "/v1/tenants/acme/portal-sessions", map[string]any{})
	for i := range 2 {
		p.mustPost(t, "/v1/tenants/acme/events", map[string]any{"id": fmt.Sprintf("golden-refused-%d", i), "type": "order.refused", "data": map[string]any{}})
	}
	deadline := time.Now().Add(30 * time.Second)
	for len(m.Failed) < 2 {
		var failed struct {
			Data []struct {
				ID string `json:"id"`
			} `json:"data"`
		}
		p.apiJSON(t, "GET", "/v1/tenants/acme/deliveries?status=failed&endpoint_id="+failing["id"].(string), nil, &failed)
		m.Failed = m.Failed[:0]
		for _, d := range failed.Data {
			m.Failed = append(m.Failed, d.ID)
		}
		if time.Now().After(deadline) {
			t.Fatalf("the refused deliveries did not fail in time: %v", m.Failed)
		}
		time.Sleep(50 * time.Millisecond)
	}
	count := func(status, endpoint string) int {
		var list struct {
			Data []struct{} `json:"data"`
		}
		p.apiJSON(t, "GET", "/v1/tenants/acme/deliveries?limit=100&status="+status+"&endpoint_id="+endpoint, nil, &list)
		return len(list.Data)
	}
	for i, ep := range m.Endpoints {
		m.Endpoints[i].Paused, m.Endpoints[i].Pending = count("paused", ep.ID), count("pending", ep.ID)
	}
	if last := m.Endpoints[len(m.Endpoints)-1]; last.Pending == 0 {
		t.Fatalf("no delivery waits for the rate-limited endpoint: %+v", last)
	}
	p.stop(t)
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	var sealKey []byte
	if onPostgres {
		dump, err := exec.Command("pg_dump", "--schema="+schema, "--no-owner", "--no-privileges", "--inserts", pgtest.Server()).Output()
		if err != nil {
			t.Fatalf("pg_dump: %v", err)
		}
		// psql's own commands (\restrict) are not SQL: the dump is loaded
		// through a driver.
		var lines []string
		for line := range strings.Lines(strings.ReplaceAll(string(dump), schema, goldenSchema)) {
			if !strings.HasPrefix(line, `\`) {
				lines = append(lines, line)
			}
		}
		sql := strings.Join(lines, "")
		if err := os.WriteFile(filepath.Join(out, "herald.sql"), []byte(sql), 0o644); err != nil {
			t.Fatal(err)
		}
		sealKey = []byte(pgKey + "\n")
	} else {
		// The store as herald backup copies it: one file, whole.
		if b, err := exec.Command(heraldBinary(t), "backup", "--data-dir", dataDir, "--out", filepath.Join(out, "herald.db")).CombinedOutput(); err != nil {
			t.Fatalf("herald backup: %v\n%s", err, b)
		}
		if sealKey, err = os.ReadFile(filepath.Join(dataDir, "encryption.key")); err != nil {
			t.Fatal(err)
		}
	}
	// A key for this test store alone, committed beside it.
	if err := os.WriteFile(filepath.Join(out, "encryption.key"), sealKey, 0o644); err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(m, "", "  ")
	if err := os.WriteFile(filepath.Join(out, "manifest.json"), append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s: %+v", out, m)
}

// goldenReceiver checks each request with its endpoint's checkers (by
// path) and counts, per endpoint, those that verify and those that do not.
type goldenReceiver struct {
	checks  map[string][]verify.Checker
	mu      sync.Mutex
	ok, bad map[string]int
	arrived chan struct{}
}

func (g *goldenReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	id := strings.TrimPrefix(r.URL.Path, "/")
	verified := len(g.checks[id]) > 0
	for _, c := range g.checks[id] {
		if c.Verify(r.Header, body) != nil {
			verified = false
		}
	}
	g.mu.Lock()
	if verified {
		g.ok[id]++
	} else {
		g.bad[id]++
	}
	g.mu.Unlock()
	select {
	case g.arrived <- struct{}{}:
	default:
	}
}

// openGolden starts the current binary on a copy of the golden store in
// dir, points its endpoints at a receiver and resumes them: every pending
// delivery arrives, verifying with the secret it was made with; a failed
// one, retried, too; the tenant key still works.
func openGolden(t *testing.T, dir string) {
	var m goldenManifest
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	dataDir := t.TempDir()
	var storeFlags []string
	if strings.HasPrefix(filepath.Base(dir), "postgres-") {
		storeFlags = loadGoldenDump(t, dir)
	} else {
		for _, f := range []string{"herald.db", "encryption.key"} {
			b, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dataDir, f), b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	rcv := &goldenReceiver{checks: map[string][]verify.Checker{}, ok: map[string]int{}, bad: map[string]int{}, arrived: make(chan struct{}, 1)}
	for _, ep := range m.Endpoints {
		checks, err := receiveChecks(ep.Secret, ep.Header, ep.Scheme, ep.Bearer)
		if err != nil {
			t.Fatal(err)
		}
		rcv.checks[ep.ID] = checks
	}
	srv := httptest.NewServer(rcv)
	defer srv.Close()
	p := start(t, dataDir, storeFlags...) // migrates the store to this binary's schema
	for _, ep := range m.Endpoints {
		// The receiver is another origin: a stored bearer token follows
		// the URL only when given again (endpointspec's move rule).
		body := map[string]any{"url": srv.URL + "/" + ep.ID, "paused": false, "rate_limit": nil}
		if ep.Bearer != "" {
			body["bearer_token"] = ep.Bearer
		}
		p.apiJSON(t, "PATCH", "/v1/tenants/acme/endpoints/"+ep.ID, body, nil)
	}
	for _, id := range m.Failed {
		p.mustPost(t, "/v1/tenants/acme/deliveries/"+id+"/retry", map[string]any{})
	}
	want := map[string]int{}
	for _, ep := range m.Endpoints {
		want[ep.ID] = ep.Paused + ep.Pending
		if ep.Failing {
			want[ep.ID] += len(m.Failed)
		}
	}
	deadline := time.After(60 * time.Second)
	for {
		rcv.mu.Lock()
		done := true
		for id, n := range want {
			if rcv.ok[id] < n {
				done = false
			}
		}
		bad := maps2string(rcv.bad)
		rcv.mu.Unlock()
		if bad != "" {
			t.Fatalf("webhooks from the golden store that did not verify, by endpoint: %s", bad)
		}
		if done {
			break
		}
		select {
		case <-rcv.arrived:
		case <-deadline:
			rcv.mu.Lock()
			defer rcv.mu.Unlock()
			t.Fatalf("not every pending delivery of the golden store arrived: got %v, want %v\n%s", rcv.ok, want, p.log.String())
		}
	}
	req, _ := http.NewRequest("GET", "http://"+p.addr+"/v1/tenants/acme/endpoints", nil)
	req.Header.Set("Authorization", "Bearer "+m.TenantKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the golden store's tenant key: GET endpoints = %d", resp.StatusCode)
	}
}

func maps2string(m map[string]int) string {
	var parts []string
	for k, v := range m {
		if v > 0 {
			parts = append(parts, fmt.Sprintf("%s=%d", k, v))
		}
	}
	slices.Sort(parts)
	return strings.Join(parts, " ")
}

// loadGoldenDump loads a PostgreSQL golden dump into a schema of the
// test's own and returns the flags that start a node on it.
func loadGoldenDump(t *testing.T, dir string) []string {
	schema, dbURL := pgtest.Schema(t)
	dump, err := os.ReadFile(filepath.Join(dir, "herald.sql"))
	if err != nil {
		t.Fatal(err)
	}
	key, err := os.ReadFile(filepath.Join(dir, "encryption.key"))
	if err != nil {
		t.Fatal(err)
	}
	// The schema exists already (pgtest made it); the rest of the dump
	// is plain SQL, run as one simple-protocol batch.
	sql := strings.Replace(string(dump), "CREATE SCHEMA "+goldenSchema+";", "", 1)
	sql = strings.ReplaceAll(sql, goldenSchema, schema)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgtest.Server())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("loading %s: %v", dir, err)
	}
	return []string{"--database-url", dbURL, "--encryption-key", strings.TrimSpace(string(key))}
}
