// Package preset names the delivery settings of webhook providers whose
// contracts Herald reproduces, so that one word configures an endpoint or a
// job's callback the way a receiver written to that provider's document
// expects. docs/compat.md shows, for each, the request a receiver gets.
package preset

import (
	"slices"
	"strings"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/retry"
	"github.com/heraldhq/herald/sigscheme"
)

// Preset is a set of endpoint settings. Settings given with the request
// override the preset's.
type Preset struct {
	Name            string
	Description     string
	Format          string
	EnvelopeObject  string
	APIVersion      string
	Signature       string
	SignatureHeader string
	PathSuffix      string
	UserAgent       string
	// EventTypes is the subscription when the request names none (nil:
	// every type): a provider that documents only some messages sends only
	// those.
	EventTypes      []string
	SignatureScheme *sigscheme.Scheme // for Signature "hmac"
	RetryPolicy     *retry.Policy     // nil: the default
	// DisableAfterFailures disables the endpoint after that many failed
	// deliveries in a row (0: never).
	DisableAfterFailures int
}

func seconds(s ...int) []retry.Duration {
	out := make([]retry.Duration, len(s))
	for i, n := range s {
		out[i] = retry.Duration(time.Duration(n) * time.Second)
	}
	return out
}

var presets = []Preset{
	{
		Name:        "standard-webhooks",
		Description: "Standard Webhooks: the default",
	},
	{
		Name:        "leaperone",
		Description: "LEAPERone image generation callbacks: the bare task {id, status, images | error}, unsigned, any non-2xx retried with exponential backoff from 2 s capped at 30 s, 5 retries",
		Format:      herald.FormatResource,
		Signature:   herald.SignatureNone,
		RetryPolicy: &retry.Policy{Kind: retry.KindExponential, Base: retry.Duration(2 * time.Second), Factor: 2,
			Cap: retry.Duration(30 * time.Second), MaxRetries: 5, RetryOn: retry.RetryAny},
	},
	{
		Name:           "leonardo",
		Description:    "Leonardo.Ai webhook callbacks: the {type, object, timestamp, api_version, data: {object}} envelope, unsigned, only for completed jobs (image_generation.complete, the one message Leonardo documents); give the webhook API key as bearer_token",
		Format:         herald.FormatEnvelope,
		EnvelopeObject: "generation",
		APIVersion:     "v1",
		Signature:      herald.SignatureNone,
		EventTypes:     []string{herald.EventJobCompleted},
	},
	{
		Name:        "task-api",
		Description: "a task API's callbacks: /callback appended to the base URL, the bare task as Get Task Status returns it, 5xx and timeouts retried at about 10 s, 30 s and 60 s, 4xx never",
		Format:      herald.FormatResource,
		Signature:   herald.SignatureNone,
		PathSuffix:  "/callback",
		RetryPolicy: &retry.Policy{Kind: retry.KindSchedule, Schedule: seconds(10, 30, 60), Jitter: 0.1, RetryOn: retry.RetryServerErrors},
	},
	{
		Name:            "leapocr",
		Description:     "LeapOCR webhooks: flat job events signed with X-R2-Signature (lowercase hex HMAC-SHA256 of the body), LeapOCR's User-Agent, transport errors, 408, 429 and 5xx retried with backoff",
		Format:          herald.FormatFlat,
		Signature:       herald.SignatureHexHeader,
		SignatureHeader: "X-R2-Signature",
		UserAgent:       "LeapOCR-Webhook/1.0",
		// "After 5 consecutive failed deliveries, the subscription is
		// automatically disabled."
		DisableAfterFailures: 5,
	},
	{
		Name: "leapocr-sdk",
		Description: "LeapOCR webhooks as its JavaScript SDK verifies them (verifyWebhookSignature(payload, signature, timestamp, secret)): " +
			"the lowercase hex HMAC-SHA256 of <timestamp>.<raw body>, keyed by the secret string, in X-Webhook-Signature, the Unix timestamp " +
			"in X-Webhook-Timestamp (both names may be changed with signature_scheme); otherwise as leapocr",
		Format:    herald.FormatFlat,
		Signature: herald.SignatureHMAC,
		SignatureScheme: &sigscheme.Scheme{Algorithm: "sha256", Encoding: "hex", Signed: "{timestamp}.{body}",
			Header: "X-Webhook-Signature", Value: "{signature}", TimestampHeader: "X-Webhook-Timestamp", Key: "utf8"},
		UserAgent:            "LeapOCR-Webhook/1.0",
		DisableAfterFailures: 5,
	},
}

// Lookup returns the preset of that name.
func Lookup(name string) (Preset, bool) {
	i := slices.IndexFunc(presets, func(p Preset) bool { return p.Name == name })
	if i < 0 {
		return Preset{}, false
	}
	return presets[i], true
}

// Names lists the presets' names.
func Names() string {
	names := make([]string, len(presets))
	for i, p := range presets {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

// All returns every preset.
func All() []Preset { return slices.Clone(presets) }
