// Package postgres is Herald's store on PostgreSQL, for deployments that
// outgrow one machine: several Herald nodes share one database.
//
// Nodes coordinate only through the database. A delivery is owned through
// its lease (lease_owner, and next_attempt_at as the lease's end); claims
// take due rows with FOR UPDATE SKIP LOCKED, so two nodes never claim the
// same delivery and neither waits for the other; changes that read before
// they write lock the row they read (FOR UPDATE). Which deliveries are due
// is kept apart, in deliveries_due, by triggers on deliveries (migration
// 00006): the wide deliveries rows change without touching an index.
//
// Durability is PostgreSQL's: a call returns after its transaction has
// committed, which with the server's default synchronous_commit=on means
// the WAL is flushed.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Config configures a DB.
type Config struct {
	// URL is the connection string, e.g.
	// postgres://herald@db.internal:5432/herald. Required.
	URL string
	// Box seals signing secrets at rest. Every node sharing the database
	// must use the same key. Required.
	Box *seal.Box
	// MaxConns caps the pool. Default: pool_max_conns in URL if it is
	// there, else 16 (see DefaultMaxConns).
	MaxConns int32
	// SearchPath, when set, is the schema search path of every connection
	// (tests use a schema each).
	SearchPath string
	// Now returns the current time for the timestamps the store sets
	// itself. Default time.Now.
	Now func() time.Time
	// LookupHost resolves the URL's host name. Default: the system's
	// resolver. Tests give their own, so that none sends DNS to the
	// network.
	LookupHost func(ctx context.Context, host string) ([]string, error)
}

// DefaultMaxConns is the pool's size unless the URL or the Config sets
// one. pgxpool's own default (the larger of 4 and the cores) queued the
// API's requests for connections: on 2 cores, one event per request went
// from 1,671 to 2,033 events/s with 16, and 32 did no better (herald-bench
// --postgres, 2026-11-29). Several nodes share the server's
// max_connections (100 by default): 16 each leaves room for six.
const DefaultMaxConns = 16

// DB is a Store on a PostgreSQL database.
type DB struct {
	pool   *pgxpool.Pool
	box    *seal.Box
	now    func() time.Time
	events *eventBatcher
	// stopStats ends the statistics loop (see statistics.go); statsDone is
	// closed when it has.
	stopStats context.CancelFunc
	statsDone chan struct{}
}

var _ store.Store = (*DB)(nil)

// Open connects, and migrates the schema to this version of Herald. Several
// nodes may start at once: goose serialises their migrations with a lock.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	if cfg.URL == "" {
		return nil, errors.New("postgres: Config.URL is required")
	}
	if cfg.Box == nil {
		return nil, errors.New("postgres: Config.Box is required to seal signing secrets")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	pc, err := pgxpool.ParseConfig(cfg.URL)
	if err != nil {
		return nil, fmt.Errorf("postgres: the database URL is not valid: %w", err)
	}
	switch {
	case cfg.MaxConns > 0:
		pc.MaxConns = cfg.MaxConns
	case !strings.Contains(cfg.URL, "pool_max_conns"):
		pc.MaxConns = DefaultMaxConns
	}
	if cfg.SearchPath != "" {
		pc.ConnConfig.RuntimeParams["search_path"] = cfg.SearchPath
	}
	if cfg.LookupHost != nil {
		pc.ConnConfig.LookupFunc = cfg.LookupHost
	}
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: cannot reach the database; check the URL and that the server is up: %w", err)
	}
	if err := migrate(ctx, pool, cfg.SearchPath); err != nil {
		pool.Close()
		return nil, err
	}
	if err := store.VerifySealKey(ctx, cfg.Box, sealCheck(pool)); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: %w", err)
	}
	if err := sealLegacyHeaders(ctx, pool, cfg.Box); err != nil {
		pool.Close()
		return nil, err
	}
	db := &DB{pool: pool, box: cfg.Box, now: cfg.Now}
	db.events = newEventBatcher(db)
	var statsCtx context.Context
	statsCtx, db.stopStats = context.WithCancel(context.Background())
	db.statsDone = make(chan struct{})
	go db.keepStatistics(statsCtx)
	return db, nil
}

// sealCheck reads and writes the seal check in the meta table.
func sealCheck(pool *pgxpool.Pool) store.SealCheck {
	return store.SQLSealCheck(func(ctx context.Context, q string) ([]byte, bool, error) {
		var v []byte
		err := pool.QueryRow(ctx, q).Scan(&v)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil, false, nil
		}
		return v, err == nil, err
	}, func(ctx context.Context, q string, arg []byte) error {
		_, err := pool.Exec(ctx, q, arg)
		return err
	}, "$1")
}

// migrate brings the schema up to date. Nodes starting together take
// turns through an advisory lock, one per search path: schemas that do not
// share tables need not wait for each other.
func migrate(ctx context.Context, pool *pgxpool.Pool, searchPath string) error {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	h := fnv.New64a()
	h.Write([]byte("herald migrations " + searchPath))
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(int64(h.Sum64())), lock.WithLockTimeout(1, 300))
	if err != nil {
		return err
	}
	sqlDB := stdlib.OpenDBFromPool(pool)
	defer sqlDB.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, sqlDB, sub, goose.WithSessionLocker(locker))
	if err != nil {
		return fmt.Errorf("postgres: preparing migrations: %w", err)
	}
	if err := store.RefuseNewerSchema(ctx, p); err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("postgres: migrating: %w", err)
	}
	return nil
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.pool.Ping(ctx) }

// Close finishes the writes queued and closes the pool.
func (db *DB) Close() error {
	db.stopStats()
	<-db.statsDone
	db.events.close()
	db.pool.Close()
	return nil
}

var errClosed = herald.Errorf(herald.EUNAVAILABLE, "the store is closed; the server is shutting down")

// tx runs fn in a transaction, again from the start (up to three times)
// when PostgreSQL aborts it for a deadlock or a serialisation failure,
// which two nodes touching the same rows can cause.
func (db *DB) tx(ctx context.Context, fn func(pgx.Tx) error) error {
	var err error
	for range 3 {
		err = pgx.BeginTxFunc(ctx, db.pool, pgx.TxOptions{}, fn)
		if !retryable(err) {
			return err
		}
	}
	return err
}

func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

func retryable(err error) bool {
	c := pgCode(err)
	return c == "40001" || c == "40P01"
}

func isUniqueViolation(err error) bool     { return pgCode(err) == "23505" }
func isForeignKeyViolation(err error) bool { return pgCode(err) == "23503" }

func notFound(what, id string) error {
	return herald.Errorf(herald.ENOTFOUND, "%s %q does not exist", what, id)
}

// affected returns the rows a command changed, or err.
func affected(tag pgconn.CommandTag, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return tag.RowsAffected(), nil
}

// Times are stored as timestamptz (microseconds) and returned in UTC, as
// the SQLite store returns them.
func utc(t time.Time) time.Time { return t.UTC() }

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// micro truncates t to what the database keeps, so that values written and
// compared agree with values read back.
func micro(t time.Time) time.Time { return t.Truncate(time.Microsecond) }

func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	m := micro(t)
	return &m
}

func nullString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// querier is a pool or a transaction.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// rowScanner is a pgx.Row or pgx.Rows.
type rowScanner interface{ Scan(...any) error }

// findPage runs base with the conditions, newest first below the cursor,
// one row more than the page so that it knows whether there is more.
// Placeholders in conds are numbered from $1 in the order of args.
func findPage[T any](ctx context.Context, q querier, base, alias string, conds []string, args []any, page store.Page,
	scan func(rowScanner) (T, error), key func(T) (time.Time, string)) ([]T, string, error) {
	if page.Cursor != "" {
		ts, id, err := store.DecodeCursor(page.Cursor)
		if err != nil {
			return nil, "", err
		}
		conds = append(conds, fmt.Sprintf(`(%screated_at, %sid) < ($%d, $%d)`, alias, alias, len(args)+1, len(args)+2))
		args = append(args, micro(ts), id)
	}
	sql := base
	for i, c := range conds {
		if i == 0 {
			sql += ` WHERE ` + c
		} else {
			sql += ` AND ` + c
		}
	}
	sql += fmt.Sprintf(` ORDER BY %screated_at DESC, %sid DESC LIMIT $%d`, alias, alias, len(args)+1)
	args = append(args, page.Size()+1)
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, "", err
	}
	out, err := collect(rows, scan)
	if err != nil {
		return nil, "", err
	}
	out, next := store.CutPage(out, page, key)
	return out, next, nil
}
