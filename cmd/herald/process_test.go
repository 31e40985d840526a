package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/store/postgres/pgtest"
)

const testAdminKey = "hk_process_test_admin_key_0123"

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// heraldBinary builds the real command once per test run.
func heraldBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "herald-bin")
		if err != nil {
			buildErr = err
			return
		}
		binary = filepath.Join(dir, "herald")
		out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binary
}

type process struct {
	cmd     *exec.Cmd
	addr    string
	log     *syncBuffer
	done    chan error
	endOnce sync.Once // for end
}

// syncBuffer collects a process's output while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// listenRE finds the address in Herald's "serving" log line.
var listenRE = regexp.MustCompile(`msg="herald is serving".* listen=(\S+)`)

// start runs herald on a port the kernel picks (no race with other tests
// for a port chosen in advance) and waits until it is ready.
func start(t *testing.T, dataDir string, extra ...string) *process {
	t.Helper()
	return startWith(t, nil, dataDir, extra...)
}

// startWith is start with env added to the test's environment.
func startWith(t *testing.T, env []string, dataDir string, extra ...string) *process {
	t.Helper()
	args := append([]string{"serve", "--listen", "127.0.0.1:0", "--data-dir", dataDir, "--admin-key", testAdminKey,
		"--allow-cidr", "127.0.0.0/8", "--allow-http", "--node-id", "process-test", "--log-level", "info"}, extra...)
	p := launch(t, env, args...)
	log := p.log
	deadline := time.Now().Add(20 * time.Second)
	for {
		if p.addr == "" {
			if m := listenRE.FindStringSubmatch(log.String()); m != nil {
				p.addr = m[1]
			}
		}
		resp, err := http.Get("http://" + p.addr + "/readyz")
		if p.addr == "" {
			err = errors.New("not listening yet")
		}
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p
			}
		}
		select {
		case err := <-p.done:
			t.Fatalf("herald exited before it was ready: %v\n%s", err, log.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("herald was not ready in time\n%s", log.String())
		}
	}
}

// launch starts herald with args (and env added to the test's), collects
// its output, and ends it when the test ends, without waiting for it to
// be ready: for tests that watch it start.
func launch(t *testing.T, env []string, args ...string) *process {
	t.Helper()
	cmd := exec.Command(heraldBinary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	log := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &process{cmd: cmd, log: log, done: make(chan error, 1)}
	go func() { p.done <- cmd.Wait() }()
	t.Cleanup(p.end)
	return p
}

// end kills the process, if it still runs, and waits for it; it may be
// called more than once.
func (p *process) end() {
	p.endOnce.Do(func() {
		if p.cmd.ProcessState != nil {
			return // the test waited for its exit already (it read done)
		}
		_ = p.cmd.Process.Kill() // only the process this test started, by PID
		<-p.done
	})
}

// stop ends the process with SIGTERM, as an operator would, and waits
// for a clean exit: attempts in flight finish, the rest is handed back,
// spans not yet exported go.
func (p *process) stop(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-p.done:
		if err != nil {
			t.Fatalf("herald exited with %v after SIGTERM\n%s", err, p.log.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("herald did not exit within 30s of SIGTERM\n%s", p.log.String())
	}
}

func (p *process) post(path string, body any) (int, error) {
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", "http://"+p.addr+path, bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer "+testAdminKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

func (p *process) mustPost(t *testing.T, path string, body any) {
	t.Helper()
	code, err := p.post(path, body)
	if err != nil || code/100 != 2 {
		t.Fatalf("POST %s = %d %v\n%s", path, code, err, p.log.String())
	}
}

// seen records the webhook-ids a receiver answered 2xx, by path.
type seen struct {
	mu  sync.Mutex
	ids map[string]int // by path + " " + webhook-id
	// answerFirst, when above 0, is how many requests are answered before
	// the receiver starts holding every later one until it is released or
	// its client goes away, unanswered and unrecorded.
	answerFirst int
	answered    int
	holding     chan struct{} // closed when the first request is held
	release     chan struct{} // closed to answer held and later requests
}

func newSeen(answerFirst int) *seen {
	return &seen{ids: map[string]int{}, answerFirst: answerFirst, holding: make(chan struct{}), release: make(chan struct{})}
}

func (s *seen) handler() http.Handler {
	var holdOnce sync.Once
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		s.mu.Lock()
		hold := s.answerFirst > 0 && s.answered >= s.answerFirst
		if !hold {
			s.answered++
		}
		s.mu.Unlock()
		if hold {
			holdOnce.Do(func() { close(s.holding) })
			select {
			case <-s.release:
			case <-r.Context().Done():
				return // the sender is gone: it never hears an answer
			}
		}
		s.mu.Lock()
		s.ids[r.URL.Path+" "+r.Header.Get("webhook-id")]++
		s.mu.Unlock()
		w.WriteHeader(http.StatusOK)
	})
}

// missing returns the ids of want not yet answered on every one of paths.
func (s *seen) missing(want []string, paths ...string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, id := range want {
		for _, p := range paths {
			if s.ids[p+" "+id] == 0 {
				out = append(out, id)
				break
			}
		}
	}
	return out
}

// duplicates counts the deliveries answered 2xx more than once.
func (s *seen) duplicates() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.ids {
		n += c - 1
	}
	return n
}

// TestCrashLosesNothingAcknowledged kills the real binary with SIGKILL
// while clients are posting events, restarts it on the same data, and
// checks that every event whose POST was answered 2xx reaches the receiver.
func TestCrashLosesNothingAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	t.Run("sqlite", func(t *testing.T) { crashLosesNothing(t) })
	t.Run("postgres", func(t *testing.T) {
		_, dbURL := pgtest.Schema(t)
		crashLosesNothing(t, "--database-url", dbURL, "--encryption-key", seal.EncodeKey(seal.NewKey()))
	})
}

// crashLosesNothing is TestCrashLosesNothingAcknowledged on the store that
// storeFlags choose (none: SQLite in a data directory).
//
// The crash point does not depend on the machine's speed: the receiver
// answers its first 600 requests and then holds every later one, so at
// the kill some deliveries have been answered, some are in flight, and
// most acknowledged events are still waiting, on any machine.
func crashLosesNothing(t *testing.T, storeFlags ...string) {
	const answerFirst = 600
	got := newSeen(answerFirst)
	rcv := httptest.NewServer(got.handler())
	defer rcv.Close()
	dataDir := t.TempDir()

	p := start(t, dataDir, storeFlags...)
	p.mustPost(t, "/v1/tenants", map[string]any{"id": "acme", "name": "Acme"})
	// Two endpoints, so each event fans out to two deliveries.
	p.mustPost(t, "/v1/tenants/acme/endpoints", map[string]any{"url": rcv.URL + "/a"})
	p.mustPost(t, "/v1/tenants/acme/endpoints", map[string]any{"url": rcv.URL + "/b"})

	var (
		mu       sync.Mutex
		acked    []string
		next     atomic.Int64
		wg       sync.WaitGroup
		enough   = make(chan struct{}) // closed at 400 acknowledged
		onceEnuf sync.Once
	)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for range 8 {
		wg.Go(func() {
			for ctx.Err() == nil {
				id := fmt.Sprintf("e-%d", next.Add(1))
				code, err := p.post("/v1/tenants/acme/events", map[string]any{"id": id, "type": "job.completed", "data": map[string]any{"n": id}})
				if err != nil {
					return // the process is gone
				}
				if code/100 == 2 {
					mu.Lock()
					acked = append(acked, id)
					if len(acked) >= 400 {
						onceEnuf.Do(func() { close(enough) })
					}
					mu.Unlock()
				}
			}
		})
	}
	// Kill once 400 events are acknowledged and the receiver holds
	// attempts: inside the stream of writes and attempts, not after it.
	for _, c := range []chan struct{}{enough, got.holding} {
		select {
		case <-c:
		case <-ctx.Done():
			t.Fatalf("the receiver did not start holding, or fewer than 400 events were acknowledged, before the deadline\n%s", p.log.String())
		}
	}
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-p.done
	cancel()
	wg.Wait()
	mu.Lock()
	want := append([]string(nil), acked...)
	mu.Unlock()
	before := len(got.missing(want, "/a", "/b"))
	t.Logf("killed with %d events acknowledged, %d of them not yet answered on both endpoints", len(want), before)
	if before == 0 {
		t.Fatalf("all %d acknowledged events were answered before the kill, although the receiver answers only %d requests", len(want), answerFirst)
	}
	close(got.release)

	start(t, dataDir, storeFlags...)
	deadline := time.Now().Add(60 * time.Second)
	for {
		missing := got.missing(want, "/a", "/b")
		if len(missing) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d acknowledged events did not reach both endpoints after the restart, e.g. %v", len(missing), missing[:min(5, len(missing))])
		}
		time.Sleep(20 * time.Millisecond)
	}
	// A receiver sees again only what was in flight at the kill: attempts
	// under way (at most 512) and answered outcomes not yet written (at
	// most 512), as docs/architecture.md says.
	dups := got.duplicates()
	t.Logf("duplicates after the restart: %d", dups)
	if dups > 512+512 {
		t.Fatalf("%d deliveries answered twice, more than the documented bound of 1,024", dups)
	}
}

// TestGracefulShutdown sends SIGTERM and expects a clean exit within the
// shutdown bound, and a restart that finds the data intact.
func TestGracefulShutdown(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	got := newSeen(0)
	rcv := httptest.NewServer(got.handler())
	defer rcv.Close()
	dataDir := t.TempDir()
	p := start(t, dataDir, "--shutdown-timeout", "5s")
	p.mustPost(t, "/v1/tenants", map[string]any{"id": "acme", "name": "Acme"})
	p.mustPost(t, "/v1/tenants/acme/endpoints", map[string]any{"url": rcv.URL})
	for i := range 50 {
		p.mustPost(t, "/v1/tenants/acme/events", map[string]any{"id": fmt.Sprintf("g-%d", i), "type": "x", "data": map[string]any{}})
	}
	p.stop(t)
	// A second process can take the data directory at once: the lock is
	// gone, and whatever was not delivered yet is delivered now.
	start(t, dataDir)
	want := make([]string, 50)
	for i := range want {
		want[i] = fmt.Sprintf("g-%d", i)
	}
	deadline := time.Now().Add(30 * time.Second)
	for len(got.missing(want, "/")) > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("events missing after a graceful restart: %v", got.missing(want, "/"))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestDataDirLock refuses a second process on the same store.
func TestDataDirLock(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dataDir := t.TempDir()
	start(t, dataDir)
	cmd := exec.Command(heraldBinary(t), "serve", "--listen", "127.0.0.1:0", "--data-dir", dataDir, "--admin-key", testAdminKey)
	out, err := cmd.CombinedOutput()
	if err == nil || !bytes.Contains(out, []byte("in use by another Herald process")) {
		t.Fatalf("a second herald on the same data directory: %v\n%s", err, out)
	}
}

// TestSeveralNodesOnPostgres runs two herald processes on one PostgreSQL
// database. Events posted to either node reach every endpoint, each exactly
// once in normal running, whichever node accepted them; an endpoint made
// on one node is used by the other.
func TestSeveralNodesOnPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	_, dbURL := pgtest.Schema(t)
	key := seal.EncodeKey(seal.NewKey())
	got := newSeen(0)
	rcv := httptest.NewServer(got.handler())
	defer rcv.Close()
	nodes := []*process{
		start(t, t.TempDir(), "--database-url", dbURL, "--encryption-key", key, "--node-id", "node-a"),
		start(t, t.TempDir(), "--database-url", dbURL, "--encryption-key", key, "--node-id", "node-b"),
	}
	nodes[0].mustPost(t, "/v1/tenants", map[string]any{"id": "acme", "name": "Acme"})
	nodes[1].mustPost(t, "/v1/tenants/acme/endpoints", map[string]any{"url": rcv.URL + "/a"})
	nodes[0].mustPost(t, "/v1/tenants/acme/endpoints", map[string]any{"url": rcv.URL + "/b"})

	const perNode = 150
	var want []string
	var wg sync.WaitGroup
	for n, p := range nodes {
		for i := range perNode {
			want = append(want, fmt.Sprintf("n%d-%d", n, i))
		}
		wg.Go(func() {
			for i := range perNode {
				body := map[string]any{"id": fmt.Sprintf("n%d-%d", n, i), "type": "job.completed", "data": map[string]any{"i": i}}
				if code, err := p.post("/v1/tenants/acme/events", body); err != nil || code/100 != 2 {
					t.Errorf("node %d: POST event = %d %v", n, code, err)
					return
				}
			}
		})
	}
	wg.Wait()
	deadline := time.Now().Add(30 * time.Second)
	for len(got.missing(want, "/a", "/b")) > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d events did not reach both endpoints, e.g. %v\nnode a:\n%s\nnode b:\n%s", len(got.missing(want, "/a", "/b")),
				got.missing(want, "/a", "/b")[:1], nodes[0].log.String(), nodes[1].log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	// A second arrival at one endpoint would be a delivery made twice; it
	// may come late (a node taking over a lease it thought lost), so count
	// only once everything has settled: both nodes stopped (an attempt in
	// flight finishes first) and no delivery left that either could make.
	for _, p := range nodes {
		p.stop(t)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var deliveries, open, attempts int
	if err := conn.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE status <> 'succeeded'),
		(SELECT count(*) FROM attempts) FROM deliveries`).Scan(&deliveries, &open, &attempts); err != nil {
		t.Fatal(err)
	}
	if all := 2 * len(want); deliveries != all || open != 0 {
		t.Fatalf("after both nodes stopped: %d deliveries, %d not succeeded; want %d, all succeeded", deliveries, open, all)
	}
	if dups := got.duplicates(); dups != 0 || attempts != deliveries {
		t.Errorf("%d deliveries arrived twice at one endpoint and %d attempts were stored for %d deliveries, want each exactly once", dups, attempts, deliveries)
	}
}

// A first start that fails (its port is taken) makes no admin key, so the
// next start still makes one and shows it. The failed start used to store
// a key it never printed, and no later start printed one.
func TestAdminKeyNotLostByAFailedStart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	dataDir := t.TempDir()
	out, err := exec.Command(heraldBinary(t), "serve", "--listen", taken.Addr().String(), "--data-dir", dataDir).CombinedOutput()
	if err == nil || !bytes.Contains(out, []byte("listening on")) {
		t.Fatalf("herald on a taken port: %v\n%s", err, out)
	}
	if bytes.Contains(out, []byte("Created the admin API key")) {
		t.Fatalf("the failed start printed a key:\n%s", out)
	}
	second := launch(t, nil, "serve", "--listen", "127.0.0.1:0", "--data-dir", dataDir, "--log-level", "info")
	log, done := second.log, second.done
	keyRE := regexp.MustCompile(`Created the admin API key[^\n]*\n\s*\n\s*(hk_\S+)`)
	deadline := time.After(20 * time.Second)
	for {
		if m := keyRE.FindStringSubmatch(log.String()); m != nil {
			addr := listenRE.FindStringSubmatch(log.String())
			if addr == nil {
				t.Fatalf("a key was printed but no serving line:\n%s", log.String())
			}
			req, _ := http.NewRequest("GET", "http://"+addr[1]+"/v1/me", nil)
			req.Header.Set("Authorization", "Bearer "+m[1])
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Fatalf("GET /v1/me with the printed key = %d", resp.StatusCode)
			}
			return
		}
		select {
		case err := <-done:
			done <- err // for the cleanup's wait
			t.Fatalf("herald exited: %v\n%s", err, log.String())
		case <-deadline:
			t.Fatalf("the second start printed no admin key:\n%s", log.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// A node given another --encryption-key than the one that sealed its
// PostgreSQL store refuses to start and says what to do, instead of
// answering /readyz 200 and then 500 on every attempt.
func TestWrongEncryptionKeyRefusesToStart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	_, dbURL := pgtest.Schema(t)
	p := start(t, t.TempDir(), "--database-url", dbURL, "--encryption-key", seal.EncodeKey(seal.NewKey()))
	p.mustPost(t, "/v1/tenants", map[string]any{"id": "acme", "name": "Acme"})
	p.mustPost(t, "/v1/tenants/acme/endpoints", map[string]any{"url": "http://127.0.0.1:1/hook"})
	cmd := exec.Command(heraldBinary(t), "serve", "--listen", "127.0.0.1:0", "--data-dir", t.TempDir(), "--admin-key", testAdminKey,
		"--database-url", dbURL, "--encryption-key", seal.EncodeKey(seal.NewKey()), "--node-id", "other")
	out, err := cmd.CombinedOutput()
	if err == nil || !bytes.Contains(out, []byte("encryption key does not open this store")) || !bytes.Contains(out, []byte("--encryption-key")) {
		t.Fatalf("herald with another encryption key: %v\n%s", err, out)
	}
}

// On a full store (SQLite at --sqlite-max-mb, which fails as a full disk
// does) events answer 503 with Retry-After and /readyz says so; SIGTERM
// exits cleanly; and a start on the full store comes up, not ready,
// instead of exiting into a supervisor's restart loop.
func TestFullDiskShutdownAndStart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dataDir := t.TempDir()
	p := start(t, dataDir, "--sqlite-max-mb", "2", "--max-payload", "1048576", "--shutdown-timeout", "5s")
	p.mustPost(t, "/v1/tenants", map[string]any{"id": "acme", "name": "Acme"})
	blob := strings.Repeat("x", 200<<10)
	full := false
	for i := range 40 { // 8 MB into 2 MiB
		code, err := p.post("/v1/tenants/acme/events", map[string]any{"type": "x", "data": map[string]any{"i": i, "blob": blob}})
		if err != nil {
			t.Fatal(err)
		}
		if code == 503 {
			full = true
			break
		}
		if code != 202 {
			t.Fatalf("event %d = %d, want 202 or, once full, 503\n%s", i, code, p.log.String())
		}
	}
	if !full {
		t.Fatal("8 MB of events fitted in 2 MiB")
	}
	if code := getStatus(t, "http://"+p.addr+"/readyz"); code != 503 {
		t.Fatalf("/readyz on a full store = %d, want 503", code)
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-p.done:
		if err != nil {
			t.Fatalf("herald exited with %v after SIGTERM on a full store\n%s", err, p.log.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("herald did not exit within 20 s of SIGTERM on a full store\n%s", p.log.String())
	}

	again := launch(t, nil, "serve", "--listen", "127.0.0.1:0", "--data-dir", dataDir, "--admin-key", testAdminKey,
		"--sqlite-max-mb", "2", "--log-level", "info")
	log, done := again.log, again.done
	deadline := time.After(20 * time.Second)
	for {
		if m := listenRE.FindStringSubmatch(log.String()); m != nil {
			if code := getStatus(t, "http://"+m[1]+"/healthz"); code != 200 {
				t.Fatalf("/healthz of a node started on a full store = %d", code)
			}
			if code := getStatus(t, "http://"+m[1]+"/readyz"); code != 503 {
				t.Fatalf("/readyz of a node started on a full store = %d, want 503", code)
			}
			return
		}
		select {
		case err := <-done:
			done <- err // for the cleanup's wait
			t.Fatalf("herald started on a full store exited: %v\n%s", err, log.String())
		case <-deadline:
			t.Fatalf("herald started on a full store did not serve\n%s", log.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func getStatus(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
