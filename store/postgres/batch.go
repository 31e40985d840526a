package postgres

import (
	"context"
	"sync"

	"github.com/jackc/pgx/v5"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
)

// eventBatcher is group commit for CreateEvents, the API's hottest write:
// requests that arrive while a commit is under way are stored together by
// the next transaction, each inside a savepoint of its own so that one
// request's failure (an unknown tenant) undoes only its own rows. A few
// batchers run side by side, each taking what is queued when it is free,
// so batches form by themselves under load and cost nothing when idle.
type eventBatcher struct {
	db     *DB
	ops    chan *createOp
	wg     sync.WaitGroup
	mu     sync.RWMutex // guards closed against sends on a closed channel
	closed bool
}

type createOp struct {
	evs     []store.NewEvent
	created []bool
	err     error
	done    chan struct{}
}

const (
	batchers      = 4
	maxBatchedOps = 128
	// maxBatchedRows stops a batch from growing once its events and
	// deliveries reach this many rows, so that large requests (up to 1,000
	// events, each fanned out to many endpoints) are not made into one long
	// transaction together: they gain little from sharing a commit.
	maxBatchedRows = 2000
)

// rows counts the events and deliveries op writes.
func (op *createOp) rows() int {
	n := len(op.evs)
	for _, ne := range op.evs {
		n += len(ne.Deliveries)
	}
	return n
}

func newEventBatcher(db *DB) *eventBatcher {
	b := &eventBatcher{db: db, ops: make(chan *createOp, maxBatchedOps)}
	for range batchers {
		b.wg.Go(b.run)
	}
	return b
}

// do stores evs, and returns once its transaction has committed or
// failed. It does not give up on the caller's context once queued: a
// caller told "failed" must be able to trust that nothing was written.
func (b *eventBatcher) do(evs []store.NewEvent) ([]bool, error) {
	op := &createOp{evs: evs, created: make([]bool, len(evs)), done: make(chan struct{})}
	b.mu.RLock()
	if b.closed {
		b.mu.RUnlock()
		return nil, errClosed
	}
	b.ops <- op
	b.mu.RUnlock()
	<-op.done
	return op.created, op.err
}

func (b *eventBatcher) close() {
	b.mu.Lock()
	if !b.closed {
		b.closed = true
		close(b.ops)
	}
	b.mu.Unlock()
	b.wg.Wait()
}

func (b *eventBatcher) run() {
	batch := make([]*createOp, 0, maxBatchedOps)
	for op := range b.ops {
		batch = append(batch[:0], op)
		rows := op.rows()
	fill:
		for len(batch) < maxBatchedOps && rows < maxBatchedRows {
			select {
			case op, ok := <-b.ops:
				if !ok {
					break fill
				}
				batch = append(batch, op)
				rows += op.rows()
			default:
				break fill
			}
		}
		b.commit(batch)
	}
}

func (b *eventBatcher) commit(batch []*createOp) {
	ctx := context.Background()
	var err error
	if len(batch) > 1 {
		// First as one set of rows: two statements for the whole batch.
		// Only if that fails (a request for an unknown tenant) is each
		// request stored on its own, inside a savepoint.
		if err = b.commitTogether(ctx, batch); err == nil {
			b.finish(batch, nil)
			return
		}
		// A request for an unknown tenant: answer those, and store the
		// rest together still. Request by request, in savepoints, two
		// batches with ids in common take the ids' locks in different
		// orders and deadlock under load.
		if herald.ErrorCode(err) == herald.ENOTFOUND {
			if rest, ok := b.withoutUnknownTenants(ctx, batch); ok {
				if len(rest) == 0 || b.commitTogether(ctx, rest) == nil {
					b.finish(batch, nil)
					return
				}
			}
		}
	}
	err = b.db.tx(ctx, func(tx pgx.Tx) error {
		if len(batch) == 1 {
			batch[0].err = insertEvents(ctx, tx, batch[0].evs, batch[0].created)
			return batch[0].err
		}
		for _, op := range batch {
			if _, err := tx.Exec(ctx, `SAVEPOINT op`); err != nil {
				return err
			}
			if op.err = insertEvents(ctx, tx, op.evs, op.created); op.err != nil {
				if retryable(op.err) {
					return op.err // the whole transaction is lost: run it again
				}
				if _, err := tx.Exec(ctx, `ROLLBACK TO SAVEPOINT op`); err != nil {
					return err
				}
			}
			if _, err := tx.Exec(ctx, `RELEASE SAVEPOINT op`); err != nil {
				return err
			}
		}
		return nil
	})
	b.finish(batch, err)
}

// withoutUnknownTenants sets a not-found error on each request of batch
// that names a tenant the store does not have, and returns the others;
// ok is false when the store could not say.
func (b *eventBatcher) withoutUnknownTenants(ctx context.Context, batch []*createOp) (rest []*createOp, ok bool) {
	var ids []string
	for _, op := range batch {
		for _, ne := range op.evs {
			ids = append(ids, ne.Event.TenantID)
		}
	}
	rows, err := b.db.pool.Query(ctx, `SELECT id FROM tenants WHERE id = ANY($1::text[])`, ids)
	if err != nil {
		return nil, false
	}
	known := map[string]bool{}
	for rows.Next() {
		var id string
		if rows.Scan(&id) == nil {
			known[id] = true
		}
	}
	rows.Close()
	if rows.Err() != nil {
		return nil, false
	}
	for _, op := range batch {
		op.err = nil
		for _, ne := range op.evs {
			if !known[ne.Event.TenantID] {
				op.err = notFound("tenant", ne.Event.TenantID)
				break
			}
		}
		if op.err == nil {
			rest = append(rest, op)
		}
	}
	return rest, true
}

// commitTogether stores the events of every request in batch with one
// insertEvents, and splits the answer back. Of two requests with one
// event id, the earlier is the one that creates it, as one by one.
func (b *eventBatcher) commitTogether(ctx context.Context, batch []*createOp) error {
	var all []store.NewEvent
	for _, op := range batch {
		all = append(all, op.evs...)
	}
	created := make([]bool, len(all))
	err := b.db.tx(ctx, func(tx pgx.Tx) error { return insertEvents(ctx, tx, all, created) })
	if err != nil {
		return err
	}
	for _, op := range batch {
		n := copy(op.created, created)
		created = created[n:]
	}
	return nil
}

// finish tells each request of batch how it went: its own error, else the
// transaction's.
func (b *eventBatcher) finish(batch []*createOp, err error) {
	for _, op := range batch {
		if op.err == nil && err != nil {
			op.err = err
		}
		if op.err != nil {
			op.created = nil
		}
		close(op.done)
	}
}
