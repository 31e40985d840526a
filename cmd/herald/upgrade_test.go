package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/store/postgres/pgtest"
)

// TestNodesStartingTogetherMigrateOnce starts three nodes at the same
// moment on an empty PostgreSQL database: they take turns through the
// migration lock, so that each migration is applied exactly once, and all
// three become ready.
func TestNodesStartingTogetherMigrateOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	schema, dbURL := pgtest.Schema(t)
	key := seal.EncodeKey(seal.NewKey())
	heraldBinary(t) // built before the clock of the three starts
	var nodes []*process
	for i := range 3 {
		nodes = append(nodes, launch(t, nil, "serve", "--listen", "127.0.0.1:0", "--data-dir", t.TempDir(), "--admin-key", testAdminKey,
			"--database-url", dbURL, "--encryption-key", key, "--node-id", fmt.Sprintf("node-%d", i)))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for i, p := range nodes {
		p.poll(t, ctx, fmt.Sprintf("node %d to be ready", i), func() bool {
			if !p.addrFrom(listenRE) {
				return false
			}
			code, _, err := readyz(p.addr)
			return err == nil && code == http.StatusOK
		})
	}
	for i, p := range nodes {
		// Taking turns, none saw another's half-made schema and failed.
		if strings.Contains(p.log.String(), "the store did not open") {
			t.Fatalf("node %d failed to open the store while the others migrated:\n%s", i, p.log.String())
		}
	}
	conn, err := pgx.Connect(ctx, pgtest.Server())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var applied, distinct, highest int
	if err := conn.QueryRow(ctx, `SELECT count(*), count(DISTINCT version_id), max(version_id) FROM `+schema+`.goose_db_version WHERE version_id > 0`).
		Scan(&applied, &distinct, &highest); err != nil {
		t.Fatal(err)
	}
	if applied != distinct || applied != highest {
		t.Fatalf("goose_db_version holds %d rows for %d versions up to %d: a migration ran more than once or not at all", applied, distinct, highest)
	}
}
