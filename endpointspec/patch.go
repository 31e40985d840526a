package endpointspec

import (
	"bytes"
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/header"
	"github.com/heraldhq/herald/preset"
	"github.com/heraldhq/herald/ratelimit"
	"github.com/heraldhq/herald/retry"
	"github.com/heraldhq/herald/sigscheme"
)

// Patch is the body of POST and PATCH on endpoints, and of a job's
// callback settings: every field is optional, and an absent field leaves
// the setting as it is (on POST: its default). It takes every value an
// answer shows, so a GET's settings sent back change nothing.
type Patch struct {
	URL         *string   `json:"url"`
	Description *string   `json:"description"`
	EventTypes  *[]string `json:"event_types"`
	Channels    *[]string `json:"channels"`
	// Headers maps names to values; a value that is null, or the mask
	// answers show (header.Masked), keeps the stored value.
	Headers *map[string]*string `json:"headers"`
	// RetryPolicy is raw so that null (back to the default) and absent
	// (unchanged) can be told apart.
	RetryPolicy json.RawMessage `json:"retry_policy"`
	Disabled    *bool           `json:"disabled"`
	Paused      *bool           `json:"paused"`
	// Secret brings the endpoint's own secret, on POST only (the handlers
	// check it with CheckSecret; it is not a setting).
	Secret *string `json:"secret"`

	Signature *string `json:"signature"`
	// SignatureScheme describes the scheme of signature "hmac"; null
	// removes it.
	SignatureScheme      json.RawMessage `json:"signature_scheme"`
	SignatureHeader      *string         `json:"signature_header"`
	PathSuffix           *string         `json:"path_suffix"`
	UserAgent            *string         `json:"user_agent"`
	BearerToken          *string         `json:"bearer_token"` // write-only; "" removes it, header.Masked keeps it
	Format               *string         `json:"format"`
	EnvelopeObject       *string         `json:"envelope_object"`
	APIVersion           *string         `json:"api_version"`
	DisableAfterFailures *int            `json:"disable_after_failures"`
	// RateLimit is raw so that null (no limit) and absent (unchanged) can
	// be told apart.
	RateLimit       json.RawMessage `json:"rate_limit"`
	Ordering        *string         `json:"ordering"`
	SendTraceparent *bool           `json:"send_traceparent"`
	// Preset fills the delivery settings the body leaves out with those of
	// a named provider contract (docs/compat.md).
	Preset *string `json:"preset"`

	// Shown holds what answers show beside the settings, so that a GET's
	// answer sent back as a PATCH is taken as it is: these fields change
	// nothing (Shown.Check refuses them where they cannot be meant).
	Shown
}

// Shown is what an endpoint's answer holds that is not a setting: its
// identity and state, which Herald keeps. A PATCH may carry them back
// unchanged; they are never written.
type Shown struct {
	ID                      *string         `json:"id"`
	TenantID                *string         `json:"tenant_id"`
	DisabledReason          *string         `json:"disabled_reason"`
	ConsecutiveFailures     *int            `json:"consecutive_failures"`
	PublicKey               *string         `json:"public_key"`
	BearerTokenSet          *bool           `json:"bearer_token_set"`
	FIFO                    json.RawMessage `json:"fifo"`
	CreatedAt               json.RawMessage `json:"created_at"`
	UpdatedAt               json.RawMessage `json:"updated_at"`
	PreviousSecretExpiresAt json.RawMessage `json:"previous_secret_expires_at"`
}

// Check refuses the fields of an answer in a body that makes an endpoint
// (creating: ep is nil), where they could only be a mistake, and, in a
// PATCH of endpoint ep, an id or tenant that is not ep's: the body was
// read from another endpoint.
func (r Shown) Check(ep *herald.Endpoint) error {
	if ep == nil {
		if f := (&Patch{Shown: r}).shownFields(); len(f) > 0 {
			return invalidf("%s is set by Herald, not by a request: leave it out", f[0])
		}
		return nil
	}
	if r.ID != nil && *r.ID != ep.ID {
		return invalidf("id %q is not this endpoint's (%s): the body was read from another endpoint", *r.ID, ep.ID)
	}
	if r.TenantID != nil && *r.TenantID != ep.TenantID {
		return invalidf("tenant_id %q is not this endpoint's (%s)", *r.TenantID, ep.TenantID)
	}
	return nil
}

// shownFields lists the JSON names of the fields of Shown that p holds.
func (p *Patch) shownFields() []string {
	return jsonFields(reflect.ValueOf(&p.Shown).Elem())
}

// Fields lists the fields p's body names, by their JSON names, for the
// access table (access.EndpointFields).
func (p *Patch) Fields() []string {
	return jsonFields(reflect.ValueOf(p).Elem())
}

// jsonFields lists the JSON names of v's tagged fields that are set.
func jsonFields(v reflect.Value) []string {
	var out []string
	for i := range v.NumField() {
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		if f := v.Field(i); !f.IsZero() {
			out = append(out, name)
		}
	}
	return out
}

// withPreset is p with the settings it leaves out filled from its preset.
func (p Patch) withPreset() (Patch, error) {
	if p.Preset == nil {
		return p, nil
	}
	pr, ok := preset.Lookup(*p.Preset)
	if !ok {
		return p, invalidf("preset %q is unknown; use one of: %s", *p.Preset, preset.Names())
	}
	for dst, v := range map[**string]string{&p.Format: pr.Format, &p.EnvelopeObject: pr.EnvelopeObject, &p.APIVersion: pr.APIVersion,
		&p.Signature: pr.Signature, &p.SignatureHeader: pr.SignatureHeader, &p.PathSuffix: pr.PathSuffix, &p.UserAgent: pr.UserAgent} {
		if *dst == nil && v != "" {
			*dst = &v
		}
	}
	if len(p.SignatureScheme) == 0 && pr.SignatureScheme != nil {
		p.SignatureScheme, _ = json.Marshal(pr.SignatureScheme) // a struct of strings
	}
	if p.EventTypes == nil && pr.EventTypes != nil {
		types := slices.Clone(pr.EventTypes)
		p.EventTypes = &types
	}
	if p.DisableAfterFailures == nil && pr.DisableAfterFailures > 0 {
		n := pr.DisableAfterFailures
		p.DisableAfterFailures = &n
	}
	if len(p.RetryPolicy) == 0 && pr.RetryPolicy != nil {
		p.RetryPolicy, _ = json.Marshal(pr.RetryPolicy) // a policy always renders
	}
	return p, nil
}

// Apply is the merge of a create or PATCH body: base (Defaults() for a
// new endpoint, the stored settings for a PATCH) with the fields p names
// changed, its preset filling what it leaves out, and defaults spelled
// out. Its errors are those of values that cannot be read at all (a
// preset unknown, a policy that is not JSON, a header kept that has no
// stored value); the result still needs Validate.
func (p Patch) Apply(base Settings) (Settings, error) {
	p, err := p.withPreset()
	if err != nil {
		return Settings{}, err
	}
	s := base
	s.EventTypes, s.Channels, s.Headers = slices.Clone(base.EventTypes), slices.Clone(base.Channels), maps.Clone(base.Headers)
	for dst, src := range map[*string]*string{&s.URL: p.URL, &s.Description: p.Description, &s.Signature: p.Signature,
		&s.SignatureHeader: p.SignatureHeader, &s.PathSuffix: p.PathSuffix, &s.UserAgent: p.UserAgent, &s.BearerToken: p.BearerToken,
		&s.Format: p.Format, &s.EnvelopeObject: p.EnvelopeObject, &s.APIVersion: p.APIVersion, &s.Ordering: p.Ordering} {
		if src != nil {
			*dst = *src
		}
	}
	if p.URL != nil {
		s.URL = strings.TrimSpace(*p.URL)
	}
	// The mask keeps a stored token, as it keeps a header's value: both
	// are credentials a client may send back without knowing them.
	if p.BearerToken != nil && *p.BearerToken == header.Masked {
		if base.BearerToken == "" {
			return Settings{}, invalidf("bearer_token: %q keeps a stored token, and there is none; give the token (\"\" for none)", header.Masked)
		}
		s.BearerToken = base.BearerToken
	}
	for dst, src := range map[*bool]*bool{&s.Disabled: p.Disabled, &s.Paused: p.Paused, &s.SendTraceparent: p.SendTraceparent} {
		if src != nil {
			*dst = *src
		}
	}
	if p.DisableAfterFailures != nil {
		s.DisableAfterFailures = *p.DisableAfterFailures
	}
	if p.EventTypes != nil {
		s.EventTypes = slices.Clone(*p.EventTypes)
	}
	if p.Channels != nil {
		s.Channels = slices.Clone(*p.Channels)
	}
	if p.Headers != nil {
		if s.Headers, err = resolveHeaders(*p.Headers, base.Headers); err != nil {
			return Settings{}, err
		}
	}
	if set, null := present(p.RetryPolicy); set {
		s.RetryPolicy = nil
		if !null {
			s.RetryPolicy = new(retry.Policy)
			if err := strict(p.RetryPolicy, s.RetryPolicy); err != nil {
				return Settings{}, invalidf("retry_policy is not valid: %s", err)
			}
		}
	}
	if set, null := present(p.RateLimit); set {
		s.RateLimit = nil
		if !null {
			s.RateLimit = new(ratelimit.Limit)
			if err := strict(p.RateLimit, s.RateLimit); err != nil {
				return Settings{}, invalidf("rate_limit is not valid: %s", err)
			}
		}
	}
	if p.Signature != nil && *p.Signature != herald.SignatureHMAC {
		s.SignatureScheme = nil // leaving "hmac" drops its scheme
	}
	if set, null := present(p.SignatureScheme); set {
		s.SignatureScheme = nil
		if !null {
			s.SignatureScheme = new(sigscheme.Scheme)
			if err := strict(p.SignatureScheme, s.SignatureScheme); err != nil {
				return Settings{}, invalidf("signature_scheme is not valid: %s; it takes algorithm, encoding, signed, header, value, timestamp_header and key", err)
			}
		}
	}
	return s.WithDefaults(), nil
}

// resolveHeaders resolves headers against those stored (nil for a new
// endpoint): a header whose value is null, or the mask answers show,
// keeps its stored value, so that a client may send back what it read
// without knowing the values.
func resolveHeaders(headers map[string]*string, stored map[string]string) (map[string]string, error) {
	out := make(map[string]string, len(headers))
	for k, v := range headers {
		if v != nil && *v != header.Masked {
			out[k] = *v
			continue
		}
		kept, ok := storedHeader(stored, k)
		if !ok {
			return nil, invalidf("headers: %q has no value stored to keep; give its value (null, or %q, keeps a stored value on PATCH)", k, header.Masked)
		}
		out[k] = kept
	}
	return out, nil
}

// storedHeader finds name among stored headers, in any case.
func storedHeader(stored map[string]string, name string) (string, bool) {
	for k, v := range stored {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return "", false
}

// present says whether a raw field was in the body, and whether it was
// null.
func present(raw json.RawMessage) (set, null bool) {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0, string(raw) == "null"
}

// strict decodes raw into v, refusing fields v does not have, and words
// the failure without the package's prefix.
func strict(raw json.RawMessage, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errorText(err)
	}
	return nil
}

type textError string

func (e textError) Error() string { return string(e) }

func errorText(err error) error { return textError(strings.TrimPrefix(err.Error(), "json: ")) }
