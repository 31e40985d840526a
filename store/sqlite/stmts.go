package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

// stmts caches prepared statements by their SQL: parsing SQL was a quarter
// of Herald's CPU under load before this cache.
//
// The write pool has a single connection that the writer goroutine holds
// inside its transactions, so preparing there on demand would wait for
// itself. A write statement is therefore run unprepared the first time,
// noted, and prepared by the writer between transactions (prepareMissed).
type stmts struct {
	db   *sql.DB
	lazy bool // prepare unknown statements on first use (the read pool)

	mu     sync.RWMutex
	m      map[string]*sql.Stmt
	missed map[string]bool
}

// maxStmts bounds the cache: statements built with a varying number of
// placeholders must not grow it without end.
const maxStmts = 256

func newStmts(db *sql.DB, lazy bool) *stmts {
	return &stmts{db: db, lazy: lazy, m: make(map[string]*sql.Stmt), missed: make(map[string]bool)}
}

// prepareMissed prepares the statements noted since the last call. Only
// the writer calls it, when it holds no transaction.
func (s *stmts) prepareMissed(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for q := range s.missed {
		delete(s.missed, q)
		if len(s.m) >= maxStmts {
			continue
		}
		if st, err := s.db.PrepareContext(ctx, q); err == nil {
			s.m[q] = st
		}
	}
}

// get returns the prepared statement for q, or nil when there is none and
// none may be made now.
func (s *stmts) get(ctx context.Context, q string) *sql.Stmt {
	s.mu.RLock()
	st := s.m[q]
	s.mu.RUnlock()
	if st != nil {
		return st
	}
	if !s.lazy {
		s.mu.Lock()
		if len(s.m) < maxStmts {
			s.missed[q] = true
		}
		s.mu.Unlock()
		return nil
	}
	st, err := s.db.PrepareContext(ctx, q)
	if err != nil {
		return nil // the unprepared path reports the error
	}
	s.mu.Lock()
	if prev := s.m[q]; prev != nil || len(s.m) >= maxStmts {
		if prev == nil {
			s.mu.Unlock()
			return st // used once, then garbage: the cache is full
		}
		st.Close()
		st = prev
	} else {
		s.m[q] = st
	}
	s.mu.Unlock()
	return st
}

func (s *stmts) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, st := range s.m {
		st.Close()
	}
	clear(s.m)
}

// query and queryRow run q on the read pool, prepared, within the store's
// ReadTimeout: a read holds a snapshot, and a snapshot in the WAL keeps
// the log from restarting (wal.go), so none may last for ever.
// Each passes the writer's read gate (wal.go) and leaves it when its rows
// are closed or its row scanned: every caller must do one or the other.
func (db *DB) query(ctx context.Context, q string, args ...any) (*readRows, error) {
	end := db.beginRead()
	ctx, cancel := context.WithTimeout(ctx, db.readTimeout)
	var rows *sql.Rows
	var err error
	if st := db.rstmts.get(ctx, q); st != nil {
		rows, err = st.QueryContext(ctx, args...)
	} else {
		rows, err = db.read.QueryContext(ctx, q, args...)
	}
	if err != nil {
		cancel()
		end()
		return nil, err
	}
	return &readRows{Rows: rows, ctx: ctx, cancel: cancel, end: end}, nil
}

func (db *DB) queryRow(ctx context.Context, q string, args ...any) *readRow {
	end := db.beginRead()
	ctx, cancel := context.WithTimeout(ctx, db.readTimeout)
	if st := db.rstmts.get(ctx, q); st != nil {
		return &readRow{row: st.QueryRowContext(ctx, args...), ctx: ctx, cancel: cancel, end: end}
	}
	return &readRow{row: db.read.QueryRowContext(ctx, q, args...), ctx: ctx, cancel: cancel, end: end}
}

// beginRead passes the read gate and returns how to leave it, once.
func (db *DB) beginRead() func() {
	g := db.writer.gate
	g.enter()
	var left atomic.Bool
	return func() {
		if left.CompareAndSwap(false, true) {
			g.leave()
		}
	}
}

// readRows are a bounded read's rows: closing them ends the bound too.
type readRows struct {
	*sql.Rows
	ctx    context.Context
	cancel context.CancelFunc
	end    func()
}

// Err is the rows' error, a read cut at its bound being one that says so
// (the driver reports an interrupt): the API answers it 503.
func (r *readRows) Err() error { return boundErr(r.ctx, r.Rows.Err()) }

// Close closes the rows and releases the read's timer.
func (r *readRows) Close() error {
	err := r.Rows.Close()
	r.cancel()
	r.end()
	return err
}

// readRow is a bounded read's one row: scanning it ends the bound.
type readRow struct {
	row    *sql.Row
	ctx    context.Context
	cancel context.CancelFunc
	end    func()
}

// Scan scans the row and releases the read's timer.
func (r *readRow) Scan(dest ...any) error {
	defer r.end()
	defer r.cancel()
	return boundErr(r.ctx, r.row.Scan(dest...))
}

// boundErr is err, joined with the context's error when the read's
// context ended, so that errors.Is finds context.DeadlineExceeded.
func boundErr(ctx context.Context, err error) error {
	if err == nil || errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("%w: %w", cerr, err)
	}
	return err
}

// wtx wraps a write transaction so that statements prepared up front are
// used within it.
type wtx struct {
	tx  *sql.Tx
	ctx context.Context
	s   *stmts
}

func (w wtx) Exec(q string, args ...any) (sql.Result, error) {
	if st := w.s.get(w.ctx, q); st != nil {
		return w.tx.StmtContext(w.ctx, st).ExecContext(w.ctx, args...)
	}
	return w.tx.ExecContext(w.ctx, q, args...)
}

func (w wtx) Query(q string, args ...any) (*sql.Rows, error) {
	if st := w.s.get(w.ctx, q); st != nil {
		return w.tx.StmtContext(w.ctx, st).QueryContext(w.ctx, args...)
	}
	return w.tx.QueryContext(w.ctx, q, args...)
}

func (w wtx) QueryRowContext(ctx context.Context, q string, args ...any) rowScanner {
	return w.row(ctx, q, args...)
}

func (w wtx) QueryRow(q string, args ...any) *sql.Row { return w.row(w.ctx, q, args...) }

func (w wtx) row(ctx context.Context, q string, args ...any) *sql.Row {
	if st := w.s.get(ctx, q); st != nil {
		return w.tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
	}
	return w.tx.QueryRowContext(ctx, q, args...)
}

// readQ runs single-row lookups on the read pool, prepared.
type readQ struct{ db *DB }

func (r readQ) QueryRowContext(ctx context.Context, q string, args ...any) rowScanner {
	return r.db.queryRow(ctx, q, args...)
}
