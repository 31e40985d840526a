package verify_test

import (
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/heraldhq/herald/signing"
	"github.com/heraldhq/herald/verify"
)

// hdr is a webhook's headers.
func hdr(id string, ts time.Time, sig string) http.Header {
	h := http.Header{}
	h.Set("webhook-id", id)
	h.Set("webhook-timestamp", strconv.FormatInt(ts.Unix(), 10))
	h.Set("webhook-signature", sig)
	return h
}

// Signatures made by the official library must pass, and so must Herald's
// own, with and without a second secret in the header.
func TestVerify(t *testing.T) {
	secret := signing.NewSecret()
	other := signing.NewSecret()
	body := []byte(`{"type":"x","timestamp":"2026-01-01T00:00:00Z","data":{}}`)
	now := time.Now()
	lib, _ := standardwebhooks.NewWebhook(secret)
	libSig, err := lib.Sign("msg_1", now, body)
	if err != nil {
		t.Fatal(err)
	}
	key, _ := signing.DecodeSecret(secret)
	otherKey, _ := signing.DecodeSecret(other)
	v, err := verify.New(secret)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		h    http.Header
		body []byte
		want error
	}{
		{"official library", hdr("msg_1", now, libSig), body, nil},
		{"herald, one secret", hdr("msg_1", now, signing.Sign([][]byte{key}, "msg_1", now, body)), body, nil},
		{"herald, rotation", hdr("msg_1", now, signing.Sign([][]byte{otherKey, key}, "msg_1", now, body)), body, nil},
		{"wrong secret", hdr("msg_1", now, signing.Sign([][]byte{otherKey}, "msg_1", now, body)), body, verify.ErrNoMatch},
		{"body changed", hdr("msg_1", now, libSig), append([]byte(" "), body...), verify.ErrNoMatch},
		{"id changed", hdr("msg_2", now, libSig), body, verify.ErrNoMatch},
		{"too old", hdr("msg_1", now.Add(-10*time.Minute), signing.Sign([][]byte{key}, "msg_1", now.Add(-10*time.Minute), body)), body, verify.ErrTooOld},
		{"from the future", hdr("msg_1", now.Add(10*time.Minute), signing.Sign([][]byte{key}, "msg_1", now.Add(10*time.Minute), body)), body, verify.ErrTooOld},
		{"missing", http.Header{}, body, verify.ErrMissingHeaders},
		{"bad timestamp", func() http.Header { h := hdr("msg_1", now, libSig); h.Set("webhook-timestamp", "soon"); return h }(), body, verify.ErrBadTimestamp},
		{"unknown version", hdr("msg_1", now, "v2,"+libSig[3:]), body, verify.ErrNoMatch},
	}
	for _, tt := range tests {
		if err := v.Verify(tt.h, tt.body); !errors.Is(err, tt.want) {
			t.Errorf("%s: Verify = %v, want %v", tt.name, err, tt.want)
		}
	}
}

// v1a: a "whpk_" public key verifies Ed25519 signatures over the same
// content, made here with crypto/ed25519 from the spec, not with Herald's
// signer; a v1 signature, another key's, a tampered body and an old
// timestamp do not pass.
func TestVerifyAsymmetric(t *testing.T) {
	seed := make([]byte, ed25519.SeedSize)
	seed[0] = 42
	priv := ed25519.NewKeyFromSeed(seed)
	pub := "whpk_" + base64.StdEncoding.EncodeToString(priv.Public().(ed25519.PublicKey))
	other := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	body := []byte(`{"type":"x","timestamp":"2026-01-01T00:00:00Z","data":{}}`)
	now := time.Now()
	sign := func(k ed25519.PrivateKey, id string, ts time.Time, b []byte) string {
		return "v1a," + base64.StdEncoding.EncodeToString(ed25519.Sign(k, []byte(id+"."+strconv.FormatInt(ts.Unix(), 10)+"."+string(b))))
	}
	v, err := verify.New(pub)
	if err != nil || v.Scheme() != "Standard Webhooks v1a" {
		t.Fatalf("New(whpk_) = %v, %v", v, err)
	}
	secret := signing.NewSecret()
	key, _ := signing.DecodeSecret(secret)
	for _, c := range []struct {
		name string
		h    http.Header
		body []byte
		want error
	}{
		{"signed", hdr("msg_1", now, sign(priv, "msg_1", now, body)), body, nil},
		{"during a rotation, the other key first", hdr("msg_1", now, sign(other, "msg_1", now, body)+" "+sign(priv, "msg_1", now, body)), body, nil},
		{"another key", hdr("msg_1", now, sign(other, "msg_1", now, body)), body, verify.ErrNoMatch},
		{"tampered body", hdr("msg_1", now, sign(priv, "msg_1", now, body)), append([]byte(" "), body...), verify.ErrNoMatch},
		{"another id", hdr("msg_2", now, sign(priv, "msg_1", now, body)), body, verify.ErrNoMatch},
		{"a v1 signature", hdr("msg_1", now, signing.Sign([][]byte{key}, "msg_1", now, body)), body, verify.ErrNoMatch},
		{"old", hdr("msg_1", now.Add(-time.Hour), sign(priv, "msg_1", now.Add(-time.Hour), body)), body, verify.ErrTooOld},
	} {
		if err := v.Verify(c.h, c.body); !errors.Is(err, c.want) {
			t.Errorf("%s: Verify = %v, want %v", c.name, err, c.want)
		}
	}
	if _, err := verify.New("whpk_short"); err == nil {
		t.Error("a malformed public key was accepted")
	}
}

// HexHeader and Bearer: the LeapOCR recipe (hex HMAC-SHA256 of the body,
// keyed by the secret string) passes and a tampered body fails; a bearer
// token passes only when exact.
func TestHexHeaderAndBearer(t *testing.T) {
	body := []byte(`{"event_type":"job.completed"}`)
	m := hmac.New(sha256.New, []byte("s3cret"))
	m.Write(body)
	h := http.Header{}
	h.Set("X-R2-Signature", hex.EncodeToString(m.Sum(nil)))
	h.Set("Authorization", "Bearer abcd")
	c := verify.HexHeader{Secret: "s3cret", Header: "X-R2-Signature"}
	if err := c.Verify(h, body); err != nil {
		t.Fatalf("the recipe's signature: %v", err)
	}
	if err := c.Verify(h, append(body, ' ')); !errors.Is(err, verify.ErrNoMatch) {
		t.Fatalf("a tampered body: %v", err)
	}
	if err := (verify.HexHeader{Secret: "other", Header: "X-R2-Signature"}).Verify(h, body); !errors.Is(err, verify.ErrNoMatch) {
		t.Fatalf("another secret: %v", err)
	}
	for token, want := range map[string]error{"abcd": nil, "abc": verify.ErrBadBearer, "abcde": verify.ErrBadBearer} {
		if err := (verify.Bearer{Token: token}).Verify(h, body); !errors.Is(err, want) {
			t.Errorf("bearer %q: %v, want %v", token, err, want)
		}
	}
	h.Set("Authorization", "abcd")
	if err := (verify.Bearer{Token: "abcd"}).Verify(h, body); !errors.Is(err, verify.ErrBadBearer) {
		t.Errorf("a token without Bearer: %v", err)
	}
}
