package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/internal/sqlcols"
)

// ReadTenant reads a tenant's state in one read transaction, so that its
// deliveries, their events and its endpoints are of one moment.
func (db *DB) ReadTenant(ctx context.Context, id string, r store.TenantRead) (*store.TenantState, error) {
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck // a read-only transaction: nothing to keep
	st := &store.TenantState{}
	st.Tenant, err = db.scanTenant(tx.QueryRowContext(ctx, `SELECT `+sqlcols.Tenant+` FROM tenants WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("tenant", id)
	}
	if err != nil {
		return nil, err
	}
	if st.Keys, err = readAll(ctx, tx, scanKey, `SELECT `+sqlcols.APIKey+` FROM api_keys WHERE tenant_id = ? ORDER BY created_at, id`, id); err != nil {
		return nil, err
	}
	if st.Endpoints, err = readAll(ctx, tx, db.scanEndpoint,
		`SELECT `+sqlcols.Endpoint+` FROM endpoints WHERE tenant_id = ? ORDER BY created_at, id`, id); err != nil {
		return nil, err
	}
	statuses := store.JSONText(r.Statuses)
	// The deliveries of the statuses asked for, and the jobs' callbacks.
	const selected = `d.tenant_id = ? AND (d.status IN (SELECT value FROM json_each(?))
		OR d.id IN (SELECT callback_delivery_id FROM jobs WHERE tenant_id = ? AND callback_delivery_id != ''))`
	if st.Events, err = readAll(ctx, tx, scanEvent, `SELECT `+sqlcols.Event+` FROM events e
		WHERE e.tenant_id = ? AND EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id AND `+selected+`)
		ORDER BY e.created_at, e.id`, id, id, statuses, id); err != nil {
		return nil, err
	}
	// An endpoint's deliveries in acceptance order: a FIFO queue's by
	// its numbers.
	scanQueued := func(row rowScanner) (*herald.Delivery, error) {
		var queued bool
		d, err := scanDeliveryAnd(row, &queued)
		if d != nil {
			d.Ordered = queued
		}
		return d, err
	}
	if st.Deliveries, err = readAll(ctx, tx, scanQueued, `SELECT `+sqlcols.Qualified(sqlcols.Delivery, "d")+`, d.fifo_seq IS NOT NULL
		FROM deliveries d WHERE `+selected+` ORDER BY d.endpoint_id, d.fifo_order, d.created_at, d.id`, id, statuses, id); err != nil {
		return nil, err
	}
	if st.Jobs, err = readAll(ctx, tx, scanJob, sqlcols.JobSelect+` WHERE j.tenant_id = ? ORDER BY j.created_at, j.id`, id); err != nil {
		return nil, err
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM fanouts WHERE tenant_id = ?`, id).Scan(&st.Deferred); err != nil {
		return nil, err
	}
	return st, nil
}

// readAll runs a query in tx and scans every row.
func readAll[T any](ctx context.Context, tx *sql.Tx, scan func(rowScanner) (T, error), q string, args ...any) ([]T, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// WriteTenants writes w in one writer transaction (its own savepoint, so
// a failure undoes all of it and nothing of other callers').
func (db *DB) WriteTenants(ctx context.Context, w store.TenantWrite) error {
	return db.writer.do(func(tx wtx) error {
		for _, et := range w.EventTypes {
			if _, err := tx.Exec(`INSERT INTO event_types (`+sqlcols.EventType+`) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING`,
				append([]any{et.Name, et.Description, us(et.CreatedAt)}, store.EventTypeArgs(et)...)...); err != nil {
				return err
			}
		}
		for _, k := range w.AdminKeys {
			if err := insertKey(tx, k, ` ON CONFLICT DO NOTHING`); err != nil {
				return err
			}
		}
		for _, ts := range w.Tenants {
			if err := db.writeTenant(tx, ts); err != nil {
				return err
			}
		}
		return nil
	})
}

func (db *DB) writeTenant(tx wtx, ts *store.TenantState) error {
	t := ts.Tenant
	var secret, prev []byte
	var prevUntil sql.NullInt64
	if t.CallbackSecret != "" {
		secret = db.box.Seal([]byte(t.CallbackSecret))
		if t.CallbackPreviousSecret != "" {
			prev, prevUntil = db.box.Seal([]byte(t.CallbackPreviousSecret)), nullUS(t.CallbackPreviousSecretExpiresAt)
		}
	}
	_, err := tx.Exec(`INSERT INTO tenants (`+sqlcols.Tenant+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		t.ID, t.Name, t.MaxEventTypes, us(t.CreatedAt), us(t.UpdatedAt), secret, prev, prevUntil)
	if isUniqueViolation(err) {
		return herald.Errorf(herald.ECONFLICT, "tenant %q already exists in this store", t.ID)
	}
	if err != nil {
		return err
	}
	for _, k := range ts.Keys {
		if err := insertKey(tx, k, ""); err != nil {
			return err
		}
	}
	for _, ep := range ts.Endpoints {
		if err := db.insertEndpoint(tx, ep); err != nil {
			return err
		}
	}
	evs := make([]store.NewEvent, len(ts.Events))
	for i, ev := range ts.Events {
		evs[i] = store.NewEvent{Event: ev}
	}
	created := make([]bool, len(evs))
	if err := insertEvents(tx, evs, created); err != nil {
		return err
	}
	// Every delivery at once, in the order read: a FIFO endpoint's are
	// numbered in it.
	if err := insertDeliveries(tx, ts.Deliveries); err != nil {
		if isUniqueViolation(err) {
			return herald.Errorf(herald.ECONFLICT, "a delivery of tenant %q already exists in this store (an id the file shares with it)", t.ID)
		}
		return err
	}
	for _, j := range ts.Jobs {
		var progress sql.NullFloat64
		if j.Progress != nil {
			progress = sql.NullFloat64{Float64: *j.Progress, Valid: true}
		}
		var cbEndpoint, cbDelivery string
		if j.Callback != nil {
			cbEndpoint, cbDelivery = j.Callback.EndpointID, j.Callback.DeliveryID
		}
		var started, finished sql.NullInt64
		if j.StartedAt != nil {
			started = nullUS(*j.StartedAt)
		}
		if j.FinishedAt != nil {
			finished = nullUS(*j.FinishedAt)
		}
		if _, err := tx.Exec(`INSERT INTO jobs (tenant_id, id, type, status, progress, input, result, error, attributes, channels,
				callback_endpoint_id, callback_delivery_id, created_at, updated_at, started_at, finished_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			j.TenantID, j.ID, j.Type, j.Status, progress, rawOrNil(j.Input), rawOrNil(j.Result), rawOrNil(j.Error), rawOrNil(j.Attributes),
			store.JSONText(j.Channels), cbEndpoint, cbDelivery, us(j.CreatedAt), us(j.UpdatedAt), started, finished); err != nil {
			return err
		}
	}
	return nil
}

// insertKey inserts an API key; tail is appended to the statement (an ON
// CONFLICT clause).
func insertKey(tx wtx, k *herald.APIKey, tail string) error {
	_, err := tx.Exec(`INSERT INTO api_keys (`+sqlcols.APIKey+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`+tail,
		k.ID, nullString(k.TenantID), k.Name, k.Role, k.Hash, us(k.CreatedAt), nullUS(store.Deref(k.ExpiresAt)), k.Session, k.LinkHash,
		store.NullJSON(k.EndpointIDs, len(k.EndpointIDs) == 0))
	if isUniqueViolation(err) {
		return herald.Errorf(herald.ECONFLICT, "API key %q (or a key of the same hash) already exists", k.ID)
	}
	if isForeignKeyViolation(err) {
		return notFound("tenant", k.TenantID)
	}
	return err
}
