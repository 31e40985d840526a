package wire

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/signing"
)

func TestURL(t *testing.T) {
	// Seed 003's table, and the query kept.
	for _, c := range []struct{ base, suffix, want string }{
		{"https://your-server.com", "/callback", "https://your-server.com/callback"},
		{"https://your-server.com/api", "/callback", "https://your-server.com/api/callback"},
		{"https://your-server.com/api/", "/callback", "https://your-server.com/api/callback"},
		{"https://your-server.com/api/", "callback", "https://your-server.com/api/callback"},
		{"https://your-server.com/api?k=1", "/callback", "https://your-server.com/api/callback?k=1"},
		{"https://your-server.com/api", "", "https://your-server.com/api"},
	} {
		got, err := URL(c.base, c.suffix)
		if err != nil || got != c.want {
			t.Errorf("URL(%q, %q) = %q %v, want %q", c.base, c.suffix, got, err, c.want)
		}
	}
}

func header(m map[string]string) http.Header {
	h := http.Header{}
	for k, v := range m {
		h.Set(k, v)
	}
	return h
}

func TestHeaders(t *testing.T) {
	now := time.Now()
	body := []byte(`{"event_type":"job.completed"}`)
	secret, previous := signing.NewSecret(), signing.NewSecret()

	// Standard, during a rotation: both secrets verify with the official library.
	ep := &herald.Endpoint{ID: "ep_1", Secret: secret, PreviousSecret: previous, PreviousSecretExpiresAt: now.Add(time.Hour),
		Headers: map[string]string{"X-Static": "1"}}
	h, err := Headers(ep, "evt_1", now, body)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{secret, previous} {
		wh, _ := standardwebhooks.NewWebhook(s)
		if err := wh.Verify(body, header(h)); err != nil {
			t.Fatalf("standard signature with one of two live secrets: %v", err)
		}
	}
	if h["X-Static"] != "1" || !strings.HasPrefix(h["User-Agent"], "Herald/") || h["webhook-id"] != "evt_1" ||
		h["webhook-timestamp"] != strconv.FormatInt(now.Unix(), 10) || h["Authorization"] != "" {
		t.Fatalf("standard headers = %v", h)
	}

	// Seed 004: lowercase hex HMAC of the raw body in X-R2-Signature, as a
	// receiver following its Go example computes it.
	ep = &herald.Endpoint{ID: "ep_2", Secret: secret, PreviousSecret: previous, PreviousSecretExpiresAt: now.Add(time.Hour),
		Signature: herald.SignatureHexHeader, SignatureHeader: "X-R2-Signature", UserAgent: "LeapOCR-Webhook/1.0"}
	h, err = Headers(ep, "evt_1", now, body)
	if err != nil {
		t.Fatal(err)
	}
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	if want := hex.EncodeToString(m.Sum(nil)); h["X-R2-Signature"] != want {
		t.Fatalf("X-R2-Signature = %q, want %q", h["X-R2-Signature"], want)
	}
	if h["webhook-signature"] != "" || h["User-Agent"] != "LeapOCR-Webhook/1.0" {
		t.Fatalf("hex headers = %v", h)
	}

	// Seed 001: no signature, a bearer token.
	ep = &herald.Endpoint{ID: "ep_3", Secret: secret, Signature: herald.SignatureNone, BearerToken: "abcd"}
	h, err = Headers(ep, "evt_1", now, body)
	if err != nil {
		t.Fatal(err)
	}
	if h["Authorization"] != "Bearer abcd" || h["webhook-signature"] != "" {
		t.Fatalf("bearer headers = %v", h)
	}
	if _, err := Headers(&herald.Endpoint{ID: "ep_4", Secret: secret, Signature: "rot13"}, "evt_1", now, body); err == nil {
		t.Fatal("an unknown scheme was accepted")
	}
}
