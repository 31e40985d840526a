package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/internal/sqlcols"
)

// ReadTenant reads a tenant's state in one repeatable-read transaction, so
// that its deliveries, their events and its endpoints are of one moment
// while other nodes keep writing.
func (db *DB) ReadTenant(ctx context.Context, id string, r store.TenantRead) (*store.TenantState, error) {
	st := &store.TenantState{}
	statuses := make([]string, len(r.Statuses))
	for i, s := range r.Statuses {
		statuses[i] = string(s)
	}
	err := pgx.BeginTxFunc(ctx, db.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		var err error
		st.Tenant, err = db.scanTenant(tx.QueryRow(ctx, `SELECT `+sqlcols.Tenant+` FROM tenants WHERE id = $1`, id))
		if errors.Is(err, pgx.ErrNoRows) {
			return notFound("tenant", id)
		}
		if err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT `+sqlcols.APIKey+` FROM api_keys WHERE tenant_id = $1 ORDER BY created_at, id`, id)
		if err != nil {
			return err
		}
		if st.Keys, err = collect(rows, scanKey); err != nil {
			return err
		}
		rows, err = tx.Query(ctx, `SELECT `+sqlcols.Endpoint+` FROM endpoints WHERE tenant_id = $1 ORDER BY created_at, id`, id)
		if err != nil {
			return err
		}
		if st.Endpoints, err = collect(rows, db.scanEndpoint); err != nil {
			return err
		}
		// The deliveries of the statuses asked for, and the jobs' callbacks.
		const selected = `d.tenant_id = $1 AND (d.status = ANY($2)
			OR d.id IN (SELECT callback_delivery_id FROM jobs WHERE tenant_id = $1 AND callback_delivery_id != ''))`
		rows, err = tx.Query(ctx, `SELECT `+sqlcols.Event+` FROM events e
			WHERE e.tenant_id = $1 AND EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id AND `+selected+`)
			ORDER BY e.created_at, e.id`, id, statuses)
		if err != nil {
			return err
		}
		if st.Events, err = collect(rows, scanEvent); err != nil {
			return err
		}
		// An endpoint's deliveries in acceptance order: a FIFO queue's by
		// its numbers.
		rows, err = tx.Query(ctx, `SELECT `+sqlcols.Qualified(sqlcols.Delivery, "d")+`, d.fifo_seq IS NOT NULL
			FROM deliveries d WHERE `+selected+` ORDER BY d.endpoint_id, d.fifo_order, d.created_at, d.id`, id, statuses)
		if err != nil {
			return err
		}
		if st.Deliveries, err = collect(rows, func(row rowScanner) (*herald.Delivery, error) {
			var queued bool
			d, err := scanDeliveryAnd(row, &queued)
			if d != nil {
				d.Ordered = queued
			}
			return d, err
		}); err != nil {
			return err
		}
		rows, err = tx.Query(ctx, sqlcols.JobSelect+` WHERE j.tenant_id = $1 ORDER BY j.created_at, j.id`, id)
		if err != nil {
			return err
		}
		if st.Jobs, err = collect(rows, scanJob); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `SELECT count(*) FROM fanouts WHERE tenant_id = $1`, id).Scan(&st.Deferred)
	})
	if err != nil {
		return nil, err
	}
	return st, nil
}

// WriteTenants writes w in one transaction.
func (db *DB) WriteTenants(ctx context.Context, w store.TenantWrite) error {
	return db.tx(ctx, func(tx pgx.Tx) error {
		for _, et := range w.EventTypes {
			if _, err := tx.Exec(ctx, `INSERT INTO event_types (`+sqlcols.EventType+`) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO NOTHING`,
				append([]any{et.Name, et.Description, micro(et.CreatedAt)}, store.EventTypeArgs(et)...)...); err != nil {
				return err
			}
		}
		for _, k := range w.AdminKeys {
			if err := insertKey(ctx, tx, k, ` ON CONFLICT DO NOTHING`); err != nil {
				return err
			}
		}
		for _, ts := range w.Tenants {
			if err := db.writeTenant(ctx, tx, ts); err != nil {
				return err
			}
		}
		return nil
	})
}

func (db *DB) writeTenant(ctx context.Context, tx pgx.Tx, ts *store.TenantState) error {
	t := ts.Tenant
	var secret, prev []byte
	var prevUntil *time.Time
	if t.CallbackSecret != "" {
		secret = db.box.Seal([]byte(t.CallbackSecret))
		if t.CallbackPreviousSecret != "" {
			prev, prevUntil = db.box.Seal([]byte(t.CallbackPreviousSecret)), nullTime(t.CallbackPreviousSecretExpiresAt)
		}
	}
	_, err := tx.Exec(ctx, `INSERT INTO tenants (`+sqlcols.Tenant+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		t.ID, t.Name, t.MaxEventTypes, micro(t.CreatedAt), micro(t.UpdatedAt), secret, prev, prevUntil)
	if isUniqueViolation(err) {
		return herald.Errorf(herald.ECONFLICT, "tenant %q already exists in this store", t.ID)
	}
	if err != nil {
		return err
	}
	for _, k := range ts.Keys {
		if err := insertKey(ctx, tx, k, ""); err != nil {
			return err
		}
	}
	for _, ep := range ts.Endpoints {
		if err := db.insertEndpoint(ctx, tx, ep); err != nil {
			return err
		}
	}
	if len(ts.Events) > 0 {
		evs := make([]store.NewEvent, len(ts.Events))
		for i, ev := range ts.Events {
			evs[i] = store.NewEvent{Event: ev}
		}
		if err := insertEvents(ctx, tx, evs, make([]bool, len(evs))); err != nil {
			return err
		}
	}
	// Every delivery at once, in the order read: a FIFO endpoint's are
	// numbered in it.
	if err := insertDeliveries(ctx, tx, ts.Deliveries); err != nil {
		if isUniqueViolation(err) {
			return herald.Errorf(herald.ECONFLICT, "a delivery of tenant %q already exists in this store (an id the file shares with it)", t.ID)
		}
		return err
	}
	for _, j := range ts.Jobs {
		var cbEndpoint, cbDelivery string
		if j.Callback != nil {
			cbEndpoint, cbDelivery = j.Callback.EndpointID, j.Callback.DeliveryID
		}
		if _, err := tx.Exec(ctx, `INSERT INTO jobs (tenant_id, id, type, status, progress, input, result, error, attributes, channels,
				callback_endpoint_id, callback_delivery_id, created_at, updated_at, started_at, finished_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
			j.TenantID, j.ID, j.Type, j.Status, j.Progress, rawOrNil(j.Input), rawOrNil(j.Result), rawOrNil(j.Error), rawOrNil(j.Attributes),
			jsonb(j.Channels), cbEndpoint, cbDelivery, micro(j.CreatedAt), micro(j.UpdatedAt), microPtr(j.StartedAt), microPtr(j.FinishedAt)); err != nil {
			return err
		}
	}
	return nil
}

// microPtr is micro of *t, nil for nil.
func microPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	m := micro(*t)
	return &m
}

// insertKey inserts an API key; tail is appended to the statement (an ON
// CONFLICT clause).
func insertKey(ctx context.Context, q querier, k *herald.APIKey, tail string) error {
	_, err := q.Exec(ctx, `INSERT INTO api_keys (`+sqlcols.APIKey+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`+tail,
		k.ID, nullString(k.TenantID), k.Name, k.Role, k.Hash, micro(k.CreatedAt), nullTime(store.Deref(k.ExpiresAt)), k.Session, k.LinkHash,
		store.NullJSON(k.EndpointIDs, len(k.EndpointIDs) == 0))
	switch {
	case isUniqueViolation(err):
		return herald.Errorf(herald.ECONFLICT, "API key %q (or a key of the same hash) already exists", k.ID)
	case isForeignKeyViolation(err):
		return notFound("tenant", k.TenantID)
	}
	return err
}
