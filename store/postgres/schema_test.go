package postgres_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/postgres"
	"github.com/heraldhq/herald/store/postgres/pgtest"
)

// A database migrated by a later Herald (its version table past this
// binary's last migration) is refused with a message that says to upgrade.
func TestRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	search := schema(t)
	open(t, search).Close()
	conn, err := pgx.Connect(ctx, pgtest.Server())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `INSERT INTO `+search+`.goose_db_version (version_id, is_applied) VALUES (999999, true)`); err != nil {
		t.Fatal(err)
	}
	db, err := postgres.Open(ctx, postgres.Config{URL: pgtest.Server(), Box: box, SearchPath: search})
	if err == nil {
		db.Close()
		t.Fatal("a database at a newer schema opened")
	}
	if !errors.Is(err, store.ErrSchemaNewer) || !strings.Contains(err.Error(), "upgrade") || !strings.Contains(err.Error(), "999999") {
		t.Fatalf("error = %q; want ErrSchemaNewer naming the version and saying to upgrade", err)
	}
}
