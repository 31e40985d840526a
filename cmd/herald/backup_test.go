package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/heraldhq/herald/backups"
	"github.com/heraldhq/herald/verify"
)

// signedReceiver records the webhook-ids of requests whose signature
// verifies, and holds every request while hold is set, unanswered.
type signedReceiver struct {
	v       *verify.Verifier
	hold    atomic.Bool
	held    chan struct{} // closed when the first request is held
	release chan struct{} // closed to let held requests go, unanswered
	once    sync.Once
	mu      sync.Mutex
	ids     map[string]bool
	bad     int
	arrived chan struct{} // signalled on every request recorded
}

func (s *signedReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if s.hold.Load() {
		s.once.Do(func() { close(s.held) })
		select {
		case <-s.release:
		case <-r.Context().Done():
		}
		return
	}
	s.mu.Lock()
	if s.v.Verify(r.Header, body) != nil {
		s.bad++
	} else {
		s.ids[r.Header.Get("webhook-id")] = true
	}
	s.mu.Unlock()
	select {
	case s.arrived <- struct{}{}:
	default:
	}
	w.WriteHeader(http.StatusOK)
}

func (s *signedReceiver) missing(want []string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, id := range want {
		if !s.ids[id] {
			out = append(out, id)
		}
	}
	return out
}

var releasedRE = regexp.MustCompile(`(\d+) leases of the old node released`)

// TestBackupRestore backs up a serving node's store while events are
// posted, kills the node and deletes its directory, restores the backup
// into a new one and starts a node there under another name: every event
// acknowledged before the backup began reaches the receiver, signed with
// the endpoint's secret, without waiting for the dead node's leases.
func TestBackupRestore(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	rcv := &signedReceiver{held: make(chan struct{}), release: make(chan struct{}), ids: map[string]bool{}, arrived: make(chan struct{}, 1)}
	rcv.hold.Store(true) // the first node never delivers: its deliveries stay pending, some leased
	srv := httptest.NewServer(rcv)
	defer srv.Close()
	defer close(rcv.release)

	oldDir := t.TempDir()
	// Leases of 120 s (three attempt timeouts), past the wait for delivery
	// below: the restored node delivers in time only if they are released.
	p := start(t, oldDir, "--attempt-timeout", "40s")
	p.mustPost(t, "/v1/tenants", map[string]any{"id": "acme", "name": "Acme"})
	var ep struct {
		Secret string `json:"secret"`
	}
	p.apiJSON(t, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": srv.URL}, &ep)
	v, err := verify.New(ep.Secret)
	if err != nil {
		t.Fatalf("the endpoint's secret %q: %v", ep.Secret, err)
	}
	rcv.v = v
	var before []string
	for i := range 200 {
		id := fmt.Sprintf("before-%d", i)
		p.mustPost(t, "/v1/tenants/acme/events", map[string]any{"id": id, "type": "job.completed", "data": map[string]any{"n": i}})
		before = append(before, id)
	}
	select {
	case <-rcv.held: // attempts in flight: leases the old node holds
	case <-time.After(30 * time.Second):
		t.Fatalf("no attempt reached the receiver\n%s", p.log.String())
	}

	// Events go on being posted while the backup runs, and none is refused.
	var (
		posting  = make(chan struct{})
		wg       sync.WaitGroup
		refused  atomic.Int64
		duringOK atomic.Int64
	)
	for w := range 4 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-posting:
					return
				default:
				}
				code, err := p.post("/v1/tenants/acme/events", map[string]any{"id": fmt.Sprintf("during-%d-%d", w, i), "type": "job.completed", "data": map[string]any{}})
				if err != nil || code/100 != 2 {
					refused.Add(1)
				} else {
					duringOK.Add(1)
				}
			}
		})
	}
	backupFile := filepath.Join(t.TempDir(), "herald.backup")
	out, err := exec.Command(heraldBinary(t), "backup", "--data-dir", oldDir, "--out", backupFile).CombinedOutput()
	close(posting)
	wg.Wait()
	if err != nil {
		t.Fatalf("herald backup: %v\n%s", err, out)
	}
	t.Logf("herald backup: %s", out)
	if !strings.Contains(string(out), "Not in the backup: the encryption key") || !strings.Contains(string(out), filepath.Join(oldDir, "encryption.key")) {
		t.Fatalf("herald backup does not say that the key is not in the backup, and where it is:\n%s", out)
	}
	if refused.Load() > 0 {
		t.Fatalf("%d events refused while the backup ran (%d accepted)", refused.Load(), duringOK.Load())
	}

	// The disk is lost; the key was kept apart.
	keyCopy := filepath.Join(t.TempDir(), "encryption.key")
	key, err := os.ReadFile(filepath.Join(oldDir, "encryption.key"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyCopy, key, 0o600); err != nil {
		t.Fatal(err)
	}
	p.end() // SIGKILL
	if err := os.RemoveAll(oldDir); err != nil {
		t.Fatal(err)
	}

	newDir := filepath.Join(t.TempDir(), "restored")
	if err := os.MkdirAll(newDir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(newDir, "stray"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err = exec.Command(heraldBinary(t), "restore", "--from", backupFile, "--data-dir", newDir, "--key-file", keyCopy).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "not empty") {
		t.Fatalf("herald restore into a directory that is not empty: %v\n%s", err, out)
	}
	os.Remove(filepath.Join(newDir, "stray"))
	out, err = exec.Command(heraldBinary(t), "restore", "--from", backupFile, "--data-dir", newDir, "--key-file", keyCopy).CombinedOutput()
	if err != nil {
		t.Fatalf("herald restore: %v\n%s", err, out)
	}
	t.Logf("herald restore: %s", out)
	if m := releasedRE.FindStringSubmatch(string(out)); m == nil || m[1] == "0" {
		t.Fatalf("herald restore released no lease of the old node, although attempts were in flight at the backup:\n%s", out)
	}

	rcv.hold.Store(false)
	// Another node name: only released leases let it deliver at once.
	q := start(t, newDir, "--node-id", "restored-node")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for missing := rcv.missing(before); len(missing) > 0; missing = rcv.missing(before) {
		select {
		case <-rcv.arrived:
		case <-ctx.Done():
			t.Fatalf("%d events acknowledged before the backup did not arrive after the restore, e.g. %v\n%s",
				len(missing), missing[:min(5, len(missing))], q.log.String())
		}
	}
	rcv.mu.Lock()
	bad := rcv.bad
	rcv.mu.Unlock()
	if bad > 0 {
		t.Fatalf("%d webhooks from the restored node did not verify with the endpoint's secret", bad)
	}
}

// TestRotatedBackupsRestore runs a node with --backup-every while events
// are posted, SIGKILLs it and deletes its data directory (the disk is
// lost), restores the newest rotated copy and starts a node on it: every
// event acknowledged before that copy began reaches the receiver, signed
// with the endpoint's secret. It logs how many acknowledged events the
// lost disk cost (those acknowledged after the copy began that are not
// in it).
func TestRotatedBackupsRestore(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	rcv := &signedReceiver{held: make(chan struct{}), release: make(chan struct{}), ids: map[string]bool{}, arrived: make(chan struct{}, 1)}
	rcv.hold.Store(true) // the first node never delivers: everything stays pending
	srv := httptest.NewServer(rcv)
	defer srv.Close()
	defer close(rcv.release)

	oldDir, backupDir := t.TempDir(), filepath.Join(t.TempDir(), "backups")
	const keep = 3
	p := start(t, oldDir, "--attempt-timeout", "40s", "--backup-every", "1s", "--backup-dir", backupDir,
		"--backup-keep", fmt.Sprint(keep), "--metrics-listen", "127.0.0.1:0")
	p.mustPost(t, "/v1/tenants", map[string]any{"id": "acme", "name": "Acme"})
	var ep struct {
		Secret string `json:"secret"`
	}
	p.apiJSON(t, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": srv.URL}, &ep)
	v, err := verify.New(ep.Secret)
	if err != nil {
		t.Fatal(err)
	}
	rcv.v = v

	// Events are posted, and acknowledged, until the node is killed.
	type ack struct {
		id string
		at time.Time // after the 2xx: the event was committed before
	}
	var (
		mu    sync.Mutex
		acked []ack
		wg    sync.WaitGroup
	)
	for w := range 2 {
		wg.Go(func() {
			for i := 0; ; i++ {
				id := fmt.Sprintf("ev-%d-%d", w, i)
				code, err := p.post("/v1/tenants/acme/events", map[string]any{"id": id, "type": "job.completed", "data": map[string]any{"n": i}})
				if err != nil || code/100 != 2 {
					return // the node is gone
				}
				mu.Lock()
				acked = append(acked, ack{id, time.Now()})
				mu.Unlock()
			}
		})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	// Four copies made: the first ones rotated out.
	p.poll(t, ctx, "four rotated copies", func() bool { return strings.Count(p.log.String(), "backups: copy in place") >= 4 })
	m := regexp.MustCompile(`msg="metrics listening" addr=(\S+)`).FindStringSubmatch(p.log.String())
	if m == nil {
		t.Fatalf("no metrics address in the log\n%s", p.log.String())
	}
	resp, err := http.Get("http://" + m[1] + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !regexp.MustCompile(`(?m)^herald_backup_last_success_timestamp_seconds [1-9]`).Match(metrics) ||
		!regexp.MustCompile(`(?m)^herald_backup_failures_total 0$`).Match(metrics) {
		t.Fatalf("/metrics does not show the last backup's time and no failure:\n%s", metrics)
	}

	keyCopy := filepath.Join(t.TempDir(), "encryption.key")
	key, err := os.ReadFile(filepath.Join(oldDir, "encryption.key"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyCopy, key, 0o600); err != nil {
		t.Fatal(err)
	}
	p.end() // SIGKILL, a copy perhaps under way
	wg.Wait()
	if err := os.RemoveAll(oldDir); err != nil {
		t.Fatal(err)
	}

	entries, err := os.ReadDir(backupDir)
	if err != nil {
		t.Fatal(err)
	}
	var newest string
	var began time.Time
	copies := 0
	for _, e := range entries {
		at, ok := backups.Parse(e.Name())
		if !ok {
			continue // a copy the kill cut short
		}
		copies++
		if info, err := e.Info(); err != nil || info.Mode().Perm() != 0o600 {
			t.Fatalf("copy %s: mode %v %v, want 0600", e.Name(), info.Mode(), err)
		}
		if at.After(began) {
			newest, began = e.Name(), at
		}
	}
	if copies == 0 || copies > keep {
		t.Fatalf("%d copies in %s, want 1 to %d (--backup-keep)", copies, backupDir, keep)
	}

	newDir := filepath.Join(t.TempDir(), "restored")
	out, err := exec.Command(heraldBinary(t), "restore", "--from", filepath.Join(backupDir, newest), "--data-dir", newDir, "--key-file", keyCopy).CombinedOutput()
	if err != nil {
		t.Fatalf("herald restore: %v\n%s", err, out)
	}
	pm := regexp.MustCompile(`(\d+) deliveries pending`).FindStringSubmatch(string(out))
	if pm == nil {
		t.Fatalf("herald restore did not say how many deliveries are pending:\n%s", out)
	}
	var pending int
	fmt.Sscan(pm[1], &pending)

	var before, after []string
	for _, a := range acked {
		if a.at.Before(began) {
			before = append(before, a.id)
		} else {
			after = append(after, a.id)
		}
	}
	if len(before) == 0 {
		t.Fatalf("no event was acknowledged before the newest copy (%s) began", newest)
	}
	rcv.hold.Store(false)
	q := start(t, newDir, "--node-id", "restored-node")
	// Every pending delivery of the copy arrives: those acknowledged
	// before it began among them.
	for {
		rcv.mu.Lock()
		n := len(rcv.ids)
		rcv.mu.Unlock()
		if n >= pending {
			break
		}
		select {
		case <-rcv.arrived:
		case <-ctx.Done():
			t.Fatalf("%d of the copy's %d pending deliveries arrived\n%s", n, pending, q.log.String())
		}
	}
	if missing := rcv.missing(before); len(missing) > 0 {
		t.Fatalf("%d of %d events acknowledged before the newest copy began did not arrive, e.g. %v", len(missing), len(before), missing[:min(5, len(missing))])
	}
	rcv.mu.Lock()
	bad := rcv.bad
	rcv.mu.Unlock()
	if bad > 0 {
		t.Fatalf("%d webhooks from the restored node did not verify", bad)
	}
	lost := len(rcv.missing(after))
	t.Logf("acknowledged %d events; %d before the newest copy began (%s), all delivered after the restore; "+
		"of the %d acknowledged after, %d were in the copy and %d lost with the disk", len(acked), len(before), newest,
		len(after), len(after)-lost, lost)
}

// A restore that fails before it has a store to write leaves nothing
// behind: no directory it made, and an existing empty one kept as it was.
func TestFailedRestoreLeavesNoDirectory(t *testing.T) {
	parent := t.TempDir()
	made := filepath.Join(parent, "herald-data")
	if err := restore(context.Background(), io.Discard, filepath.Join(parent, "nosuch.db"), made, "", ""); err == nil {
		t.Fatal("a restore from a file that does not exist succeeded")
	}
	if _, err := os.Stat(made); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a restore from a missing file left %s behind (stat: %v)", made, err)
	}
	notAStore := filepath.Join(parent, "not-a-store.db")
	if err := os.WriteFile(notAStore, []byte("not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := restore(context.Background(), io.Discard, notAStore, made, "", ""); err == nil {
		t.Fatal("a restore from a file that is not a store succeeded")
	}
	if _, err := os.Stat(made); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a failed restore left the directory it made, %s, behind (stat: %v)", made, err)
	}
	empty := filepath.Join(parent, "mounted")
	if err := os.Mkdir(empty, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := restore(context.Background(), io.Discard, notAStore, empty, "", ""); err == nil {
		t.Fatal("a restore from a file that is not a store succeeded")
	}
	if _, err := os.Stat(empty); err != nil {
		t.Fatalf("a failed restore removed the empty directory it was given: %v", err)
	}
}
