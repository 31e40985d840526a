package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/signing"
	"github.com/heraldhq/herald/store"
)

func TestBudgetFor(t *testing.T) {
	for _, c := range []struct {
		cap                   int64
		restart, limit, bound int64
	}{
		{0, 32 << 20, 64 << 20, 128 << 20},        // no cap: the default
		{10 << 30, 32 << 20, 64 << 20, 128 << 20}, // a large cap: the default
		{512 << 20, 32 << 20, 64 << 20, 128 << 20},
		{256 << 20, 16 << 20, 32 << 20, 64 << 20}, // an eighth of the cap
		{2 << 20, 128 << 10, 256 << 10, 512 << 10},
		{256 << 10, 32 << 10, 64 << 10, 128 << 10}, // never below 64 KiB
	} {
		b := budgetFor(c.cap, time.Second)
		if b.restartBytes != c.restart || b.sizeLimit != c.limit || b.bound != c.bound {
			t.Errorf("budgetFor(%d) = %+v, want restart %d, limit %d, bound %d", c.cap, b, c.restart, c.limit, c.bound)
		}
	}
}

func TestRestartPlan(t *testing.T) {
	b := budgetFor(0, 10*time.Second)
	const mib = 1 << 20
	for _, c := range []struct {
		name         string
		log          int64
		busyRun      int
		sinceTry     time.Duration
		urgentFailed bool
		restart      bool
		wait         time.Duration
	}{
		{"an empty log", 0, 0, time.Hour, false, false, 0},
		{"below the restart size", 32*mib - 1, 0, time.Hour, false, false, 0},
		{"at the restart size", 32 * mib, 0, 0, false, true, walReaderWait},
		{"past it, the last restart fine", 40 * mib, 0, 0, false, true, walReaderWait},
		{"one busy restart, one tick ago", 40 * mib, 1, checkpointEvery, false, false, 0},
		{"one busy restart, two ticks ago", 40 * mib, 1, 2 * checkpointEvery, false, true, walReaderWait},
		{"two busy restarts, three ticks ago", 40 * mib, 2, 3 * checkpointEvery, false, false, 0},
		{"two busy restarts, four ticks ago", 40 * mib, 2, 4 * checkpointEvery, false, true, walReaderWait},
		{"ten busy restarts, 1.9 s ago", 40 * mib, 10, 1900 * time.Millisecond, false, false, 0},
		{"ten busy restarts, 2 s ago: the backoff stops growing", 40 * mib, 10, 2 * time.Second, false, true, walReaderWait},
		{"at the size limit, just tried: at once, waiting as long as a read lasts", 64 * mib, 10, 0, false, true, 10*time.Second + walReaderWait},
		{"past the bound", 200 * mib, 0, 0, false, true, 10*time.Second + walReaderWait},
		{"at the size limit, a long wait failed: another process's reader, short waits with backoff", 64 * mib, 3, checkpointEvery, true, false, 0},
		{"the same, 2 s later", 200 * mib, 3, 2 * time.Second, true, true, walReaderWait},
	} {
		restart, wait := b.restartPlan(c.log, c.busyRun, c.sinceTry, c.urgentFailed)
		if restart != c.restart || wait != c.wait {
			t.Errorf("%s: restartPlan(%d, %d, %v, %v) = %v, %v; want %v, %v", c.name, c.log, c.busyRun, c.sinceTry, c.urgentFailed, restart, wait, c.restart, c.wait)
		}
	}
}

func TestWarnDue(t *testing.T) {
	b := budgetFor(0, time.Second)
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name     string
		file     int64
		lastWarn time.Time
		want     bool
	}{
		{"within the bound", b.bound, time.Time{}, false},
		{"past it, never warned", b.bound + 1, time.Time{}, true},
		{"past it, warned 59 s ago", b.bound + 1, now.Add(-59 * time.Second), false},
		{"past it, warned a minute ago", b.bound + 1, now.Add(-time.Minute), true},
	} {
		if got := b.warnDue(c.file, c.lastWarn, now); got != c.want {
			t.Errorf("%s: warnDue = %v, want %v", c.name, got, c.want)
		}
	}
}

// A read is cut at ReadTimeout, as an outage the API answers 503; a reader
// holding a snapshot keeps the log from restarting only until then.
func TestLongReadIsCutAndTheLogRestarts(t *testing.T) {
	ctx := context.Background()
	db, event := openWithTenant(t, Config{Path: filepath.Join(t.TempDir(), "herald.db"), ReadTimeout: 500 * time.Millisecond})
	event("e1")

	// Queries that never end on their own.
	forever := `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) `
	var n int64
	err := db.queryRow(ctx, forever+`SELECT count(*) FROM c`).Scan(&n)
	if !errors.Is(err, context.DeadlineExceeded) || db.UnavailableReason(err) != store.ReasonSlow {
		t.Fatalf("an endless read = %v (reason %q), want it cut at ReadTimeout as %q", err, db.UnavailableReason(err), store.ReasonSlow)
	}

	// A reader that holds its snapshot: a row read, more to come.
	rows, err := db.query(ctx, forever+`SELECT x FROM c WHERE (SELECT count(*) FROM events) > 0`)
	if err != nil {
		t.Fatal(err)
	}
	if !rows.Next() {
		t.Fatalf("no row read: %v", rows.Err())
	}
	event("e2") // frames the snapshot does not see
	if r, err := db.writer.restart(10 * time.Millisecond); err != nil || !r.busy {
		t.Fatalf("restart while a reader holds a snapshot = %+v, %v; want busy", r, err)
	}
	<-rows.ctx.Done()
	for rows.Next() { // until the rows are closed for the deadline
	}
	if err := rows.Err(); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("rows held past ReadTimeout end with %v, want a deadline", err)
	}
	rows.Close()
	// The wait covers the background PASSIVE checkpoint holding its lock.
	if r, err := db.writer.restart(time.Second); err != nil || r.busy {
		t.Fatalf("restart once the reader was cut = %+v, %v; want done", r, err)
	}
}

// Under a steady write load, with readers reading all the time and one
// holding snapshots as long as reads may last, the WAL file stays under
// its bound while the load writes three times the bound through it.
// Before the writer restarted the log (issue 32), the file grew with every
// frame written: this test failed with the restart disabled.
func TestWALStaysBoundedUnderSteadyLoad(t *testing.T) {
	ctx := context.Background()
	box, _ := seal.New(seal.NewKey())
	path := filepath.Join(t.TempDir(), "herald.db")
	// A 32 MiB cap scales the budget down (restart at 2 MiB, bound 8 MiB)
	// so that a few seconds of writes are several bounds.
	db, err := Open(ctx, Config{Path: path, Box: box, Synchronous: "NORMAL", MaxSizeBytes: 32 << 20,
		ReadTimeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	bound := db.budget.bound
	if bound != 8<<20 {
		t.Fatalf("bound %d, want 8 MiB", bound)
	}
	now := time.Now()
	if err := db.CreateTenant(ctx, &herald.Tenant{ID: "acme", Name: "acme", CreatedAt: now, UpdatedAt: now}); err != nil {
		t.Fatal(err)
	}
	var eps []string
	for range 5 {
		ep := &herald.Endpoint{ID: herald.NewID(herald.PrefixEndpoint), TenantID: "acme", URL: "https://hooks.invalid/x", EventTypes: []string{},
			Channels: []string{}, Headers: map[string]string{}, Secret: signing.NewSecret(), CreatedAt: now, UpdatedAt: now}
		if err := db.CreateEndpoint(ctx, ep); err != nil {
			t.Fatal(err)
		}
		eps = append(eps, ep.ID)
	}
	written := func() int64 { return (db.wal.restarted.Load() + db.wal.logFrames.Load()) * 4120 }

	stop := make(chan struct{})
	var readers sync.WaitGroup
	var reads, cut atomic.Int64
	// reader reads with read until stop, or until a read fails other
	// than by being cut.
	reader := func(read func() error) {
		readers.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				switch err := read(); {
				case errors.Is(err, context.DeadlineExceeded): // cut (on a slow machine, before its rows)
					cut.Add(1)
				case err != nil:
					t.Error(err)
					return
				}
			}
		})
	}
	// Two readers list all the time, as the API and the engine do.
	for range 2 {
		reader(func() error {
			reads.Add(1)
			_, _, err := db.FindEvents(ctx, store.EventFilter{TenantID: "acme"})
			return err
		})
	}
	// One holds each snapshot until ReadTimeout cuts it.
	reader(func() error {
		rows, err := db.query(ctx, `SELECT id FROM deliveries`)
		if err != nil {
			return err
		}
		defer rows.Close()
		rows.Next()
		select {
		case <-rows.ctx.Done():
			cut.Add(1)
		case <-stop:
		}
		return nil
	})

	// The steady load: an event of 3 KiB with five deliveries every 20 ms
	// (100-130 KB through the log each, so at most 6.5 MB/s: the log
	// passes its size limit by about what a 250 ms tick writes, 1.6 MB,
	// within the bound's 4 MiB of room), until three bounds went through
	// the log or 45 s have passed; fewer than two bounds is a failure, as
	// too little to show the bound (with restarts disabled, the file grew
	// by all that went through the log).
	var maxWAL int64
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(45 * time.Second)
	i := 0
load:
	for written() < 3*bound {
		select {
		case <-tick.C:
		case <-deadline:
			break load
		}
		at := time.Now()
		ev := &herald.Event{ID: fmt.Sprint("e", i), TenantID: "acme", Type: "x", Channels: []string{},
			Data: []byte(`{"pad":"` + fmt.Sprintf("%03072d", i) + `"}`), CreatedAt: at}
		var ds []*herald.Delivery
		for _, ep := range eps {
			ds = append(ds, &herald.Delivery{ID: herald.NewID(herald.PrefixDelivery), TenantID: "acme", EventID: ev.ID, EndpointID: ep,
				Status: herald.DeliveryPending, NextAttemptAt: &at, CreatedAt: at, UpdatedAt: at})
		}
		if _, err := db.CreateEvents(ctx, []store.NewEvent{{Event: ev, Deliveries: ds}}); err != nil {
			t.Fatal(err)
		}
		i++
		if fi, err := os.Stat(path + "-wal"); err == nil {
			maxWAL = max(maxWAL, fi.Size())
		}
	}
	close(stop)
	readers.Wait()
	t.Logf("%d events, %.1f MiB through the log, WAL file at most %.1f MiB (bound %.0f MiB); %d restarts (%d busy), %d reads, %d snapshots cut",
		i, float64(written())/(1<<20), float64(maxWAL)/(1<<20), float64(bound)/(1<<20),
		db.wal.checkpoints[modeRestart][resultOK].Load(), db.wal.checkpoints[modeRestart][resultBusy].Load(), reads.Load(), cut.Load())
	if maxWAL > bound {
		t.Errorf("the WAL file reached %d bytes, past its bound of %d", maxWAL, bound)
	}
	if w := written(); w < 2*bound {
		t.Errorf("the load wrote %d bytes through the log in 45 s, want two bounds (%d) at least to test the bound", w, 2*bound)
	}
	if cut.Load() == 0 {
		t.Error("no snapshot was held until cut: the test did not hold one")
	}

	// /metrics: the store is a collector of its files and checkpoints.
	reg := prometheus.NewRegistry()
	reg.MustRegister(db)
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			name := mf.GetName()
			for _, l := range m.GetLabel() {
				name += "," + l.GetValue()
			}
			got[name] = m.GetGauge().GetValue() + m.GetCounter().GetValue() + float64(m.GetHistogram().GetSampleCount())
		}
	}
	for name, ok := range map[string]bool{
		"herald_sqlite_checkpoints_total,restart,ok": got["herald_sqlite_checkpoints_total,restart,ok"] >= 1,
		"herald_sqlite_checkpoints_total,passive,ok": got["herald_sqlite_checkpoints_total,passive,ok"] >= 1,
		"herald_sqlite_file_bytes,wal":               got["herald_sqlite_file_bytes,wal"] > 0 && got["herald_sqlite_file_bytes,wal"] <= float64(bound),
		"herald_sqlite_wal_bound_bytes":              got["herald_sqlite_wal_bound_bytes"] == float64(bound),
		"herald_sqlite_max_bytes":                    got["herald_sqlite_max_bytes"] == 32<<20,
		"herald_sqlite_wal_restarted_frames_total":   got["herald_sqlite_wal_restarted_frames_total"] > 0,
		"herald_sqlite_wal_frames,log":               true, // present (checked below)
		"herald_sqlite_wal_restart_seconds":          got["herald_sqlite_wal_restart_seconds"] >= got["herald_sqlite_checkpoints_total,restart,ok"],
	} {
		if _, present := got[name]; !present || !ok {
			t.Errorf("/metrics: %s = %v (present %v)", name, got[name], present)
		}
	}
}

func TestForeignWait(t *testing.T) {
	if got := foreignWait(false); got != walReaderWait {
		t.Errorf("first meeting: foreignWait(false) = %v, want walReaderWait %v", got, walReaderWait)
	}
	if got := foreignWait(true); got != walForeignPeek || got >= walReaderWait {
		t.Errorf("while another process's snapshot stays: foreignWait(true) = %v, want walForeignPeek %v, under walReaderWait", got, walForeignPeek)
	}
}

// A snapshot of another connection than the store's own (a backup's
// VACUUM INTO, the sqlite3 shell) keeps a restart busy once the store's
// reads are drained; the writer remembers it, so that the next tries
// only look (foreignWait), and forgets it once a restart goes through.
func TestForeignSnapshotIsRemembered(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "herald.db")
	db, event := openWithTenant(t, Config{Path: path})
	event("e1")

	// A connection of its own, as a backup's is, in a plain deferred
	// read transaction (the store's DSN asks for BEGIN IMMEDIATE, which
	// the cgo driver honours even for a read-only transaction).
	other, err := sql.Open(DriverName, "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN DEFERRED`); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM events`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("the other connection's snapshot: %d events, %v", n, err)
	}
	event("e2") // frames past that snapshot: the log cannot start again under it

	for i := range 2 {
		r, err := db.writer.restart(time.Second)
		if err != nil || !r.busy {
			t.Fatalf("restart %d under another connection's snapshot = %+v, %v; want busy", i, r, err)
		}
		if !db.writer.foreignBusy {
			t.Fatalf("restart %d: the other connection's snapshot was not remembered", i)
		}
	}
	if _, err := conn.ExecContext(ctx, `ROLLBACK`); err != nil {
		t.Fatal(err)
	}
	if r, err := db.writer.restart(time.Second); err != nil || r.busy {
		t.Fatalf("restart once the snapshot ended = %+v, %v; want done", r, err)
	}
	if db.writer.foreignBusy {
		t.Fatal("a restart went through and the other snapshot is still remembered")
	}
}

// openWithTenant opens a store with cfg (and a fresh Box), closed when the
// test ends, with a tenant "acme"; event writes an event of acme's as id.
func openWithTenant(t *testing.T, cfg Config) (db *DB, event func(id string)) {
	t.Helper()
	ctx := context.Background()
	cfg.Box, _ = seal.New(seal.NewKey())
	db, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.CreateTenant(ctx, &herald.Tenant{ID: "acme", Name: "acme"}); err != nil {
		t.Fatal(err)
	}
	return db, func(id string) {
		t.Helper()
		ev := &herald.Event{ID: id, TenantID: "acme", Type: "x", Channels: []string{}, Data: []byte(`{}`), CreatedAt: time.Now()}
		if _, err := db.CreateEvents(ctx, []store.NewEvent{{Event: ev}}); err != nil {
			t.Fatal(err)
		}
	}
}
