package sigscheme_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/heraldhq/herald/header"
	"github.com/heraldhq/herald/sigscheme"
)

func hmacOf(newHash func() hash.Hash, key, msg []byte) []byte {
	m := hmac.New(newHash, key)
	m.Write(msg)
	return m.Sum(nil)
}

// Each provider's scheme as data, signed by Sign, checked by a receiver
// written from that provider's public description (not from this
// package), and by Verify; a tampered body fails both.
func TestProviderSchemes(t *testing.T) {
	const secret = "shh-its-a-secret"
	whsec := "whsec_" + base64.StdEncoding.EncodeToString([]byte("a-key-of-twenty-four-bytes-at-least"))
	body := []byte(`{"event":"job.completed","id":"j1"}`)
	ts := time.Unix(1773915704, 0)
	for _, c := range []struct {
		name    string
		scheme  sigscheme.Scheme
		secret  string
		receive func(h http.Header, body []byte) bool // the provider's recipe
	}{
		{"GitHub: sha256=<hex> of the body", sigscheme.Scheme{Algorithm: "sha256", Encoding: "hex", Signed: "{body}",
			Header: "X-Hub-Signature-256", Value: "sha256={signature}", Key: "utf8"}, secret,
			func(h http.Header, body []byte) bool {
				want := "sha256=" + hex.EncodeToString(hmacOf(sha256.New, []byte(secret), body))
				return hmac.Equal([]byte(h.Get("X-Hub-Signature-256")), []byte(want))
			}},
		{"Stripe: t=<ts>,v1=<hex> of <ts>.<body>", sigscheme.Scheme{Algorithm: "sha256", Encoding: "hex", Signed: "{timestamp}.{body}",
			Header: "Stripe-Signature", Value: "t={timestamp},v1={signature}", Key: "utf8"}, secret,
			func(h http.Header, body []byte) bool {
				var t, v1 string
				for _, part := range strings.Split(h.Get("Stripe-Signature"), ",") {
					k, v, _ := strings.Cut(part, "=")
					switch k {
					case "t":
						t = v
					case "v1":
						v1 = v
					}
				}
				want := hex.EncodeToString(hmacOf(sha256.New, []byte(secret), []byte(t+"."+string(body))))
				return t != "" && hmac.Equal([]byte(v1), []byte(want))
			}},
		{"Shopify: base64 of the body's HMAC", sigscheme.Scheme{Algorithm: "sha256", Encoding: "base64", Signed: "{body}",
			Header: "X-Shopify-Hmac-Sha256", Value: "{signature}", Key: "utf8"}, secret,
			func(h http.Header, body []byte) bool {
				want := base64.StdEncoding.EncodeToString(hmacOf(sha256.New, []byte(secret), body))
				return hmac.Equal([]byte(h.Get("X-Shopify-Hmac-Sha256")), []byte(want))
			}},
		{"Slack: v0=<hex> of v0:<ts>:<body>", sigscheme.Scheme{Algorithm: "sha256", Encoding: "hex", Signed: "v0:{timestamp}:{body}",
			Header: "X-Slack-Signature", Value: "v0={signature}", TimestampHeader: "X-Slack-Request-Timestamp", Key: "utf8"}, secret,
			func(h http.Header, body []byte) bool {
				base := "v0:" + h.Get("X-Slack-Request-Timestamp") + ":" + string(body)
				want := "v0=" + hex.EncodeToString(hmacOf(sha256.New, []byte(secret), []byte(base)))
				return hmac.Equal([]byte(h.Get("X-Slack-Signature")), []byte(want))
			}},
		{"LeapOCR SDK: hex of <ts>.<body>, in two headers", sigscheme.Scheme{Algorithm: "sha256", Encoding: "hex", Signed: "{timestamp}.{body}",
			Header: "X-Webhook-Signature", Value: "{signature}", TimestampHeader: "X-Webhook-Timestamp", Key: "utf8"}, secret,
			func(h http.Header, body []byte) bool {
				// verifyWebhookSignature(payload, signature, timestamp, secret)
				payload, signature, timestamp := string(body), h.Get("X-Webhook-Signature"), h.Get("X-Webhook-Timestamp")
				want := hex.EncodeToString(hmacOf(sha256.New, []byte(secret), []byte(timestamp+"."+payload)))
				return hmac.Equal([]byte(signature), []byte(want))
			}},
		{"SHA-512 hex of the body", sigscheme.Scheme{Algorithm: "sha512", Encoding: "hex", Signed: "{body}",
			Header: "X-Signature", Value: "{signature}", Key: "utf8"}, secret,
			func(h http.Header, body []byte) bool {
				return hmac.Equal([]byte(h.Get("X-Signature")), []byte(hex.EncodeToString(hmacOf(sha512.New, []byte(secret), body))))
			}},
		{"Standard Webhooks, as data, checked by the official library", sigscheme.Scheme{Algorithm: "sha256", Encoding: "base64",
			Signed: "{id}.{timestamp}.{body}", Header: "webhook-signature", Value: "v1,{signature}", TimestampHeader: "webhook-timestamp",
			Key: "whsec"}, whsec,
			func(h http.Header, body []byte) bool {
				wh, err := standardwebhooks.NewWebhook(whsec)
				if err != nil {
					t.Fatal(err)
				}
				// The library refuses old timestamps: verify as of the
				// message's time.
				return wh.VerifyIgnoringTimestamp(body, h) == nil
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.scheme.Validate()
			switch {
			case header.Reserved(c.scheme.Header):
				// Herald writes Standard Webhooks' headers itself (signature
				// "standard"): the scheme language describes them, but no
				// endpoint's scheme may be saved with them.
				if err == nil {
					t.Fatal("a scheme that writes a header Herald sets validated")
				}
			case err != nil:
				t.Fatal(err)
			}
			signed, err := c.scheme.Sign(c.secret, "msg_1", ts, body)
			if err != nil {
				t.Fatal(err)
			}
			h := http.Header{}
			h.Set("webhook-id", "msg_1")
			for k, v := range signed {
				h.Set(k, v)
			}
			if !c.receive(h, body) {
				t.Fatalf("the provider's recipe refuses %v", signed)
			}
			if err := c.scheme.Verify(c.secret, h, body); err != nil {
				t.Fatalf("Verify: %v (%v)", err, signed)
			}
			tampered := append([]byte{}, body...)
			tampered[len(tampered)-2] = 'X'
			if c.receive(h, tampered) || c.scheme.Verify(c.secret, h, tampered) == nil {
				t.Fatal("a tampered body passed")
			}
			if c.scheme.Verify(c.secret+"x", h, body) == nil {
				t.Fatal("another secret passed")
			}
			// The same inputs give the same headers.
			again, _ := c.scheme.Sign(c.secret, "msg_1", ts, body)
			for k, v := range signed {
				if again[k] != v {
					t.Fatalf("Sign is not deterministic: %s %q then %q", k, v, again[k])
				}
			}
			if ts := strconv.FormatInt(ts.Unix(), 10); c.scheme.TimestampHeader != "" && signed[c.scheme.TimestampHeader] != ts {
				t.Fatalf("timestamp header %q, want %s", signed[c.scheme.TimestampHeader], ts)
			}
		})
	}
}

// Validate says what to fix, field by field.
func TestValidate(t *testing.T) {
	good := sigscheme.Scheme{Algorithm: "sha256", Encoding: "hex", Signed: "{timestamp}.{body}", Header: "X-Webhook-Signature",
		Value: "{signature}", TimestampHeader: "X-Webhook-Timestamp", Key: "utf8"}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		change func(*sigscheme.Scheme)
		want   string
	}{
		{func(s *sigscheme.Scheme) { s.Algorithm = "md5" }, `algorithm must be "sha256" or "sha512"`},
		{func(s *sigscheme.Scheme) { s.Encoding = "base32" }, `encoding must be "hex" or "base64"`},
		{func(s *sigscheme.Scheme) { s.Signed = "{timestamp}" }, "signed must hold {body} exactly once"},
		{func(s *sigscheme.Scheme) { s.Signed = "{body}{body}" }, "signed must hold {body} exactly once"},
		{func(s *sigscheme.Scheme) { s.Signed = "{nonce}.{body}" }, "signed may hold only {id}, {timestamp} and {body}"},
		{func(s *sigscheme.Scheme) { s.Value = "sha256=" }, "value must hold {signature} exactly once"},
		{func(s *sigscheme.Scheme) { s.Value = "{signature}\r\nX-Evil: 1" }, "no line breaks"},
		{func(s *sigscheme.Scheme) { s.Value = "{signature}" + strings.Repeat("x", 30000) }, "value must be at most 1024 characters"},
		{func(s *sigscheme.Scheme) { s.Header = "" }, "header: \"\" is not a valid HTTP header name"},
		{func(s *sigscheme.Scheme) { s.Header = "X Sig" }, "header: \"X Sig\" is not a valid HTTP header name"},
		{func(s *sigscheme.Scheme) { s.Header = strings.Repeat("X", 30000) }, "is not a valid HTTP header name"},
		// The names static headers may not take, neither may a scheme
		// (issue 25): one rule, package header.
		{func(s *sigscheme.Scheme) { s.Header = "Proxy-Authorization" }, "header: header \"Proxy-Authorization\" is set by Herald"},
		{func(s *sigscheme.Scheme) { s.Header = "webhook-signature" }, "is set by Herald"},
		{func(s *sigscheme.Scheme) { s.TimestampHeader = "Transfer-Encoding" }, "timestamp_header: header \"Transfer-Encoding\" is set by Herald"},
		{func(s *sigscheme.Scheme) { s.TimestampHeader = "webhook-timestamp" }, "is set by Herald"},
		{func(s *sigscheme.Scheme) { s.TimestampHeader = "x-webhook-signature" }, "timestamp_header must differ from header"},
		{func(s *sigscheme.Scheme) { s.Key = "base64" }, `key must be "utf8"`},
	} {
		s := good
		c.change(&s)
		err := s.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: Validate = %v, want %q", s, err, c.want)
		}
	}
}
