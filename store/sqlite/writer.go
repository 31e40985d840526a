package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/heraldhq/herald"
)

// maxBatch bounds how many callers share one transaction, so that one
// commit's latency stays small under any load.
const maxBatch = 256

type writeOp struct {
	fn   func(wtx) error
	done chan error
}

// writer runs every write on the one write connection. Callers that arrive
// while a commit is under way are served together by the next transaction,
// each inside its own savepoint, so one caller's failure undoes only its
// own changes.
type writer struct {
	db     *sql.DB
	stmts  *stmts
	ops    chan writeOp
	mu     sync.RWMutex // guards closed against sends on a closed channel
	closed bool
	exited chan struct{}
	// opsRun counts the callers' functions run, for tests of how a caller
	// splits its work.
	opsRun atomic.Int64
}

func newWriter(db *sql.DB) *writer {
	w := &writer{db: db, stmts: newStmts(db, false), ops: make(chan writeOp, maxBatch), exited: make(chan struct{})}
	go w.run()
	return w
}

var errClosed = herald.Errorf(herald.EUNAVAILABLE, "the store is closed; the server is shutting down")

// do runs fn in a write transaction and returns once that transaction has
// committed (and is on disk) or failed. It does not give up on ctx once the
// write is queued: a caller told "failed" must be able to trust that
// nothing was written.
func (w *writer) do(fn func(wtx) error) error {
	done := make(chan error, 1)
	w.mu.RLock()
	if w.closed {
		w.mu.RUnlock()
		return errClosed
	}
	w.ops <- writeOp{fn: fn, done: done}
	w.mu.RUnlock()
	return <-done
}

func (w *writer) close() {
	w.mu.Lock()
	if !w.closed {
		w.closed = true
		close(w.ops)
	}
	w.mu.Unlock()
	<-w.exited
}

func (w *writer) run() {
	defer close(w.exited)
	batch := make([]writeOp, 0, maxBatch)
	for op := range w.ops {
		batch = append(batch[:0], op)
	fill:
		for len(batch) < maxBatch {
			select {
			case op, ok := <-w.ops:
				if !ok {
					break fill
				}
				batch = append(batch, op)
			default:
				break fill
			}
		}
		w.commit(batch)
		w.stmts.prepareMissed(context.Background())
	}
	w.stmts.close()
}

func (w *writer) commit(batch []writeOp) {
	w.opsRun.Add(int64(len(batch)))
	errs := make([]error, len(batch))
	err := w.tx(func(tx wtx) error {
		if len(batch) == 1 {
			errs[0] = batch[0].fn(tx)
			return errs[0]
		}
		for i, op := range batch {
			if _, err := tx.Exec("SAVEPOINT op"); err != nil {
				return err
			}
			errs[i] = op.fn(tx)
			if errs[i] != nil {
				if _, err := tx.Exec("ROLLBACK TO op"); err != nil {
					return err
				}
			}
			if _, err := tx.Exec("RELEASE op"); err != nil {
				return err
			}
		}
		return nil
	})
	for i, op := range batch {
		switch {
		case errs[i] != nil:
			op.done <- errs[i]
		case err != nil:
			op.done <- fmt.Errorf("sqlite: commit: %w", err)
		default:
			op.done <- nil
		}
	}
}

func (w *writer) tx(fn func(wtx) error) error {
	ctx := context.Background()
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(wtx{tx: tx, ctx: ctx, s: w.stmts}); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}
