package wire

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

func TestMask(t *testing.T) {
	in := map[string]string{
		"Authorization":       "Bearer sk_live_123456",
		"authorization-basic": "x", // holds "authorization": masked whole
		"X-Api-Key":           "k-123",
		"X-Auth-Token":        "t-123",
		"Cookie":              "sid=1",
		"X-Client-Secret":     "s",
		"webhook-signature":   "v1,abc=",
		"X-Webhook-Signature": "deadbeef",
		"webhook-id":          "evt_1",
		"Content-Type":        "application/json",
		"X-Team":              "ml",
		"X-Access-Key":        "ak",
	}
	want := map[string]string{
		"Authorization":       "Bearer ••••••",
		"authorization-basic": "••••••",
		"X-Api-Key":           "••••••",
		"X-Auth-Token":        "••••••",
		"Cookie":              "••••••",
		"X-Client-Secret":     "••••••",
		"webhook-signature":   "v1,abc=",
		"X-Webhook-Signature": "deadbeef",
		"webhook-id":          "evt_1",
		"Content-Type":        "application/json",
		"X-Team":              "••••••", // an unknown name: masked
		"X-Access-Key":        "••••••",
	}
	got := Mask(in)
	for k, v := range want {
		if got[k] != v {
			t.Errorf("Mask: %s = %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) || in["Authorization"] != "Bearer sk_live_123456" {
		t.Fatalf("Mask changed its input or the set of headers: %v", got)
	}
	if m := Mask(map[string]string{"Authorization": "opaque"}); m["Authorization"] != "••••••" {
		t.Errorf("an Authorization without a scheme: %q", m["Authorization"])
	}
	sum := sha256.Sum256([]byte(`{"a":1}`))
	if s := Sent("https://h/x", in, nil, []byte(`{"a":1}`)); s.URL != "https://h/x" || s.BodySHA256 != hex.EncodeToString(sum[:]) || s.Headers["X-Api-Key"] != "••••••" {
		t.Errorf("Sent = %+v", s)
	}
}
