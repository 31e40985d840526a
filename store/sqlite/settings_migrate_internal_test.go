package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/heraldhq/herald/ratelimit"
	"github.com/heraldhq/herald/retry"
	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/sigscheme"
)

// Migration 00027 moves the settings columns of an endpoint written by
// schema 26 into the settings column: every value reads back as it was,
// NULLs as nil, and the columns are gone.
func TestSettingsColumnMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "herald.db")
	box, _ := seal.New(seal.NewKey())
	raw, err := sql.Open(DriverName, "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := migrationProvider(raw)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, 26); err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := raw.ExecContext(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	exec(`INSERT INTO tenants (id, name, created_at, updated_at) VALUES ('acme', 'acme', 1, 1)`)
	insert := `INSERT INTO endpoints (id, tenant_id, url, description, event_types, channels, headers, retry_policy,
		disabled, disabled_reason, paused, secret, created_at, updated_at, signature, signature_header, path_suffix,
		user_agent, format, envelope_object, api_version, signature_scheme, rate_limit, send_traceparent)
		VALUES (?, 'acme', 'https://example.com/h', ?, '[]', '[]', '{}', ?, 0, '', 0, ?, 1, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	exec(insert, "ep_full", "main", `{"kind":"exponential","base":"2s","factor":2,"cap":"30s","max_retries":5,"jitter":0.1,"retry_on":"any"}`,
		box.Seal([]byte("whsec_x")), "hmac", "X-Sig", "/cb", "ua/1", "envelope", "thing", "v2",
		`{"algorithm":"sha256","encoding":"hex","signed":"{body}","header":"X-Sig","value":"{signature}"}`,
		`{"count":10,"per":"minute","burst":3}`, 1)
	exec(insert, "ep_plain", "", nil, box.Seal([]byte("whsec_y")), "", "", "", "", "", "", "", nil, nil, 0)
	raw.Close()

	db, err := Open(ctx, Config{Path: path, Box: box})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
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
	if err := db.write.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info('endpoints') WHERE name IN ('description', 'retry_policy', 'rate_limit', 'send_traceparent')`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d of the moved columns left (%v)", n, err)
	}
}
