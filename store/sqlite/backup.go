package sqlite

// Backup and restore of a store file. A backup is VACUUM INTO through a
// connection of its own: one read transaction over the whole copy, which
// in WAL mode never holds up the node's writer (it only keeps checkpoints
// from passing the snapshot, so the WAL grows while the copy runs). It is
// plain SQL, so it runs the same on both drivers.

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
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
	if _, err := os.Stat(path); err != nil {
		return BackupInfo{}, fmt.Errorf("no store at %s: %w", path, err)
	}
	if _, err := os.Lstat(out); err == nil {
		return BackupInfo{}, fmt.Errorf("%s exists; name a new file (or remove it first)", out)
	}
	// Not query_only: VACUUM INTO writes the new file through this
	// connection. It never writes the store itself.
	src, err := sql.Open(DriverName, dsn(path, "busy_timeout(10000)"))
	if err != nil {
		return BackupInfo{}, err
	}
	defer src.Close()
	src.SetMaxOpenConns(1)
	info, err := describe(ctx, src, path)
	if err != nil {
		return BackupInfo{}, err
	}
	if err := vacuumInto(ctx, src, out, nil); err != nil {
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
func vacuumInto(ctx context.Context, src *sql.DB, out string, prepare func(tmp string) error) (err error) {
	var b [6]byte
	_, _ = rand.Read(b[:])
	tmp := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".partial-"+hex.EncodeToString(b[:]))
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	stopSync := syncWhileWritten(tmp)
	_, err = src.ExecContext(ctx, `VACUUM INTO ?`, tmp)
	stopSync()
	if err != nil {
		return fmt.Errorf("copying the store: %w", err)
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

// syncWhileWritten flushes the file at path to disk every syncEvery while
// VACUUM INTO writes it, until the returned function is called. Left to
// itself, the kernel would hold the copy's pages dirty and write them out
// in bursts, or all at the end in one sync, each time slowing the node's
// own commits, which wait for their fsync; small flushes spread that
// cost.
func syncWhileWritten(path string) (stop func()) {
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
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
			_ = f.Sync()
		}
	}()
	return func() { close(done); <-finished }
}

// syncEvery is how often a backup being written is flushed.
const syncEvery = 100 * time.Millisecond
