package postgres_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/heraldhq/herald/store/postgres/pgtest"
	"github.com/heraldhq/herald/store/storetest"
)

// rawEndpoints is every endpoints row of the schema search, as text, as a
// copy of the database would show it.
func rawEndpoints(t *testing.T, search string) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgtest.Server())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var all string
	if err := conn.QueryRow(ctx, `SELECT coalesce(string_agg(row_to_json(e)::text, E'\n'), '') FROM `+search+`.endpoints e`).Scan(&all); err != nil {
		t.Fatal(err)
	}
	return all
}

// Static headers are sealed at rest like secrets (issue 25): no value
// written, through an update or on a job's callback, is in any row in
// clear.
func TestHeadersSealedAtRest(t *testing.T) {
	search := schema(t)
	db := open(t, search)
	defer db.Close()
	values := storetest.StoreHeaders(t, db)
	raw := rawEndpoints(t, search)
	if !strings.Contains(raw, "https://example.com/cb") {
		t.Fatalf("the raw rows are not the store's: %.200s", raw)
	}
	for _, v := range values {
		if strings.Contains(raw, v) {
			t.Errorf("header value %q is stored in clear in the endpoints table", v)
		}
	}
}

// Rows written before headers were sealed are sealed when the store
// opens: their headers read as they were, and their rows hold no value
// in clear.
func TestLegacyHeadersSealedAtOpen(t *testing.T) {
	ctx := context.Background()
	search := schema(t)
	db := open(t, search)
	storetest.StoreHeaders(t, db)
	db.Close()
	conn, err := pgx.Connect(ctx, pgtest.Server())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var id string
	if err := conn.QueryRow(ctx, `SELECT id FROM `+search+`.endpoints WHERE job_id = '' ORDER BY id LIMIT 1`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	// As a version before sealing wrote it.
	if _, err := conn.Exec(ctx, `UPDATE `+search+`.endpoints SET headers = '{"X-Old-Key":"legacy-value-0005"}', headers_sealed = NULL WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rawEndpoints(t, search), "legacy-value-0005") {
		t.Fatal("the legacy row was not written")
	}
	db = open(t, search)
	defer db.Close()
	ep, err := db.FindEndpointByID(ctx, "", id)
	if err != nil || ep.Headers["X-Old-Key"] != "legacy-value-0005" || len(ep.Headers) != 1 {
		t.Fatalf("a legacy row's headers after open = %v (%v)", ep, err)
	}
	if strings.Contains(rawEndpoints(t, search), "legacy-value") {
		t.Fatal("a legacy row's header value is still in clear after open")
	}
}
