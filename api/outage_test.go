package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/postgres"
	"github.com/heraldhq/herald/store/postgres/pgtest"
	"github.com/heraldhq/herald/store/sqlite"
)

type errorAnswer struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// get answers a GET without a key (for /readyz).
func (h *harness) get(path string) (int, http.Header, string) {
	h.t.Helper()
	resp, err := h.client.Get(h.url + path)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// post sends an event and returns the status, the Retry-After header and
// the error answer.
func (h *harness) postEvent(tenant string, data string) (int, string, errorAnswer) {
	h.t.Helper()
	req, _ := http.NewRequest("POST", h.url+"/v1/tenants/"+tenant+"/events", strings.NewReader(`{"type":"job.completed","data":{"blob":"`+data+`"}}`))
	req.Header.Set("Authorization", "Bearer "+adminKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := h.client.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	var e errorAnswer
	_ = json.NewDecoder(resp.Body).Decode(&e)
	return resp.StatusCode, resp.Header.Get("Retry-After"), e
}

// A full store (here SQLite at its size cap, which fails as a full disk
// does, with SQLITE_FULL) answers writes 503 with Retry-After, and
// /readyz says not ready with a short reason and no file path; once space
// is freed, both recover. This answered 500 "internal", and /readyz 200.
func TestFullStorageIs503(t *testing.T) {
	dir := t.TempDir()
	h := newHarness(t, func(o *options) {
		o.maxPayload = 1 << 20
		o.store = func(t *testing.T, box *seal.Box) store.Store {
			db, err := sqlite.Open(context.Background(), sqlite.Config{Path: filepath.Join(dir, "herald.db"), Box: box, MaxSizeBytes: 2 << 20})
			if err != nil {
				t.Fatal(err)
			}
			return db
		}
	})
	h.tenant("acme")
	h.tenant("spare")
	blob := strings.Repeat("x", 100<<10)
	full := false
	for range 40 { // 4 MB into a 2 MiB cap
		code, retryAfter, e := h.postEvent("acme", blob)
		if code == 202 {
			continue
		}
		if code != 503 || e.Error.Code != "unavailable" || retryAfter == "" || !strings.Contains(e.Error.Message, "storage is full") {
			t.Fatalf("an event into a full store = %d Retry-After %q %+v, want 503 unavailable with Retry-After, saying storage is full", code, retryAfter, e)
		}
		full = true
		break
	}
	if !full {
		t.Fatal("40 events of 100 KiB fitted under a 2 MiB cap")
	}
	code, hdr, body := h.get("/readyz")
	if code != 503 || hdr.Get("Retry-After") == "" || !strings.Contains(body, "storage is full") || strings.Contains(body, dir) {
		t.Fatalf("/readyz on a full store = %d %s, want 503 saying storage is full, without the file's path", code, body)
	}
	// Deleting a tenant frees its pages; the store is writable and ready.
	h.must(204, "DELETE", "/v1/tenants/acme", nil, nil)
	if code, _, body := h.get("/readyz"); code != 200 {
		t.Fatalf("/readyz once space is freed = %d %s, want 200", code, body)
	}
	if code, _, e := h.postEvent("spare", "small"); code != 202 {
		t.Fatalf("an event once space is freed = %d %+v, want 202", code, e)
	}
}

// A PostgreSQL that cannot be reached (here, behind a loopback proxy the
// test cuts) answers 503 with Retry-After and code unavailable, not 500;
// /readyz says not ready without the database's address; when the
// database is back, so is Herald.
func TestDatabaseOutageIs503(t *testing.T) {
	name, _ := pgtest.Schema(t)
	target, err := url.Parse(pgtest.Server())
	if err != nil {
		t.Fatal(err)
	}
	proxy := newCuttableProxy(t, target.Host)
	via := *target
	via.Host = proxy.addr
	h := newHarness(t, func(o *options) {
		o.store = func(t *testing.T, box *seal.Box) store.Store {
			db, err := postgres.Open(context.Background(), postgres.Config{URL: via.String(), Box: box, SearchPath: name})
			if err != nil {
				t.Fatal(err)
			}
			return db
		}
	})
	h.tenant("acme")
	if code, _, e := h.postEvent("acme", "before"); code != 202 {
		t.Fatalf("an event before the outage = %d %+v", code, e)
	}
	proxy.cut()
	code, retryAfter, e := h.postEvent("acme", "during")
	if code != 503 || e.Error.Code != "unavailable" || retryAfter == "" || !strings.Contains(e.Error.Message, "unreachable") {
		t.Fatalf("an event while the database is unreachable = %d Retry-After %q %+v, want 503 unavailable with Retry-After", code, retryAfter, e)
	}
	var answer errorAnswer
	if code := h.call("GET", "/v1/tenants/acme/events", adminKey, nil, &answer); code != 503 || answer.Error.Code != "unavailable" {
		t.Fatalf("a read while the database is unreachable = %d %+v, want 503", code, answer)
	}
	code, _, body := h.get("/readyz")
	if code != 503 || strings.Contains(body, proxy.addr) || strings.Contains(body, target.Host) {
		t.Fatalf("/readyz while the database is unreachable = %d %s, want 503 without the database's address", code, body)
	}
	proxy.restore()
	if code, _, body := h.get("/readyz"); code != 200 {
		t.Fatalf("/readyz once the database is back = %d %s", code, body)
	}
	if code, _, e := h.postEvent("acme", "after"); code != 202 {
		t.Fatalf("an event once the database is back = %d %+v", code, e)
	}
}

// cuttableProxy forwards loopback TCP connections to a server until cut:
// then it drops every open connection and refuses new ones, as a database
// that went away does, until restored.
type cuttableProxy struct {
	addr   string
	target string
	mu     sync.Mutex
	down   bool
	conns  map[net.Conn]bool
}

func newCuttableProxy(t *testing.T, target string) *cuttableProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cuttableProxy{addr: ln.Addr().String(), target: target, conns: map[net.Conn]bool{}}
	t.Cleanup(func() { ln.Close(); p.cut() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.serve(c)
		}
	}()
	return p
}

func (p *cuttableProxy) serve(c net.Conn) {
	p.mu.Lock()
	down := p.down
	p.mu.Unlock()
	if down {
		c.Close()
		return
	}
	up, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	p.conns[c], p.conns[up] = true, true
	p.mu.Unlock()
	go func() { _, _ = io.Copy(up, c); up.Close() }()
	_, _ = io.Copy(c, up)
	c.Close()
}

func (p *cuttableProxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = true
	for c := range p.conns {
		c.Close()
	}
	clear(p.conns)
}

func (p *cuttableProxy) restore() {
	p.mu.Lock()
	p.down = false
	p.mu.Unlock()
}
