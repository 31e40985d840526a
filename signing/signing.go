// Package signing signs webhooks the Standard Webhooks way
// (https://www.standardwebhooks.com): an HMAC-SHA256 over
// "<webhook-id>.<webhook-timestamp>.<body>", keyed by the base64 part of a
// "whsec_" secret, sent as "v1,<base64>" in the webhook-signature header.
package signing

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"
)

// SecretPrefix starts every secret Herald makes.
const SecretPrefix = "whsec_"

// secretBytes is the size of a new secret's key. Standard Webhooks asks for
// 24 to 64 bytes; 32 matches the HMAC-SHA256 block-size sweet spot.
const secretBytes = 32

// NewSecret returns a fresh "whsec_" secret.
func NewSecret() string {
	b := make([]byte, secretBytes)
	if _, err := rand.Read(b); err != nil {
		panic("signing: crypto/rand failed: " + err.Error()) // cannot happen on supported platforms
	}
	return SecretPrefix + base64.StdEncoding.EncodeToString(b)
}

// DecodeSecret returns the HMAC key of a secret, with or without its prefix.
func DecodeSecret(secret string) ([]byte, error) {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, SecretPrefix))
	if err != nil {
		return nil, errors.New("signing: a secret must be \"whsec_\" followed by base64")
	}
	if len(key) < 24 || len(key) > 64 {
		return nil, errors.New("signing: a secret's key must be 24 to 64 bytes")
	}
	return key, nil
}

// Sign returns the webhook-signature header value for one message: one
// "v1,<sig>" per key, separated by spaces, in the order given.
func Sign(keys [][]byte, msgID string, ts time.Time, body []byte) string {
	var b strings.Builder
	unix := strconv.FormatInt(ts.Unix(), 10)
	for i, key := range keys {
		if i > 0 {
			b.WriteByte(' ')
		}
		m := hmac.New(sha256.New, key)
		m.Write([]byte(msgID))
		m.Write([]byte{'.'})
		m.Write([]byte(unix))
		m.Write([]byte{'.'})
		m.Write(body)
		b.WriteString("v1,")
		b.WriteString(base64.StdEncoding.EncodeToString(m.Sum(nil)))
	}
	return b.String()
}
