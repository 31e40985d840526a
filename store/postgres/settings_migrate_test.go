package postgres_test

import (
	"context"
	"database/sql"
	"io/fs"
	"reflect"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"

	"github.com/heraldhq/herald/ratelimit"
	"github.com/heraldhq/herald/retry"
	"github.com/heraldhq/herald/sigscheme"
	"github.com/heraldhq/herald/store/postgres"
	"github.com/heraldhq/herald/store/postgres/pgtest"
)

// Migration 00022 moves the settings columns of an endpoint written by
// schema 21 into the settings column: every value reads back as it was,
// NULLs as nil, and the columns are gone.
func TestSettingsColumnMigration(t *testing.T) {
	ctx := context.Background()
	search, schemaURL := pgtest.Schema(t)
	raw, err := sql.Open("pgx", schemaURL)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	sub, err := fs.Sub(postgres.Migrations, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(goose.DialectPostgres, raw, sub)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, 21); err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := raw.ExecContext(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	exec(`INSERT INTO tenants (id, name, created_at, updated_at) VALUES ('acme', 'acme', now(), now())`)
	insert := `INSERT INTO endpoints (id, tenant_id, url, description, event_types, channels, headers, retry_policy,
		disabled, disabled_reason, paused, secret, created_at, updated_at, signature, signature_header, path_suffix,
		user_agent, format, envelope_object, api_version, signature_scheme, rate_limit, send_traceparent)
		VALUES ($1, 'acme', 'https://example.com/h', $2, '[]', '[]', '{}', $3::jsonb, false, '', false, $4, now(), now(),
		$5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`
	exec(insert, "ep_full", "main", `{"kind":"exponential","base":"2s","factor":2,"cap":"30s","max_retries":5,"jitter":0.1,"retry_on":"any"}`,
		box.Seal([]byte("whsec_x")), "hmac", "X-Sig", "/cb", "ua/1", "envelope", "thing", "v2",
		`{"algorithm":"sha256","encoding":"hex","signed":"{body}","header":"X-Sig","value":"{signature}"}`,
		`{"count":10,"per":"minute","burst":3}`, true)
	exec(insert, "ep_plain", "", nil, box.Seal([]byte("whsec_y")), "", "", "", "", "", "", "", nil, nil, false)

	db := open(t, search)
	full, err := db.FindEndpointByID(ctx, "acme", "ep_full")
	if err != nil {
		t.Fatal(err)
	}
	wantPolicy := &retry.Policy{Kind: retry.KindExponential, Base: retry.Duration(2 * time.Second), Factor: 2,
		Cap: retry.Duration(30 * time.Second), MaxRetries: 5, Jitter: 0.1, RetryOn: retry.RetryAny}
	wantScheme := &sigscheme.Scheme{Algorithm: "sha256", Encoding: "hex", Signed: "{body}", Header: "X-Sig", Value: "{signature}"}
	if full.Description != "main" || !reflect.DeepEqual(full.RetryPolicy, wantPolicy) || full.Signature != "hmac" ||
		full.SignatureHeader != "X-Sig" || full.PathSuffix != "/cb" || full.UserAgent != "ua/1" || full.Format != "envelope" ||
		full.EnvelopeObject != "thing" || full.APIVersion != "v2" || !reflect.DeepEqual(full.SignatureScheme, wantScheme) ||
		!reflect.DeepEqual(full.RateLimit, &ratelimit.Limit{Count: 10, Per: time.Minute, Burst: 3}) || !full.SendTraceparent ||
		full.Secret != "whsec_x" {
		t.Errorf("migrated endpoint: %+v (policy %+v, scheme %+v, rate %+v)", full, full.RetryPolicy, full.SignatureScheme, full.RateLimit)
	}
	plain, err := db.FindEndpointByID(ctx, "acme", "ep_plain")
	if err != nil {
		t.Fatal(err)
	}
	if plain.RetryPolicy != nil || plain.SignatureScheme != nil || plain.RateLimit != nil || plain.SendTraceparent || plain.Format != "" {
		t.Errorf("migrated plain endpoint: %+v", plain)
	}
	var n int
	if err := raw.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'endpoints'
		AND column_name IN ('description', 'retry_policy', 'rate_limit', 'send_traceparent')`, search).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d of the moved columns left (%v)", n, err)
	}
}
