// Package verify checks, on the receiving side, that a webhook came from
// Herald: the Standard Webhooks signature over the id, the timestamp and
// the raw body, with a timestamp close enough to now to refuse replays.
// A "whsec_" secret checks "v1" (HMAC-SHA256) signatures; a "whpk_"
// public key checks "v1a" (Ed25519) ones. HexHeader and Bearer check
// Herald's other schemes: a hex HMAC of the body in a header of the
// endpoint's choosing, and a bearer token.
//
//	v, err := verify.New(os.Getenv("WEBHOOK_SECRET"))
//	...
//	body, _ := io.ReadAll(r.Body)
//	if err := v.Verify(r.Header, body); err != nil {
//		http.Error(w, "bad signature", http.StatusUnauthorized)
//		return
//	}
package verify

import (
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/heraldhq/herald/signing"
	"github.com/heraldhq/herald/sigscheme"
)

// DefaultTolerance is how far a webhook's timestamp may be from now.
const DefaultTolerance = 5 * time.Minute

// Errors Verify returns; all of them mean "do not trust this request".
var (
	ErrMissingHeaders = errors.New("verify: webhook-id, webhook-timestamp or webhook-signature is missing")
	ErrBadTimestamp   = errors.New("verify: webhook-timestamp is not a Unix time in seconds")
	ErrTooOld         = errors.New("verify: webhook-timestamp is too far from now; a replay, or a clock that is off")
	ErrNoMatch        = errors.New("verify: no signature matches; check the endpoint's secret")
)

// Verifier checks webhooks signed with one secret, or one key pair.
type Verifier struct {
	key       []byte            // a secret's HMAC key
	public    ed25519.PublicKey // or a key pair's public key
	Tolerance time.Duration     // default DefaultTolerance
	Now       func() time.Time  // default time.Now
}

// New returns a Verifier for a "whsec_" secret or a "whpk_" public key.
func New(secret string) (*Verifier, error) {
	if strings.HasPrefix(secret, signing.PublicKeyPrefix) {
		pub, err := signing.DecodePublicKey(secret)
		if err != nil {
			return nil, err
		}
		return &Verifier{public: pub, Tolerance: DefaultTolerance, Now: time.Now}, nil
	}
	key, err := signing.DecodeSecret(secret)
	if err != nil {
		return nil, err
	}
	return &Verifier{key: key, Tolerance: DefaultTolerance, Now: time.Now}, nil
}

// Scheme names the signatures v checks: "Standard Webhooks v1" (HMAC) or
// "Standard Webhooks v1a" (Ed25519).
func (v *Verifier) Scheme() string { return "Standard Webhooks " + v.version() }

// version is the signatures' prefix in webhook-signature.
func (v *Verifier) version() string {
	if v.public != nil {
		return "v1a"
	}
	return "v1"
}

// Verify checks the headers against the raw body, exactly as received.
func (v *Verifier) Verify(h http.Header, body []byte) error {
	id, ts, sigs := h.Get("webhook-id"), h.Get("webhook-timestamp"), h.Get("webhook-signature")
	if id == "" || ts == "" || sigs == "" {
		return ErrMissingHeaders
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return ErrBadTimestamp
	}
	now := v.Now()
	if d := now.Sub(time.Unix(sec, 0)); d > v.Tolerance || d < -v.Tolerance {
		return ErrTooOld
	}
	content := []byte(id + "." + ts + ".")
	content = append(content, body...)
	var want []byte
	if v.public == nil {
		m := hmac.New(sha256.New, v.key)
		m.Write(content)
		want = m.Sum(nil)
	}
	// During a rotation the header carries several signatures; one match is
	// enough.
	for _, s := range strings.Fields(sigs) {
		version, b64, ok := strings.Cut(s, ",")
		if !ok || version != v.version() {
			continue
		}
		got, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			continue
		}
		if v.public != nil && ed25519.Verify(v.public, content, got) || v.public == nil && hmac.Equal(got, want) {
			return nil
		}
	}
	return ErrNoMatch
}

// Checker is one check of a received webhook: Verifier (Standard Webhooks
// v1 or v1a), HexHeader, HMAC or Bearer.
type Checker interface {
	Verify(h http.Header, body []byte) error
	Scheme() string
}

// ErrBadBearer means the Authorization header is missing or not the token.
var ErrBadBearer = errors.New("verify: Authorization is not \"Bearer\" and the endpoint's token")

// HexHeader checks the "hmac-sha256-hex" scheme: the lowercase hex
// HMAC-SHA256 of the raw body, keyed by the secret's bytes exactly as
// shown, in one header (LeapOCR's X-R2-Signature, for one). It is the
// scheme sigscheme.HexOfBody describes.
type HexHeader struct {
	Secret string
	Header string
}

// Scheme names the check.
func (c HexHeader) Scheme() string { return "hmac-sha256-hex in " + c.Header }

// Verify checks the header against the raw body.
func (c HexHeader) Verify(h http.Header, body []byte) error {
	return HMAC{Def: sigscheme.HexOfBody(c.Header), Secret: c.Secret}.Verify(h, body)
}

// Bearer checks "Authorization: Bearer <token>" (Leonardo.Ai's webhook
// API key, for one).
type Bearer struct{ Token string }

// Scheme names the check.
func (Bearer) Scheme() string { return "bearer token" }

// Verify compares the token in constant time.
func (c Bearer) Verify(h http.Header, _ []byte) error {
	got, ok := strings.CutPrefix(h.Get("Authorization"), "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(c.Token)) != 1 {
		return ErrBadBearer
	}
	return nil
}

// HMAC checks signature "hmac": the endpoint's signature_scheme, with its
// secret exactly as shown.
type HMAC struct {
	Def    sigscheme.Scheme
	Secret string
}

// Scheme names the check.
func (c HMAC) Scheme() string {
	return "hmac (" + c.Def.Algorithm + ", " + c.Def.Encoding + ") in " + c.Def.Header
}

// Verify checks the request as the scheme's receivers do; a signature
// that does not match is ErrNoMatch, as for every check here.
func (c HMAC) Verify(h http.Header, body []byte) error {
	err := c.Def.Verify(c.Secret, h, body)
	if errors.Is(err, sigscheme.ErrNoMatch) {
		return ErrNoMatch
	}
	return err
}
