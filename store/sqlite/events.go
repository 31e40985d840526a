package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/internal/sqlcols"
)

// Rows are inserted with multi-row statements of a few fixed sizes, largest
// first: one statement per row was most of the writer's cost of an ingest,
// and fixed sizes keep the prepared-statement cache to a handful of texts.
var insertChunks = []int{128, 32, 8, 1}

// chunk returns how many of n rows the next statement takes.
func chunk(n int) int {
	for _, c := range insertChunks {
		if n >= c {
			return c
		}
	}
	return n
}

// valuesSQL returns the text of a multi-row INSERT: head, then n row
// tuples of cols placeholders, then tail. The texts are built once.
func valuesSQL(head string, cols, n int, tail string) string {
	k := [3]any{head, n, tail}
	if q, ok := valuesCache.Load(k); ok {
		return q.(string)
	}
	var b strings.Builder
	b.WriteString(head)
	b.WriteString(" VALUES ")
	row := "(" + strings.Repeat("?,", cols-1) + "?)"
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(row)
	}
	b.WriteString(tail)
	valuesCache.Store(k, b.String())
	return b.String()
}

var valuesCache sync.Map

// CreateEvents stores events and their deliveries in one transaction.
func (db *DB) CreateEvents(ctx context.Context, evs []store.NewEvent) ([]bool, error) {
	created := make([]bool, len(evs))
	if err := db.writer.doEvents(evs, created); err != nil {
		return nil, err
	}
	return created, nil
}

// insertEvent stores an event and, if its id is new to the tenant, its
// deliveries; it reports whether the event was new.
func insertEvent(tx wtx, ne store.NewEvent) (bool, error) {
	created := []bool{false}
	err := insertEvents(tx, []store.NewEvent{ne}, created)
	return created[0], err
}

const insertEventsHead = `INSERT INTO events (tenant_id, id, type, channels, data, created_at, trace_parent)`

// insertEvents stores events and the deliveries of those whose ids are new
// to their tenants, and sets created[i] for each new evs[i]. Of two events
// with one id in evs, the first is stored.
func insertEvents(tx wtx, evs []store.NewEvent, created []bool) error {
	const cols = 7
	fresh := make(map[[2]string]bool, len(evs))
	args := make([]any, 0, min(len(evs), insertChunks[0])*cols)
	for rest := evs; len(rest) > 0; {
		n := chunk(len(rest))
		args = args[:0]
		for _, ne := range rest[:n] {
			ev := ne.Event
			args = append(args, ev.TenantID, ev.ID, ev.Type, store.JSONText(ev.Channels), []byte(ev.Data), us(ev.CreatedAt), store.NullText(ev.TraceParent))
		}
		if n == 1 {
			// One row needs no RETURNING: whether it was inserted is the
			// count of rows changed, and a plain Exec is the cheaper call
			// (one event per request is the common case).
			ev := rest[0].Event
			rest = rest[1:]
			res, err := tx.Exec(valuesSQL(insertEventsHead, cols, 1, ` ON CONFLICT (tenant_id, id) DO NOTHING`), args...)
			if err != nil {
				if isForeignKeyViolation(err) {
					return notFound("tenant", evs[0].Event.TenantID)
				}
				return err
			}
			if n, _ := res.RowsAffected(); n == 1 {
				fresh[[2]string{ev.TenantID, ev.ID}] = true
			}
			continue
		}
		rest = rest[n:]
		q := valuesSQL(insertEventsHead, cols, n, ` ON CONFLICT (tenant_id, id) DO NOTHING RETURNING tenant_id, id`)
		if err := insertReturning(tx, q, args, fresh); err != nil {
			if isForeignKeyViolation(err) {
				return notFound("tenant", evs[0].Event.TenantID)
			}
			return err
		}
	}
	ds, deferred := store.MarkCreated(evs, fresh, created)
	if err := insertDeliveries(tx, ds); err != nil {
		return err
	}
	for _, ne := range deferred {
		if _, err := tx.Exec(`INSERT INTO fanouts (tenant_id, event_id, planned, total, created_at) VALUES (?, ?, ?, ?, ?)`,
			ne.Event.TenantID, ne.Event.ID, store.PlannedText(ne.Deliveries), len(ne.Deliveries), us(ne.Event.CreatedAt)); err != nil {
			return err
		}
	}
	return nil
}

// ExpandFanouts writes the next deliveries of deferred fan-outs, oldest
// first, in one writer transaction.
func (db *DB) ExpandFanouts(ctx context.Context, x store.Expansion) ([]*store.Task, bool, error) {
	// Nearly always there is none: a read says so without the writer.
	var any int
	switch err := db.queryRow(ctx, `SELECT 1 FROM fanouts LIMIT 1`).Scan(&any); {
	case errors.Is(err, sql.ErrNoRows):
		return nil, false, nil
	case err != nil:
		return nil, false, err
	}
	var tasks []*store.Task
	var more bool
	err := db.writer.do(func(tx wtx) error {
		rows, err := tx.Query(`SELECT f.tenant_id, f.event_id, e.type, e.channels, e.data, e.created_at, e.trace_parent, f.total, f.written
			FROM fanouts f JOIN events e ON e.tenant_id = f.tenant_id AND e.id = f.event_id
			ORDER BY f.created_at LIMIT ?`, store.MarkersPerExpansion)
		if err != nil {
			return err
		}
		var markers []store.Marker
		for rows.Next() {
			m := store.Marker{Event: &herald.Event{}}
			var channels string
			var created int64
			var traceParent sql.NullString
			if err := rows.Scan(&m.Event.TenantID, &m.Event.ID, &m.Event.Type, &channels, &m.Event.Data, &created, &traceParent, &m.Total, &m.Written); err != nil {
				rows.Close()
				return err
			}
			m.Event.CreatedAt, m.Event.TraceParent = fromUS(created), traceParent.String
			if err := json.Unmarshal([]byte(channels), &m.Event.Channels); err != nil {
				rows.Close()
				return err
			}
			markers = append(markers, m)
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return err
		}
		tasks, more, err = store.ExpandMarkers(markers, x, store.Backend{
			Planned: func(m store.Marker) ([]byte, error) {
				var text []byte
				err := tx.QueryRow(`SELECT planned FROM fanouts WHERE tenant_id = ? AND event_id = ?`, m.Event.TenantID, m.Event.ID).Scan(&text)
				return text, err
			},
			Active: func(ids []string) (map[string]bool, error) {
				list, _ := json.Marshal(ids)
				rows, err := tx.Query(`SELECT id, disabled = 0 AND paused = 0 FROM endpoints WHERE id IN (SELECT value FROM json_each(?))`, string(list))
				if err != nil {
					return nil, err
				}
				active, err := store.ScanActive(rows, len(ids))
				return active, errors.Join(err, rows.Err(), rows.Close())
			},
			Insert: func(ds []*herald.Delivery) error { return insertDeliveries(tx, ds) },
			Advance: func(m store.Marker, written int, done bool) error {
				var err error
				if done {
					_, err = tx.Exec(`DELETE FROM fanouts WHERE tenant_id = ? AND event_id = ?`, m.Event.TenantID, m.Event.ID)
				} else {
					_, err = tx.Exec(`UPDATE fanouts SET written = ? WHERE tenant_id = ? AND event_id = ?`, written, m.Event.TenantID, m.Event.ID)
				}
				return err
			},
		})
		return err
	})
	if err != nil {
		return nil, false, err
	}
	return tasks, more, nil
}

// insertReturning runs an INSERT ... RETURNING tenant_id, id and notes
// each returned key in keys.
func insertReturning(tx wtx, q string, args []any, keys map[[2]string]bool) error {
	rows, err := tx.Query(q, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var k [2]string
		if err := rows.Scan(&k[0], &k[1]); err != nil {
			rows.Close()
			return err
		}
		keys[k] = true
	}
	return errors.Join(rows.Err(), rows.Close())
}

const insertDeliveriesHead = `INSERT INTO deliveries (id, tenant_id, event_id, endpoint_id, status, attempts,
	next_attempt_at, lease_owner, last_status_code, last_error, created_at, updated_at, fifo_seq, fifo_order)`

// insertDeliveries inserts ds, numbering those to FIFO endpoints and
// settling those endpoints (store.FIFOSettleQuery).
func insertDeliveries(tx wtx, ds []*herald.Delivery) error {
	const cols = 14
	fifo, counts := store.Ordered(ds)
	var seqs []int64
	if len(fifo) > 0 {
		seqs = make([]int64, len(ds))
		for _, ep := range fifo {
			var last int64
			if err := tx.QueryRow(store.FIFONumberQuery(question), ep, counts[ep]).Scan(&last); err != nil {
				if isForeignKeyViolation(err) {
					return herald.Errorf(herald.ECONFLICT, "an endpoint of this event was deleted while it was being accepted; send the event again")
				}
				return err
			}
			store.Number(ds, seqs, ep, counts[ep], last)
		}
	}
	args := make([]any, 0, min(len(ds), insertChunks[0])*cols)
	for off := 0; off < len(ds); {
		n := chunk(len(ds) - off)
		args = args[:0]
		for i, d := range ds[off : off+n] {
			var next sql.NullInt64
			if d.NextAttemptAt != nil {
				next = nullUS(*d.NextAttemptAt)
			}
			var seq sql.NullInt64
			if seqs != nil && seqs[off+i] != 0 {
				seq = sql.NullInt64{Int64: seqs[off+i], Valid: true}
			}
			args = append(args, d.ID, d.TenantID, d.EventID, d.EndpointID, string(d.Status), d.Attempts, next,
				nullString(d.LeaseOwner), d.LastStatusCode, d.LastError, us(d.CreatedAt), us(d.UpdatedAt), seq, seq)
		}
		off += n
		if _, err := tx.Exec(valuesSQL(insertDeliveriesHead, cols, n, ""), args...); err != nil {
			if isForeignKeyViolation(err) {
				return herald.Errorf(herald.ECONFLICT, "an endpoint of this event was deleted while it was being accepted; send the event again")
			}
			return err
		}
	}
	if len(fifo) == 0 {
		return nil
	}
	return settleFIFO(tx, fifo)
}

// settleFIFO makes the first waiting delivery of each FIFO endpoint due,
// and its head, where the head no longer goes. The single writer
// serializes settles.
func settleFIFO(tx wtx, endpoints []string) error {
	for _, ep := range endpoints {
		var head string
		err := tx.QueryRow(store.FIFOSettleQuery(question), ep, ep).Scan(&head)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(store.FIFOSetHeadQuery(question), head, ep); err != nil {
			return err
		}
	}
	return nil
}

// question writes SQLite's placeholders for the store's shared queries.
func question(int) string { return "?" }

func scanEvent(row rowScanner) (*herald.Event, error) {
	var ev herald.Event
	var channels string
	var data []byte
	var created int64
	var traceParent sql.NullString
	if err := row.Scan(&ev.TenantID, &ev.ID, &ev.Type, &channels, &data, &created, &traceParent); err != nil {
		return nil, err
	}
	ev.TraceParent = traceParent.String
	if err := json.Unmarshal([]byte(channels), &ev.Channels); err != nil {
		return nil, err
	}
	ev.Data, ev.CreatedAt = json.RawMessage(data), fromUS(created)
	return &ev, nil
}

// FindEventByID returns one of a tenant's events.
func (db *DB) FindEventByID(ctx context.Context, tenantID, id string) (*herald.Event, error) {
	return findEvent(ctx, readQ{db}, tenantID, id)
}

func findEvent(ctx context.Context, q queryer, tenantID, id string) (*herald.Event, error) {
	ev, err := scanEvent(q.QueryRowContext(ctx, `SELECT `+sqlcols.Event+` FROM events WHERE tenant_id = ? AND id = ?`, tenantID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("event", id)
	}
	return ev, err
}

// FindEvents lists a tenant's events, newest first.
func (db *DB) FindEvents(ctx context.Context, f store.EventFilter) ([]*herald.Event, string, error) {
	conds, args := []string{`tenant_id = ?`}, []any{f.TenantID}
	if f.Type != "" {
		conds, args = append(conds, `type = ?`), append(args, f.Type)
	}
	return findPage(ctx, db, `SELECT `+sqlcols.Event+` FROM events`, conds, args, f.Page, scanEvent,
		func(e *herald.Event) (time.Time, string) { return e.CreatedAt, e.ID })
}
