// Package sqlite is Herald's embedded store: one SQLite file in WAL mode,
// written by a single goroutine that commits many callers' writes in one
// transaction (group commit), and read through a pool of read-only
// connections that never wait for the writer.
//
// Durability: synchronous=FULL, so a commit is fsynced before any caller is
// told it succeeded; an acknowledged event survives the process being killed
// and the machine losing power. Group commit pays that fsync once per batch
// rather than once per request.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"runtime"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Config configures a DB.
type Config struct {
	// Path is the database file. Required.
	Path string
	// Box seals signing secrets at rest. Required.
	Box *seal.Box
	// Synchronous is SQLite's synchronous setting: "FULL" (default) fsyncs
	// every commit; "NORMAL" survives a process crash but may lose the last
	// commits on power loss.
	Synchronous string
	// Readers is the size of the read pool. Default: max(4, GOMAXPROCS).
	Readers int
	// MaxSizeBytes, when above 0, caps the database file and its
	// write-ahead log together: the WAL's bound (64 MiB, or an eighth of
	// a small cap, doubled: see wal.go) is set aside for the log, and
	// writes that would grow the database file past the rest fail as a
	// full disk does (503 at the API) until retention frees pages. 0: no
	// cap but the disk's.
	MaxSizeBytes int64
	// ReadTimeout bounds every read: a read holds a snapshot of the
	// database, which keeps the WAL from restarting while it lasts (see
	// wal.go). Default 10 s.
	ReadTimeout time.Duration
	// Logger receives warnings, such as a WAL past its bound. Default:
	// none.
	Logger *slog.Logger
	// Now returns the current time for the timestamps the store sets
	// itself. Default time.Now.
	Now func() time.Time
}

// Validate reports a missing or wrong setting.
func (c *Config) Validate() error {
	if c.Path == "" {
		return errors.New("sqlite: Config.Path is required")
	}
	if c.Box == nil {
		return errors.New("sqlite: Config.Box is required to seal signing secrets")
	}
	switch c.Synchronous {
	case "":
		c.Synchronous = "FULL"
	case "FULL", "NORMAL", "EXTRA":
	default:
		return fmt.Errorf("sqlite: synchronous must be FULL, NORMAL or EXTRA, not %q", c.Synchronous)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Readers <= 0 {
		c.Readers = max(4, runtime.GOMAXPROCS(0))
	}
	if c.MaxSizeBytes < 0 {
		return errors.New("sqlite: MaxSizeBytes must be 0 (no cap) or above")
	}
	if c.ReadTimeout <= 0 {
		c.ReadTimeout = 10 * time.Second
	}
	if c.Logger == nil {
		c.Logger = discardLogger
	}
	return nil
}

// DB is a Store on one SQLite file.
type DB struct {
	now    func() time.Time
	box    *seal.Box
	read   *sql.DB
	write  *sql.DB
	writer *writer
	rstmts *stmts

	path        string
	log         *slog.Logger
	readTimeout time.Duration
	budget      walBudget
	maxBytes    int64
	wal         *walStats // the writer's

	ckpt     *sql.DB // one connection, for checkpoints only
	stopCkpt chan struct{}
	ckptDone chan struct{}
}

var _ store.Store = (*DB)(nil)

// dsn is the DSN of a connection to path running pragmas. A connection
// that may write begins its transactions IMMEDIATE (it takes the write
// lock at BEGIN, so a transaction never fails half-way on SQLITE_BUSY); a
// query_only one begins them DEFERRED, as a read must: the cgo driver
// refuses an IMMEDIATE begin on it ("attempt to write a readonly database").
func dsn(path string, pragmas ...string) string {
	q := url.Values{}
	lock := "immediate"
	for _, p := range pragmas {
		q.Add("_pragma", p)
		if p == "query_only(1)" {
			lock = "deferred"
		}
	}
	q.Set("_txlock", lock)
	return "file:" + path + "?" + q.Encode()
}

// Open opens (creating if needed) and migrates the database.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	// The writer never checkpoints on its own (wal_autocheckpoint 0): a
	// background connection does, so that copying pages into the database
	// file does not hold up commits, and the writer restarts the log only
	// when asked, between transactions (wal.go).
	budget := budgetFor(cfg.MaxSizeBytes, cfg.ReadTimeout)
	busy := fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds())
	pragmas := []string{busy, "journal_mode(WAL)", "synchronous(" + cfg.Synchronous + ")",
		"foreign_keys(1)", "cache_size(-16384)", "temp_store(MEMORY)", "wal_autocheckpoint(0)",
		fmt.Sprintf("journal_size_limit(%d)", budget.sizeLimit), "analysis_limit(400)"}
	if cfg.MaxSizeBytes > 0 {
		// The WAL's bound is set aside from the cap. SQLite's page is 4
		// KiB unless the file says otherwise.
		pragmas = append(pragmas, fmt.Sprintf("max_page_count(%d)", max(1, (cfg.MaxSizeBytes-budget.bound)/4096)))
	}
	write, err := sql.Open(DriverName, dsn(cfg.Path, pragmas...))
	if err != nil {
		return nil, err
	}
	// One connection: SQLite has one writer anyway, and owning it here means
	// no write ever waits on busy_timeout.
	write.SetMaxOpenConns(1)
	write.SetConnMaxLifetime(0)
	write.SetConnMaxIdleTime(0)
	if err := migrate(ctx, write); err != nil {
		write.Close()
		return nil, err
	}
	if _, err := write.ExecContext(ctx, `PRAGMA optimize = 0x10002`); err != nil {
		write.Close()
		return nil, fmt.Errorf("sqlite: refreshing planner statistics: %w", err)
	}
	if err := store.VerifySealKey(ctx, cfg.Box, sealCheck(write)); err != nil {
		write.Close()
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	if err := sealLegacyHeaders(ctx, write, cfg.Box); err != nil {
		write.Close()
		return nil, err
	}
	var pageSize int64
	if err := write.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&pageSize); err != nil {
		write.Close()
		return nil, fmt.Errorf("sqlite: reading the page size: %w", err)
	}
	read, err := sql.Open(DriverName, dsn(cfg.Path,
		busy, "query_only(1)", "foreign_keys(1)", "cache_size(-8192)"))
	if err != nil {
		write.Close()
		return nil, err
	}
	read.SetMaxOpenConns(cfg.Readers)
	read.SetMaxIdleConns(cfg.Readers)
	read.SetConnMaxIdleTime(0)
	ckpt, err := sql.Open(DriverName, dsn(cfg.Path, busy, "synchronous("+cfg.Synchronous+")"))
	if err != nil {
		write.Close()
		read.Close()
		return nil, err
	}
	ckpt.SetMaxOpenConns(1)
	db := &DB{now: cfg.Now, box: cfg.Box, read: read, write: write, ckpt: ckpt, rstmts: newStmts(read, true),
		stopCkpt: make(chan struct{}), ckptDone: make(chan struct{}),
		path: cfg.Path, log: cfg.Logger, readTimeout: cfg.ReadTimeout, budget: budget, maxBytes: cfg.MaxSizeBytes}
	db.writer = newWriter(write)
	db.writer.backupMark = backupMark(cfg.Path)
	db.wal = db.writer.wal
	go db.checkpoint(&walKeeper{frame: pageSize + 24})
	return db, nil
}

// checkpointEvery is how often the WAL is copied back into the database
// file. Often enough that the WAL stays small, rarely enough to batch.
const checkpointEvery = 250 * time.Millisecond

// checkpoint copies the WAL into the database file in the background, in
// PASSIVE mode, which never blocks the writer or a reader, and has the
// writer restart the log when it has grown past its restart size (wal.go).
// Every optimizeEvery it also has the writer refresh the planner's
// statistics.
func (db *DB) checkpoint(k *walKeeper) {
	defer close(db.ckptDone)
	tick := time.NewTicker(checkpointEvery)
	defer tick.Stop()
	stats := time.NewTicker(optimizeEvery)
	defer stats.Stop()
	for {
		select {
		case <-db.stopCkpt:
			return
		case now := <-tick.C:
			db.walTick(k, now)
		case <-stats.C:
			_ = db.refreshStatistics()
		}
	}
}

// refreshStatistics runs PRAGMA optimize through the writer: ANALYZE
// writes sqlite_stat1, and only the writer writes, so that no write waits
// on busy_timeout.
func (db *DB) refreshStatistics() error {
	return db.writer.do(func(tx wtx) error {
		_, err := tx.Exec(`PRAGMA optimize`)
		return err
	})
}

// optimizeEvery is how often PRAGMA optimize refreshes the planner's
// statistics where they have drifted, as SQLite advises for long-lived
// connections (and once at open, over every table). The write connection's
// analysis_limit has it read a few hundred rows of each index, so it takes
// milliseconds at any size.
const optimizeEvery = time.Hour

// sealCheck reads and writes the seal check in the meta table.
func sealCheck(db *sql.DB) store.SealCheck {
	return store.SQLSealCheck(func(ctx context.Context, q string) ([]byte, bool, error) {
		var v []byte
		err := db.QueryRowContext(ctx, q).Scan(&v)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, false, nil
		}
		return v, err == nil, err
	}, func(ctx context.Context, q string, arg []byte) error {
		_, err := db.ExecContext(ctx, q, arg)
		return err
	}, "?")
}

// migrationProvider is goose's provider of this binary's migrations on db.
func migrationProvider(db *sql.DB) (*goose.Provider, error) {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(goose.DialectSQLite3, db, sub)
}

func migrate(ctx context.Context, db *sql.DB) error {
	p, err := migrationProvider(db)
	if err != nil {
		return fmt.Errorf("sqlite: preparing migrations: %w", err)
	}
	if err := store.RefuseNewerSchema(ctx, p); err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("sqlite: migrating: %w", err)
	}
	return nil
}

// probePad is the size of the row Ping writes: as large as the largest
// event by default, so that ready means an event fits, on a full disk or
// at the size cap as after one.
const probePad = 256 << 10

// Ping checks both pools and commits a write that allocates pages (a row
// written and deleted in one transaction), so that a full disk or quota
// reads as not ready, and a freed one as ready again.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.read.PingContext(ctx); err != nil {
		return err
	}
	return db.writer.do(func(tx wtx) error {
		if _, err := tx.Exec(`INSERT OR REPLACE INTO write_probe (id, pad) VALUES (1, zeroblob(?))`, probePad); err != nil {
			return err
		}
		_, err := tx.Exec(`DELETE FROM write_probe WHERE id = 1`)
		return err
	})
}

// Close finishes queued writes and closes the file.
func (db *DB) Close() error {
	close(db.stopCkpt)
	<-db.ckptDone
	db.writer.close()
	db.rstmts.close()
	// A last full checkpoint leaves a small WAL for the next start.
	_, _ = db.ckpt.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	return errors.Join(db.read.Close(), db.write.Close(), db.ckpt.Close())
}

// Times are stored as integer microseconds.
func us(t time.Time) int64 { return t.UnixMicro() }

func fromUS(v int64) time.Time { return time.UnixMicro(v).UTC() }

func nullUS(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMicro(), Valid: true}
}

func notFound(what, id string) error {
	return herald.Errorf(herald.ENOTFOUND, "%s %q does not exist", what, id)
}
