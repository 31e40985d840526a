// Package endpointspec holds an endpoint's settings as one type: what a
// tenant chooses for an endpoint (where it is, what it receives, how
// requests to it look and are retried). Settings has one pure Validate
// that says whether a set of settings may be stored and, if not, which
// field is wrong and how to fix it; WithDefaults is the one place that
// spells the defaults out; Patch.Apply is the merge of a create or PATCH
// body into the settings it changes. The HTTP handlers decode a Patch,
// apply it, validate the result and store it; nothing here does I/O, so
// every rule is table-tested without a server.
//
// The package sits above the domain (package herald) and beside wire and
// preset: it imports them and nothing imports it but the API.
package endpointspec

import (
	"slices"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/ratelimit"
	"github.com/heraldhq/herald/retry"
	"github.com/heraldhq/herald/sigscheme"
)

// Ordering values. OrderingFIFO is herald.OrderingFIFO; OrderingNone is
// the default, which older endpoints store as "".
const (
	OrderingFIFO = herald.OrderingFIFO
	OrderingNone = "none"
)

// Defaults of FormatEnvelope's "object" and "api_version" (as package wire
// fills them in when they are empty).
const (
	DefaultEnvelopeObject = "event"
	DefaultAPIVersion     = "v1"
)

// Settings is every setting of an endpoint that a tenant chooses. The
// answers of the API show each of them, defaults spelled out
// (WithDefaults), and accept back what they show.
type Settings struct {
	URL         string
	Description string
	EventTypes  []string // empty: every type but the operational ones
	Channels    []string
	// Headers are sent with every attempt; their values are credentials.
	Headers map[string]string
	// RetryPolicy is nil for Herald's default policy (retry.Default).
	RetryPolicy *retry.Policy
	Disabled    bool
	Paused      bool
	// DisableAfterFailures disables the endpoint after that many failed
	// deliveries in a row; 0 never does.
	DisableAfterFailures int

	Format          string // herald.Format*
	EnvelopeObject  string
	APIVersion      string
	Signature       string            // herald.Signature*
	SignatureScheme *sigscheme.Scheme // signature "hmac" only
	SignatureHeader string            // signature "hmac-sha256-hex" only
	PathSuffix      string
	UserAgent       string // "": Herald's own
	BearerToken     string // "": none

	RateLimit       *ratelimit.Limit // nil: no limit
	Ordering        string           // OrderingFIFO or OrderingNone
	SendTraceparent bool
}

// Defaults is the settings of an endpoint made from a body that names
// nothing but its URL.
func Defaults() Settings { return Settings{}.WithDefaults() }

// WithDefaults is s with every setting it leaves at its zero value that
// has a default spelled out: format and signature "standard", ordering
// "none", envelope object "event" and API version "v1", empty lists and
// headers rather than null, a rate limit's burst of at least 1. It is the
// one place the defaults live; answers show its result, so a client sees
// what is in force, and a GET's answer sent back changes nothing.
func (s Settings) WithDefaults() Settings {
	if s.EventTypes == nil {
		s.EventTypes = []string{}
	}
	if s.Channels == nil {
		s.Channels = []string{}
	}
	if s.Headers == nil {
		s.Headers = map[string]string{}
	}
	for dst, def := range map[*string]string{&s.Format: herald.FormatStandard, &s.Signature: herald.SignatureStandard,
		&s.Ordering: OrderingNone, &s.EnvelopeObject: DefaultEnvelopeObject, &s.APIVersion: DefaultAPIVersion} {
		if *dst == "" {
			*dst = def
		}
	}
	if s.RateLimit != nil && s.RateLimit.Burst < 1 {
		l := *s.RateLimit
		l.Burst = 1
		s.RateLimit = &l
	}
	return s
}

// FromEndpoint reads the settings of ep, as stored (older rows hold "" for
// some defaults: WithDefaults spells them out).
func FromEndpoint(ep *herald.Endpoint) Settings {
	return Settings{
		URL: ep.URL, Description: ep.Description, EventTypes: ep.EventTypes, Channels: ep.Channels, Headers: ep.Headers,
		RetryPolicy: ep.RetryPolicy, Disabled: ep.Disabled, Paused: ep.Paused, DisableAfterFailures: ep.DisableAfterFailures,
		Format: ep.Format, EnvelopeObject: ep.EnvelopeObject, APIVersion: ep.APIVersion,
		Signature: ep.Signature, SignatureScheme: ep.SignatureScheme, SignatureHeader: ep.SignatureHeader,
		PathSuffix: ep.PathSuffix, UserAgent: ep.UserAgent, BearerToken: ep.BearerToken,
		RateLimit: ep.RateLimit, Ordering: ep.Ordering, SendTraceparent: ep.SendTraceparent,
	}
}

// Fill writes s into ep's settings, leaving its identity and state (id,
// tenant, secrets, failure count, times) as they are.
func (s Settings) Fill(ep *herald.Endpoint) {
	ep.URL, ep.Description, ep.EventTypes, ep.Channels, ep.Headers = s.URL, s.Description, s.EventTypes, s.Channels, s.Headers
	ep.RetryPolicy, ep.Disabled, ep.Paused, ep.DisableAfterFailures = s.RetryPolicy, s.Disabled, s.Paused, s.DisableAfterFailures
	ep.Format, ep.EnvelopeObject, ep.APIVersion = s.Format, s.EnvelopeObject, s.APIVersion
	ep.Signature, ep.SignatureScheme, ep.SignatureHeader = s.Signature, s.SignatureScheme, s.SignatureHeader
	ep.PathSuffix, ep.UserAgent, ep.BearerToken, ep.BearerTokenSet = s.PathSuffix, s.UserAgent, s.BearerToken, s.BearerToken != ""
	ep.RateLimit, ep.Ordering, ep.SendTraceparent = s.RateLimit, s.Ordering, s.SendTraceparent
}

// RoutingChanged reports whether next receives other event types or
// channels than cur.
func RoutingChanged(cur, next Settings) bool {
	return !slices.Equal(cur.EventTypes, next.EventTypes) || !slices.Equal(cur.Channels, next.Channels)
}
