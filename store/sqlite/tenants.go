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

// CreateTenant inserts t; an existing id is a conflict.
func (db *DB) CreateTenant(ctx context.Context, t *herald.Tenant) error {
	return db.writer.do(func(tx wtx) error {
		_, err := tx.Exec(`INSERT INTO tenants (id, name, max_event_types, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
			t.ID, t.Name, t.MaxEventTypes, us(t.CreatedAt), us(t.UpdatedAt))
		if isUniqueViolation(err) {
			return herald.Errorf(herald.ECONFLICT, "tenant %q already exists", t.ID)
		}
		return err
	})
}

func (db *DB) scanTenant(row rowScanner) (*herald.Tenant, error) {
	var t herald.Tenant
	var created, updated int64
	var secret, prev []byte
	var prevUntil sql.NullInt64
	if err := row.Scan(&t.ID, &t.Name, &t.MaxEventTypes, &created, &updated, &secret, &prev, &prevUntil); err != nil {
		return nil, err
	}
	t.CreatedAt, t.UpdatedAt = fromUS(created), fromUS(updated)
	return &t, store.OpenTenantSecrets(db.box, &t, secret, prev, fromUS(prevUntil.Int64))
}

// FindTenantByID returns a tenant.
func (db *DB) FindTenantByID(ctx context.Context, id string) (*herald.Tenant, error) {
	t, err := db.scanTenant(db.queryRow(ctx, `SELECT `+sqlcols.Tenant+` FROM tenants WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("tenant", id)
	}
	return t, err
}

// FindTenants lists tenants, newest first.
func (db *DB) FindTenants(ctx context.Context, page store.Page) ([]*herald.Tenant, string, error) {
	return findPage(ctx, db, `SELECT `+sqlcols.Tenant+` FROM tenants`, nil, nil, page, db.scanTenant,
		func(t *herald.Tenant) (time.Time, string) { return t.CreatedAt, t.ID })
}

// UpdateTenant changes a tenant's name.
func (db *DB) UpdateTenant(ctx context.Context, id string, upd store.TenantUpdate) (*herald.Tenant, error) {
	return db.updateTenant(ctx, id, `UPDATE tenants SET name = COALESCE(?, name), max_event_types = COALESCE(?, max_event_types), updated_at = ? WHERE id = ?`,
		upd.Name, upd.MaxEventTypes, us(db.now()), id)
}

// RotateTenantCallbackSecret makes secret the tenant's callback secret,
// keeping the one it had signing until previousUntil.
func (db *DB) RotateTenantCallbackSecret(ctx context.Context, id, secret string, previousUntil time.Time) (*herald.Tenant, error) {
	// The current secret, still sealed, becomes the previous one.
	return db.updateTenant(ctx, id, `UPDATE tenants SET callback_previous_secret = callback_secret,
		callback_previous_secret_expires_at = CASE WHEN callback_secret IS NULL THEN NULL ELSE ? END,
		callback_secret = ?, updated_at = ? WHERE id = ?`,
		us(previousUntil), db.box.Seal([]byte(secret)), us(db.now()), id)
}

// updateTenant runs an UPDATE of one tenant and reads it back.
func (db *DB) updateTenant(ctx context.Context, id, query string, args ...any) (*herald.Tenant, error) {
	err := db.writer.do(func(tx wtx) error {
		res, err := tx.Exec(query, args...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("tenant", id)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return db.FindTenantByID(ctx, id)
}

// DeleteTenant removes a tenant and everything it owns.
func (db *DB) DeleteTenant(ctx context.Context, id string) error {
	return db.writer.do(func(tx wtx) error {
		res, err := tx.Exec(`DELETE FROM tenants WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("tenant", id)
		}
		return nil
	})
}
