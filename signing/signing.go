// Package signing signs webhooks the Standard Webhooks way
// (https://www.standardwebhooks.com): an HMAC-SHA256 over
// "<webhook-id>.<webhook-timestamp>.<body>", keyed by the base64 part of a
// "whsec_" secret, sent as "v1,<base64>" in the webhook-signature header;
// or the spec's asymmetric scheme, an Ed25519 signature of the same
// content sent as "v1a,<base64>".
package signing

import (
	"crypto/ed25519"
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

// Asymmetric signatures (Standard Webhooks "v1a"): an Ed25519 signature
// over the same "<webhook-id>.<webhook-timestamp>.<body>", sent as
// "v1a,<base64>". The producer keeps the signing key ("whsk_" and the
// base64 of the key's 32-byte seed); receivers verify with the public key
// ("whpk_" and the base64 of its 32 bytes), which is not a secret.
const (
	SigningKeyPrefix = "whsk_"
	PublicKeyPrefix  = "whpk_"
)

// NewSigningKey returns a fresh "whsk_" Ed25519 signing key.
func NewSigningKey() string {
	seed := make([]byte, ed25519.SeedSize)
	if _, err := rand.Read(seed); err != nil {
		panic("signing: crypto/rand failed: " + err.Error()) // cannot happen on supported platforms
	}
	return SigningKeyPrefix + base64.StdEncoding.EncodeToString(seed)
}

// DecodeSigningKey returns the Ed25519 private key of a "whsk_" key.
func DecodeSigningKey(key string) (ed25519.PrivateKey, error) {
	rest, ok := strings.CutPrefix(key, SigningKeyPrefix)
	seed, err := base64.StdEncoding.DecodeString(rest)
	if !ok || err != nil || len(seed) != ed25519.SeedSize {
		return nil, errors.New(`signing: a signing key must be "whsk_" followed by the base64 of a 32-byte Ed25519 seed`)
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

// PublicKey returns the "whpk_" public key of a "whsk_" signing key.
func PublicKey(key string) (string, error) {
	priv, err := DecodeSigningKey(key)
	if err != nil {
		return "", err
	}
	return PublicKeyPrefix + base64.StdEncoding.EncodeToString(priv.Public().(ed25519.PublicKey)), nil
}

// DecodePublicKey returns the Ed25519 public key of a "whpk_" key.
func DecodePublicKey(key string) (ed25519.PublicKey, error) {
	rest, ok := strings.CutPrefix(key, PublicKeyPrefix)
	b, err := base64.StdEncoding.DecodeString(rest)
	if !ok || err != nil || len(b) != ed25519.PublicKeySize {
		return nil, errors.New(`signing: a public key must be "whpk_" followed by the base64 of a 32-byte Ed25519 public key`)
	}
	return ed25519.PublicKey(b), nil
}

// SignAsymmetric returns the webhook-signature header value for one
// message: one "v1a,<sig>" per key, separated by spaces, in the order given.
func SignAsymmetric(keys []ed25519.PrivateKey, msgID string, ts time.Time, body []byte) string {
	content := SignedContent(msgID, ts, body)
	var b strings.Builder
	for i, key := range keys {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("v1a,")
		b.WriteString(base64.StdEncoding.EncodeToString(ed25519.Sign(key, content)))
	}
	return b.String()
}

// SignedContent is what both schemes sign: "<id>.<unix seconds>.<body>".
func SignedContent(msgID string, ts time.Time, body []byte) []byte {
	unix := strconv.FormatInt(ts.Unix(), 10)
	c := make([]byte, 0, len(msgID)+len(unix)+len(body)+2)
	c = append(c, msgID...)
	c = append(c, '.')
	c = append(c, unix...)
	c = append(c, '.')
	return append(c, body...)
}
