package store

import (
	"context"
	"encoding/json"
	"fmt"
)

// An endpoint's static headers (and a job callback's) carry receivers'
// credentials, so both backends keep them sealed, as they keep signing
// secrets and bearer tokens: the endpoints table's headers column holds
// "{}" and headers_sealed the sealed JSON of the headers, or NULL for
// none. Rows written before headers were sealed (headers_sealed NULL,
// headers not "{}") are read as they are until SealLegacyHeaders, which
// each backend runs at open once its key is verified, seals them.

// SealHeaders is what headers_sealed holds for h: nil for no headers.
func SealHeaders(box Sealer, h map[string]string) ([]byte, error) {
	if len(h) == 0 {
		return nil, nil
	}
	plain, err := json.Marshal(h)
	if err != nil {
		return nil, err
	}
	return box.Seal(plain), nil
}

// OpenHeaders reads an endpoint's headers: from sealed when it is set,
// else from the legacy plain column.
func OpenHeaders(box Sealer, id string, sealed, legacy []byte) (map[string]string, error) {
	h := map[string]string{}
	raw := legacy
	if sealed != nil {
		var err error
		if raw, err = box.Open(sealed); err != nil {
			return nil, fmt.Errorf("endpoint %s's headers: %w", id, err)
		}
	}
	if len(raw) == 0 {
		return h, nil
	}
	if err := json.Unmarshal(raw, &h); err != nil {
		return nil, fmt.Errorf("endpoint %s has corrupt headers: %w", id, err)
	}
	return h, nil
}

// LegacyHeaders is how a backend finds and rewrites the rows whose
// headers are still in clear.
type LegacyHeaders struct {
	// Find returns the id and plain headers of each such row.
	Find func(ctx context.Context) (ids []string, plain [][]byte, err error)
	// Seal writes one row's headers sealed, and "{}" in clear, unless
	// another node did it first.
	Seal func(ctx context.Context, id string, sealed []byte) error
}

// SealLegacyHeaders seals the headers of every row written before
// headers were sealed, and returns how many it sealed.
func SealLegacyHeaders(ctx context.Context, box Sealer, l LegacyHeaders) (int, error) {
	ids, plain, err := l.Find(ctx)
	if err != nil {
		return 0, fmt.Errorf("finding headers to seal: %w", err)
	}
	for i, id := range ids {
		h, err := OpenHeaders(box, id, nil, plain[i])
		if err != nil {
			return i, err
		}
		sealed, err := SealHeaders(box, h)
		if err != nil {
			return i, err
		}
		if err := l.Seal(ctx, id, sealed); err != nil {
			return i, fmt.Errorf("sealing endpoint %s's headers: %w", id, err)
		}
	}
	return len(ids), nil
}
