package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
)

// maxBatch bounds how many callers share one transaction, so that one
// commit's latency stays small under any load.
const maxBatch = 256

// writeOp is one caller's write: fn, or, for a CreateEvents, its events,
// which the writer inserts together with those of the other CreateEvents
// in the transaction, and on their own only if that fails.
type writeOp struct {
	fn     func(wtx) error
	events *eventsOp
	// restart, when set, is no write but a RESTART checkpoint, run
	// between two transactions (wal.go).
	restart *restartOp
	done    chan error
}

// restartOp asks the writer to restart the WAL, waiting at most wait for
// readers, and holds what the checkpoint answered.
type restartOp struct {
	wait time.Duration
	res  checkpointResult
}

// run writes op on its own.
func (op writeOp) run(tx wtx) error {
	if op.events != nil {
		return insertEvents(tx, op.events.evs, op.events.created)
	}
	return op.fn(tx)
}

// eventsOp is a CreateEvents: its events, and where to say which were new.
type eventsOp struct {
	evs     []store.NewEvent
	created []bool
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
	wal    *walStats
	gate   *readGate // the store's reads, held while the WAL restarts
	// foreignBusy: the last WAL restart found another process's
	// snapshot in the log (foreignWait). Only the writer goroutine uses it.
	foreignBusy bool
	// backupMark is the file a backup of this store holds locked while
	// its snapshot is open (backupUnderway).
	backupMark string
	// opsRun counts the callers' functions run, for tests of how a caller
	// splits its work.
	opsRun atomic.Int64
}

func newWriter(db *sql.DB) *writer {
	w := &writer{db: db, stmts: newStmts(db, false), ops: make(chan writeOp, maxBatch), exited: make(chan struct{}), wal: newWALStats(),
		gate: newReadGate()}
	go w.run()
	return w
}

var errClosed = herald.Errorf(herald.EUNAVAILABLE, "the store is closed; the server is shutting down")

// doEvents stores evs (setting created[i] for each new one) in a write
// transaction, together with the events of the callers it shares it with.
func (w *writer) doEvents(evs []store.NewEvent, created []bool) error {
	return w.send(writeOp{events: &eventsOp{evs: evs, created: created}})
}

// do runs fn in a write transaction and returns once that transaction has
// committed (and is on disk) or failed. It does not give up on ctx once the
// write is queued: a caller told "failed" must be able to trust that
// nothing was written.
func (w *writer) do(fn func(wtx) error) error { return w.send(writeOp{fn: fn}) }

// restart has the writer restart the WAL between two transactions (after
// the one it is committing, before the next), so that no commit races
// the checkpoint.
func (w *writer) restart(wait time.Duration) (checkpointResult, error) {
	op := &restartOp{wait: wait}
	err := w.send(writeOp{restart: op})
	return op.res, err
}

// send queues op and waits for its transaction, as do says.
func (w *writer) send(op writeOp) error {
	op.done = make(chan error, 1)
	w.mu.RLock()
	if w.closed {
		w.mu.RUnlock()
		return errClosed
	}
	w.ops <- op
	w.mu.RUnlock()
	return <-op.done
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
	ingesting := false   // the last transaction stored events
	var restart *writeOp // a restart met while filling a batch, run after it
	for op := range w.ops {
		if op.restart != nil {
			w.runRestart(op)
			continue
		}
		batch = append(batch[:0], op)
		if ingesting || op.events != nil {
			// Ingest requests rarely come alone: let the goroutines that
			// are runnable (requests read, about to store theirs) run
			// first, so that they join this transaction rather than wait
			// for the next. Not while there is no ingest: yielding to
			// hundreds of attempts only delays the completions they wait
			// on (measured: a fan-out to 100 endpoints lost up to 13 %).
			runtime.Gosched()
		}
	fill:
		for len(batch) < maxBatch {
			select {
			case op, ok := <-w.ops:
				if !ok {
					break fill
				}
				if op.restart != nil {
					restart = &op
					break fill
				}
				batch = append(batch, op)
			default:
				break fill
			}
		}
		w.commit(batch)
		ingesting = slices.ContainsFunc(batch, func(op writeOp) bool { return op.events != nil })
		w.stmts.prepareMissed(context.Background())
		if restart != nil {
			w.runRestart(*restart)
			restart = nil
		}
	}
	w.stmts.close()
}

func (w *writer) runRestart(op writeOp) {
	var err error
	op.restart.res, err = w.restartLog(op.restart.wait)
	op.done <- err
}

func (w *writer) commit(batch []writeOp) {
	w.opsRun.Add(int64(len(batch)))
	errs := make([]error, len(batch))
	err := w.tx(func(tx wtx) error {
		if len(batch) == 1 {
			errs[0] = batch[0].run(tx)
			return errs[0]
		}
		together, err := insertTogether(tx, batch)
		if err != nil {
			return err
		}
		for i, op := range batch {
			if together[i] {
				continue
			}
			if _, err := tx.Exec("SAVEPOINT op"); err != nil {
				return err
			}
			errs[i] = op.run(tx)
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

// insertTogether inserts the events of every CreateEvents in batch with
// one insertEvents, in a savepoint, and reports which ops it served: all
// of them, or (fewer than two, or the insert failed, as for a request
// naming an unknown tenant) none, each then run on its own. One set of
// multi-row statements instead of a savepoint and single-row inserts per
// request is what one event per request needs most. Of two callers with
// one event id, the earlier creates it, as one by one.
func insertTogether(tx wtx, batch []writeOp) ([]bool, error) {
	served := make([]bool, len(batch))
	var all []store.NewEvent
	n := 0
	for _, op := range batch {
		if op.events != nil {
			all = append(all, op.events.evs...)
			n++
		}
	}
	if n < 2 {
		return served, nil
	}
	if _, err := tx.Exec("SAVEPOINT together"); err != nil {
		return served, err
	}
	created := make([]bool, len(all))
	if err := insertEvents(tx, all, created); err != nil {
		if _, err := tx.Exec("ROLLBACK TO together"); err != nil {
			return served, err
		}
		_, err := tx.Exec("RELEASE together")
		return served, err
	}
	for i, op := range batch {
		if op.events != nil {
			k := copy(op.events.created, created)
			created, served[i] = created[k:], true
		}
	}
	_, err := tx.Exec("RELEASE together")
	return served, err
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
