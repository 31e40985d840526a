package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/store/sqlite"
	"github.com/heraldhq/herald/store/storetest"
)

// Static headers are sealed at rest like secrets (issue 25): no value
// written, through an update or on a job's callback, is in the database
// files in clear.
func TestHeadersSealedAtRest(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "herald.db")
	box, _ := seal.New(seal.NewKey())
	db, err := sqlite.Open(context.Background(), sqlite.Config{Path: path, Box: box})
	if err != nil {
		t.Fatal(err)
	}
	values := storetest.StoreHeaders(t, db)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	raw := readAll(t, dir)
	for _, v := range values {
		if bytes.Contains(raw, []byte(v)) {
			t.Errorf("header value %q is stored in clear in the database files", v)
		}
	}
}

// Rows written before headers were sealed are sealed when the store
// opens: their headers read as they were, and their rows hold no value
// in clear.
func TestLegacyHeadersSealedAtOpen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "herald.db")
	box, _ := seal.New(seal.NewKey())
	db, err := sqlite.Open(ctx, sqlite.Config{Path: path, Box: box})
	if err != nil {
		t.Fatal(err)
	}
	storetest.StoreHeaders(t, db)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	// As a version before sealing wrote it.
	raw, err := sql.Open(sqlite.DriverName, "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	var id string
	if err := raw.QueryRowContext(ctx, `SELECT id FROM endpoints WHERE job_id = '' ORDER BY id LIMIT 1`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.ExecContext(ctx, `UPDATE endpoints SET headers = '{"X-Old-Key":"legacy-value-0005"}', headers_sealed = NULL WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	db, err = sqlite.Open(ctx, sqlite.Config{Path: path, Box: box})
	if err != nil {
		t.Fatal(err)
	}
	ep, err := db.FindEndpointByID(ctx, "", id)
	if err != nil || ep.Headers["X-Old-Key"] != "legacy-value-0005" || len(ep.Headers) != 1 {
		t.Fatalf("a legacy row's headers after open = %v (%v)", ep, err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err = sql.Open(sqlite.DriverName, "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var plain string
	var sealed []byte
	if err := raw.QueryRowContext(ctx, `SELECT headers, headers_sealed FROM endpoints WHERE id = ?`, id).Scan(&plain, &sealed); err != nil {
		t.Fatal(err)
	}
	if plain != "{}" || sealed == nil || bytes.Contains(sealed, []byte("legacy-value")) {
		t.Fatalf("the legacy row after open: headers %q, headers_sealed %d bytes", plain, len(sealed))
	}
}
