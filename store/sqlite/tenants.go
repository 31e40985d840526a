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

func scanTenant(row rowScanner) (*herald.Tenant, error) {
	var t herald.Tenant
	var created, updated int64
	if err := row.Scan(&t.ID, &t.Name, &t.MaxEventTypes, &created, &updated); err != nil {
		return nil, err
	}
	t.CreatedAt, t.UpdatedAt = fromUS(created), fromUS(updated)
	return &t, nil
}

// FindTenantByID returns a tenant.
func (db *DB) FindTenantByID(ctx context.Context, id string) (*herald.Tenant, error) {
	t, err := scanTenant(db.queryRow(ctx, `SELECT `+sqlcols.Tenant+` FROM tenants WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("tenant", id)
	}
	return t, err
}

// FindTenants lists tenants, newest first.
func (db *DB) FindTenants(ctx context.Context, page store.Page) ([]*herald.Tenant, string, error) {
	return findPage(ctx, db, `SELECT `+sqlcols.Tenant+` FROM tenants`, nil, nil, page, scanTenant,
		func(t *herald.Tenant) (time.Time, string) { return t.CreatedAt, t.ID })
}

// UpdateTenant changes a tenant's name.
func (db *DB) UpdateTenant(ctx context.Context, id string, upd store.TenantUpdate) (*herald.Tenant, error) {
	now := db.now()
	err := db.writer.do(func(tx wtx) error {
		res, err := tx.Exec(`UPDATE tenants SET name = COALESCE(?, name), max_event_types = COALESCE(?, max_event_types), updated_at = ? WHERE id = ?`,
			upd.Name, upd.MaxEventTypes, us(now), id)
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
