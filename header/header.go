// Package header holds Herald's rules for the HTTP headers a setting
// writes into attempts (an endpoint's or a job callback's static headers,
// signature_header, a signature scheme's header and timestamp_header):
// which names are valid and free to set, how long names and values may be
// and how many there may be, and which values an attempt's log may show.
// One rule for every place a header is set, so that no field takes a
// name another refuses. Everything here is pure.
package header

import (
	"fmt"
	"net/textproto"
	"strings"
)

// Masked stands for a value not shown: a static header's in every
// answer, a credential's in an attempt's log.
const Masked = "••••••"

// Bounds of what a setting may write: a header is stored with the
// endpoint and shown with every attempt's request, so its size is paid
// many times over.
const (
	MaxNameLen  = 128
	MaxValueLen = 1024
	MaxCount    = 20
)

// reserved are the headers Herald sets on every attempt (its own
// signature and message id, the body's framing) or that belong to the
// connection or a proxy: a setting that wrote them would break
// signatures or framing, or smuggle a second request.
var reserved = map[string]bool{
	"Content-Type": true, "Content-Length": true, "Host": true, "User-Agent": true,
	"Webhook-Id": true, "Webhook-Timestamp": true, "Webhook-Signature": true,
	"Connection": true, "Transfer-Encoding": true, "Te": true, "Trailer": true,
	"Upgrade": true, "Keep-Alive": true, "Proxy-Authorization": true, "Proxy-Connection": true,
}

// Reserved reports whether name is one Herald sets itself or one of the
// connection's (any case), also spelled with underscores: CGI-style
// servers (PHP, WSGI, Rack) read "Webhook_Signature" as the same variable
// as "Webhook-Signature", so it could stand in for Herald's own.
func Reserved(name string) bool {
	return reserved[textproto.CanonicalMIMEHeaderKey(strings.ReplaceAll(name, "_", "-"))]
}

// CheckName says why name cannot be set by a setting, or nil: it must be
// an HTTP token (RFC 9110) of at most MaxNameLen bytes, and not reserved.
// field names the setting, for the message.
func CheckName(field, name string) error {
	if name == "" || len(name) > MaxNameLen || strings.ContainsFunc(name, func(c rune) bool {
		return c <= ' ' || c >= 0x7f || strings.ContainsRune(`"(),/:;<=>?@[\]{}`, c)
	}) {
		return fmt.Errorf("%s: %q is not a valid HTTP header name: 1 to %d letters, digits and !#$%%&'*+-.^_`|~", field, cut(name), MaxNameLen)
	}
	if Reserved(name) {
		return fmt.Errorf("%s: header %q is set by Herald (or belongs to the connection) and cannot be set", field, name)
	}
	return nil
}

// CheckValue says why value cannot be a header's, or nil: at most
// MaxValueLen bytes, no line break or NUL.
func CheckValue(field, name, value string) error {
	if len(value) > MaxValueLen || strings.ContainsAny(value, "\r\n\x00") {
		return fmt.Errorf("%s: header %q must be at most %d characters with no line breaks", field, cut(name), MaxValueLen)
	}
	return nil
}

// Check checks a set of static headers: at most MaxCount, each name and
// value valid, no name twice in different cases.
func Check(field string, h map[string]string) error {
	if len(h) > MaxCount {
		return fmt.Errorf("%s may hold at most %d headers, not %d", field, MaxCount, len(h))
	}
	seen := make(map[string]string, len(h))
	for k, v := range h {
		if err := CheckName(field, k); err != nil {
			return err
		}
		if err := CheckValue(field, k, v); err != nil {
			return err
		}
		canon := textproto.CanonicalMIMEHeaderKey(k)
		if other, dup := seen[canon]; dup {
			return fmt.Errorf("%s names one header twice: %q and %q", field, other, k)
		}
		seen[canon] = k
	}
	return nil
}

// cut shortens a name for a message: a 30 KB name is not echoed whole.
func cut(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// shownExact, shownPrefix and shownWords are the headers whose values an
// attempt's log shows: what Herald and signature schemes write, which
// proves a body and reveals no key, and plain descriptions of the
// request. Any other name is masked, so a credential under a name nobody
// thought of is masked too.
var (
	shownExact  = []string{"user-agent", "webhook-id", "webhook-timestamp", "webhook-signature", "traceparent", "tracestate", "accept", "accept-encoding", "accept-language", "id"}
	shownPrefix = []string{"content-"}
	shownWords  = []string{"signature", "hmac", "timestamp"}
	shownSuffix = []string{"-id", "-event", "-event-type", "-type", "-version", "-delivery", "-topic"}
	// secretWords veto a name the rules above would show: a
	// "X-Signature-Key" or a "X-Session-Id" is a credential's name first.
	secretWords = []string{"auth", "key", "token", "secret", "pass", "pwd", "cookie", "session", "credential", "private", "bearer", "jwt", "sid"}
)

// Shown reports whether an attempt's log may show the value of a header
// named name (any case); other values are masked.
func Shown(name string) bool {
	n := strings.ToLower(name)
	for _, w := range secretWords {
		if strings.Contains(n, w) {
			return false
		}
	}
	for _, s := range shownExact {
		if n == s {
			return true
		}
	}
	for _, p := range shownPrefix {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	for _, w := range shownWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	for _, s := range shownSuffix {
		if strings.HasSuffix(n, s) {
			return true
		}
	}
	return false
}
