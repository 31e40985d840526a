package sqlite

// Helpers every table's methods share: constraint errors, NULL mapping and
// cursor pagination.

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/heraldhq/herald/store"
)

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
	out, next := store.CutPage(out, page, key)
	return out, next, nil
}

// rowScanner is a *sql.Row or *sql.Rows.
type rowScanner interface{ Scan(...any) error }

func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

func isForeignKeyViolation(err error) bool {
	return err != nil && strings.Contains(err.Error(), "FOREIGN KEY constraint failed")
}
