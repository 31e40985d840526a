package sqlite_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/signing"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/sqlite"
	"github.com/heraldhq/herald/store/storetest"
)

func open(t *testing.T) *sqlite.DB {
	t.Helper()
	box, err := seal.New(seal.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(context.Background(), sqlite.Config{Path: filepath.Join(t.TempDir(), "herald.db"), Box: box})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return open(t) })
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
	// Opened under another key, the secret cannot be read: an error, not
	// garbage.
	other, _ := seal.New(seal.NewKey())
	db, err = sqlite.Open(ctx, sqlite.Config{Path: path, Box: other})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.FindEndpointByID(ctx, "acme", "ep_1"); err == nil {
		t.Fatal("reading a secret sealed under another key succeeded")
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

func BenchmarkDeliveryLifecycle(b *testing.B) {
	storetest.Bench(b, func(b *testing.B) store.Store {
		box, err := seal.New(seal.NewKey())
		if err != nil {
			b.Fatal(err)
		}
		db, err := sqlite.Open(context.Background(), sqlite.Config{Path: filepath.Join(b.TempDir(), "herald.db"), Box: box})
		if err != nil {
			b.Fatal(err)
		}
		return db
	})
}
