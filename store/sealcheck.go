package store

import (
	"context"
	"errors"
)

// Sealer is the part of seal.Box a seal check needs.
type Sealer interface {
	Seal(plaintext []byte) []byte
	Open(sealed []byte) ([]byte, error)
}

// sealCheckText is what the check value seals.
const sealCheckText = "herald seal check v1"

// ErrWrongKey says the encryption key given is not the one the store was
// sealed with: every signing secret and bearer token would be unreadable,
// every attempt a 500. Stores refuse to open with it.
var ErrWrongKey = errors.New("the encryption key does not open this store's sealed secrets: " +
	"start with the key the store was created with (--encryption-key or HERALD_ENCRYPTION_KEY; " +
	"on SQLite, the data directory's own key file), or the endpoints' signing secrets cannot be read")

// SealCheck is how a backend reads and writes its check value and finds
// a sealed secret made before check values existed.
type SealCheck struct {
	// Get returns the stored check value, or ok false when there is none.
	Get func(ctx context.Context) (sealed []byte, ok bool, err error)
	// Put stores the check value unless one is stored already (another
	// node may have written it first).
	Put func(ctx context.Context, sealed []byte) error
	// Sample returns any sealed secret in the store, or ok false.
	Sample func(ctx context.Context) (sealed []byte, ok bool, err error)
}

// VerifySealKey checks at open that box opens what the store sealed: its
// check value or, in a store older than check values, one of its sealed
// secrets; then it stores a check value if there is none. It returns
// ErrWrongKey on a mismatch.
func VerifySealKey(ctx context.Context, box Sealer, c SealCheck) error {
	sealed, ok, err := c.Get(ctx)
	if err != nil {
		return err
	}
	if !ok {
		sample, found, err := c.Sample(ctx)
		if err != nil {
			return err
		}
		if found {
			if _, err := box.Open(sample); err != nil {
				return ErrWrongKey
			}
		}
		if err := c.Put(ctx, box.Seal([]byte(sealCheckText))); err != nil {
			return err
		}
		if sealed, _, err = c.Get(ctx); err != nil {
			return err
		}
	}
	plain, err := box.Open(sealed)
	if err != nil || string(plain) != sealCheckText {
		return ErrWrongKey
	}
	return nil
}

// SQLSealCheck is the SealCheck of a store with a meta (key, value) table
// and an endpoints table: row runs a query for one bytes value (ok false
// when no row), exec runs a statement with one argument, written as param
// ("?" or "$1").
func SQLSealCheck(row func(ctx context.Context, query string) ([]byte, bool, error),
	exec func(ctx context.Context, statement string, arg []byte) error, param string) SealCheck {
	return SealCheck{
		Get: func(ctx context.Context) ([]byte, bool, error) {
			return row(ctx, `SELECT value FROM meta WHERE key = 'seal_check'`)
		},
		Put: func(ctx context.Context, sealed []byte) error {
			return exec(ctx, `INSERT INTO meta (key, value) VALUES ('seal_check', `+param+`) ON CONFLICT (key) DO NOTHING`, sealed)
		},
		Sample: func(ctx context.Context) ([]byte, bool, error) {
			return row(ctx, `SELECT secret FROM endpoints LIMIT 1`)
		},
	}
}
