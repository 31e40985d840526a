package wire

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/heraldhq/herald"
)

// masked replaces a secret header's value wherever a request is shown.
const masked = "••••••"

// secretWords mark header names whose values are credentials: shown
// masked. Signatures are not among them: they prove a body, reveal no
// key, and a receiver debugging its verification needs them.
var secretWords = []string{"authorization", "token", "secret", "password", "passwd", "api-key", "apikey", "api_key", "cookie", "session", "credential"}

// Mask returns headers with the values of credentials masked: the
// Authorization header keeps its scheme ("Bearer ••••••"), any header
// whose name holds a word of secretWords loses its value.
func Mask(headers map[string]string) map[string]string {
	out := make(map[string]string, len(headers))
	for k, v := range headers {
		lower := strings.ToLower(k)
		switch {
		case lower == "authorization":
			if scheme, _, ok := strings.Cut(v, " "); ok {
				out[k] = scheme + " " + masked
			} else {
				out[k] = masked
			}
		case containsAny(lower, secretWords):
			out[k] = masked
		default:
			out[k] = v
		}
	}
	return out
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// Sent is what an attempt's request was, as Herald keeps it: the URL, the
// headers with credentials masked, and the body's SHA-256, by which the
// body rendered again from the event is known to be the one sent.
// The headers are those the sender sends: a User-Agent unless headers
// set one, then headers, then Content-Type.
func Sent(url string, headers map[string]string, body []byte) *herald.AttemptRequest {
	sum := sha256.Sum256(body)
	shown := Mask(headers)
	if !hasHeader(shown, "User-Agent") {
		shown["User-Agent"] = herald.UserAgent()
	}
	for k := range shown {
		if strings.EqualFold(k, "Content-Type") {
			delete(shown, k)
		}
	}
	shown["Content-Type"] = "application/json"
	return &herald.AttemptRequest{URL: url, Headers: shown, BodySHA256: hex.EncodeToString(sum[:])}
}

func hasHeader(h map[string]string, name string) bool {
	for k := range h {
		if strings.EqualFold(k, name) {
			return true
		}
	}
	return false
}
