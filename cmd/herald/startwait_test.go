package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/startgate"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/postgres/pgtest"
)

// switchProxy is a TCP proxy on loopback to the test's PostgreSQL that,
// until up is set, closes every connection it accepts: a database that
// is not there yet, which then appears.
type switchProxy struct {
	ln     net.Listener
	target string
	up     atomic.Bool
	closed atomic.Int64 // connections closed while not up: tries
	wg     sync.WaitGroup
}

func newSwitchProxy(t *testing.T, target string) *switchProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &switchProxy{ln: ln, target: target}
	p.wg.Go(p.accept)
	t.Cleanup(func() { ln.Close(); p.wg.Wait() })
	return p
}

func (p *switchProxy) accept() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		if !p.up.Load() {
			c.Close()
			p.closed.Add(1)
			continue
		}
		p.wg.Go(func() {
			defer c.Close()
			d, err := net.Dial("tcp", p.target)
			if err != nil {
				return
			}
			defer d.Close()
			done := make(chan struct{}, 2)
			go func() { _, _ = io.Copy(d, c); done <- struct{}{} }()
			go func() { _, _ = io.Copy(c, d); done <- struct{}{} }()
			<-done
		})
	}
}

var listeningRE = regexp.MustCompile(`msg="listening; opening the store".* listen=(\S+)`)

// poll waits for cond, failing if the process exits or ctx ends: the
// loop ends on the condition, the deadline is only a bound.
func (p *process) poll(t *testing.T, ctx context.Context, what string, cond func() bool) {
	t.Helper()
	for !cond() {
		select {
		case err := <-p.done:
			t.Fatalf("herald exited while waiting for %s: %v\n%s", what, err, p.log.String())
		case <-ctx.Done():
			t.Fatalf("%s: not within the deadline\n%s", what, p.log.String())
		case <-time.After(25 * time.Millisecond):
		}
	}
}

// addrFrom sets p.addr from the first log line re matches, and reports
// whether it is known.
func (p *process) addrFrom(re *regexp.Regexp) bool {
	if p.addr == "" {
		if m := re.FindStringSubmatch(p.log.String()); m != nil {
			p.addr = m[1]
		}
	}
	return p.addr != ""
}

// readyz returns /readyz's status and reason.
func readyz(addr string) (int, string, error) {
	resp, err := http.Get("http://" + addr + "/readyz")
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	var body struct{ Reason string }
	raw, _ := io.ReadAll(resp.Body)
	_ = json.Unmarshal(raw, &body)
	return resp.StatusCode, body.Reason, nil
}

// TestStartWaitsForDatabase starts the real binary on a PostgreSQL that
// is not there yet (connections refused), whose role or database is not
// made yet (authentication not set up), and on one whose migration fails
// halfway: each time the node comes up alive and not ready, saying
// why in a few words, does not exit, and becomes ready and delivers once
// the database is there.
func TestStartWaitsForDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	t.Run("unreachable", func(t *testing.T) {
		_, dbURL := pgtest.Schema(t)
		u, err := url.Parse(dbURL)
		if err != nil {
			t.Fatal(err)
		}
		proxy := newSwitchProxy(t, u.Host)
		u.Host = proxy.ln.Addr().String()
		waitsForDatabase(t, u.String(), store.ReasonUnreachable, "", func() bool { return proxy.closed.Load() >= 3 }, func() { proxy.up.Store(true) })
	})
	// Authentication not set up yet: the role the URL names does not
	// exist (the test server trusts every role that does), then is made.
	t.Run("role not yet made", func(t *testing.T) {
		schema, dbURL := pgtest.Schema(t)
		ctx := context.Background()
		conn := pgConn(t)
		role := schema + "_rw"
		t.Cleanup(func() {
			// The node has ended (its cleanup runs first): the tables
			// the role made go with it.
			_, _ = conn.Exec(ctx, `DROP OWNED BY `+role)
			if _, err := conn.Exec(ctx, `DROP ROLE IF EXISTS `+role); err != nil {
				t.Errorf("dropping role %s: %v", role, err)
			}
		})
		u, err := url.Parse(dbURL)
		if err != nil {
			t.Fatal(err)
		}
		u.User = url.User(role)
		waitsForDatabase(t, u.String(), startgate.ReasonOther, `role \"`+role+`\" does not exist`, nil, func() {
			if _, err := conn.Exec(ctx, `CREATE ROLE `+role+` LOGIN`); err != nil {
				t.Fatal(err)
			}
			if _, err := conn.Exec(ctx, `GRANT USAGE, CREATE ON SCHEMA `+schema+` TO `+role); err != nil {
				t.Fatal(err)
			}
		})
	})
	t.Run("database not yet made", func(t *testing.T) {
		schema, _ := pgtest.Schema(t) // for a unique name
		ctx := context.Background()
		conn := pgConn(t)
		name := schema + "_db"
		t.Cleanup(func() {
			if _, err := conn.Exec(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
				t.Errorf("dropping database %s: %v", name, err)
			}
		})
		u, err := url.Parse(pgtest.Server())
		if err != nil {
			t.Fatal(err)
		}
		u.Path = "/" + name
		waitsForDatabase(t, u.String(), startgate.ReasonOther, `database \"`+name+`\" does not exist`, nil, func() {
			if _, err := conn.Exec(ctx, `CREATE DATABASE `+name); err != nil {
				t.Fatal(err)
			}
		})
	})
	t.Run("migration fails halfway", func(t *testing.T) {
		schema, dbURL := pgtest.Schema(t)
		ctx := context.Background()
		conn, err := pgx.Connect(ctx, pgtest.Server())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		// Migration 6 makes this table: the first five apply, the sixth fails.
		if _, err := conn.Exec(ctx, `CREATE TABLE `+schema+`.deliveries_due (in_the_way int)`); err != nil {
			t.Fatal(err)
		}
		waitsForDatabase(t, dbURL, startgate.ReasonOther, "", nil, func() {
			if _, err := conn.Exec(ctx, `DROP TABLE `+schema+`.deliveries_due`); err != nil {
				t.Fatal(err)
			}
		})
	})
}

// TestStartWaitsForDNS opens the store as serve does, on a --database-url
// whose host name does not resolve yet (a resolver of the test's own: no
// DNS leaves the machine), then is published: the node is alive, not
// ready for the unreachable reason without the name in it, logs the
// resolver's error, tries again, and opens the store once the name
// resolves.
func TestStartWaitsForDNS(t *testing.T) {
	_, dbURL := pgtest.Schema(t)
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	_, port, err := net.SplitHostPort(u.Host)
	if err != nil {
		t.Fatal(err)
	}
	const host = "db.herald.invalid"
	u.Host = net.JoinHostPort(host, port)
	var published atomic.Bool
	tries := make(chan struct{}, 64)
	c := serveConfig{databaseURL: u.String(), listen: "127.0.0.1:0", encryptionKey: seal.EncodeKey(seal.NewKey()),
		lookupHost: func(ctx context.Context, name string) ([]string, error) {
			if name != host {
				t.Errorf("resolving %q, which the test did not give", name)
				return nil, &net.DNSError{Err: "not the test's", Name: name, IsNotFound: true}
			}
			if !published.Load() {
				select {
				case tries <- struct{}{}:
				default:
				}
				return nil, &net.DNSError{Err: "no such host", Name: name, IsNotFound: true}
			}
			return []string{"127.0.0.1"}, nil
		}}
	logs := &syncBuffer{}
	gate := startgate.New()
	srv := httptest.NewServer(gate)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	type opened struct {
		db  *openedStore
		err error
	}
	done := make(chan opened, 1)
	go func() {
		db, err := c.openStore(ctx, slog.New(slog.NewTextHandler(logs, nil)), gate)
		done <- opened{db, err}
	}()
	for range 3 {
		select {
		case <-tries:
		case r := <-done:
			t.Fatalf("openStore returned before the name resolved: %v", r.err)
		case <-ctx.Done():
			t.Fatal("the store was not tried three times")
		}
	}
	addr := strings.TrimPrefix(srv.URL, "http://")
	code, reason, err := readyz(addr)
	if err != nil || code != http.StatusServiceUnavailable || reason != store.ReasonUnreachable {
		t.Fatalf("/readyz while the name does not resolve: %d %q %v, want 503 %q", code, reason, err, store.ReasonUnreachable)
	}
	if resp, err := http.Get(srv.URL + "/healthz"); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("/healthz while the name does not resolve: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
	if !strings.Contains(logs.String(), "no such host") || !strings.Contains(logs.String(), host) {
		t.Fatalf("the log does not give the resolver's error:\n%s", logs.String())
	}
	published.Store(true)
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatalf("openStore once the name resolves: %v\n%s", r.err, logs.String())
		}
		r.db.close(ctx)
	case <-ctx.Done():
		t.Fatalf("the store did not open once the name resolved\n%s", logs.String())
	}
}

// pgConn connects to the test server as its superuser, closed when the
// test ends.
func pgConn(t *testing.T) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), pgtest.Server())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// waitsForDatabase starts a node on dbURL, checks it waits, not ready for
// wantReason, until mend makes the database usable; triedThrice, when not
// nil, reports that the node has tried three times.
func waitsForDatabase(t *testing.T, dbURL, wantReason, wantLog string, triedThrice func() bool, mend func()) {
	got := make(chan string, 16)
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case got <- r.Header.Get("webhook-id"):
		default:
		}
	}))
	defer rcv.Close()
	p := launch(t, nil, "serve", "--listen", "127.0.0.1:0", "--data-dir", t.TempDir(), "--admin-key", testAdminKey,
		"--allow-cidr", "127.0.0.0/8", "--allow-http", "--database-url", dbURL, "--encryption-key", seal.EncodeKey(seal.NewKey()))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	poll := func(what string, cond func() bool) {
		t.Helper()
		p.poll(t, ctx, what, cond)
	}
	poll("the log line with the address", func() bool { return p.addrFrom(listeningRE) })
	// Not ready, for the reason the store's error maps to (the gate says
	// "starting" until the first try has failed).
	var reason string
	poll("/readyz to give the reason", func() bool {
		code, r, err := readyz(p.addr)
		reason = r
		return err == nil && code == http.StatusServiceUnavailable && r != startgate.ReasonStarting
	})
	if reason != wantReason {
		t.Fatalf("/readyz reason %q, want %q", reason, wantReason)
	}
	if strings.Contains(reason, "127.0.0.1") || strings.Contains(reason, "postgres") {
		t.Fatalf("/readyz shows the raw error: %q", reason)
	}
	// The raw error, which /readyz keeps to itself, is in the log.
	if wantLog != "" {
		poll("the raw error in the log", func() bool { return strings.Contains(p.log.String(), wantLog) })
	}
	resp, err := http.Get("http://" + p.addr + "/healthz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("/healthz while waiting for the database: %v %v", resp, err)
	}
	resp.Body.Close()
	if code, err := p.post("/v1/tenants", map[string]any{"id": "acme", "name": "Acme"}); err != nil || code != http.StatusServiceUnavailable {
		t.Fatalf("POST /v1/tenants while waiting: %d %v, want 503", code, err)
	}
	// The raw error is in the log, once per interval however often it is
	// tried: three tries within the first seconds, one line.
	if triedThrice != nil {
		poll("three tries", triedThrice)
		if n := strings.Count(p.log.String(), "the store did not open"); n != 1 || !strings.Contains(p.log.String(), "err=") {
			t.Fatalf("%d log lines for the failing store within its first seconds, want 1 with the error\n%s", n, p.log.String())
		}
	}
	mend()
	poll("/readyz 200 once the database is there", func() bool {
		code, _, err := readyz(p.addr)
		return err == nil && code == http.StatusOK
	})
	p.mustPost(t, "/v1/tenants", map[string]any{"id": "acme", "name": "Acme"})
	p.mustPost(t, "/v1/tenants/acme/endpoints", map[string]any{"url": rcv.URL})
	p.mustPost(t, "/v1/tenants/acme/events", map[string]any{"id": "after-the-wait", "type": "job.completed", "data": map[string]any{}})
	select {
	case id := <-got:
		if id != "after-the-wait" {
			t.Fatalf("the receiver got %q", id)
		}
	case <-ctx.Done():
		t.Fatalf("the event did not arrive\n%s", p.log.String())
	}
}
