package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/signing"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/sqlite"
	"github.com/heraldhq/herald/store/storetest"
)

// open opens a store in a temporary directory, on the clock now (nil: the
// wall clock).
func open(t *testing.T, now func() time.Time) *sqlite.DB {
	t.Helper()
	box, err := seal.New(seal.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(context.Background(), sqlite.Config{Path: filepath.Join(t.TempDir(), "herald.db"), Box: box, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T, now func() time.Time) store.Store { return open(t, now) })
}

// The signing secret must not be readable from the database file.
func TestSecretsSealedAtRest(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "herald.db")
	box, _ := seal.New(seal.NewKey())
	ctx := context.Background()
	db, err := sqlite.Open(ctx, sqlite.Config{Path: path, Box: box})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateTenant(ctx, &herald.Tenant{ID: "acme", Name: "Acme"}); err != nil {
		t.Fatal(err)
	}
	secret := signing.NewSecret()
	token := "bearer-token-that-must-not-leak"
	ep := &herald.Endpoint{ID: "ep_1", TenantID: "acme", URL: "https://example.com", Secret: secret, BearerToken: token}
	if err := db.CreateEndpoint(ctx, ep); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	raw := readAll(t, dir)
	if bytes.Contains(raw, []byte(secret)) || bytes.Contains(raw, []byte(secret[len(signing.SecretPrefix):])) {
		t.Fatal("the signing secret is stored in clear in the database files")
	}
	if bytes.Contains(raw, []byte(token)) {
		t.Fatal("the bearer token is stored in clear in the database files")
	}
	// Under another key the store does not even open: an error that says
	// so, not garbage (TestWrongEncryptionKeyRefused has the cases).
	other, _ := seal.New(seal.NewKey())
	if _, err := sqlite.Open(ctx, sqlite.Config{Path: path, Box: other}); !errors.Is(err, store.ErrWrongKey) {
		t.Fatalf("Open under another key: %v, want ErrWrongKey", err)
	}
}

func readAll(t *testing.T, dir string) []byte {
	t.Helper()
	var all []byte
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	return all
}

func BenchmarkDeliveryLifecycle(b *testing.B) { storetest.Bench(b, openBench) }

// BenchmarkDeliveryLifecycle500Endpoints spreads the deliveries over 500
// endpoints: each batch of outcomes writes 500 endpoints' rows.
func BenchmarkDeliveryLifecycle500Endpoints(b *testing.B) { storetest.BenchSpread(b, openBench, 500) }

func openBench(b *testing.B) store.Store {
	box, err := seal.New(seal.NewKey())
	if err != nil {
		b.Fatal(err)
	}
	db, err := sqlite.Open(context.Background(), sqlite.Config{Path: filepath.Join(b.TempDir(), "herald.db"), Box: box})
	if err != nil {
		b.Fatal(err)
	}
	return db
}

// A store opened with another encryption key than the one that sealed it
// is refused at open, with ErrWrongKey, also a store made before check
// values existed (whose sealed secrets are tried instead); the right key
// still opens it. A wrong key used to open, be ready, and fail every
// attempt.
func TestWrongEncryptionKeyRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "herald.db")
	right, _ := seal.New(seal.NewKey())
	wrong, _ := seal.New(seal.NewKey())
	db, err := sqlite.Open(ctx, sqlite.Config{Path: path, Box: right})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateTenant(ctx, &herald.Tenant{ID: "acme", Name: "Acme"}); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateEndpoint(ctx, &herald.Endpoint{ID: "ep_1", TenantID: "acme", URL: "https://example.com", Secret: signing.NewSecret()}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := sqlite.Open(ctx, sqlite.Config{Path: path, Box: wrong}); !errors.Is(err, store.ErrWrongKey) {
		t.Fatalf("Open with another key: %v, want ErrWrongKey", err)
	}
	// A store from before the check value: only its secrets can tell.
	raw, err := sql.Open(sqlite.DriverName, "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`DELETE FROM meta`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if _, err := sqlite.Open(ctx, sqlite.Config{Path: path, Box: wrong}); !errors.Is(err, store.ErrWrongKey) {
		t.Fatalf("Open of a store without a check value, with another key: %v, want ErrWrongKey", err)
	}
	db, err = sqlite.Open(ctx, sqlite.Config{Path: path, Box: right})
	if err != nil {
		t.Fatalf("Open with the right key: %v", err)
	}
	db.Close()
	if _, err := sqlite.Open(ctx, sqlite.Config{Path: path, Box: wrong}); !errors.Is(err, store.ErrWrongKey) {
		t.Fatalf("Open with another key after the check value was written again: %v, want ErrWrongKey", err)
	}
}

// A store at its size cap fails writes with an outage the API answers
// 503 (storage is full) and pings as not ready; freeing space heals both.
func TestFullStoreIsAnOutage(t *testing.T) {
	ctx := context.Background()
	box, _ := seal.New(seal.NewKey())
	db, err := sqlite.Open(ctx, sqlite.Config{Path: filepath.Join(t.TempDir(), "herald.db"), Box: box, MaxSizeBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, id := range []string{"acme", "spare"} {
		if err := db.CreateTenant(ctx, &herald.Tenant{ID: id, Name: id}); err != nil {
			t.Fatal(err)
		}
	}
	data := []byte(`{"blob":"` + strings.Repeat("x", 64<<10) + `"}`)
	var failed error
	for i := range 40 {
		ev := &herald.Event{ID: fmt.Sprint("e", i), TenantID: "acme", Type: "x", Channels: []string{}, Data: data, CreatedAt: time.Now()}
		if _, err := db.CreateEvents(ctx, []store.NewEvent{{Event: ev}}); err != nil {
			failed = err
			break
		}
	}
	if failed == nil {
		t.Fatal("2.5 MB of events fitted under a 1 MiB cap")
	}
	if r := db.UnavailableReason(failed); r != store.ReasonFull {
		t.Fatalf("UnavailableReason(%v) = %q, want %q", failed, r, store.ReasonFull)
	}
	if err := db.Ping(ctx); err == nil || db.UnavailableReason(err) != store.ReasonFull {
		t.Fatalf("Ping on a full store = %v, want a full-storage error", err)
	}
	if err := db.DeleteTenant(ctx, "acme"); err != nil {
		t.Fatalf("deleting to free space: %v", err)
	}
	if err := db.Ping(ctx); err != nil {
		t.Fatalf("Ping once space is freed: %v", err)
	}
}

// BenchmarkClaimPastSkipped claims 500 deliveries while 200 of 1,000
// endpoints, passed over, hold 1,000 due deliveries each (issue 30).
func BenchmarkClaimPastSkipped(b *testing.B) {
	storetest.BenchClaimPastSkipped(b, openBench, storetest.ClaimShape{Endpoints: 1000, Skipped: 200, Backlog: 1000, Due: 2, Limit: 500})
}
