package api_test

import (
	"crypto/ed25519"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// verifiesV1a is a receiver's check written from the Standard Webhooks
// spec alone: some "v1a,<base64>" signature in webhook-signature is an
// Ed25519 signature, by the "whpk_" key, of "<id>.<timestamp>.<body>".
func verifiesV1a(t *testing.T, whpk string, r request) bool {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(whpk, "whpk_"))
	if err != nil || !strings.HasPrefix(whpk, "whpk_") || len(raw) != ed25519.PublicKeySize {
		t.Fatalf("public key %q is not whpk_ and 32 bytes of base64", whpk)
	}
	ts := r.header.Get("webhook-timestamp")
	if _, err := strconv.ParseInt(ts, 10, 64); err != nil {
		t.Fatalf("webhook-timestamp %q", ts)
	}
	content := []byte(r.header.Get("webhook-id") + "." + ts + "." + string(r.body))
	for _, s := range strings.Fields(r.header.Get("webhook-signature")) {
		if b64, ok := strings.CutPrefix(s, "v1a,"); ok {
			if sig, err := base64.StdEncoding.DecodeString(b64); err == nil && ed25519.Verify(ed25519.PublicKey(raw), content, sig) {
				return true
			}
		}
	}
	return false
}

// An endpoint with "signature": "ed25519" signs v1a: create, GET and
// rotate answer its public key and never a secret; receivers verify with
// the public key; a rotation's grace period sends both signatures; a grace
// of 0 stops the old key at once; the scheme cannot switch to a secret.
func TestEd25519Endpoint(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	rc := newReceiver(t, nil)
	h.tenant("acme")
	var made map[string]any
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": rc.url, "signature": "ed25519"}, &made)
	pub1, _ := made["public_key"].(string)
	if _, shown := made["secret"]; shown || !strings.HasPrefix(pub1, "whpk_") {
		t.Fatalf("create answered %v: want public_key and no secret", made)
	}
	id := made["id"].(string)
	var got map[string]any
	h.must(http.StatusOK, "GET", "/v1/tenants/acme/endpoints/"+id, nil, &got)
	if got["public_key"] != pub1 || got["signature"] != "ed25519" {
		t.Fatalf("GET answered %v", got)
	}
	send := func() request {
		h.must(http.StatusAccepted, "POST", "/v1/tenants/acme/events", map[string]any{"type": "job.completed", "data": map[string]any{"n": 1}}, nil)
		return rc.next()
	}
	if r := send(); !verifiesV1a(t, pub1, r) || strings.Contains(r.header.Get("webhook-signature"), "v1,") {
		t.Fatalf("signature %q does not verify with the public key, or carries a v1 one", r.header.Get("webhook-signature"))
	}

	var rotated map[string]any
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/endpoints/"+id+"/rotate-secret", map[string]any{"grace_period": "1h"}, &rotated)
	pub2, _ := rotated["public_key"].(string)
	if _, shown := rotated["secret"]; shown || pub2 == pub1 || !strings.HasPrefix(pub2, "whpk_") || rotated["previous_secret_expires_at"] == nil {
		t.Fatalf("rotate answered %v", rotated)
	}
	r := send()
	if n := len(strings.Fields(r.header.Get("webhook-signature"))); n != 2 || !verifiesV1a(t, pub1, r) || !verifiesV1a(t, pub2, r) {
		t.Fatalf("during the grace period: %d signatures %q, want both keys'", n, r.header.Get("webhook-signature"))
	}
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/endpoints/"+id+"/rotate-secret", map[string]any{"grace_period": "0s"}, &rotated)
	pub3 := rotated["public_key"].(string)
	if r := send(); verifiesV1a(t, pub2, r) || !verifiesV1a(t, pub3, r) {
		t.Fatalf("after a rotation with no grace: %q", r.header.Get("webhook-signature"))
	}

	var bad errorAnswer
	if code := h.call("PATCH", "/v1/tenants/acme/endpoints/"+id, adminKey, map[string]any{"signature": "standard"}, &bad); code != http.StatusBadRequest || !strings.Contains(bad.Error.Message, "ed25519") {
		t.Fatalf("PATCH to standard: %d %+v", code, bad)
	}
	if code := h.call("POST", "/v1/tenants/acme/endpoints", adminKey, map[string]any{"url": rc.url, "signature": "ed25519",
		"secret": "whsec_" + base64.StdEncoding.EncodeToString(make([]byte, 32))}, &bad); code != http.StatusBadRequest || !strings.Contains(bad.Error.Message, "whsk_") {
		t.Fatalf("an ed25519 endpoint with a whsec_ secret: %d %+v", code, bad)
	}
	// A job's callback may be signed so too: its create answer shows the
	// public key, not the signing key.
	cb := newReceiver(t, nil)
	var job map[string]any
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/jobs", map[string]any{"id": "j1", "type": "ocr", "callback_url": cb.url,
		"callback": map[string]any{"signature": "ed25519"}}, &job)
	cbPub, _ := job["callback_public_key"].(string)
	if _, shown := job["callback_secret"]; shown || cbPub == "" {
		t.Fatalf("job create answered %v", job)
	}
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/jobs/j1/status", map[string]any{"status": "completed"}, nil)
	if r := cb.next(); !verifiesV1a(t, cbPub, r) {
		t.Fatalf("the callback does not verify with callback_public_key: %q", r.header.Get("webhook-signature"))
	}
}
