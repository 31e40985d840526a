package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/internal/sqlcols"
)

// CreateEvents stores events and their deliveries in one transaction.
// Concurrent calls share transactions (see eventBatcher).
func (db *DB) CreateEvents(ctx context.Context, evs []store.NewEvent) ([]bool, error) {
	return db.events.do(evs)
}

// insertEvents stores events and the deliveries of those whose ids are new
// to their tenants, and sets created[i] for each new evs[i]. Of two events
// with one id in evs, the first is stored. Each table takes one statement,
// whatever the number of rows: the columns go as arrays and unnest.
func insertEvents(ctx context.Context, tx pgx.Tx, evs []store.NewEvent, created []bool) error {
	n := len(evs)
	tenants, ids, types := make([]string, n), make([]string, n), make([]string, n)
	channels, data := make([]string, n), make([][]byte, n)
	at, traces := make([]time.Time, n), make([]*string, n)
	for i, ne := range evs {
		ev := ne.Event
		tenants[i], ids[i], types[i] = ev.TenantID, ev.ID, ev.Type
		channels[i], data[i], at[i] = store.JSONText(ev.Channels), []byte(ev.Data), micro(ev.CreatedAt)
		traces[i] = store.NullText(ev.TraceParent)
	}
	// Rows go in key order, so that concurrent batches with ids in
	// common (the batchers run side by side) take the unique index's
	// locks in one order and cannot deadlock; WITH ORDINALITY keeps evs'
	// order among rows of one id, so that the first is the one stored.
	rows, err := tx.Query(ctx, `INSERT INTO events (tenant_id, id, type, channels, data, created_at, trace_parent)
		SELECT t, i, ty, c::jsonb, d, a, tp FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bytea[], $6::timestamptz[], $7::text[])
			WITH ORDINALITY AS v(t, i, ty, c, d, a, tp, n) ORDER BY t, i, n
		ON CONFLICT (tenant_id, id) DO NOTHING RETURNING tenant_id, id`,
		tenants, ids, types, channels, data, at, traces)
	if err != nil {
		return err
	}
	fresh := make(map[[2]string]bool, n)
	for rows.Next() {
		var k [2]string
		if err := rows.Scan(&k[0], &k[1]); err != nil {
			rows.Close()
			return err
		}
		fresh[k] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		if isForeignKeyViolation(err) {
			return notFound("tenant", evs[0].Event.TenantID)
		}
		return err
	}
	ds, deferred := store.MarkCreated(evs, fresh, created)
	if err := insertDeliveries(ctx, tx, ds); err != nil {
		return err
	}
	for _, ne := range deferred {
		if _, err := tx.Exec(ctx, `INSERT INTO fanouts (tenant_id, event_id, planned, total, created_at) VALUES ($1, $2, $3::jsonb, $4, $5)`,
			ne.Event.TenantID, ne.Event.ID, store.PlannedText(ne.Deliveries), len(ne.Deliveries), micro(ne.Event.CreatedAt)); err != nil {
			return err
		}
	}
	return nil
}

// ExpandFanouts writes the next deliveries of deferred fan-outs, oldest
// first, in one transaction; the markers it takes are locked, and other
// nodes pass over them.
func (db *DB) ExpandFanouts(ctx context.Context, x store.Expansion) ([]*store.Task, bool, error) {
	var tasks []*store.Task
	var more bool
	err := db.tx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT f.tenant_id, f.event_id, e.type, e.channels, e.data, e.created_at, e.trace_parent, f.total, f.written
			FROM fanouts f JOIN events e ON e.tenant_id = f.tenant_id AND e.id = f.event_id
			ORDER BY f.created_at LIMIT $1 FOR UPDATE OF f SKIP LOCKED`, store.MarkersPerExpansion)
		if err != nil {
			return err
		}
		markers, err := collect(rows, func(row rowScanner) (store.Marker, error) {
			m := store.Marker{Event: &herald.Event{}}
			var channels []byte
			var traceParent *string
			if err := row.Scan(&m.Event.TenantID, &m.Event.ID, &m.Event.Type, &channels, &m.Event.Data, &m.Event.CreatedAt, &traceParent, &m.Total, &m.Written); err != nil {
				return m, err
			}
			m.Event.CreatedAt, m.Event.TraceParent = utc(m.Event.CreatedAt), store.Deref(traceParent)
			return m, json.Unmarshal(channels, &m.Event.Channels)
		})
		if err != nil {
			return err
		}
		tasks, more, err = store.ExpandMarkers(markers, x, store.Backend{
			Planned: func(m store.Marker) ([]byte, error) {
				var text []byte
				err := tx.QueryRow(ctx, `SELECT planned FROM fanouts WHERE tenant_id = $1 AND event_id = $2`, m.Event.TenantID, m.Event.ID).Scan(&text)
				return text, err
			},
			Active: func(ids []string) (map[string]bool, error) {
				rows, err := tx.Query(ctx, `SELECT id, NOT disabled AND NOT paused FROM endpoints WHERE id = ANY($1::text[])`, ids)
				if err != nil {
					return nil, err
				}
				defer rows.Close()
				active, err := store.ScanActive(rows, len(ids))
				if err != nil {
					return nil, err
				}
				rows.Close()
				return active, rows.Err()
			},
			Insert: func(ds []*herald.Delivery) error { return insertDeliveries(ctx, tx, ds) },
			Advance: func(m store.Marker, written int, done bool) error {
				var err error
				if done {
					_, err = tx.Exec(ctx, `DELETE FROM fanouts WHERE tenant_id = $1 AND event_id = $2`, m.Event.TenantID, m.Event.ID)
				} else {
					_, err = tx.Exec(ctx, `UPDATE fanouts SET written = $1 WHERE tenant_id = $2 AND event_id = $3`, written, m.Event.TenantID, m.Event.ID)
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

// insertDeliveries inserts ds, numbering those to FIFO endpoints and
// settling those endpoints (store.FIFOSettleQuery).
func insertDeliveries(ctx context.Context, tx pgx.Tx, ds []*herald.Delivery) error {
	if len(ds) == 0 {
		return nil
	}
	fifo, counts := store.Ordered(ds)
	n := len(ds)
	seqs := make([]int64, n)
	// The upsert locks the endpoint's flow row until the commit: another
	// transaction numbering deliveries of the endpoint waits, so numbers
	// follow commits.
	for _, ep := range fifo {
		var last int64
		if err := tx.QueryRow(ctx, store.FIFONumberQuery(dollar), ep, counts[ep]).Scan(&last); err != nil {
			if isForeignKeyViolation(err) {
				return herald.Errorf(herald.ECONFLICT, "an endpoint of this event was deleted while it was being accepted; send the event again")
			}
			return err
		}
		store.Number(ds, seqs, ep, counts[ep], last)
	}
	ids, tenants, events, endpoints := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	statuses, lastErrors := make([]string, n), make([]string, n)
	attempts, codes := make([]int32, n), make([]int32, n)
	next := make([]*time.Time, n)
	owners := make([]*string, n)
	fifoSeqs := make([]*int64, n)
	created, updated := make([]time.Time, n), make([]time.Time, n)
	for i, d := range ds {
		ids[i], tenants[i], events[i], endpoints[i] = d.ID, d.TenantID, d.EventID, d.EndpointID
		statuses[i], lastErrors[i] = string(d.Status), d.LastError
		attempts[i], codes[i] = int32(d.Attempts), int32(d.LastStatusCode)
		if d.NextAttemptAt != nil {
			next[i] = nullTime(*d.NextAttemptAt)
		}
		if seqs[i] != 0 {
			fifoSeqs[i] = &seqs[i]
		}
		owners[i] = nullString(d.LeaseOwner)
		created[i], updated[i] = micro(d.CreatedAt), micro(d.UpdatedAt)
	}
	_, err := tx.Exec(ctx, `INSERT INTO deliveries (id, tenant_id, event_id, endpoint_id, status, attempts,
			next_attempt_at, lease_owner, last_status_code, last_error, created_at, updated_at, fifo_seq, fifo_order)
		SELECT *, s FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::integer[],
			$7::timestamptz[], $8::text[], $9::integer[], $10::text[], $11::timestamptz[], $12::timestamptz[], $13::bigint[])
			AS u (i, t, e, ep, st, a, n, o, c, le, cr, up, s)`,
		ids, tenants, events, endpoints, statuses, attempts, next, owners, codes, lastErrors, created, updated, fifoSeqs)
	if isForeignKeyViolation(err) {
		return herald.Errorf(herald.ECONFLICT, "an endpoint of this event was deleted while it was being accepted; send the event again")
	}
	if err != nil || len(fifo) == 0 {
		return err
	}
	return settleFIFO(ctx, tx, fifo)
}

// settleFIFO makes the first waiting delivery of each FIFO endpoint due,
// and its head, where the head no longer goes, under the endpoints' flow row
// locks (taken in id order, as every transaction takes them), so that two
// nodes settling one endpoint at once cannot make two heads.
func settleFIFO(ctx context.Context, tx pgx.Tx, endpoints []string) error {
	if len(endpoints) == 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `SELECT 1 FROM endpoint_flow WHERE endpoint_id = ANY($1) ORDER BY endpoint_id FOR UPDATE`, endpoints); err != nil {
		return err
	}
	for _, ep := range endpoints {
		var head string
		err := tx.QueryRow(ctx, store.FIFOSettleQuery(dollar), ep, ep).Scan(&head)
		if errors.Is(err, pgx.ErrNoRows) {
			continue
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, store.FIFOSetHeadQuery(dollar), head, ep); err != nil {
			return err
		}
	}
	return nil
}

// dollar writes PostgreSQL's placeholders for the store's shared queries.
func dollar(i int) string { return "$" + strconv.Itoa(i) }

func scanEvent(row rowScanner) (*herald.Event, error) {
	var ev herald.Event
	var channels, data []byte
	var traceParent *string
	if err := row.Scan(&ev.TenantID, &ev.ID, &ev.Type, &channels, &data, &ev.CreatedAt, &traceParent); err != nil {
		return nil, err
	}
	ev.TraceParent = store.Deref(traceParent)
	if err := json.Unmarshal(channels, &ev.Channels); err != nil {
		return nil, err
	}
	ev.Data, ev.CreatedAt = json.RawMessage(data), utc(ev.CreatedAt)
	return &ev, nil
}

// FindEventByID returns one of a tenant's events.
func (db *DB) FindEventByID(ctx context.Context, tenantID, id string) (*herald.Event, error) {
	return findEvent(ctx, db.pool, tenantID, id)
}

func findEvent(ctx context.Context, q querier, tenantID, id string) (*herald.Event, error) {
	ev, err := scanEvent(q.QueryRow(ctx, `SELECT `+sqlcols.Event+` FROM events WHERE tenant_id = $1 AND id = $2`, tenantID, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, notFound("event", id)
	}
	return ev, err
}

// FindEvents lists a tenant's events, newest first.
func (db *DB) FindEvents(ctx context.Context, f store.EventFilter) ([]*herald.Event, string, error) {
	conds, args := []string{`tenant_id = $1`}, []any{f.TenantID}
	if f.Type != "" {
		conds, args = append(conds, `type = $2`), append(args, f.Type)
	}
	return findPage(ctx, db.pool, `SELECT `+sqlcols.Event+` FROM events`, "", conds, args, f.Page, scanEvent,
		func(e *herald.Event) (time.Time, string) { return e.CreatedAt, e.ID })
}
