package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
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

const tenantColumns = `id, name, max_event_types, created_at, updated_at`

// FindTenantByID returns a tenant.
func (db *DB) FindTenantByID(ctx context.Context, id string) (*herald.Tenant, error) {
	t, err := scanTenant(db.queryRow(ctx, `SELECT `+tenantColumns+` FROM tenants WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("tenant", id)
	}
	return t, err
}

// FindTenants lists tenants, newest first.
func (db *DB) FindTenants(ctx context.Context, page store.Page) ([]*herald.Tenant, string, error) {
	return findPage(ctx, db, `SELECT `+tenantColumns+` FROM tenants`, nil, nil, page, scanTenant,
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

func isUniqueViolation(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "UNIQUE constraint failed") ||
		strings.Contains(err.Error(), "PRIMARY KEY constraint failed"))
}

// pageQuery appends a tenant-style page clause to base: optional filters
// (conds with their args), then (created_at, id) below the cursor, newest
// first, one row more than the page so the caller knows if there is more.
func pageQuery(base, alias string, conds []string, args []any, page store.Page) (string, []any, error) {
	if page.Cursor != "" {
		ts, id, err := store.DecodeCursor(page.Cursor)
		if err != nil {
			return "", nil, err
		}
		conds = append(conds, `(`+alias+`created_at, `+alias+`id) < (?, ?)`)
		args = append(args, us(ts), id)
	}
	q := base
	if len(conds) > 0 {
		q += ` WHERE ` + strings.Join(conds, ` AND `)
	}
	q += ` ORDER BY ` + alias + `created_at DESC, ` + alias + `id DESC LIMIT ?`
	args = append(args, page.Size()+1)
	return q, args, nil
}

// findPage runs a list query made by pageQuery, scans each row with scan,
// and returns the page with the cursor to the next one.
func findPage[T any](ctx context.Context, db *DB, base string, conds []string, args []any, page store.Page,
	scan func(rowScanner) (T, error), key func(T) (time.Time, string)) ([]T, string, error) {
	return findPageAs(ctx, db, base, "", conds, args, page, scan, key)
}

// findPageAs is findPage for a query whose listed table has an alias, such
// as "j." when it joins others with columns of the same names.
func findPageAs[T any](ctx context.Context, db *DB, base, alias string, conds []string, args []any, page store.Page,
	scan func(rowScanner) (T, error), key func(T) (time.Time, string)) ([]T, string, error) {
	q, args, err := pageQuery(base, alias, conds, args, page)
	if err != nil {
		return nil, "", err
	}
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, "", err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	out, next := cutPage(out, page, func(v T) string { return store.EncodeCursor(key(v)) })
	return out, next, nil
}

// rowScanner is a *sql.Row or *sql.Rows.
type rowScanner interface{ Scan(...any) error }

// cutPage trims the extra row pageQuery asked for and makes the next cursor.
func cutPage[T any](rows []T, page store.Page, cursor func(T) string) ([]T, string) {
	if len(rows) <= page.Size() {
		return rows, ""
	}
	rows = rows[:page.Size()]
	return rows, cursor(rows[len(rows)-1])
}
