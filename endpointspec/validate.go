package endpointspec

import (
	"fmt"
	"slices"
	"strings"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/header"
	"github.com/heraldhq/herald/signing"
)

// Limits on what an endpoint's settings may hold.
const (
	MaxNameLen           = 128 // event types, channels, envelope objects, API versions
	MaxChannels          = 10
	MaxEventTypes        = 100
	MaxDescription       = 1024
	MaxDisableAfterFails = 1000
)

// The values the enumerated settings take. A setting left "" takes the
// default (WithDefaults), which is listed first.
var (
	Formats    = []string{herald.FormatStandard, herald.FormatFlat, herald.FormatEnvelope, herald.FormatResource}
	Signatures = []string{herald.SignatureStandard, herald.SignatureEd25519, herald.SignatureHexHeader, herald.SignatureHMAC, herald.SignatureNone}
	Orderings  = []string{OrderingNone, OrderingFIFO}
)

// Validate reports the first thing wrong with s, as an invalid-request
// error that names the field and says how to fix it, or nil. It is pure:
// whether the URL may be reached (the egress policy resolves it) and the
// tenant's own limits are the API's to check.
func (s Settings) Validate() error {
	for _, check := range []func(Settings) error{checkRouting, checkDelivery, checkWire, checkSignature} {
		if err := check(s); err != nil {
			return err
		}
	}
	return nil
}

// checkRouting: where the endpoint is and what it receives.
func checkRouting(s Settings) error {
	if s.URL == "" {
		return missing("url", `{"url": "https://example.com/webhooks"}`)
	}
	if len(s.Description) > MaxDescription {
		return invalidf("description must be at most %d characters", MaxDescription)
	}
	if err := CheckNames("event_types", s.EventTypes, MaxEventTypes); err != nil {
		return err
	}
	return CheckNames("channels", s.Channels, MaxChannels)
}

// checkDelivery: how deliveries are retried, paced and ordered.
func checkDelivery(s Settings) error {
	if s.RetryPolicy != nil {
		if err := s.RetryPolicy.Validate(); err != nil {
			return invalidf("retry_policy is not valid: %v", err)
		}
	}
	if n := s.DisableAfterFailures; n < 0 || n > MaxDisableAfterFails {
		return invalidf("disable_after_failures must be from 0 (never) to %d, not %d", MaxDisableAfterFails, n)
	}
	if s.RateLimit != nil {
		if err := s.RateLimit.Check(); err != nil {
			return invalidf("rate_limit: %v", err)
		}
	}
	if s.Ordering != "" && !slices.Contains(Orderings, s.Ordering) {
		return invalidf("ordering must be %q (one delivery at a time, in the order events were accepted) or %q, not %q", OrderingFIFO, OrderingNone, s.Ordering)
	}
	return nil
}

// checkWire: what the requests look like.
func checkWire(s Settings) error {
	if err := header.Check("headers", s.Headers); err != nil {
		return invalidf("%v", err)
	}
	if s.Format != "" && !slices.Contains(Formats, s.Format) {
		return invalidf("format must be %s, not %q", oneOf(Formats), s.Format)
	}
	for _, f := range []struct{ field, v string }{{"envelope_object", s.EnvelopeObject}, {"api_version", s.APIVersion}} {
		if f.v != "" {
			if err := CheckName(f.field, f.v); err != nil {
				return err
			}
		}
	}
	if p := s.PathSuffix; len(p) > MaxNameLen || strings.Contains(p, "..") || strings.ContainsFunc(p, func(c rune) bool {
		return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("/-._~", c))
	}) {
		return invalidf("path_suffix %q must be a plain path such as \"/callback\": letters, digits and / - . _ ~, no \"..\"", p)
	}
	for _, f := range []struct{ field, v string }{{"user_agent", s.UserAgent}, {"bearer_token", s.BearerToken}} {
		if len(f.v) > header.MaxValueLen || strings.ContainsAny(f.v, "\r\n\x00") {
			return invalidf("%s must be at most %d characters with no line breaks", f.field, header.MaxValueLen)
		}
	}
	return nil
}

// checkSignature: how requests are signed, and that the settings of a
// scheme go with it.
func checkSignature(s Settings) error {
	if s.Signature != "" && !slices.Contains(Signatures, s.Signature) {
		return invalidf("signature must be %s, not %q", oneOf(Signatures), s.Signature)
	}
	if s.Signature == herald.SignatureHexHeader && s.SignatureHeader == "" {
		return missing("signature_header", `{"signature": "hmac-sha256-hex", "signature_header": "X-R2-Signature"}`)
	}
	if s.SignatureHeader != "" {
		if err := header.CheckName("signature_header", s.SignatureHeader); err != nil {
			return invalidf("%v", err)
		}
	}
	if s.SignatureScheme != nil {
		if err := s.SignatureScheme.Validate(); err != nil {
			return invalidf("%v", err)
		}
	}
	switch {
	case s.Signature == herald.SignatureHMAC && s.SignatureScheme == nil:
		return missing("signature_scheme", `{"signature": "hmac", "signature_scheme": {"algorithm": "sha256", "encoding": "hex", `+
			`"signed": "{timestamp}.{body}", "header": "X-Webhook-Signature", "value": "{signature}", "timestamp_header": "X-Webhook-Timestamp", "key": "utf8"}}`)
	case s.Signature != herald.SignatureHMAC && s.SignatureScheme != nil:
		return invalidf("signature_scheme describes signature %q; give it with \"signature\": %q", herald.SignatureHMAC, herald.SignatureHMAC)
	}
	return nil
}

// ValidateChange reports what is wrong with changing an endpoint's
// settings from cur to next beyond what Validate sees: a secret and a key
// pair are not interchangeable, so the signature may change within its
// kind only.
func ValidateChange(cur, next Settings) error {
	if (cur.Signature == herald.SignatureEd25519) != (next.Signature == herald.SignatureEd25519) {
		return invalidf("signature cannot change between %q (a key pair) and the secret schemes; make a new endpoint for it", herald.SignatureEd25519)
	}
	return nil
}

// CheckSecret checks a secret brought for an endpoint: a "whsec_" secret,
// or for an Ed25519 endpoint (ed) a "whsk_" signing key.
func CheckSecret(secret string, ed bool) error {
	if ed {
		if _, err := signing.DecodeSigningKey(secret); err != nil {
			return invalidf("secret of an ed25519 endpoint must be a signing key, \"whsk_\" followed by the base64 of a 32-byte Ed25519 seed; omit it to have one made")
		}
		return nil
	}
	if _, err := signing.DecodeSecret(secret); err != nil {
		return invalidf("secret must be \"whsec_\" followed by 24 to 64 bytes in base64; omit it to have one made")
	}
	return nil
}

// ValidName reports whether s may be an event type, a channel or an id:
// letters, digits and . _ : - only, so that it is safe in URLs and logs.
func ValidName(s string) bool {
	if s == "" || len(s) > MaxNameLen {
		return false
	}
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '_', c == ':', c == '-':
		default:
			return false
		}
	}
	return true
}

// CheckName checks a name with the one rule of ValidName.
func CheckName(field, s string) error {
	if !ValidName(s) {
		return invalidf("%s %q is not valid: use 1 to %d letters, digits, '.', '_', ':' or '-'", field, s, MaxNameLen)
	}
	return nil
}

// CheckNames checks a list of at most limit distinct names.
func CheckNames(field string, list []string, limit int) error {
	if len(list) > limit {
		return invalidf("%s may list at most %d entries, not %d", field, limit, len(list))
	}
	seen := make(map[string]bool, len(list))
	for _, s := range list {
		if err := CheckName(field+" entry", s); err != nil {
			return err
		}
		if seen[s] {
			return invalidf("%s lists %q twice", field, s)
		}
		seen[s] = true
	}
	return nil
}

// oneOf words a list of values as `"a", "b" or "c"`.
func oneOf(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

func invalidf(format string, args ...any) error {
	return herald.Errorf(herald.EINVALID, format, args...)
}

func missing(field, example string) error {
	return herald.Errorf(herald.EINVALID, "field %q is required, for example %s", field, example)
}
