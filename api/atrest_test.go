package api_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/signing"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/postgres"
	"github.com/heraldhq/herald/store/postgres/pgtest"
)

// On PostgreSQL, what the API was given or made as a secret is at rest
// only sealed (signing secrets, a tenant's callback secret, header values)
// or hashed (API keys, portal links and the keys they sign in as): no
// row of any table holds one in clear, and each key's SHA-256 is there.
// The rows are read raw, as a copy of the database would show them.
func TestSecretsSealedAndTokensHashedOnPostgres(t *testing.T) {
	var search string
	h := newHarness(t, func(o *options) {
		o.store = func(t *testing.T, box *seal.Box) store.Store {
			search, _ = pgtest.Schema(t)
			db, err := postgres.Open(context.Background(), postgres.Config{URL: pgtest.Server(), Box: box, SearchPath: search})
			if err != nil {
				t.Fatal(err)
			}
			return db
		}
	})
	h.tenant("acme")
	secret := signing.NewSecret()
	const header = "Bearer header-value-0123456789abcdef"
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": "http://127.0.0.1:9/hook", "paused": true,
		"secret": secret, "headers": map[string]string{"Authorization": header}}, nil)
	var cb struct {
		Secret string `json:"callback_secret"`
	}
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/rotate-callback-secret", map[string]any{}, &cb)
	key := h.roleKey("acme", herald.RoleTenant)
	var ps struct {
		Token string `json:"token"`
	}
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/portal-sessions", map[string]any{"lifetime": "1h"}, &ps)
	var in struct {
		Key string `json:"key"`
	}
	h.must(http.StatusOK, "POST", "/v1/portal-sessions/exchange", map[string]any{"token": ps.Token}, &in)
	for what, v := range map[string]string{"callback secret": cb.Secret, "tenant key": key, "portal link": ps.Token, "portal key": in.Key} {
		if len(v) < 16 {
			t.Fatalf("the API gave a %s of %q", what, v)
		}
	}

	raw := rawTables(t, search)
	if !strings.Contains(raw, "http://127.0.0.1:9/hook") {
		t.Fatalf("the raw rows are not the store's: %.300s", raw)
	}
	clear := map[string]string{
		"signing secret": secret, "signing secret's key": strings.TrimPrefix(secret, signing.SecretPrefix),
		"callback secret": cb.Secret, "callback secret's key": strings.TrimPrefix(cb.Secret, signing.SecretPrefix),
		"header value": "header-value-0123456789abcdef",
		"admin key":    adminKey, "tenant key": key, "portal link": ps.Token, "portal key": in.Key,
	}
	for what, v := range clear {
		// In clear as text, or as the bytes of a bytea column (which
		// row_to_json writes in hex).
		if strings.Contains(raw, v) || strings.Contains(raw, hex.EncodeToString([]byte(v))) {
			t.Errorf("the %s is stored in clear", what)
		}
		if b, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(v, signing.SecretPrefix)); err == nil && len(b) >= 16 &&
			strings.Contains(raw, hex.EncodeToString(b)) {
			t.Errorf("the %s is stored in clear, as hex", what)
		}
	}
	for what, v := range map[string]string{"admin key": adminKey, "tenant key": key, "portal key": in.Key} {
		sum := sha256.Sum256([]byte(v))
		if !strings.Contains(raw, hex.EncodeToString(sum[:])) {
			t.Errorf("the %s's SHA-256 is not stored: how is it found?", what)
		}
	}
}

// rawTables is every row of every table of the schema, as JSON text.
func rawTables(t *testing.T, search string) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgtest.Server())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`, search)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil || len(tables) < 5 {
		t.Fatalf("tables of %s: %v, %v", search, tables, err)
	}
	var all strings.Builder
	for _, table := range tables {
		var text string
		q := `SELECT coalesce(string_agg(row_to_json(r)::text, E'\n'), '') FROM ` + pgx.Identifier{search, table}.Sanitize() + ` r`
		if err := conn.QueryRow(ctx, q).Scan(&text); err != nil {
			t.Fatal(err)
		}
		all.WriteString(text + "\n")
	}
	return all.String()
}
