package api_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
)

// leapocrSDKVerifies is LeapOCR's JS SDK check, written from its public
// description: verifyWebhookSignature(payload, signature, timestamp,
// secret) is the lowercase hex HMAC-SHA256 of "<timestamp>.<payload>",
// keyed by the secret's UTF-8 bytes.
func leapocrSDKVerifies(payload []byte, signature, timestamp, secret string) bool {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(timestamp + "." + string(payload)))
	return timestamp != "" && hmac.Equal([]byte(signature), []byte(hex.EncodeToString(m.Sum(nil))))
}

// Signature schemes as data: the leapocr-sdk preset signs as LeapOCR's SDK
// verifies, with its header names as settings; a Stripe-style scheme is
// one signature_scheme away; bad schemes are refused with what to fix.
func TestSignatureSchemes(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	rc := newReceiver(t, nil)
	h.tenant("acme")
	var sdk map[string]any
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/endpoints", map[string]any{"url": rc.url, "preset": "leapocr-sdk",
		"event_types": []string{"job.completed"}}, &sdk)
	secret := sdk["secret"].(string)
	if sdk["signature"] != "hmac" || sdk["signature_scheme"] == nil {
		t.Fatalf("leapocr-sdk endpoint: %v", sdk)
	}
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/jobs", map[string]any{"id": "job-1", "type": "ocr"}, nil)
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/jobs/job-1/status", map[string]any{"status": "completed"}, nil)
	r := rc.next()
	sig, ts := r.header.Get("X-Webhook-Signature"), r.header.Get("X-Webhook-Timestamp")
	if !leapocrSDKVerifies(r.body, sig, ts, secret) {
		t.Fatalf("the SDK's check refuses signature %q timestamp %q", sig, ts)
	}
	if leapocrSDKVerifies(append(r.body, ' '), sig, ts, secret) {
		t.Fatal("the SDK's check passes a tampered body")
	}
	if !strings.Contains(string(r.body), `"event_type":"job.completed"`) {
		t.Fatalf("body %s", r.body)
	}

	// The header names are settings: a Stripe-style scheme instead.
	id := sdk["id"].(string)
	stripe := map[string]any{"algorithm": "sha256", "encoding": "hex", "signed": "{timestamp}.{body}",
		"header": "Stripe-Signature", "value": "t={timestamp},v1={signature}", "key": "utf8"}
	h.must(http.StatusOK, "PATCH", "/v1/tenants/acme/endpoints/"+id, map[string]any{"signature_scheme": stripe}, nil)
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/jobs", map[string]any{"id": "job-2", "type": "ocr"}, nil)
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/jobs/job-2/status", map[string]any{"status": "completed"}, nil)
	r = rc.next()
	var tsPart, v1 string
	for _, part := range strings.Split(r.header.Get("Stripe-Signature"), ",") {
		k, v, _ := strings.Cut(part, "=")
		if k == "t" {
			tsPart = v
		} else if k == "v1" {
			v1 = v
		}
	}
	if !leapocrSDKVerifies(r.body, v1, tsPart, secret) || r.header.Get("X-Webhook-Signature") != "" {
		t.Fatalf("Stripe-Signature %q does not verify (or the old header is still sent)", r.header.Get("Stripe-Signature"))
	}

	// Leaving "hmac" drops the scheme.
	var back map[string]any
	h.must(http.StatusOK, "PATCH", "/v1/tenants/acme/endpoints/"+id, map[string]any{"signature": "standard"}, &back)
	if back["signature_scheme"] != nil {
		t.Fatalf("after signature standard: %v", back)
	}

	// A job's callback takes the same setting: the leapocr-sdk preset on a
	// callback, verified with the secret its create answer shows.
	cb := newReceiver(t, nil)
	var job map[string]any
	h.must(http.StatusCreated, "POST", "/v1/tenants/acme/jobs", map[string]any{"id": "job-3", "type": "ocr", "callback_url": cb.url,
		"callback": map[string]any{"preset": "leapocr-sdk"}}, &job)
	h.must(http.StatusOK, "POST", "/v1/tenants/acme/jobs/job-3/status", map[string]any{"status": "failed", "error": "unreadable"}, nil)
	r = cb.next()
	if cbSecret, _ := job["callback_secret"].(string); !leapocrSDKVerifies(r.body, r.header.Get("X-Webhook-Signature"), r.header.Get("X-Webhook-Timestamp"), cbSecret) {
		t.Fatalf("the callback does not verify with callback_secret %q", cbSecret)
	}

	for _, c := range []struct {
		body map[string]any
		want string
	}{
		{map[string]any{"url": rc.url, "signature": "hmac"}, "signature_scheme"},
		{map[string]any{"url": rc.url, "signature_scheme": stripe}, `"signature": "hmac"`},
		{map[string]any{"url": rc.url, "signature": "hmac", "signature_scheme": map[string]any{"algorithm": "md5", "encoding": "hex",
			"signed": "{body}", "header": "X-Sig", "value": "{signature}", "key": "utf8"}}, `algorithm must be "sha256" or "sha512"`},
		{map[string]any{"url": rc.url, "signature": "hmac", "signature_scheme": map[string]any{"algorithm": "sha256", "encoding": "hex",
			"signed": "{timestamp}", "header": "X-Sig", "value": "{signature}", "key": "utf8"}}, "{body} exactly once"},
		{map[string]any{"url": rc.url, "signature": "hmac", "signature_scheme": map[string]any{"algo": "sha256"}}, "signature_scheme is not valid"},
		{map[string]any{"url": rc.url, "signature": "hmac", "signature_scheme": "sha256"}, "signature_scheme is not valid"},
	} {
		var bad errorAnswer
		if code := h.call("POST", "/v1/tenants/acme/endpoints", adminKey, c.body, &bad); code != http.StatusBadRequest || !strings.Contains(bad.Error.Message, c.want) {
			t.Errorf("%v: %d %q, want 400 with %q", c.body, code, bad.Error.Message, c.want)
		}
	}
}
