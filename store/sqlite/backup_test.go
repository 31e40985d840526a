package sqlite_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/signing"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/sqlite"
)

// putEvent stores an event with one delivery to ep, due now and leased to
// owner when owner is not "".
func putEvent(t *testing.T, db *sqlite.DB, ep *herald.Endpoint, now time.Time, owner string) string {
	t.Helper()
	ev := &herald.Event{ID: herald.NewID(herald.PrefixEvent), TenantID: ep.TenantID, Type: "job.completed",
		Channels: []string{}, Data: []byte(`{"n":1}`), CreatedAt: now}
	due := now
	d := &herald.Delivery{ID: herald.NewID(herald.PrefixDelivery), TenantID: ep.TenantID, EventID: ev.ID, EndpointID: ep.ID,
		Status: herald.DeliveryPending, NextAttemptAt: &due, LeaseOwner: owner, CreatedAt: now, UpdatedAt: now}
	if owner != "" {
		lease := now.Add(time.Hour)
		d.NextAttemptAt = &lease
	}
	if _, err := db.CreateEvents(context.Background(), []store.NewEvent{{Event: ev, Deliveries: []*herald.Delivery{d}}}); err != nil {
		t.Error(err)
	}
	return d.ID
}

// A backup taken while events are written holds every event acknowledged
// before it began; the restore checks it, refuses what it must, and
// leaves a store whose old leases are released and whose secrets the same
// key opens.
func TestBackupAndRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	key := seal.NewKey()
	box, _ := seal.New(key)
	now := time.Now().UTC().Truncate(time.Microsecond)
	db, err := sqlite.Open(ctx, sqlite.Config{Path: filepath.Join(dir, "herald.db"), Box: box})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.CreateTenant(ctx, &herald.Tenant{ID: "acme", Name: "Acme", CreatedAt: now, UpdatedAt: now}); err != nil {
		t.Fatal(err)
	}
	secret := signing.NewSecret()
	ep := &herald.Endpoint{ID: "ep_1", TenantID: "acme", URL: "https://example.com", Secret: secret, CreatedAt: now, UpdatedAt: now}
	if err := db.CreateEndpoint(ctx, ep); err != nil {
		t.Fatal(err)
	}
	leased := putEvent(t, db, ep, now, "old-node")
	var before []string
	for range 50 {
		before = append(before, putEvent(t, db, ep, now, ""))
	}
	// Writes go on while the backup runs; the backup must not wait for
	// them nor they for it.
	stop, writing := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for n := 0; ; n++ {
			select {
			case <-stop:
				return
			default:
				putEvent(t, db, ep, now, "")
				if n == 0 {
					close(writing)
				}
			}
		}
	}()
	<-writing // the backup begins with the writes under way, not before them
	out := filepath.Join(dir, "backup.db")
	// One page a step, paced at 1 MiB/s (4 ms a page): the node commits
	// between the steps, which would restart a copy that let its snapshot
	// go between them.
	info, err := sqlite.BackupWith(ctx, filepath.Join(dir, "herald.db"), out, sqlite.BackupOptions{PagesPerStep: 1, Rate: 1 << 20, Check: true})
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(out); err != nil {
		t.Fatal(err)
	} else if st.Mode().Perm() != 0o600 {
		t.Fatalf("the backup file's mode is %v; want 0600", st.Mode())
	}
	if info.Pending < int64(len(before)+1) || info.SchemaVersion == 0 || info.Bytes == 0 {
		t.Fatalf("backup info %+v: want at least %d pending, a schema version and a size", info, len(before)+1)
	}
	if _, err := sqlite.Backup(ctx, filepath.Join(dir, "herald.db"), out); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Fatalf("a backup over an existing file: %v", err)
	}

	// Refusals: a target that exists, the wrong key, a file that is not
	// SQLite, a SQLite file that is not Herald's, a newer schema.
	target := filepath.Join(t.TempDir(), "herald.db")
	if _, err := sqlite.Restore(ctx, sqlite.RestoreConfig{From: out, Path: out}); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Fatalf("restore over an existing file: %v", err)
	}
	other, _ := seal.New(seal.NewKey())
	if _, err := sqlite.Restore(ctx, sqlite.RestoreConfig{From: out, Path: target, Box: other}); err == nil || !strings.Contains(err.Error(), "key") {
		t.Fatalf("restore with the wrong key: %v", err)
	}
	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, []byte(strings.Repeat("not a database ", 500)), 0o600); err != nil {
		t.Fatal(err)
	}
	foreign := filepath.Join(dir, "foreign.db")
	raw, err := sql.Open(sqlite.DriverName, "file:"+foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`CREATE TABLE t (x)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	newer := filepath.Join(dir, "newer.db")
	if _, err := sqlite.Backup(ctx, filepath.Join(dir, "herald.db"), newer); err != nil {
		t.Fatal(err)
	}
	raw, err = sql.Open(sqlite.DriverName, "file:"+newer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO goose_db_version (version_id, is_applied) VALUES (999999, 1)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	for from, want := range map[string]string{garbage: "not a readable SQLite database", foreign: "not a Herald store", newer: "upgrade"} {
		if _, err := sqlite.Restore(ctx, sqlite.RestoreConfig{From: from, Path: target, Box: box}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("restore from %s: %v, want an error saying %q", filepath.Base(from), err, want)
		}
		if _, err := os.Stat(target); err == nil {
			t.Fatalf("a refused restore from %s left %s", filepath.Base(from), target)
		}
	}

	later := now.Add(time.Minute)
	rinfo, err := sqlite.Restore(ctx, sqlite.RestoreConfig{From: out, Path: target, Box: box, Now: func() time.Time { return later }})
	if err != nil {
		t.Fatal(err)
	}
	if rinfo.LeasesReleased != 1 || rinfo.Pending != info.Pending {
		t.Fatalf("restore info %+v, want 1 lease released and the backup's %d pending", rinfo, info.Pending)
	}
	if entries, _ := os.ReadDir(filepath.Dir(target)); len(entries) != 1 {
		t.Fatalf("restore left %d files, want the store alone", len(entries))
	}
	restored, err := sqlite.Open(ctx, sqlite.Config{Path: target, Box: box})
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	got, err := restored.FindEndpointByID(ctx, "acme", "ep_1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Secret != secret {
		t.Fatal("the restored endpoint's secret is not the one it was made with")
	}
	// Every delivery stored before the backup began is due by later,
	// the one leased to the old node included.
	tasks, err := restored.ClaimDeliveries(ctx, "new-node", later, later.Add(time.Minute), 100000, nil)
	if err != nil {
		t.Fatal(err)
	}
	claimed := map[string]bool{}
	for _, task := range tasks {
		claimed[task.DeliveryID] = true
	}
	for _, id := range append(before, leased) {
		if !claimed[id] {
			t.Fatalf("delivery %s, stored before the backup, is not due on the restored store (%d claimed)", id, len(tasks))
		}
	}
}
