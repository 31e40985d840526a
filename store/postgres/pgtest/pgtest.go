// Package pgtest gives tests a PostgreSQL database of their own: a fresh
// schema in the server named by HERALD_TEST_POSTGRES (default: the local
// server's test database), dropped when the test ends. Without a server the
// test is skipped, except in CI (testenv.CI), where it fails.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/heraldhq/herald/internal/testenv"
)

// Server returns the URL of the test server.
func Server() string {
	if u := os.Getenv("HERALD_TEST_POSTGRES"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// Schema makes an empty schema for tb and returns its name and a URL whose
// connections use it (search_path).
func Schema(tb testing.TB) (name, schemaURL string) {
	tb.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, Server())
	if err != nil {
		testenv.Missing(tb, "PostgreSQL", fmt.Sprintf("not reachable at %s (set HERALD_TEST_POSTGRES): %v", Server(), err))
	}
	defer conn.Close(ctx)
	var b [6]byte
	_, _ = rand.Read(b[:])
	name = "herald_test_" + hex.EncodeToString(b[:])
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+name); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		ctx := context.Background()
		conn, err := pgx.Connect(ctx, Server())
		if err != nil {
			tb.Errorf("dropping schema %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, `DROP SCHEMA `+name+` CASCADE`); err != nil {
			tb.Errorf("dropping schema %s: %v", name, err)
		}
	})
	u, err := url.Parse(Server())
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return name, u.String()
}
