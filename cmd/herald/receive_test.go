package main

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"
)

// herald receive checks every scheme Herald sends, and says which check it
// ran: each endpoint below, of one scheme, delivers a real event from a
// running Herald to a receive of its own.
func TestReceiveVerifiesEveryScheme(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	p := start(t, t.TempDir())
	p.mustPost(t, "/v1/tenants", map[string]any{"id": "acme", "name": "Acme"})
	for _, c := range []struct {
		name     string
		endpoint map[string]any
		secret   func(made map[string]any) string // the --secret to give
		header   string
		scheme   string
		bearer   string
		want     []string
	}{
		{"standard", map[string]any{}, func(m map[string]any) string { return m["secret"].(string) }, "", "", "",
			[]string{"Standard Webhooks v1: verified"}},
		{"ed25519", map[string]any{"signature": "ed25519"}, func(m map[string]any) string { return m["public_key"].(string) }, "", "", "",
			[]string{"Standard Webhooks v1a: verified"}},
		{"hex header", map[string]any{"signature": "hmac-sha256-hex", "signature_header": "X-R2-Signature"},
			func(m map[string]any) string { return m["secret"].(string) }, "X-R2-Signature", "", "",
			[]string{"hmac-sha256-hex in X-R2-Signature: verified"}},
		{"bearer", map[string]any{"signature": "none", "bearer_token": "abcd"}, func(map[string]any) string { return "" }, "", "", "abcd",
			[]string{"bearer token: verified"}},
		{"leapocr-sdk scheme", map[string]any{"preset": "leapocr-sdk"}, func(m map[string]any) string { return m["secret"].(string) }, "",
			`{"algorithm": "sha256", "encoding": "hex", "signed": "{timestamp}.{body}", "header": "X-Webhook-Signature", "value": "{signature}", "timestamp_header": "X-Webhook-Timestamp", "key": "utf8"}`,
			"", []string{"hmac (sha256, hex) in X-Webhook-Signature: verified"}},
		{"wrong secret", map[string]any{}, func(map[string]any) string { return "whsec_" + strings.Repeat("A", 43) + "=" }, "", "", "",
			[]string{"Standard Webhooks v1: INVALID"}},
		{"wrong token", map[string]any{"signature": "none", "bearer_token": "abcd"}, func(map[string]any) string { return "" }, "", "", "wxyz",
			[]string{"bearer token: INVALID"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			// The endpoint is made first, against an address nothing is
			// sent to, to learn its secret; then it points at the receiver.
			body := map[string]any{"url": "http://127.0.0.1:9/placeholder"}
			for k, v := range c.endpoint {
				body[k] = v
			}
			var made map[string]any
			p.apiJSON(t, "POST", "/v1/tenants/acme/endpoints", body, &made)
			checks, err := receiveChecks(c.secret(made), c.header, c.scheme, c.bearer)
			if err != nil {
				t.Fatal(err)
			}
			out := &syncBuffer{}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- receive(ctx, "127.0.0.1:0", checks, 200, out) }()
			defer func() { cancel(); <-done }()
			addr := waitFor(t, out, regexp.MustCompile(`receiving webhooks on http://(\S+)/`))
			// Moved to another origin, a stored bearer token is given
			// again (it does not follow a URL on its own).
			move := map[string]any{"url": "http://" + addr + "/hook"}
			if tok, ok := c.endpoint["bearer_token"]; ok {
				move["bearer_token"] = tok
			}
			p.apiJSON(t, "PATCH", "/v1/tenants/acme/endpoints/"+made["id"].(string), move, nil)
			p.mustPost(t, "/v1/tenants/acme/events", map[string]any{"type": "job.completed", "data": map[string]any{"n": 1}})
			for _, w := range c.want {
				waitFor(t, out, regexp.MustCompile(regexp.QuoteMeta(w)))
			}
		})
	}
}

// waitFor polls out until re matches, and returns its first group.
func waitFor(t *testing.T, out *syncBuffer, re *regexp.Regexp) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			if len(m) > 1 {
				return m[1]
			}
			return m[0]
		}
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %q in:\n%s", re, out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}
