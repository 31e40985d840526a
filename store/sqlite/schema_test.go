package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/sqlite"
)

// A store migrated by a later Herald (its version table past this
// binary's last migration) is refused with a message that says to upgrade.
func TestRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "herald.db")
	box, _ := seal.New(seal.NewKey())
	db, err := sqlite.Open(ctx, sqlite.Config{Path: path, Box: box})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open(sqlite.DriverName, "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO goose_db_version (version_id, is_applied) VALUES (999999, 1)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	db, err = sqlite.Open(ctx, sqlite.Config{Path: path, Box: box})
	if err == nil {
		db.Close()
		t.Fatal("a store at a newer schema opened")
	}
	if !errors.Is(err, store.ErrSchemaNewer) || !strings.Contains(err.Error(), "upgrade") || !strings.Contains(err.Error(), "999999") {
		t.Fatalf("error = %q; want ErrSchemaNewer naming the version and saying to upgrade", err)
	}
}
