package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/internal/sqlcols"
)

// CreateEndpoint inserts ep with its secret sealed.
func (db *DB) CreateEndpoint(ctx context.Context, ep *herald.Endpoint) error {
	return db.writer.do(func(tx wtx) error { return db.insertEndpoint(tx, ep) })
}

func (db *DB) insertEndpoint(tx wtx, ep *herald.Endpoint) error {
	var prev []byte
	if ep.PreviousSecret != "" {
		prev = db.box.Seal([]byte(ep.PreviousSecret))
	}
	headers, err := store.SealHeaders(db.box, ep.Headers)
	if err != nil {
		return err
	}
	_, err = tx.Exec(`INSERT INTO endpoints (`+sqlcols.Endpoint+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ep.ID, ep.TenantID, ep.URL, store.JSONText(ep.EventTypes), store.JSONText(ep.Channels), "{}",
		ep.Disabled, ep.DisabledReason, ep.Paused, db.box.Seal([]byte(ep.Secret)), prev, nullUS(ep.PreviousSecretExpiresAt),
		ep.JobID, db.sealOrNil(ep.BearerToken), ep.DisableAfterFailures, ep.ConsecutiveFailures, us(ep.CreatedAt), us(ep.UpdatedAt),
		ep.TenantSecret, ep.Ordering, headers, string(store.EndpointSettingsJSON(ep)))
	switch {
	case isUniqueViolation(err):
		return herald.Errorf(herald.ECONFLICT, "endpoint %q already exists", ep.ID)
	case isForeignKeyViolation(err):
		return notFound("tenant", ep.TenantID)
	}
	return err
}

func (db *DB) scanEndpoint(row rowScanner) (*herald.Endpoint, error) {
	var ep herald.Endpoint
	var eventTypes, channels, headers, settings string
	var secret, prev, bearer, sealedHeaders []byte
	var prevExp sql.NullInt64
	var created, updated int64
	err := row.Scan(&ep.ID, &ep.TenantID, &ep.URL, &eventTypes, &channels, &headers,
		&ep.Disabled, &ep.DisabledReason, &ep.Paused, &secret, &prev, &prevExp, &ep.JobID,
		&bearer, &ep.DisableAfterFailures, &ep.ConsecutiveFailures, &created, &updated, &ep.TenantSecret,
		&ep.Ordering, &sealedHeaders, &settings)
	if err != nil {
		return nil, err
	}
	if ep.Headers, err = store.OpenHeaders(db.box, ep.ID, sealedHeaders, []byte(headers)); err != nil {
		return nil, err
	}
	if err := store.DecodeEndpointSettings(&ep, []byte(settings)); err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	if err := errors.Join(
		json.Unmarshal([]byte(eventTypes), &ep.EventTypes),
		json.Unmarshal([]byte(channels), &ep.Channels),
	); err != nil {
		return nil, fmt.Errorf("sqlite: endpoint %s has corrupt JSON columns: %w", ep.ID, err)
	}
	plain, err := db.box.Open(secret)
	if err != nil {
		return nil, fmt.Errorf("endpoint %s: %w", ep.ID, err)
	}
	ep.Secret = string(plain)
	if prev != nil {
		plain, err := db.box.Open(prev)
		if err != nil {
			return nil, fmt.Errorf("endpoint %s: %w", ep.ID, err)
		}
		ep.PreviousSecret = string(plain)
		ep.PreviousSecretExpiresAt = fromUS(prevExp.Int64)
	}
	if bearer != nil {
		plain, err := db.box.Open(bearer)
		if err != nil {
			return nil, fmt.Errorf("endpoint %s: %w", ep.ID, err)
		}
		ep.BearerToken, ep.BearerTokenSet = string(plain), true
	}
	ep.CreatedAt, ep.UpdatedAt = fromUS(created), fromUS(updated)
	return &ep, nil
}

// FindEndpointByID returns an endpoint of tenantID ("" for any tenant).
func (db *DB) FindEndpointByID(ctx context.Context, tenantID, id string) (*herald.Endpoint, error) {
	ep, err := db.findEndpoint(ctx, readQ{db}, tenantID, id)
	if err != nil {
		return nil, err
	}
	return store.UseTenantSecret(ctx, ep, db.FindTenantByID)
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) rowScanner
}

func (db *DB) findEndpoint(ctx context.Context, q queryer, tenantID, id string) (*herald.Endpoint, error) {
	query := `SELECT ` + sqlcols.Endpoint + ` FROM endpoints WHERE id = ?`
	args := []any{id}
	if tenantID != "" {
		// The tenant's view: a job's callback endpoint is the job's, not
		// one of the tenant's endpoints to read or change.
		query += ` AND tenant_id = ? AND job_id = ''`
		args = append(args, tenantID)
	}
	ep, err := db.scanEndpoint(q.QueryRowContext(ctx, query, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("endpoint", id)
	}
	return ep, err
}

// FindEndpoints lists a tenant's endpoints, newest first.
func (db *DB) FindEndpoints(ctx context.Context, f store.EndpointFilter) ([]*herald.Endpoint, string, error) {
	// Jobs' callback endpoints are not the tenant's to list or to match.
	conds, args := []string{`tenant_id = ?`, `job_id = ''`}, []any{f.TenantID}
	if f.EnabledOnly {
		conds = append(conds, `disabled = 0`)
	}
	if f.Unhealthy {
		conds = append(conds, `(consecutive_failures > 0 OR disabled != 0 OR paused != 0)`)
	}
	if f.IDs != nil {
		conds, args = append(conds, `id IN (SELECT value FROM json_each(?))`), append(args, store.JSONText(f.IDs))
	}
	return findPage(ctx, db, `SELECT `+sqlcols.Endpoint+` FROM endpoints`, conds, args, f.Page, db.scanEndpoint,
		func(e *herald.Endpoint) (time.Time, string) { return e.CreatedAt, e.ID })
}

// UpdateEndpoint changes the fields set in upd, pausing or resuming the
// endpoint's deliveries when it is disabled or enabled.
func (db *DB) UpdateEndpoint(ctx context.Context, tenantID, id string, upd store.EndpointUpdate) (*herald.Endpoint, error) {
	now := db.now()
	err := db.writer.do(func(tx wtx) error {
		ep, err := db.findEndpoint(ctx, tx, tenantID, id)
		if err != nil {
			return err
		}
		wasActive, wasFIFO := ep.Active(), ep.Ordering == herald.OrderingFIFO
		upd.Apply(ep)
		headers, err := store.SealHeaders(db.box, ep.Headers)
		if err != nil {
			return err
		}
		_, err = tx.Exec(`UPDATE endpoints SET url = ?, event_types = ?, channels = ?, headers = '{}', headers_sealed = ?,
			disabled = ?, disabled_reason = ?, paused = ?, bearer_token = ?, disable_after_failures = ?,
			consecutive_failures = ?, updated_at = ?, ordering = ?, settings = ? WHERE id = ?`,
			ep.URL, store.JSONText(ep.EventTypes), store.JSONText(ep.Channels), headers,
			ep.Disabled, ep.DisabledReason, ep.Paused, db.sealOrNil(ep.BearerToken), ep.DisableAfterFailures,
			ep.ConsecutiveFailures, us(now), ep.Ordering, string(store.EndpointSettingsJSON(ep)), id)
		if err != nil {
			return err
		}
		if wasFIFO && ep.Ordering != herald.OrderingFIFO {
			if _, err := tx.Exec(store.FIFOReleaseQuery(question), id); err != nil {
				return err
			}
		}
		switch {
		case wasActive && !ep.Active():
			return pauseDeliveries(tx, id, now)
		case !wasActive && ep.Active():
			_, err = tx.Exec(`UPDATE deliveries SET status = 'pending', next_attempt_at = `+store.FIFODueOrWaiting(question, 1, "")+`,
				updated_at = ? WHERE endpoint_id = ? AND status = 'paused'`, us(now), us(now), id)
			if err != nil {
				return err
			}
			return settleFIFO(tx, []string{id})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return db.FindEndpointByID(ctx, tenantID, id)
}

// pauseDeliveries parks an endpoint's pending deliveries, releasing their
// leases: an attempt in flight finishes, but its completion no longer
// changes the delivery.
func pauseDeliveries(tx wtx, endpointID string, now time.Time) error {
	_, err := tx.Exec(`UPDATE deliveries SET status = 'paused', next_attempt_at = NULL, lease_owner = NULL, updated_at = ?
		WHERE endpoint_id = ? AND status = 'pending'`, us(now), endpointID)
	return err
}

// DeleteEndpoint removes an endpoint with its deliveries.
func (db *DB) DeleteEndpoint(ctx context.Context, tenantID, id string) error {
	return db.writer.do(func(tx wtx) error {
		res, err := tx.Exec(`DELETE FROM endpoints WHERE id = ? AND tenant_id = ? AND job_id = ''`, id, tenantID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("endpoint", id)
		}
		return nil
	})
}

// RotateEndpointSecret replaces the secret, keeping the old one signing
// until previousUntil.
func (db *DB) RotateEndpointSecret(ctx context.Context, tenantID, id, secret string, previousUntil time.Time) (*herald.Endpoint, error) {
	now := db.now()
	err := db.writer.do(func(tx wtx) error {
		ep, err := db.findEndpoint(ctx, tx, tenantID, id)
		if err != nil {
			return err
		}
		_, err = tx.Exec(`UPDATE endpoints SET secret = ?, previous_secret = ?, previous_secret_expires_at = ?, updated_at = ? WHERE id = ?`,
			db.box.Seal([]byte(secret)), db.box.Seal([]byte(ep.Secret)), us(previousUntil), us(now), id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return db.FindEndpointByID(ctx, tenantID, id)
}

// sealOrNil seals a secret value, or stores NULL for none.
func (db *DB) sealOrNil(v string) []byte {
	if v == "" {
		return nil
	}
	return db.box.Seal([]byte(v))
}

// sealLegacyHeaders seals the headers of endpoints written before headers
// were sealed (store.SealLegacyHeaders), on the writer's connection
// before the writer starts.
func sealLegacyHeaders(ctx context.Context, write *sql.DB, box store.Sealer) error {
	_, err := store.SealLegacyHeaders(ctx, box, store.LegacyHeaders{
		Find: func(ctx context.Context) (ids []string, plain [][]byte, err error) {
			rows, err := write.QueryContext(ctx, `SELECT id, headers FROM endpoints WHERE headers_sealed IS NULL AND headers != '{}'`)
			if err != nil {
				return nil, nil, err
			}
			defer rows.Close()
			for rows.Next() {
				var id, h string
				if err := rows.Scan(&id, &h); err != nil {
					return nil, nil, err
				}
				ids, plain = append(ids, id), append(plain, []byte(h))
			}
			return ids, plain, rows.Err()
		},
		Seal: func(ctx context.Context, id string, sealed []byte) error {
			_, err := write.ExecContext(ctx, `UPDATE endpoints SET headers = '{}', headers_sealed = ? WHERE id = ? AND headers_sealed IS NULL`, sealed, id)
			return err
		},
	})
	if err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	return nil
}
