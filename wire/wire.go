// Package wire decides how a webhook request to an endpoint looks on the
// wire, beyond its body: the URL it goes to and the headers that sign and
// authenticate it. Every function is pure, so each combination of settings
// is table-tested without a network.
package wire

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/signing"
	"github.com/heraldhq/herald/sigscheme"
)

// URL joins an endpoint's URL and path suffix with exactly one slash
// between, keeping the URL's query: https://a.example/api/ and "callback"
// give https://a.example/api/callback.
func URL(base, suffix string) (string, error) {
	if suffix == "" {
		return base, nil
	}
	u, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	u.Path = strings.TrimSuffix(u.Path, "/") + "/" + strings.TrimPrefix(suffix, "/")
	u.RawPath = ""
	return u.String(), nil
}

// Headers returns the headers of one attempt to ep: the message id and
// timestamp (the same id on every retry), the signature its scheme calls
// for, its bearer token, and its User-Agent.
func Headers(ep *herald.Endpoint, msgID string, now time.Time, body []byte) (map[string]string, error) {
	h := make(map[string]string, len(ep.Headers)+6)
	for k, v := range ep.Headers {
		h[k] = v
	}
	h["User-Agent"] = herald.UserAgent()
	if ep.UserAgent != "" {
		h["User-Agent"] = ep.UserAgent
	}
	h["webhook-id"] = msgID
	h["webhook-timestamp"] = strconv.FormatInt(now.Unix(), 10)
	switch ep.Signature {
	case "", herald.SignatureStandard:
		keys, err := decodeAll(ep.SigningSecrets(now), signing.DecodeSecret)
		if err != nil {
			return nil, fmt.Errorf("endpoint %s has an unusable secret: %w", ep.ID, err)
		}
		h["webhook-signature"] = signing.Sign(keys, msgID, now, body)
	case herald.SignatureEd25519:
		keys, err := decodeAll(ep.SigningSecrets(now), signing.DecodeSigningKey)
		if err != nil {
			return nil, fmt.Errorf("endpoint %s has an unusable signing key: %w", ep.ID, err)
		}
		h["webhook-signature"] = signing.SignAsymmetric(keys, msgID, now, body)
	case herald.SignatureHexHeader, herald.SignatureHMAC:
		scheme := ep.SignatureScheme
		if ep.Signature == herald.SignatureHexHeader {
			hex := sigscheme.HexOfBody(ep.SignatureHeader)
			scheme = &hex
		}
		if scheme == nil {
			return nil, fmt.Errorf("endpoint %s signs with %q but has no signature scheme", ep.ID, herald.SignatureHMAC)
		}
		signed, err := scheme.Sign(ep.Secret, msgID, now, body)
		if err != nil {
			return nil, fmt.Errorf("endpoint %s: %w", ep.ID, err)
		}
		for k, v := range signed {
			h[k] = v
		}
	case herald.SignatureNone:
	default:
		return nil, fmt.Errorf("endpoint %s has an unknown signature scheme %q", ep.ID, ep.Signature)
	}
	if ep.BearerToken != "" {
		h["Authorization"] = "Bearer " + ep.BearerToken
	}
	return h, nil
}

// decodeAll decodes each of an endpoint's live secrets into its key.
func decodeAll[K any](secrets []string, decode func(string) (K, error)) ([]K, error) {
	keys := make([]K, len(secrets))
	for i, s := range secrets {
		k, err := decode(s)
		if err != nil {
			return nil, err
		}
		keys[i] = k
	}
	return keys, nil
}

// Build makes one attempt of ev to ep at now: its URL, headers and body.
// The event's id is the webhook-id, the same on every retry.
func Build(ep *herald.Endpoint, ev *herald.Event, now time.Time) (url string, headers map[string]string, body []byte, err error) {
	if body, err = Body(ep, ev); err != nil {
		return "", nil, nil, err
	}
	if url, err = URL(ep.URL, ep.PathSuffix); err != nil {
		return "", nil, nil, err
	}
	if headers, err = Headers(ep, ev.ID, now, body); err != nil {
		return "", nil, nil, err
	}
	return url, headers, body, nil
}
