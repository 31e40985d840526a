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

// CreateTenant inserts t; an existing id is a conflict.
func (db *DB) CreateTenant(ctx context.Context, t *herald.Tenant) error {
	_, err := db.pool.Exec(ctx, `INSERT INTO tenants (id, name, max_event_types, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)`,
		t.ID, t.Name, t.MaxEventTypes, micro(t.CreatedAt), micro(t.UpdatedAt))
	if isUniqueViolation(err) {
		return herald.Errorf(herald.ECONFLICT, "tenant %q already exists", t.ID)
	}
	return err
}

func (db *DB) scanTenant(row rowScanner) (*herald.Tenant, error) {
	var t herald.Tenant
	var secret, prev []byte
	var prevUntil *time.Time
	if err := row.Scan(&t.ID, &t.Name, &t.MaxEventTypes, &t.CreatedAt, &t.UpdatedAt, &secret, &prev, &prevUntil); err != nil {
		return nil, err
	}
	t.CreatedAt, t.UpdatedAt = utc(t.CreatedAt), utc(t.UpdatedAt)
	var until time.Time
	if prevUntil != nil {
		until = utc(*prevUntil)
	}
	return &t, store.OpenTenantSecrets(db.box, &t, secret, prev, until)
}

// FindTenantByID returns a tenant.
func (db *DB) FindTenantByID(ctx context.Context, id string) (*herald.Tenant, error) {
	t, err := db.scanTenant(db.pool.QueryRow(ctx, `SELECT `+sqlcols.Tenant+` FROM tenants WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, notFound("tenant", id)
	}
	return t, err
}

// FindTenants lists tenants, newest first.
func (db *DB) FindTenants(ctx context.Context, page store.Page) ([]*herald.Tenant, string, error) {
	return findPage(ctx, db.pool, `SELECT `+sqlcols.Tenant+` FROM tenants`, "", nil, nil, page, db.scanTenant,
		func(t *herald.Tenant) (time.Time, string) { return t.CreatedAt, t.ID })
}

// UpdateTenant changes the fields set in upd.
func (db *DB) UpdateTenant(ctx context.Context, id string, upd store.TenantUpdate) (*herald.Tenant, error) {
	t, err := db.scanTenant(db.pool.QueryRow(ctx, `UPDATE tenants
		SET name = COALESCE($1, name), max_event_types = COALESCE($2, max_event_types), updated_at = $3
		WHERE id = $4 RETURNING `+sqlcols.Tenant, upd.Name, upd.MaxEventTypes, micro(db.now()), id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, notFound("tenant", id)
	}
	return t, err
}

// RotateTenantCallbackSecret makes secret the tenant's callback secret,
// keeping the one it had signing until previousUntil.
func (db *DB) RotateTenantCallbackSecret(ctx context.Context, id, secret string, previousUntil time.Time) (*herald.Tenant, error) {
	// The current secret, still sealed, becomes the previous one.
	t, err := db.scanTenant(db.pool.QueryRow(ctx, `UPDATE tenants SET callback_previous_secret = callback_secret,
		callback_previous_secret_expires_at = CASE WHEN callback_secret IS NULL THEN NULL ELSE $1::timestamptz END,
		callback_secret = $2, updated_at = $3 WHERE id = $4 RETURNING `+sqlcols.Tenant,
		micro(previousUntil), db.box.Seal([]byte(secret)), micro(db.now()), id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, notFound("tenant", id)
	}
	return t, err
}

// DeleteTenant removes a tenant and everything it owns.
func (db *DB) DeleteTenant(ctx context.Context, id string) error {
	n, err := affected(db.pool.Exec(ctx, `DELETE FROM tenants WHERE id = $1`, id))
	if err == nil && n == 0 {
		return notFound("tenant", id)
	}
	return err
}

// CreateAPIKey stores a key's hash.
func (db *DB) CreateAPIKey(ctx context.Context, k *herald.APIKey) error {
	_, err := db.pool.Exec(ctx, `INSERT INTO api_keys (`+sqlcols.APIKey+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		k.ID, nullString(k.TenantID), k.Name, k.Role, k.Hash, micro(k.CreatedAt), nullTime(store.Deref(k.ExpiresAt)), k.Session, k.LinkHash,
		store.NullJSON(k.EndpointIDs, len(k.EndpointIDs) == 0))
	switch {
	case isUniqueViolation(err):
		return herald.Errorf(herald.ECONFLICT, "API key %q already exists", k.ID)
	case isForeignKeyViolation(err):
		return notFound("tenant", k.TenantID)
	}
	return err
}

func scanKey(row rowScanner) (*herald.APIKey, error) {
	var k herald.APIKey
	var tenant *string
	var eps *string
	if err := row.Scan(&k.ID, &tenant, &k.Name, &k.Role, &k.Hash, &k.CreatedAt, &k.ExpiresAt, &k.Session, &k.LinkHash, &eps); err != nil {
		return nil, err
	}
	var err error
	if k.EndpointIDs, err = store.DecodeNullJSON[[]string](eps, "a session's endpoints"); err != nil {
		return nil, err
	}
	if tenant != nil {
		k.TenantID = *tenant
	}
	k.CreatedAt = utc(k.CreatedAt)
	if k.ExpiresAt != nil {
		t := utc(*k.ExpiresAt)
		k.ExpiresAt = &t
	}
	return &k, nil
}

// FindAPIKeyByHash finds the key whose hash is hash.
func (db *DB) FindAPIKeyByHash(ctx context.Context, hash []byte) (*herald.APIKey, error) {
	k, err := scanKey(db.pool.QueryRow(ctx, `SELECT `+sqlcols.APIKey+` FROM api_keys WHERE hash = $1`, hash))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, herald.Errorf(herald.ENOTFOUND, "no such API key")
	}
	return k, err
}

// FindAPIKeys lists a tenant's keys ("" lists the admin keys), without
// its portal sessions.
func (db *DB) FindAPIKeys(ctx context.Context, tenantID string) ([]*herald.APIKey, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+sqlcols.APIKey+` FROM api_keys WHERE tenant_id IS NOT DISTINCT FROM $1 AND NOT session
		ORDER BY created_at, id`, nullString(tenantID))
	if err != nil {
		return nil, err
	}
	return collect(rows, scanKey)
}

// FindPortalSessions lists a tenant's portal sessions, newest first.
func (db *DB) FindPortalSessions(ctx context.Context, tenantID string) ([]*herald.APIKey, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+sqlcols.APIKey+` FROM api_keys WHERE tenant_id = $1 AND session
		ORDER BY created_at DESC, id DESC`, tenantID)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanKey)
}

// ExchangePortalLink signs in with a portal session's link: the session
// whose link hashes to linkHash, unused and unexpired at now, takes
// keyHash as its key's hash and forgets the link, in one statement, so
// that a link signs in once however many try it at the same time.
func (db *DB) ExchangePortalLink(ctx context.Context, linkHash, keyHash []byte, now time.Time) (*herald.APIKey, error) {
	k, err := scanKey(db.pool.QueryRow(ctx, `UPDATE api_keys SET hash = $1, link_hash = NULL
		WHERE link_hash = $2 AND session AND expires_at > $3 RETURNING `+sqlcols.APIKey, keyHash, linkHash, micro(now)))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, herald.Errorf(herald.ENOTFOUND, "no unused, unexpired portal link")
	}
	return k, err
}

// DeletePortalSessions ends a tenant's portal session id, or all of them
// when id is "", and returns the ids it ended.
func (db *DB) DeletePortalSessions(ctx context.Context, tenantID, id string) ([]string, error) {
	rows, err := db.pool.Query(ctx, `DELETE FROM api_keys WHERE tenant_id = $1 AND session AND ($2 = '' OR id = $2) RETURNING id`, tenantID, id)
	if err != nil {
		return nil, err
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err == nil && id != "" && len(ids) == 0 {
		return nil, notFound("portal session", id)
	}
	return ids, err
}

// DeleteAPIKey removes a tenant's key ("" for an admin key).
func (db *DB) DeleteAPIKey(ctx context.Context, tenantID, id string) error {
	n, err := affected(db.pool.Exec(ctx, `DELETE FROM api_keys WHERE id = $1 AND tenant_id IS NOT DISTINCT FROM $2 AND NOT session`,
		id, nullString(tenantID)))
	if err == nil && n == 0 {
		return notFound("API key", id)
	}
	return err
}

// CountAPIKeys counts all keys.
func (db *DB) CountAPIKeys(ctx context.Context) (int, error) {
	var n int
	err := db.pool.QueryRow(ctx, `SELECT count(*) FROM api_keys`).Scan(&n)
	return n, err
}

// CreateEventType adds or describes an event type.
func (db *DB) CreateEventType(ctx context.Context, et *herald.EventType) error {
	_, err := db.pool.Exec(ctx, `INSERT INTO event_types (`+sqlcols.EventType+`) VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (name) DO UPDATE SET description = excluded.description, examples = excluded.examples,
		schema = excluded.schema, validate = excluded.validate, schema_versions = excluded.schema_versions`,
		append([]any{et.Name, et.Description, micro(et.CreatedAt)}, store.EventTypeArgs(et)...)...)
	return err
}

// FindEventTypes lists the catalogue by name.
func (db *DB) FindEventTypes(ctx context.Context) ([]*herald.EventType, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+sqlcols.EventType+` FROM event_types ORDER BY name`)
	if err != nil {
		return nil, err
	}
	return collect(rows, func(row rowScanner) (*herald.EventType, error) {
		var et herald.EventType
		var examples, schema, versions *string
		if err := row.Scan(&et.Name, &et.Description, &et.CreatedAt, &examples, &schema, &et.Validate, &versions); err != nil {
			return nil, err
		}
		et.CreatedAt = utc(et.CreatedAt)
		return &et, store.DecodeEventType(&et, examples, schema, versions)
	})
}

// collect scans every row with scan and closes rows.
func collect[T any](rows pgx.Rows, scan func(rowScanner) (T, error)) ([]T, error) {
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
