package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/internal/sqlcols"
)

// CreateEndpoint inserts ep with its secret sealed.
func (db *DB) CreateEndpoint(ctx context.Context, ep *herald.Endpoint) error {
	return db.insertEndpoint(ctx, db.pool, ep)
}

func (db *DB) insertEndpoint(ctx context.Context, q querier, ep *herald.Endpoint) error {
	var prev []byte
	if ep.PreviousSecret != "" {
		prev = db.box.Seal([]byte(ep.PreviousSecret))
	}
	headers, err := store.SealHeaders(db.box, ep.Headers)
	if err != nil {
		return err
	}
	_, err = q.Exec(ctx, `INSERT INTO endpoints (`+sqlcols.Endpoint+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
		$11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
		ep.ID, ep.TenantID, ep.URL, jsonb(ep.EventTypes), jsonb(ep.Channels), jsonb(map[string]string{}),
		ep.Disabled, ep.DisabledReason, ep.Paused, db.box.Seal([]byte(ep.Secret)), prev, nullTime(ep.PreviousSecretExpiresAt),
		ep.JobID, db.sealOrNil(ep.BearerToken), ep.DisableAfterFailures, ep.ConsecutiveFailures, micro(ep.CreatedAt), micro(ep.UpdatedAt),
		ep.TenantSecret, ep.Ordering, headers, store.EndpointSettingsJSON(ep))
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
	var eventTypes, channels, headers, settings []byte
	var secret, prev, bearer, sealedHeaders []byte
	var prevExp *time.Time
	err := row.Scan(&ep.ID, &ep.TenantID, &ep.URL, &eventTypes, &channels, &headers,
		&ep.Disabled, &ep.DisabledReason, &ep.Paused, &secret, &prev, &prevExp, &ep.JobID,
		&bearer, &ep.DisableAfterFailures, &ep.ConsecutiveFailures, &ep.CreatedAt, &ep.UpdatedAt, &ep.TenantSecret,
		&ep.Ordering, &sealedHeaders, &settings)
	if err != nil {
		return nil, err
	}
	if ep.Headers, err = store.OpenHeaders(db.box, ep.ID, sealedHeaders, headers); err != nil {
		return nil, err
	}
	if err := store.DecodeEndpointSettings(&ep, settings); err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	if err := errors.Join(
		json.Unmarshal(eventTypes, &ep.EventTypes),
		json.Unmarshal(channels, &ep.Channels),
	); err != nil {
		return nil, fmt.Errorf("postgres: endpoint %s has corrupt JSON columns: %w", ep.ID, err)
	}
	if ep.Secret, err = db.open(ep.ID, secret); err != nil {
		return nil, err
	}
	if prev != nil {
		if ep.PreviousSecret, err = db.open(ep.ID, prev); err != nil {
			return nil, err
		}
		if prevExp != nil {
			ep.PreviousSecretExpiresAt = utc(*prevExp)
		}
	}
	if bearer != nil {
		if ep.BearerToken, err = db.open(ep.ID, bearer); err != nil {
			return nil, err
		}
		ep.BearerTokenSet = true
	}
	ep.CreatedAt, ep.UpdatedAt = utc(ep.CreatedAt), utc(ep.UpdatedAt)
	return &ep, nil
}

func (db *DB) open(endpointID string, sealed []byte) (string, error) {
	plain, err := db.box.Open(sealed)
	if err != nil {
		return "", fmt.Errorf("endpoint %s: %w", endpointID, err)
	}
	return string(plain), nil
}

// FindEndpointByID returns an endpoint of tenantID ("" for any tenant).
func (db *DB) FindEndpointByID(ctx context.Context, tenantID, id string) (*herald.Endpoint, error) {
	ep, err := db.findEndpoint(ctx, db.pool, tenantID, id, false)
	if err != nil {
		return nil, err
	}
	return store.UseTenantSecret(ctx, ep, db.FindTenantByID)
}

// findEndpoint reads an endpoint, locking its row until the transaction
// ends when forUpdate is set.
func (db *DB) findEndpoint(ctx context.Context, q querier, tenantID, id string, forUpdate bool) (*herald.Endpoint, error) {
	sql := `SELECT ` + sqlcols.Endpoint + ` FROM endpoints WHERE id = $1`
	args := []any{id}
	if tenantID != "" {
		// The tenant's view: a job's callback endpoint is the job's, not
		// one of the tenant's endpoints to read or change.
		sql += ` AND tenant_id = $2 AND job_id = ''`
		args = append(args, tenantID)
	}
	if forUpdate {
		sql += ` FOR UPDATE`
	}
	ep, err := db.scanEndpoint(q.QueryRow(ctx, sql, args...))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, notFound("endpoint", id)
	}
	return ep, err
}

// FindEndpoints lists a tenant's endpoints, newest first.
func (db *DB) FindEndpoints(ctx context.Context, f store.EndpointFilter) ([]*herald.Endpoint, string, error) {
	// Jobs' callback endpoints are not the tenant's to list or to match.
	conds, args := []string{`tenant_id = $1`, `job_id = ''`}, []any{f.TenantID}
	if f.EnabledOnly {
		conds = append(conds, `NOT disabled`)
	}
	if f.Unhealthy {
		conds = append(conds, `(consecutive_failures > 0 OR disabled OR paused)`)
	}
	if f.IDs != nil {
		args = append(args, f.IDs)
		conds = append(conds, `id = ANY($`+strconv.Itoa(len(args))+`)`)
	}
	return findPage(ctx, db.pool, `SELECT `+sqlcols.Endpoint+` FROM endpoints`, "", conds, args, f.Page, db.scanEndpoint,
		func(e *herald.Endpoint) (time.Time, string) { return e.CreatedAt, e.ID })
}

// UpdateEndpoint changes the fields set in upd, pausing or resuming the
// endpoint's deliveries when it is disabled or enabled.
func (db *DB) UpdateEndpoint(ctx context.Context, tenantID, id string, upd store.EndpointUpdate) (*herald.Endpoint, error) {
	now := micro(db.now())
	err := db.tx(ctx, func(tx pgx.Tx) error {
		ep, err := db.findEndpoint(ctx, tx, tenantID, id, true)
		if err != nil {
			return err
		}
		wasActive, wasFIFO := ep.Active(), ep.Ordering == herald.OrderingFIFO
		upd.Apply(ep)
		headers, err := store.SealHeaders(db.box, ep.Headers)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE endpoints SET url = $1, event_types = $2, channels = $3, headers = '{}', headers_sealed = $4,
			disabled = $5, disabled_reason = $6, paused = $7, bearer_token = $8, disable_after_failures = $9,
			consecutive_failures = $10, updated_at = $11, ordering = $12, settings = $13 WHERE id = $14`,
			ep.URL, jsonb(ep.EventTypes), jsonb(ep.Channels), headers,
			ep.Disabled, ep.DisabledReason, ep.Paused, db.sealOrNil(ep.BearerToken), ep.DisableAfterFailures,
			ep.ConsecutiveFailures, now, ep.Ordering, store.EndpointSettingsJSON(ep), id)
		if err != nil {
			return err
		}
		if wasFIFO && ep.Ordering != herald.OrderingFIFO {
			if _, err := tx.Exec(ctx, store.FIFOReleaseQuery(dollar), id); err != nil {
				return err
			}
		}
		switch {
		case wasActive && !ep.Active():
			return pauseDeliveries(ctx, tx, id, now)
		case !wasActive && ep.Active():
			_, err = tx.Exec(ctx, `UPDATE deliveries SET status = 'pending', next_attempt_at = `+store.FIFODueOrWaiting(dollar, 1, "::timestamptz")+`,
				updated_at = $1 WHERE endpoint_id = $2 AND status = 'paused'`, now, id)
			if err != nil {
				return err
			}
			return settleFIFO(ctx, tx, []string{id})
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
func pauseDeliveries(ctx context.Context, q querier, endpointID string, now time.Time) error {
	_, err := q.Exec(ctx, `UPDATE deliveries SET status = 'paused', next_attempt_at = NULL, lease_owner = NULL, updated_at = $1
		WHERE endpoint_id = $2 AND status = 'pending'`, now, endpointID)
	return err
}

// DeleteEndpoint removes an endpoint with its deliveries.
func (db *DB) DeleteEndpoint(ctx context.Context, tenantID, id string) error {
	n, err := affected(db.pool.Exec(ctx, `DELETE FROM endpoints WHERE id = $1 AND tenant_id = $2 AND job_id = ''`, id, tenantID))
	if err == nil && n == 0 {
		return notFound("endpoint", id)
	}
	return err
}

// RotateEndpointSecret replaces the secret, keeping the old one signing
// until previousUntil.
func (db *DB) RotateEndpointSecret(ctx context.Context, tenantID, id, secret string, previousUntil time.Time) (*herald.Endpoint, error) {
	now := micro(db.now())
	err := db.tx(ctx, func(tx pgx.Tx) error {
		ep, err := db.findEndpoint(ctx, tx, tenantID, id, true)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE endpoints SET secret = $1, previous_secret = $2, previous_secret_expires_at = $3, updated_at = $4
			WHERE id = $5`, db.box.Seal([]byte(secret)), db.box.Seal([]byte(ep.Secret)), micro(previousUntil), now, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return db.FindEndpointByID(ctx, tenantID, id)
}

// jsonb renders a list or map for a jsonb column. pgx sends []byte to
// jsonb as the JSON text itself.
func jsonb(v any) []byte { return []byte(store.JSONText(v)) }

// sealOrNil seals a secret value, or stores NULL for none.
func (db *DB) sealOrNil(v string) []byte {
	if v == "" {
		return nil
	}
	return db.box.Seal([]byte(v))
}

// sealLegacyHeaders seals the headers of endpoints written before headers
// were sealed (store.SealLegacyHeaders). Nodes starting together may both
// find a row; the first to write it wins.
func sealLegacyHeaders(ctx context.Context, pool *pgxpool.Pool, box store.Sealer) error {
	_, err := store.SealLegacyHeaders(ctx, box, store.LegacyHeaders{
		Find: func(ctx context.Context) (ids []string, plain [][]byte, err error) {
			rows, err := pool.Query(ctx, `SELECT id, headers FROM endpoints WHERE headers_sealed IS NULL AND headers <> '{}'::jsonb`)
			if err != nil {
				return nil, nil, err
			}
			defer rows.Close()
			for rows.Next() {
				var id string
				var h []byte
				if err := rows.Scan(&id, &h); err != nil {
					return nil, nil, err
				}
				ids, plain = append(ids, id), append(plain, h)
			}
			return ids, plain, rows.Err()
		},
		Seal: func(ctx context.Context, id string, sealed []byte) error {
			_, err := pool.Exec(ctx, `UPDATE endpoints SET headers = '{}'::jsonb, headers_sealed = $1 WHERE id = $2 AND headers_sealed IS NULL`, sealed, id)
			return err
		},
	})
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	return nil
}
