package signing_test

import (
	"crypto/ed25519"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/heraldhq/herald/signing"
)

func headers(id string, ts time.Time, sig string) http.Header {
	h := http.Header{}
	h.Set("webhook-id", id)
	h.Set("webhook-timestamp", strconv.FormatInt(ts.Unix(), 10))
	h.Set("webhook-signature", sig)
	return h
}

// Signatures must verify with the official Standard Webhooks library, with
// one secret and with two live during a rotation.
func TestVerifiesWithStandardWebhooks(t *testing.T) {
	oldSecret, newSecret := signing.NewSecret(), signing.NewSecret()
	oldKey, _ := signing.DecodeSecret(oldSecret)
	newKey, _ := signing.DecodeSecret(newSecret)
	body := []byte(`{"type":"job.completed","timestamp":"2026-01-02T03:04:05Z","data":{"id":"j1"}}`)
	now := time.Now()

	one := signing.Sign([][]byte{oldKey}, "evt_1", now, body)
	if !strings.HasPrefix(one, "v1,") || strings.Contains(one, " ") {
		t.Fatalf("one-secret signature = %q", one)
	}
	verify(t, oldSecret, body, headers("evt_1", now, one), true)
	verify(t, newSecret, body, headers("evt_1", now, one), false)

	both := signing.Sign([][]byte{newKey, oldKey}, "evt_1", now, body)
	if len(strings.Split(both, " ")) != 2 {
		t.Fatalf("rotation signature = %q, want two space-separated", both)
	}
	verify(t, oldSecret, body, headers("evt_1", now, both), true)
	verify(t, newSecret, body, headers("evt_1", now, both), true)

	tampered := append([]byte{}, body...)
	tampered[10] ^= 1
	verify(t, newSecret, tampered, headers("evt_1", now, both), false)
	verify(t, newSecret, body, headers("evt_2", now, both), false)
}

func verify(t *testing.T, secret string, body []byte, h http.Header, want bool) {
	t.Helper()
	wh, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		t.Fatal(err)
	}
	if err := wh.Verify(body, h); (err == nil) != want {
		t.Fatalf("Verify = %v, want success %v", err, want)
	}
}

func TestSecrets(t *testing.T) {
	s := signing.NewSecret()
	if !strings.HasPrefix(s, "whsec_") {
		t.Fatalf("secret %q lacks the whsec_ prefix", s)
	}
	key, err := signing.DecodeSecret(s)
	if err != nil || len(key) < 24 {
		t.Fatalf("DecodeSecret: %d bytes, %v", len(key), err)
	}
	for _, bad := range []string{"whsec_", "whsec_!!!", "whsec_" + strings.Repeat("A", 8), "whsec_" + strings.Repeat("A", 100)} {
		if _, err := signing.DecodeSecret(bad); err == nil {
			t.Errorf("DecodeSecret(%q) accepted", bad)
		}
	}
}

// A new signing key's public key verifies what signing.SignAsymmetric signed, with
// crypto/ed25519 as a receiver would; each key of a rotation signs.
func TestSignAsymmetric(t *testing.T) {
	k1, k2 := signing.NewSigningKey(), signing.NewSigningKey()
	if !strings.HasPrefix(k1, "whsk_") || k1 == k2 {
		t.Fatalf("signing.NewSigningKey = %q, %q", k1, k2)
	}
	p1, _ := signing.DecodeSigningKey(k1)
	p2, _ := signing.DecodeSigningKey(k2)
	now := time.Unix(1674087231, 0)
	body := []byte(`{"a":1}`)
	sigs := strings.Fields(signing.SignAsymmetric([]ed25519.PrivateKey{p1, p2}, "msg_1", now, body))
	if len(sigs) != 2 {
		t.Fatalf("signatures %v, want one per key", sigs)
	}
	for i, k := range []string{k1, k2} {
		pub, err := signing.PublicKey(k)
		if err != nil || !strings.HasPrefix(pub, "whpk_") {
			t.Fatalf("PublicKey = %q, %v", pub, err)
		}
		raw, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(pub, "whpk_"))
		sig, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(sigs[i], "v1a,"))
		if !strings.HasPrefix(sigs[i], "v1a,") || !ed25519.Verify(raw, []byte("msg_1.1674087231."+string(body)), sig) {
			t.Fatalf("signature %d (%s) does not verify with its public key", i, sigs[i])
		}
	}
	for _, bad := range []string{"", "whsk_", "whsec_AAAA", "whsk_" + base64.StdEncoding.EncodeToString(make([]byte, 31))} {
		if _, err := signing.DecodeSigningKey(bad); err == nil {
			t.Errorf("DecodeSigningKey(%q) accepted", bad)
		}
	}
}
