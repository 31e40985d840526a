package sqlite

// Backup and restore of a store file. A backup is SQLite's online backup
// API through a connection of its own, inside one read transaction: a
// consistent copy of one snapshot, page by page, 4 MiB a step (paced
// only when told: BackupOptions.Rate). Copying pages costs far less CPU
// than VACUUM INTO, which rebuilt every table and index: on a 2-core
// machine serving 200 events/s, a 2,000,000-delivery store copied in
// 5.8 s against 13.9 s, the ingest p99 meanwhile 72 ms against 219 ms
// (docs/performance.md). The read transaction never holds up the node's
// writer in WAL mode; it keeps the log from restarting past its snapshot
// (wal.go's foreignWait), so the log grows while the copy runs. Without
// it, any commit of the node between two steps would restart the copy
// from its first page, and under a steady load it would never end.
//
// A restore is VACUUM INTO from the checked backup: plain SQL, the same on
// both drivers, and nothing writes to its source meanwhile.

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/store"
)

// BackupInfo says what a backup or a restore copied.
type BackupInfo struct {
	// SchemaVersion is the store's migration version.
	SchemaVersion int64
	// Bytes is the size of the file written.
	Bytes int64
	// Pending counts the deliveries still to be made in the copy.
	Pending int64
	// LeasesReleased counts the deliveries a restore handed back from the
	// leases of the node the backup was taken from (restore only).
	LeasesReleased int64
}

// Backup writes a consistent copy of the store at path to out, while a
// node may be serving from it. It refuses an out that exists and a path
// that is not a Herald store. The copy holds everything the store holds,
// signing secrets sealed as they are at rest; it does not hold the
// encryption key that opens them, which lives outside the database.
func Backup(ctx context.Context, path, out string) (BackupInfo, error) {
	return BackupWith(ctx, path, out, BackupOptions{})
}

// BackupOptions paces a backup.
type BackupOptions struct {
	// Rate is the most bytes a second the copy writes; 0 is
	// DefaultBackupRate, negative is as fast as it goes.
	Rate int64
	// PagesPerStep is how many pages one step copies (default 1024: 4 MiB
	// of 4 KiB pages).
	PagesPerStep int
	// Check runs SQLite's quick_check on the copy before it is put in
	// place (herald backup does): a copy of pages copies a damaged page as
	// it is, where VACUUM INTO would have read it through.
	Check bool
	// Writeback, when set, starts the goroutine that has the copy's pages
	// written to disk as it goes (it is given the loop to run; unset: go
	// loop()). herald backup runs it at the copy's lowered priority, since
	// the kernel gives the I/O sync_file_range starts the priority of the
	// thread that asked.
	Writeback func(loop func())
}

// DefaultBackupRate is how fast a backup writes unless told: no limit.
// A paced copy holds its snapshot longer, and the node's WAL grows past
// its bound meanwhile; at 64 and 32 MiB/s the ingest p99 during the copy
// was worse than at full speed (docs/performance.md, "Backup").
const DefaultBackupRate = -1

// BackupWith is Backup paced by opts.
func BackupWith(ctx context.Context, path, out string, opts BackupOptions) (BackupInfo, error) {
	if opts.Rate == 0 {
		opts.Rate = DefaultBackupRate
	}
	if opts.PagesPerStep <= 0 {
		opts.PagesPerStep = 1024
	}
	if _, err := os.Stat(path); err != nil {
		return BackupInfo{}, fmt.Errorf("no store at %s: %w", path, err)
	}
	if _, err := os.Lstat(out); err == nil {
		return BackupInfo{}, fmt.Errorf("%s exists; name a new file (or remove it first)", out)
	}
	src, err := sql.Open(DriverName, dsn(path, "busy_timeout(10000)", "query_only(1)"))
	if err != nil {
		return BackupInfo{}, err
	}
	defer src.Close()
	src.SetMaxOpenConns(1)
	info, err := describe(ctx, src, path)
	if err != nil {
		return BackupInfo{}, err
	}
	err = writeAtomicallyWith(out, opts.Writeback, func(tmp string) error { return copyPages(ctx, src, path, tmp, opts) }, func(tmp string) error {
		if opts.Check {
			return quickCheck(ctx, tmp)
		}
		return nil
	})
	if err != nil {
		return BackupInfo{}, err
	}
	// Counted in the copy: the store has moved on since describe read it.
	if info, err = describeFile(ctx, out); err != nil {
		return BackupInfo{}, err
	}
	st, err := os.Stat(out)
	if err != nil {
		return BackupInfo{}, err
	}
	info.Bytes = st.Size()
	return info, nil
}

// RestoreConfig configures Restore.
type RestoreConfig struct {
	// From is the backup file. Required.
	From string
	// Path is the store file to create; it must not exist. Required.
	Path string
	// Box, when set, must open the backup's sealed secrets: a restore
	// with the wrong key is refused before anything is written.
	Box *seal.Box
	// Now is when released leases become due. Default time.Now.
	Now func() time.Time
}

// Restore checks a backup (SQLite's integrity check, that it is a Herald
// store, a schema this version knows) and writes it to cfg.Path, with the
// leases of the node it was taken from released so that a node started
// on it delivers at once rather than after the leases run out.
func Restore(ctx context.Context, cfg RestoreConfig) (BackupInfo, error) {
	if cfg.From == "" || cfg.Path == "" {
		return BackupInfo{}, errors.New("sqlite: RestoreConfig needs From and Path")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if _, err := os.Stat(cfg.From); err != nil {
		return BackupInfo{}, fmt.Errorf("reading the backup: %w", err)
	}
	if _, err := os.Lstat(cfg.Path); err == nil {
		return BackupInfo{}, fmt.Errorf("%s exists; restore into an empty data directory", cfg.Path)
	}
	src, err := openImmutable(cfg.From)
	if err != nil {
		return BackupInfo{}, err
	}
	defer src.Close()
	var check string
	if err := src.QueryRowContext(ctx, `PRAGMA integrity_check(1)`).Scan(&check); err != nil {
		return BackupInfo{}, fmt.Errorf("%s is not a readable SQLite database: %w", cfg.From, err)
	}
	if check != "ok" {
		return BackupInfo{}, fmt.Errorf("%s failed SQLite's integrity check: %s", cfg.From, check)
	}
	info, err := describe(ctx, src, cfg.From)
	if err != nil {
		return BackupInfo{}, err
	}
	if cfg.Box != nil {
		if err := verifyKey(ctx, src, cfg.Box); err != nil {
			return BackupInfo{}, err
		}
	}
	err = vacuumInto(ctx, src, cfg.Path, func(tmp string) error {
		n, err := releaseLeases(ctx, tmp, cfg.Now())
		info.LeasesReleased = n
		return err
	})
	if err != nil {
		return BackupInfo{}, err
	}
	st, err := os.Stat(cfg.Path)
	if err != nil {
		return BackupInfo{}, err
	}
	info.Bytes = st.Size()
	return info, nil
}

// openImmutable opens a backup file read-only and immutable: reading it
// never changes it, nor makes a WAL or shared-memory file beside it.
func openImmutable(path string) (*sql.DB, error) {
	db, err := sql.Open(DriverName, "file:"+path+"?mode=ro&immutable=1")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// describeFile is describe of the backup file at path.
func describeFile(ctx context.Context, path string) (BackupInfo, error) {
	db, err := openImmutable(path)
	if err != nil {
		return BackupInfo{}, err
	}
	defer db.Close()
	return describe(ctx, db, path)
}

// describe checks that db is a Herald store whose schema this binary
// knows, and counts what it holds.
func describe(ctx context.Context, db *sql.DB, name string) (BackupInfo, error) {
	var tables int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table'
		AND name IN ('goose_db_version', 'meta', 'tenants', 'endpoints', 'events', 'deliveries')`).Scan(&tables); err != nil {
		return BackupInfo{}, fmt.Errorf("%s is not a readable SQLite database: %w", name, err)
	}
	if tables != 6 {
		return BackupInfo{}, fmt.Errorf("%s is not a Herald store (its tables are not Herald's)", name)
	}
	var info BackupInfo
	if err := db.QueryRowContext(ctx, `SELECT coalesce(max(version_id), 0) FROM goose_db_version WHERE is_applied`).Scan(&info.SchemaVersion); err != nil {
		return BackupInfo{}, fmt.Errorf("reading the schema version of %s: %w", name, err)
	}
	known, err := knownVersion(db)
	if err != nil {
		return BackupInfo{}, err
	}
	if err := store.CheckSchemaVersion(info.SchemaVersion, known); err != nil {
		return BackupInfo{}, fmt.Errorf("%s: %w", name, err)
	}
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM deliveries WHERE status = 'pending'`).Scan(&info.Pending); err != nil {
		return BackupInfo{}, err
	}
	return info, nil
}

// knownVersion is the last migration this binary has.
func knownVersion(db *sql.DB) (int64, error) {
	p, err := migrationProvider(db)
	if err != nil {
		return 0, err
	}
	sources := p.ListSources()
	return sources[len(sources)-1].Version, nil
}

// verifyKey checks that box opens db's sealed secrets, without writing a
// check value into a backup that has none.
func verifyKey(ctx context.Context, db *sql.DB, box *seal.Box) error {
	c := sealCheck(db)
	c.Put = func(context.Context, []byte) error { return nil }
	err := store.VerifySealKey(ctx, box, c)
	if errors.Is(err, store.ErrWrongKey) {
		return errors.New("the encryption key given does not open this backup's signing secrets: give the key of the node the backup was taken from")
	}
	return err
}

// vacuumInto copies src into out through a temporary file beside it,
// which prepare (when set) may change, synced to disk before it is renamed
// into place: SQLite does not sync what VACUUM INTO writes, and a backup
// cut short must never be taken for a whole one.
func vacuumInto(ctx context.Context, src *sql.DB, out string, prepare func(tmp string) error) error {
	return writeAtomically(out, func(tmp string) error {
		if _, err := src.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
			return fmt.Errorf("copying the store: %w", err)
		}
		return nil
	}, prepare)
}

// writeAtomically has write make a temporary file beside out, flushed to
// disk every syncEvery while it is written, then made 0600, given to
// prepare (when set), synced and linked to out: a copy cut short is never
// taken for a whole one, and a file made at out meanwhile is never
// replaced.
func writeAtomically(out string, write, prepare func(tmp string) error) (err error) {
	return writeAtomicallyWith(out, nil, write, prepare)
}

// writeAtomicallyWith is writeAtomically with the flushes' goroutine
// started by writeback (nil: go).
func writeAtomicallyWith(out string, writeback func(loop func()), write, prepare func(tmp string) error) (err error) {
	var b [6]byte
	_, _ = rand.Read(b[:])
	tmp := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".partial-"+hex.EncodeToString(b[:]))
	// Made here, 0600 and never through a link at its name, before the copy
	// writes into it (SQLite takes an empty file for an empty database):
	// made by SQLite, it would be readable by the umask's mode while written.
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	stopSync := syncWhileWritten(tmp, writeback)
	err = write(tmp)
	stopSync()
	if err != nil {
		return err
	}
	// The copy holds every tenant's events: readable by its owner alone,
	// whatever the umask.
	if err := os.Chmod(tmp, 0o600); err != nil {
		return err
	}
	if prepare != nil {
		if err := prepare(tmp); err != nil {
			return err
		}
	}
	if err := syncFile(tmp); err != nil {
		return err
	}
	if err := os.Link(tmp, out); err != nil { // unlike rename, never replaces a file made meanwhile
		return fmt.Errorf("writing %s: %w", out, err)
	}
	if err := os.Remove(tmp); err != nil {
		return err
	}
	return syncFile(filepath.Dir(out))
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// releaseLeases hands back, in the restored file at path, every lease the
// old node held: its deliveries become due at now, as ReleaseLeases makes
// them on a clean stop.
func releaseLeases(ctx context.Context, path string, now time.Time) (int64, error) {
	db, err := sql.Open(DriverName, dsn(path, "busy_timeout(10000)", "synchronous(FULL)"))
	if err != nil {
		return 0, err
	}
	defer db.Close()
	res, err := db.ExecContext(ctx, `UPDATE deliveries SET lease_owner = NULL, next_attempt_at = ?
		WHERE lease_owner IS NOT NULL AND status = 'pending'`, us(now))
	if err != nil {
		return 0, fmt.Errorf("releasing the old node's leases: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, db.Close()
}

// syncWhileWritten starts writing the file at path to disk every
// syncEvery while a copy writes it, until the returned function is
// called. Left to itself, the kernel would hold the copy's pages dirty and
// write them out in bursts, or all at the end in one sync, each time
// slowing the node's own commits, which wait for their fsync; small
// flushes spread that cost (startWriteback; the copy is fsynced once,
// whole, before it is named).
func syncWhileWritten(path string, start func(loop func())) (stop func()) {
	if start == nil {
		start = func(loop func()) { go loop() }
	}
	done, finished := make(chan struct{}), make(chan struct{})
	start(func() {
		defer close(finished)
		t := time.NewTicker(syncEvery)
		defer t.Stop()
		var f *os.File
		defer func() {
			if f != nil {
				f.Close()
			}
		}()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			if f == nil {
				var err error
				if f, err = os.Open(path); err != nil {
					continue // not made yet
				}
			}
			_ = startWriteback(f)
		}
	})
	return func() { close(done); <-finished }
}

// syncEvery is how often a backup being written is flushed.
const syncEvery = 100 * time.Millisecond

// copyPages copies the store src opens into a new file at dst with
// SQLite's backup API, opts.PagesPerStep pages a step, pausing between
// steps to hold opts.Rate. It holds one read transaction on src from the
// first step to the last, so every step copies the same snapshot: the
// backup API restarts a copy from its first page when another connection
// commits between two steps, unless the source connection's own read
// transaction stays open across them.
func copyPages(ctx context.Context, src *sql.DB, path, dst string, opts BackupOptions) error {
	conn, err := src.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	// Held from before the snapshot is taken until it is let go: the
	// node's writer then knows whose snapshot it is (backupmark.go).
	release, err := holdBackupMark(path)
	if err != nil {
		return fmt.Errorf("marking the backup under way: %w", err)
	}
	defer release()
	if _, err := conn.ExecContext(ctx, `BEGIN`); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), `ROLLBACK`)
	var n, pageSize int64
	// The first read takes the snapshot.
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM goose_db_version`).Scan(&n); err != nil {
		return err
	}
	if err := conn.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&pageSize); err != nil {
		return err
	}
	// The copy is synced by writeAtomically; a journal for a file that
	// is thrown away if the copy fails would only double its writes.
	dstDSN := "file:" + dst + "?" + url.Values{"_pragma": {"journal_mode(OFF)", "synchronous(OFF)"}}.Encode()
	return conn.Raw(func(driverConn any) error {
		b, err := startBackup(driverConn, dstDSN)
		if err != nil {
			return fmt.Errorf("starting the copy: %w", err)
		}
		began := time.Now()
		copied, remaining := int64(0), -1
		for {
			more, err := b.Step(opts.PagesPerStep)
			if err != nil {
				b.Finish()
				return fmt.Errorf("copying the store: %w", err)
			}
			if !more {
				break
			}
			// Remaining only falls while the snapshot holds: a rise is a
			// restart, which would copy forever under steady writes.
			if r := b.Remaining(); remaining >= 0 && r > remaining {
				b.Finish()
				return errors.New("copying the store: the copy restarted (its snapshot was lost)")
			}
			remaining = b.Remaining()
			copied += int64(opts.PagesPerStep)
			if wait := backupPause(copied*pageSize, time.Since(began), opts.Rate); wait > 0 {
				t := time.NewTimer(wait)
				select {
				case <-ctx.Done():
					t.Stop()
					b.Finish()
					return ctx.Err()
				case <-t.C:
				}
			}
		}
		if err := b.Finish(); err != nil {
			return fmt.Errorf("finishing the copy: %w", err)
		}
		return nil
	})
}

// backupPause is how long a copy that has written copied bytes in elapsed
// waits before its next step, to average at most rate bytes a second
// (rate <= 0: no pause).
func backupPause(copied int64, elapsed time.Duration, rate int64) time.Duration {
	if rate <= 0 {
		return 0
	}
	due := time.Duration(float64(copied) / float64(rate) * float64(time.Second))
	return max(0, due-elapsed)
}

// quickCheck runs SQLite's quick_check on the database file at path.
func quickCheck(ctx context.Context, path string) error {
	db, err := openImmutable(path)
	if err != nil {
		return err
	}
	defer db.Close()
	var check string
	if err := db.QueryRowContext(ctx, `PRAGMA quick_check(1)`).Scan(&check); err != nil {
		return fmt.Errorf("checking the copy: %w", err)
	}
	if check != "ok" {
		return fmt.Errorf("the copy failed SQLite's quick_check (the store may be damaged: run PRAGMA integrity_check on it): %s", check)
	}
	return nil
}
