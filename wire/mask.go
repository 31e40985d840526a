package wire

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/heraldhq/herald"
	headerrule "github.com/heraldhq/herald/header"
)

// masked replaces a header's value wherever a request is shown.
const masked = headerrule.Masked

// Mask returns headers with every value masked but those headerrule.Shown
// allows (signatures, Herald's own headers, content, ids, timestamps, the
// user agent): a credential under a name nobody thought of is masked too.
// Authorization and Proxy-Authorization keep their scheme ("Bearer ••••••").
func Mask(headers map[string]string) map[string]string {
	out := make(map[string]string, len(headers))
	for k, v := range headers {
		switch lower := strings.ToLower(k); {
		case headerrule.Shown(k):
			out[k] = v
		case lower == "authorization" || lower == "proxy-authorization":
			if scheme, _, ok := strings.Cut(v, " "); ok {
				out[k] = scheme + " " + masked
			} else {
				out[k] = masked
			}
		default:
			out[k] = masked
		}
	}
	return out
}

// Hide masks in place the value of every header of h that static (an
// endpoint's or a job callback's static headers) names, in any case.
// Static headers are credentials whatever their names, never shown back
// in any answer, so the allow-list of safe names (Mask) does not apply
// to them: a shared secret sent as "X-Shared-Signature" stays hidden.
func Hide(h, static map[string]string) {
	for k := range h {
		if hasHeader(static, k) {
			h[k] = masked
		}
	}
}

// Sent is what an attempt's request was, as Herald keeps it: the URL, the
// headers with credentials and static headers (static) masked, and the
// body's SHA-256, by which the body rendered again from the event is
// known to be the one sent. The headers are those the sender sends: a
// User-Agent unless headers set one, then headers, then Content-Type.
func Sent(url string, headers, static map[string]string, body []byte) *herald.AttemptRequest {
	sum := sha256.Sum256(body)
	shown := Mask(headers)
	Hide(shown, static)
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
