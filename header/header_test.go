package header

import (
	"strings"
	"testing"
)

func TestCheckName(t *testing.T) {
	for name, ok := range map[string]bool{
		"X-Team": true, "Authorization": true, "X-Hub-Signature-256": true, "x_custom": true, "Stripe-Signature": true,
		strings.Repeat("a", MaxNameLen):   true,
		"":                                false,
		strings.Repeat("a", MaxNameLen+1): false,
		strings.Repeat("X", 30000):        false,
		"X Team":                          false, "X:Team": false, "X\nTeam": false, "Ünicode": false, "X-(a)": false,
		// Reserved in every case, through every field.
		"Proxy-Authorization": false, "proxy-authorization": false, "Transfer-Encoding": false,
		"webhook-signature": false, "WEBHOOK-TIMESTAMP": false, "Webhook-Id": false, "content-length": false,
		"Host": false, "User-Agent": false, "Connection": false, "TE": false, "Upgrade": false,
	} {
		if err := CheckName("headers", name); (err == nil) != ok {
			t.Errorf("CheckName(%.50q) = %v, want ok %v", name, err, ok)
		}
	}
	if err := CheckName("f", strings.Repeat("X", 30000)); err == nil || len(err.Error()) > 200 {
		t.Errorf("a 30 KB name's error is echoed whole: %d bytes", len(err.Error()))
	}
}

func TestCheck(t *testing.T) {
	many := map[string]string{}
	for i := range MaxCount + 1 {
		many["X-H"+strings.Repeat("a", i)] = "v"
	}
	for _, c := range []struct {
		name string
		h    map[string]string
		ok   bool
	}{
		{"none", nil, true},
		{"plain", map[string]string{"Authorization": "Bearer x", "X-Team": "ml"}, true},
		{"a value at the limit", map[string]string{"X": strings.Repeat("v", MaxValueLen)}, true},
		{"a value past it", map[string]string{"X": strings.Repeat("v", MaxValueLen+1)}, false},
		{"a line break", map[string]string{"X": "a\r\nEvil: 1"}, false},
		{"a NUL", map[string]string{"X": "a\x00"}, false},
		{"too many", many, false},
		{"one name twice", map[string]string{"X-Team": "a", "x-team": "b"}, false},
		{"reserved", map[string]string{"Transfer-Encoding": "chunked"}, false},
	} {
		if err := Check("headers", c.h); (err == nil) != c.ok {
			t.Errorf("%s: Check = %v, want ok %v", c.name, err, c.ok)
		}
	}
}

// Shown is an allow-list: the credential names issue 25 found shown
// (and any name nobody thought of) are masked; what signs and describes a
// request is shown.
func TestShown(t *testing.T) {
	for name, want := range map[string]bool{
		"webhook-signature": true, "webhook-id": true, "webhook-timestamp": true, "Content-Type": true, "content-length": true,
		"User-Agent": true, "X-Hub-Signature-256": true, "Stripe-Signature": true, "X-Shopify-Hmac-Sha256": true,
		"X-Slack-Request-Timestamp": true, "X-Webhook-Signature": true, "traceparent": true, "X-Request-Id": true,
		"X-GitHub-Event": true, "X-Api-Version": true,
		"Authorization": false, "X-Access-Key": false, "Private-Key": false, "X-Signing-Key": false, "Key": false,
		"X-Auth": false, "Authentication": false, "X-Pass": false, "X-Pwd": false, "Bearer": false, "X-Passphrase": false,
		"X-Api-Key": false, "Cookie": false, "X-Session-Id": false, "X-Signature-Secret": false, "X-Team": false,
		"X-Whatever-Nobody-Thought-Of": false, "Proxy-Authorization": false,
	} {
		if got := Shown(name); got != want {
			t.Errorf("Shown(%q) = %v, want %v", name, got, want)
		}
	}
}
