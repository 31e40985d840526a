// Package sigscheme describes an HMAC signature scheme as data, so that an
// endpoint can sign the way its receiver's provider does without a new
// scheme in code: which hash, which encoding, what is signed, which headers
// carry the signature and the timestamp, and how the secret's bytes are
// taken. The many providers' schemes (GitHub's "sha256=<hex>", Stripe's
// "t=<ts>,v1=<hex>", Shopify's base64, Slack's "v0=" over "v0:<ts>:<body>",
// LeapOCR's SDK over "<ts>.<body>") are values of one Scheme.
//
// Sign is a pure function of the scheme, the secret, the message's id and
// time, and the body: the same inputs give the same headers.
package sigscheme

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/heraldhq/herald/header"
)

// Scheme is one HMAC signature scheme.
type Scheme struct {
	// Algorithm is the HMAC's hash: "sha256" or "sha512".
	Algorithm string `json:"algorithm"`
	// Encoding writes the MAC: "hex" (lowercase) or "base64".
	Encoding string `json:"encoding"`
	// Signed is what is signed, with {id}, {timestamp} (Unix seconds) and
	// {body} (the raw body, exactly once) in it: "{body}",
	// "{timestamp}.{body}", "{id}.{timestamp}.{body}", "v0:{timestamp}:{body}".
	Signed string `json:"signed"`
	// Header carries the signature.
	Header string `json:"header"`
	// Value is the header's value, with {signature} in it, and {timestamp}
	// if wanted: "{signature}", "sha256={signature}",
	// "t={timestamp},v1={signature}".
	Value string `json:"value"`
	// TimestampHeader, when set, carries the timestamp (Unix seconds) too.
	TimestampHeader string `json:"timestamp_header,omitempty"`
	// Key says how the secret becomes the HMAC key: "utf8" (the secret
	// string's bytes, exactly as shown) or "whsec" (the base64 after
	// "whsec_", as Standard Webhooks does).
	Key string `json:"key"`
}

// HexOfBody is the scheme Herald calls "hmac-sha256-hex" (LeapOCR's
// X-R2-Signature): the lowercase hex HMAC-SHA256 of the raw body, keyed by
// the secret string's bytes, alone in header.
func HexOfBody(header string) Scheme {
	return Scheme{Algorithm: "sha256", Encoding: "hex", Signed: "{body}", Header: header, Value: "{signature}", Key: "utf8"}
}

// Validate says what to fix in s, in terms of its JSON fields.
func (s Scheme) Validate() error {
	var errs []string
	if s.Algorithm != "sha256" && s.Algorithm != "sha512" {
		errs = append(errs, fmt.Sprintf(`algorithm must be "sha256" or "sha512", not %q`, s.Algorithm))
	}
	if s.Encoding != "hex" && s.Encoding != "base64" {
		errs = append(errs, fmt.Sprintf(`encoding must be "hex" or "base64", not %q`, s.Encoding))
	}
	if strings.Count(s.Signed, "{body}") != 1 {
		errs = append(errs, `signed must hold {body} exactly once, as in "{timestamp}.{body}"`)
	} else if rest := strings.NewReplacer("{id}", "", "{timestamp}", "", "{body}", "").Replace(s.Signed); strings.ContainsAny(rest, "{}") {
		errs = append(errs, "signed may hold only {id}, {timestamp} and {body}")
	}
	if len(s.Value) > header.MaxValueLen {
		errs = append(errs, fmt.Sprintf("value must be at most %d characters, as any header's", header.MaxValueLen))
	} else if strings.Count(s.Value, "{signature}") != 1 {
		errs = append(errs, `value must hold {signature} exactly once, as in "sha256={signature}"`)
	} else if rest := strings.NewReplacer("{signature}", "", "{timestamp}", "").Replace(s.Value); strings.ContainsAny(rest, "{}\r\n") {
		errs = append(errs, "value may hold only {signature} and {timestamp}, and no line breaks")
	}
	// The one rule of header names (package header): a scheme may not
	// write a header Herald sets or the connection's.
	if err := header.CheckName("header", s.Header); err != nil {
		errs = append(errs, err.Error())
	}
	if s.TimestampHeader != "" {
		if err := header.CheckName("timestamp_header", s.TimestampHeader); err != nil {
			errs = append(errs, err.Error())
		}
	}
	if s.TimestampHeader != "" && strings.EqualFold(s.TimestampHeader, s.Header) {
		errs = append(errs, "timestamp_header must differ from header")
	}
	if s.Key != "utf8" && s.Key != "whsec" {
		errs = append(errs, fmt.Sprintf(`key must be "utf8" (the secret's bytes) or "whsec" (the base64 after whsec_), not %q`, s.Key))
	}
	if len(errs) > 0 {
		return errors.New("signature_scheme: " + strings.Join(errs, "; "))
	}
	return nil
}

// Sign returns the headers that carry the signature of one message.
func (s Scheme) Sign(secret, id string, ts time.Time, body []byte) (map[string]string, error) {
	mac, err := s.mac(secret, id, ts, body)
	if err != nil {
		return nil, err
	}
	unix := strconv.FormatInt(ts.Unix(), 10)
	h := map[string]string{
		s.Header: strings.NewReplacer("{signature}", s.encode(mac), "{timestamp}", unix).Replace(s.Value),
	}
	if s.TimestampHeader != "" {
		h[s.TimestampHeader] = unix
	}
	return h, nil
}

// Errors Verify returns.
var (
	ErrMissing = errors.New("sigscheme: the signature or timestamp header is missing or not in the scheme's form")
	ErrNoMatch = errors.New("sigscheme: the signature does not match; check the secret and the scheme")
)

// Verify checks a received request the way the scheme's receivers do:
// the timestamp read from its header or from the signature header's
// value, the MAC recomputed over the raw body and compared in constant
// time. The message id, when signed, is the webhook-id header.
func (s Scheme) Verify(secret string, h http.Header, body []byte) error {
	re := s.valuePattern()
	m := re.FindStringSubmatch(h.Get(s.Header))
	if m == nil {
		return ErrMissing
	}
	sig, ts := m[re.SubexpIndex("sig")], ""
	if i := re.SubexpIndex("ts"); i > 0 {
		ts = m[i]
	}
	if s.TimestampHeader != "" {
		ts = h.Get(s.TimestampHeader)
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil && strings.Contains(s.Signed, "{timestamp}") {
		return ErrMissing
	}
	mac, err := s.mac(secret, h.Get("webhook-id"), time.Unix(sec, 0), body)
	if err != nil {
		return err
	}
	if !hmac.Equal([]byte(sig), []byte(s.encode(mac))) {
		return ErrNoMatch
	}
	return nil
}

// valuePattern matches the signature header's value: the signature in
// group "sig", the timestamp (when the value holds one) in group "ts".
func (s Scheme) valuePattern() *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	rest := s.Value
	ts := false
	for rest != "" {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			b.WriteString(regexp.QuoteMeta(rest))
			break
		}
		b.WriteString(regexp.QuoteMeta(rest[:i]))
		switch {
		case strings.HasPrefix(rest[i:], "{signature}"):
			b.WriteString(`(?P<sig>[A-Za-z0-9+/=]+)`)
			rest = rest[i+len("{signature}"):]
		case strings.HasPrefix(rest[i:], "{timestamp}") && !ts:
			b.WriteString(`(?P<ts>[0-9]+)`)
			ts = true
			rest = rest[i+len("{timestamp}"):]
		default:
			b.WriteString(regexp.QuoteMeta(rest[i : i+1]))
			rest = rest[i+1:]
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

func (s Scheme) mac(secret, id string, ts time.Time, body []byte) ([]byte, error) {
	key := []byte(secret)
	if s.Key == "whsec" {
		var err error
		if key, err = base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_")); err != nil {
			return nil, errors.New(`sigscheme: key "whsec" needs a secret "whsec_" and base64`)
		}
	}
	newHash := sha256.New
	if s.Algorithm == "sha512" {
		newHash = sha512.New
	}
	m := hmac.New(newHash, key)
	pre, post, _ := strings.Cut(s.Signed, "{body}")
	fill := strings.NewReplacer("{id}", id, "{timestamp}", strconv.FormatInt(ts.Unix(), 10))
	m.Write([]byte(fill.Replace(pre)))
	m.Write(body)
	m.Write([]byte(fill.Replace(post)))
	return m.Sum(nil), nil
}

func (s Scheme) encode(mac []byte) string {
	if s.Encoding == "base64" {
		return base64.StdEncoding.EncodeToString(mac)
	}
	return hex.EncodeToString(mac)
}
