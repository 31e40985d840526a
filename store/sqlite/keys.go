package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/internal/sqlcols"
)

// CreateAPIKey stores a key's hash.
func (db *DB) CreateAPIKey(ctx context.Context, k *herald.APIKey) error {
	return db.writer.do(func(tx wtx) error {
		_, err := tx.Exec(`INSERT INTO api_keys (`+sqlcols.APIKey+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			k.ID, nullString(k.TenantID), k.Name, k.Role, k.Hash, us(k.CreatedAt), nullUS(store.Deref(k.ExpiresAt)), k.Session, k.LinkHash,
			store.NullJSON(k.EndpointIDs, len(k.EndpointIDs) == 0))
		if isUniqueViolation(err) {
			return herald.Errorf(herald.ECONFLICT, "API key %q already exists", k.ID)
		}
		if isForeignKeyViolation(err) {
			return notFound("tenant", k.TenantID)
		}
		return err
	})
}

func scanKey(row rowScanner) (*herald.APIKey, error) {
	var k herald.APIKey
	var tenant sql.NullString
	var created int64
	var expires sql.NullInt64
	var eps sql.NullString
	if err := row.Scan(&k.ID, &tenant, &k.Name, &k.Role, &k.Hash, &created, &expires, &k.Session, &k.LinkHash, &eps); err != nil {
		return nil, err
	}
	var err error
	if k.EndpointIDs, err = store.DecodeNullJSON[[]string](&eps.String, "a session's endpoints"); err != nil {
		return nil, err
	}
	k.TenantID, k.CreatedAt = tenant.String, fromUS(created)
	if expires.Valid {
		t := fromUS(expires.Int64)
		k.ExpiresAt = &t
	}
	return &k, nil
}

// FindAPIKeyByHash finds the key whose hash is hash.
func (db *DB) FindAPIKeyByHash(ctx context.Context, hash []byte) (*herald.APIKey, error) {
	k, err := scanKey(db.queryRow(ctx, `SELECT `+sqlcols.APIKey+` FROM api_keys WHERE hash = ?`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, herald.Errorf(herald.ENOTFOUND, "no such API key")
	}
	return k, err
}

// FindAPIKeys lists a tenant's keys ("" lists the admin keys), without
// its portal sessions.
func (db *DB) FindAPIKeys(ctx context.Context, tenantID string) ([]*herald.APIKey, error) {
	return db.findKeys(ctx, `SELECT `+sqlcols.APIKey+` FROM api_keys WHERE tenant_id IS ? AND NOT session ORDER BY created_at, id`, nullString(tenantID))
}

// FindPortalSessions lists a tenant's portal sessions, newest first.
func (db *DB) FindPortalSessions(ctx context.Context, tenantID string) ([]*herald.APIKey, error) {
	return db.findKeys(ctx, `SELECT `+sqlcols.APIKey+` FROM api_keys WHERE tenant_id = ? AND session ORDER BY created_at DESC, id DESC`, tenantID)
}

// ExchangePortalLink signs in with a portal session's link: the session
// whose link hashes to linkHash, unused and unexpired at now, takes
// keyHash as its key's hash and forgets the link, in one statement, so
// that a link signs in once however many try it at the same time.
func (db *DB) ExchangePortalLink(ctx context.Context, linkHash, keyHash []byte, now time.Time) (*herald.APIKey, error) {
	var k *herald.APIKey
	err := db.writer.do(func(tx wtx) error {
		var err error
		k, err = scanKey(tx.QueryRow(`UPDATE api_keys SET hash = ?, link_hash = NULL
			WHERE link_hash = ? AND session AND expires_at > ? RETURNING `+sqlcols.APIKey, keyHash, linkHash, us(now)))
		if errors.Is(err, sql.ErrNoRows) {
			return herald.Errorf(herald.ENOTFOUND, "no unused, unexpired portal link")
		}
		return err
	})
	return k, err
}

// DeletePortalSessions ends a tenant's portal session id, or all of them
// when id is "", and returns the ids it ended.
func (db *DB) DeletePortalSessions(ctx context.Context, tenantID, id string) ([]string, error) {
	var ids []string
	err := db.writer.do(func(tx wtx) error {
		rows, err := tx.Query(`DELETE FROM api_keys WHERE tenant_id = ? AND session AND (? = '' OR id = ?) RETURNING id`, tenantID, id, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				return err
			}
			ids = append(ids, s)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if id != "" && len(ids) == 0 {
			return notFound("portal session", id)
		}
		return nil
	})
	return ids, err
}

func (db *DB) findKeys(ctx context.Context, q string, args ...any) ([]*herald.APIKey, error) {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*herald.APIKey
	for rows.Next() {
		k, err := scanKey(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// DeleteAPIKey removes a tenant's key ("" for an admin key).
func (db *DB) DeleteAPIKey(ctx context.Context, tenantID, id string) error {
	return db.writer.do(func(tx wtx) error {
		res, err := tx.Exec(`DELETE FROM api_keys WHERE id = ? AND tenant_id IS ? AND NOT session`, id, nullString(tenantID))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("API key", id)
		}
		return nil
	})
}

// CountAPIKeys counts all keys.
func (db *DB) CountAPIKeys(ctx context.Context) (int, error) {
	var n int
	err := db.queryRow(ctx, `SELECT count(*) FROM api_keys`).Scan(&n)
	return n, err
}

// CreateEventType adds or describes an event type.
func (db *DB) CreateEventType(ctx context.Context, et *herald.EventType) error {
	return db.writer.do(func(tx wtx) error {
		_, err := tx.Exec(`INSERT INTO event_types (`+sqlcols.EventType+`) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET description = excluded.description, examples = excluded.examples,
			schema = excluded.schema, validate = excluded.validate, schema_versions = excluded.schema_versions`,
			append([]any{et.Name, et.Description, us(et.CreatedAt)}, store.EventTypeArgs(et)...)...)
		return err
	})
}

// FindEventTypes lists the catalogue by name.
func (db *DB) FindEventTypes(ctx context.Context) ([]*herald.EventType, error) {
	rows, err := db.query(ctx, `SELECT `+sqlcols.EventType+` FROM event_types ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*herald.EventType
	for rows.Next() {
		var et herald.EventType
		var created int64
		var examples, schema, versions sql.NullString
		if err := rows.Scan(&et.Name, &et.Description, &created, &examples, &schema, &et.Validate, &versions); err != nil {
			return nil, err
		}
		et.CreatedAt = fromUS(created)
		if err := store.DecodeEventType(&et, &examples.String, &schema.String, &versions.String); err != nil {
			return nil, err
		}
		out = append(out, &et)
	}
	return out, rows.Err()
}
