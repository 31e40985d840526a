package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
)

// deliveryInsertChunk bounds the rows of one multi-row INSERT, keeping the
// statement's bind parameters well under SQLite's limit.
const deliveryInsertChunk = 200

// CreateEvents stores events and their deliveries in one transaction.
func (db *DB) CreateEvents(ctx context.Context, evs []store.NewEvent) ([]bool, error) {
	created := make([]bool, len(evs))
	err := db.writer.do(func(tx wtx) error {
		for i, ne := range evs {
			var err error
			if created[i], err = insertEvent(tx, ne); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return created, nil
}

// insertEvent stores an event and, if its id is new to the tenant, its
// deliveries; it reports whether the event was new.
func insertEvent(tx wtx, ne store.NewEvent) (bool, error) {
	ev := ne.Event
	res, err := tx.Exec(`INSERT INTO events (tenant_id, id, type, channels, data, created_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (tenant_id, id) DO NOTHING`,
		ev.TenantID, ev.ID, ev.Type, jsonText(ev.Channels), []byte(ev.Data), us(ev.CreatedAt))
	if isForeignKeyViolation(err) {
		return false, notFound("tenant", ev.TenantID)
	}
	if err != nil {
		return false, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil // the same id again: an idempotent repeat
	}
	return true, insertDeliveries(tx, ne.Deliveries)
}

func insertDeliveries(tx wtx, ds []*herald.Delivery) error {
	const cols = 12
	for len(ds) > 0 {
		chunk := ds[:min(len(ds), deliveryInsertChunk)]
		ds = ds[len(chunk):]
		var q strings.Builder
		q.WriteString(`INSERT INTO deliveries (id, tenant_id, event_id, endpoint_id, status, attempts, next_attempt_at,
			lease_owner, last_status_code, last_error, created_at, updated_at) VALUES `)
		args := make([]any, 0, len(chunk)*cols)
		for i, d := range chunk {
			if i > 0 {
				q.WriteByte(',')
			}
			q.WriteString(`(?,?,?,?,?,?,?,?,?,?,?,?)`)
			var next sql.NullInt64
			if d.NextAttemptAt != nil {
				next = nullUS(*d.NextAttemptAt)
			}
			args = append(args, d.ID, d.TenantID, d.EventID, d.EndpointID, string(d.Status), d.Attempts, next,
				nullString(d.LeaseOwner), d.LastStatusCode, d.LastError, us(d.CreatedAt), us(d.UpdatedAt))
		}
		if _, err := tx.Exec(q.String(), args...); err != nil {
			if isForeignKeyViolation(err) {
				return herald.Errorf(herald.ECONFLICT, "an endpoint of this event was deleted while it was being accepted; send the event again")
			}
			return err
		}
	}
	return nil
}

const eventColumns = `tenant_id, id, type, channels, data, created_at`

func scanEvent(row rowScanner) (*herald.Event, error) {
	var ev herald.Event
	var channels string
	var data []byte
	var created int64
	if err := row.Scan(&ev.TenantID, &ev.ID, &ev.Type, &channels, &data, &created); err != nil {
		return nil, err
	}
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
	ev, err := scanEvent(q.QueryRowContext(ctx, `SELECT `+eventColumns+` FROM events WHERE tenant_id = ? AND id = ?`, tenantID, id))
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
	return findPage(ctx, db, `SELECT `+eventColumns+` FROM events`, conds, args, f.Page, scanEvent,
		func(e *herald.Event) (time.Time, string) { return e.CreatedAt, e.ID })
}
