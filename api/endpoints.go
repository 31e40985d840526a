package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/access"
	"github.com/heraldhq/herald/header"
	"github.com/heraldhq/herald/opevent"
	"github.com/heraldhq/herald/preset"
	"github.com/heraldhq/herald/ratelimit"
	"github.com/heraldhq/herald/retry"
	"github.com/heraldhq/herald/sender"
	"github.com/heraldhq/herald/signing"
	"github.com/heraldhq/herald/sigscheme"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/wire"
)

// endpointInput is the body of POST and PATCH on endpoints; absent fields
// are nil.
type endpointInput struct {
	URL         *string   `json:"url"`
	Description *string   `json:"description"`
	EventTypes  *[]string `json:"event_types"`
	Channels    *[]string `json:"channels"`
	// Headers maps names to values; on PATCH a value that is null, or
	// the mask answers show (header.Masked), keeps the stored value.
	Headers *map[string]*string `json:"headers"`
	// RetryPolicy is raw so that null (back to the default) and absent
	// (unchanged) can be told apart.
	RetryPolicy json.RawMessage `json:"retry_policy"`
	Disabled    *bool           `json:"disabled"`
	Paused      *bool           `json:"paused"`
	Secret      *string         `json:"secret"` // on POST only: bring your own

	Signature *string `json:"signature"`
	// SignatureScheme describes the scheme of signature "hmac"; on PATCH,
	// null removes it.
	SignatureScheme      *json.RawMessage   `json:"signature_scheme"`
	scheme               **sigscheme.Scheme // SignatureScheme, parsed by check
	SignatureHeader      *string            `json:"signature_header"`
	PathSuffix           *string            `json:"path_suffix"`
	UserAgent            *string            `json:"user_agent"`
	BearerToken          *string            `json:"bearer_token"` // write-only; "" removes it
	Format               *string            `json:"format"`
	EnvelopeObject       *string            `json:"envelope_object"`
	APIVersion           *string            `json:"api_version"`
	DisableAfterFailures *int               `json:"disable_after_failures"`
	// RateLimit is raw so that null (no limit) and absent (unchanged) can
	// be told apart; rateLimit holds it parsed by check.
	RateLimit    json.RawMessage `json:"rate_limit"`
	rateLimit    *ratelimit.Limit
	setRateLimit bool
	Ordering     *string `json:"ordering"`
	// SendTraceparent sends attempts a W3C traceparent header.
	SendTraceparent *bool             `json:"send_traceparent"`
	headers         map[string]string // Headers, resolved by resolveHeaders
	// Preset fills the delivery settings the request leaves out with those
	// of a named provider contract (docs/compat.md).
	Preset *string `json:"preset"`
}

// applyPreset fills the settings in leaves out from its preset.
func applyPreset(in *endpointInput) error {
	if in.Preset == nil {
		return nil
	}
	p, ok := preset.Lookup(*in.Preset)
	if !ok {
		return invalidf("preset %q is unknown; use one of: %s", *in.Preset, preset.Names())
	}
	for dst, v := range map[**string]string{&in.Format: p.Format, &in.EnvelopeObject: p.EnvelopeObject, &in.APIVersion: p.APIVersion,
		&in.Signature: p.Signature, &in.SignatureHeader: p.SignatureHeader, &in.PathSuffix: p.PathSuffix, &in.UserAgent: p.UserAgent} {
		if *dst == nil && v != "" {
			*dst = &v
		}
	}
	if in.SignatureScheme == nil && p.SignatureScheme != nil {
		raw, err := json.Marshal(p.SignatureScheme)
		if err != nil {
			return err
		}
		msg := json.RawMessage(raw)
		in.SignatureScheme = &msg
	}
	if in.EventTypes == nil && p.EventTypes != nil {
		types := slices.Clone(p.EventTypes)
		in.EventTypes = &types
	}
	if in.DisableAfterFailures == nil && p.DisableAfterFailures > 0 {
		in.DisableAfterFailures = &p.DisableAfterFailures
	}
	if len(in.RetryPolicy) == 0 && p.RetryPolicy != nil {
		b, err := json.Marshal(p.RetryPolicy)
		if err != nil {
			return err
		}
		in.RetryPolicy = b
	}
	return nil
}

// check validates the fields that are present and returns the parsed
// policy (set reports whether the field was present at all).
func (s *Server) check(ctx context.Context, in *endpointInput) (policy *retry.Policy, set bool, err error) {
	if err := applyPreset(in); err != nil {
		return nil, false, err
	}
	if in.URL != nil {
		u, err := s.cfg.Guard.Check(ctx, strings.TrimSpace(*in.URL))
		if err != nil {
			return nil, false, invalidf("url is not allowed: %s", strings.TrimPrefix(err.Error(), "blocked by policy: "))
		}
		*in.URL = u.String()
	}
	if in.Description != nil && len(*in.Description) > maxDescription {
		return nil, false, invalidf("description must be at most %d characters", maxDescription)
	}
	if in.EventTypes != nil {
		if err := checkNames("event_types", *in.EventTypes, maxEventTypes); err != nil {
			return nil, false, err
		}
	}
	if in.Channels != nil {
		if err := checkNames("channels", *in.Channels, maxChannels); err != nil {
			return nil, false, err
		}
	}
	if in.Headers != nil {
		if err := checkHeaders("headers", *in.Headers); err != nil {
			return nil, false, err
		}
	}
	if len(in.RetryPolicy) > 0 {
		set = true
		if policy, err = parsePolicy("retry_policy", in.RetryPolicy); err != nil {
			return nil, false, err
		}
	}
	if in.Secret != nil {
		if err := checkSecret(*in.Secret, in.Signature != nil && *in.Signature == herald.SignatureEd25519); err != nil {
			return nil, false, err
		}
	}
	if err := checkWire(in); err != nil {
		return nil, false, err
	}
	if err := checkFlow(in); err != nil {
		return nil, false, err
	}
	return policy, set, nil
}

// resolveHeaders resolves in's headers against those stored (nil for a
// new endpoint): a header whose value is null, or the mask answers show,
// keeps its stored value, so that a client may send back what it read
// without knowing the values. Header values are credentials: answers show
// only their names (present).
func (in *endpointInput) resolveHeaders(stored map[string]string) error {
	if in.Headers == nil {
		return nil
	}
	in.headers = make(map[string]string, len(*in.Headers))
	for k, v := range *in.Headers {
		if v != nil && *v != header.Masked {
			in.headers[k] = *v
			continue
		}
		kept, ok := storedHeader(stored, k)
		if !ok {
			return invalidf("headers: %q has no value stored to keep; give its value (null, or %q, keeps a stored value on PATCH)", k, header.Masked)
		}
		in.headers[k] = kept
	}
	return nil
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

// checkWire validates the wire settings that are present.
func checkWire(in *endpointInput) error {
	if n := in.DisableAfterFailures; n != nil && (*n < 0 || *n > 1000) {
		return invalidf("disable_after_failures must be from 0 (never) to 1000, not %d", *n)
	}
	if in.Format != nil {
		switch *in.Format {
		case "", herald.FormatStandard, herald.FormatFlat, herald.FormatEnvelope, herald.FormatResource:
		default:
			return invalidf("format must be %q, %q, %q or %q, not %q", herald.FormatStandard, herald.FormatFlat,
				herald.FormatEnvelope, herald.FormatResource, *in.Format)
		}
	}
	for field, v := range map[string]*string{"envelope_object": in.EnvelopeObject, "api_version": in.APIVersion} {
		if v != nil && *v != "" {
			if err := checkName(field, *v); err != nil {
				return err
			}
		}
	}
	if err := checkScheme(in); err != nil {
		return err
	}
	if in.Signature != nil {
		switch *in.Signature {
		case "", herald.SignatureStandard, herald.SignatureEd25519, herald.SignatureHexHeader, herald.SignatureHMAC, herald.SignatureNone:
		default:
			return invalidf("signature must be %q, %q, %q, %q or %q, not %q", herald.SignatureStandard, herald.SignatureEd25519,
				herald.SignatureHexHeader, herald.SignatureHMAC, herald.SignatureNone, *in.Signature)
		}
		if *in.Signature == herald.SignatureHexHeader && (in.SignatureHeader == nil || *in.SignatureHeader == "") {
			return errMissing("signature_header", `{"signature": "hmac-sha256-hex", "signature_header": "X-R2-Signature"}`)
		}
	}
	if in.SignatureHeader != nil && *in.SignatureHeader != "" {
		if err := header.CheckName("signature_header", *in.SignatureHeader); err != nil {
			return invalidf("%v", err)
		}
	}
	if in.PathSuffix != nil {
		p := *in.PathSuffix
		if len(p) > maxNameLen || strings.Contains(p, "..") || strings.ContainsFunc(p, func(c rune) bool {
			return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("/-._~", c))
		}) {
			return invalidf("path_suffix %q must be a plain path such as \"/callback\": letters, digits and / - . _ ~, no \"..\"", p)
		}
	}
	for field, v := range map[string]*string{"user_agent": in.UserAgent, "bearer_token": in.BearerToken} {
		if v != nil && (len(*v) > header.MaxValueLen || strings.ContainsAny(*v, "\r\n\x00")) {
			return invalidf("%s must be at most %d characters with no line breaks", field, header.MaxValueLen)
		}
	}
	return nil
}

// endpointWithSecret is the answer to creation and rotation, the only
// answers that show a secret. An Ed25519 endpoint's signing key is never
// shown: its public key, in every answer, is what receivers need.
type endpointWithSecret struct {
	*herald.Endpoint
	Secret string `json:"secret,omitempty"`
}

func withSecret(ep *herald.Endpoint) endpointWithSecret {
	if ep.Signature == herald.SignatureEd25519 {
		return endpointWithSecret{present(ep), ""}
	}
	return endpointWithSecret{present(ep), ep.Secret}
}

// checkFlow parses rate_limit (null removes it) and checks ordering.
func checkFlow(in *endpointInput) error {
	if raw := bytes.TrimSpace(in.RateLimit); len(raw) > 0 {
		in.setRateLimit = true
		if string(raw) != "null" {
			var l ratelimit.Limit
			if err := json.Unmarshal(raw, &l); err != nil {
				return invalidf("rate_limit is not valid: %s", strings.TrimPrefix(err.Error(), "json: "))
			}
			if err := l.Check(); err != nil {
				return invalidf("rate_limit: %v", err)
			}
			l.Burst = max(1, l.Burst)
			in.rateLimit = &l
		}
	}
	if in.Ordering != nil {
		switch *in.Ordering {
		case "", "none":
			*in.Ordering = ""
		case herald.OrderingFIFO:
		default:
			return invalidf("ordering must be %q (one delivery at a time, in the order events were accepted) or \"none\", not %q", herald.OrderingFIFO, *in.Ordering)
		}
	}
	return nil
}

// present fills in what an answer shows of an endpoint beyond its stored
// fields, an Ed25519 endpoint's public key, and masks its headers' values.
func present(ep *herald.Endpoint) *herald.Endpoint {
	if ep.Signature == herald.SignatureEd25519 {
		ep.PublicKey, _ = signing.PublicKey(ep.Secret)
	}
	ep.Headers = maskValues(ep.Headers)
	return ep
}

// maskValues is headers with every value masked: static headers carry
// receivers' credentials, written like a bearer token and never shown
// back to any role, so that a read-only key or a portal session learns
// their names only.
func maskValues(headers map[string]string) map[string]string {
	out := make(map[string]string, len(headers))
	for k := range headers {
		out[k] = header.Masked
	}
	return out
}

// checkScheme parses and checks signature_scheme: an object with every
// field of a scheme (sigscheme.Scheme), or null to remove one. A scheme is
// the description of signature "hmac", and only of it.
func checkScheme(in *endpointInput) error {
	if in.SignatureScheme == nil {
		return nil
	}
	var parsed *sigscheme.Scheme
	if raw := *in.SignatureScheme; len(raw) > 0 && string(raw) != "null" {
		parsed = new(sigscheme.Scheme)
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(parsed); err != nil {
			return invalidf("signature_scheme is not valid: %s; it takes algorithm, encoding, signed, header, value, timestamp_header and key",
				strings.TrimPrefix(err.Error(), "json: "))
		}
		if err := parsed.Validate(); err != nil {
			return invalidf("%v", err)
		}
	}
	in.scheme = &parsed
	return nil
}

// checkPairing says whether an endpoint's signature and scheme go
// together: signature "hmac" needs a scheme, and only it takes one.
func checkPairing(signature string, scheme *sigscheme.Scheme) error {
	switch {
	case signature == herald.SignatureHMAC && scheme == nil:
		return errMissing("signature_scheme", `{"signature": "hmac", "signature_scheme": {"algorithm": "sha256", "encoding": "hex", `+
			`"signed": "{timestamp}.{body}", "header": "X-Webhook-Signature", "value": "{signature}", "timestamp_header": "X-Webhook-Timestamp", "key": "utf8"}}`)
	case signature != herald.SignatureHMAC && scheme != nil:
		return invalidf("signature_scheme describes signature %q; give it with \"signature\": %q", herald.SignatureHMAC, herald.SignatureHMAC)
	}
	return nil
}

// checkSecret checks a secret brought for an endpoint: a "whsec_" secret,
// or for an Ed25519 endpoint a "whsk_" signing key.
func checkSecret(secret string, ed bool) error {
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

func (s *Server) createEndpoint(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	var in endpointInput
	if err := decode(w, r, &in, maxBody); err != nil {
		return err
	}
	if in.URL == nil || *in.URL == "" {
		return errMissing("url", `{"url": "https://example.com/webhooks"}`)
	}
	policy, _, err := s.check(r.Context(), &in)
	if err != nil {
		return err
	}
	if err := in.resolveHeaders(nil); err != nil {
		return err
	}
	if err := s.checkTenantLimits(r.Context(), r.PathValue("tenant"), &in); err != nil {
		return err
	}
	ep := newEndpoint(&in, r.PathValue("tenant"), policy, s.now())
	if err := checkPairing(ep.Signature, ep.SignatureScheme); err != nil {
		return err
	}
	if err := s.cfg.Store.CreateEndpoint(r.Context(), ep); err != nil {
		return err
	}
	s.cfg.Endpoints.Invalidate(ep.TenantID, ep.ID)
	s.reportEndpoint(opevent.EndpointCreated, ep, "", ep.CreatedAt)
	writeJSON(w, http.StatusCreated, withSecret(ep))
	return nil
}

// newEndpoint makes an endpoint from a checked input.
func newEndpoint(in *endpointInput, tenant string, policy *retry.Policy, now time.Time) *herald.Endpoint {
	ep := &herald.Endpoint{
		ID: herald.NewID(herald.PrefixEndpoint), TenantID: tenant, URL: *in.URL,
		EventTypes: []string{}, Channels: []string{}, Headers: map[string]string{},
		RetryPolicy: policy, Secret: signing.NewSecret(), CreatedAt: now, UpdatedAt: now,
	}
	if in.Description != nil {
		ep.Description = *in.Description
	}
	if in.EventTypes != nil {
		ep.EventTypes = *in.EventTypes
	}
	if in.Channels != nil {
		ep.Channels = *in.Channels
	}
	if in.Headers != nil {
		ep.Headers = in.headers
	}
	if in.Disabled != nil && *in.Disabled {
		ep.Disabled, ep.DisabledReason = true, "disabled by request"
	}
	if in.Paused != nil {
		ep.Paused = *in.Paused
	}
	if in.DisableAfterFailures != nil {
		ep.DisableAfterFailures = *in.DisableAfterFailures
	}
	for dst, src := range map[*string]*string{&ep.Signature: in.Signature, &ep.SignatureHeader: in.SignatureHeader,
		&ep.PathSuffix: in.PathSuffix, &ep.UserAgent: in.UserAgent, &ep.BearerToken: in.BearerToken,
		&ep.Format: in.Format, &ep.EnvelopeObject: in.EnvelopeObject, &ep.APIVersion: in.APIVersion} {
		if src != nil {
			*dst = *src
		}
	}
	ep.BearerTokenSet = ep.BearerToken != ""
	if in.scheme != nil {
		ep.SignatureScheme = *in.scheme
	}
	ep.RateLimit = in.rateLimit
	if in.Ordering != nil {
		ep.Ordering = *in.Ordering
	}
	if in.SendTraceparent != nil {
		ep.SendTraceparent = *in.SendTraceparent
	}
	if ep.Signature == herald.SignatureEd25519 {
		ep.Secret = signing.NewSigningKey()
	}
	if in.Secret != nil {
		ep.Secret = *in.Secret
	}
	return ep
}

func (s *Server) listEndpoints(w http.ResponseWriter, r *http.Request, key *herald.APIKey) error {
	tenant, page, err := s.tenantPage(r)
	if err != nil {
		return err
	}
	unhealthy, err := boolQuery(r, "unhealthy")
	if err != nil {
		return err
	}
	// A key limited to some endpoints lists those (IDs nil: all).
	eps, next, err := s.cfg.Store.FindEndpoints(r.Context(), store.EndpointFilter{TenantID: tenant, Unhealthy: unhealthy, IDs: key.EndpointIDs, Page: page})
	if err != nil {
		return err
	}
	for _, ep := range eps {
		present(ep)
	}
	writeJSON(w, http.StatusOK, newList(eps, next))
	return nil
}

// endpointAnswer is an endpoint as GET shows it: a FIFO endpoint with its
// queue's state.
type endpointAnswer struct {
	*herald.Endpoint
	FIFO *fifoState `json:"fifo,omitempty"`
}

// fifoState is a FIFO endpoint's queue: the head, the delivery that goes
// (or is going) now, and how many wait behind it. Blocked says the head
// has failed at least once and holds the rest back until it succeeds or
// its retries end.
type fifoState struct {
	Head    *herald.Delivery `json:"head"`
	Waiting int              `json:"waiting"`
	Blocked bool             `json:"blocked"`
}

func (s *Server) getEndpoint(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	ctx, tenant := r.Context(), r.PathValue("tenant")
	ep, err := s.cfg.Store.FindEndpointByID(ctx, tenant, r.PathValue("endpoint"))
	if err != nil {
		return err
	}
	answer := endpointAnswer{Endpoint: present(ep)}
	if ep.Ordering == herald.OrderingFIFO {
		head, waiting, err := s.cfg.Store.FindFIFOHead(ctx, tenant, ep.ID)
		if err != nil {
			return err
		}
		answer.FIFO = &fifoState{Head: head, Waiting: waiting, Blocked: head != nil && head.Attempts > 0}
	}
	writeJSON(w, http.StatusOK, answer)
	return nil
}

func (s *Server) updateEndpoint(w http.ResponseWriter, r *http.Request, key *herald.APIKey) error {
	var in endpointInput
	if err := decode(w, r, &in, maxBody); err != nil {
		return err
	}
	if in.Secret != nil {
		return invalidf("secret cannot be changed with PATCH; use POST .../rotate-secret")
	}
	if in.URL != nil && *in.URL == "" {
		return invalidf("url cannot be empty")
	}
	policy, setPolicy, err := s.check(r.Context(), &in)
	if err != nil {
		return err
	}
	id := r.PathValue("endpoint")
	// The endpoint as it was: what a signature change may become, and
	// which operational event the change is.
	cur, err := s.cfg.Store.FindEndpointByID(r.Context(), r.PathValue("tenant"), id)
	if err != nil {
		return err
	}
	if err := s.authorizeChange(r.Context(), key, cur, &in); err != nil {
		return err
	}
	if err := in.resolveHeaders(cur.Headers); err != nil {
		return err
	}
	if in.Signature != nil || in.scheme != nil {
		signature, scheme := cur.Signature, cur.SignatureScheme
		if in.Signature != nil {
			signature = *in.Signature
			if signature != herald.SignatureHMAC && in.scheme == nil {
				var none *sigscheme.Scheme
				in.scheme = &none // leaving "hmac" drops its scheme
			}
		}
		if in.scheme != nil {
			scheme = *in.scheme
		}
		// A secret and a key pair are not interchangeable: the scheme may
		// change within its kind only.
		if (cur.Signature == herald.SignatureEd25519) != (signature == herald.SignatureEd25519) {
			return invalidf("signature cannot change between %q (a key pair) and the secret schemes; make a new endpoint for it", herald.SignatureEd25519)
		}
		if err := checkPairing(signature, scheme); err != nil {
			return err
		}
	}
	if err := s.checkTenantLimits(r.Context(), r.PathValue("tenant"), &in); err != nil {
		return err
	}
	upd := store.EndpointUpdate{
		URL: in.URL, Description: in.Description, EventTypes: in.EventTypes, Channels: in.Channels,
		SetRetryPolicy: setPolicy, RetryPolicy: policy, Disabled: in.Disabled, Paused: in.Paused,
		Signature: in.Signature, SignatureScheme: in.scheme, SignatureHeader: in.SignatureHeader, PathSuffix: in.PathSuffix, UserAgent: in.UserAgent,
		BearerToken: in.BearerToken, Format: in.Format, EnvelopeObject: in.EnvelopeObject, APIVersion: in.APIVersion,
		DisableAfterFailures: in.DisableAfterFailures,
		SetRateLimit:         in.setRateLimit, RateLimit: in.rateLimit, Ordering: in.Ordering,
		SendTraceparent: in.SendTraceparent,
	}
	if in.Headers != nil {
		upd.Headers = &in.headers
	}
	if in.Disabled != nil && *in.Disabled {
		reason := "disabled by request"
		upd.DisabledReason = &reason
	}
	ep, err := s.cfg.Store.UpdateEndpoint(r.Context(), r.PathValue("tenant"), id, upd)
	if err != nil {
		return err
	}
	if err := s.endSessionsLimitedTo(r.Context(), ep); err != nil {
		return err
	}
	switch {
	case cur.Disabled && !ep.Disabled:
		s.reportEndpoint(opevent.EndpointEnabled, ep, "", ep.UpdatedAt)
	case !cur.Disabled && ep.Disabled:
		s.reportEndpoint(opevent.EndpointDisabled, ep, ep.DisabledReason, ep.UpdatedAt)
	default:
		s.reportEndpoint(opevent.EndpointUpdated, ep, "", ep.UpdatedAt)
	}
	s.cfg.Endpoints.Invalidate(ep.TenantID, id)
	s.cfg.Engine.Release(id)
	if ep.Active() {
		s.cfg.Engine.Wake() // deliveries it just resumed are due now
	}
	writeJSON(w, http.StatusOK, present(ep))
	return nil
}

func (s *Server) deleteEndpoint(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	id := r.PathValue("endpoint")
	ep, err := s.cfg.Store.FindEndpointByID(r.Context(), r.PathValue("tenant"), id)
	if err != nil {
		return err
	}
	if err := s.cfg.Store.DeleteEndpoint(r.Context(), r.PathValue("tenant"), id); err != nil {
		return err
	}
	s.cfg.Endpoints.Invalidate(r.PathValue("tenant"), id)
	s.reportEndpoint(opevent.EndpointDeleted, ep, "", s.now())
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// authorizeChange applies the field-level half of the access table to a
// PATCH of endpoint cur (access.DecideChange): a key limited to some
// endpoints may not widen what they receive. And an endpoint a live
// limited session manages may not be subscribed to operational events,
// which tell of every endpoint of the tenant, by any key.
func (s *Server) authorizeChange(ctx context.Context, key *herald.APIKey, cur *herald.Endpoint, in *endpointInput) error {
	now := access.Routing{EventTypes: cur.EventTypes, Channels: cur.Channels}
	next := now
	if in.EventTypes != nil {
		next.EventTypes = *in.EventTypes
	}
	if in.Channels != nil {
		next.Channels = *in.Channels
	}
	switch v, field := access.DecideChange(access.KeyOf(key), cur.ID, in.fields(), now, next); v {
	case access.Hidden:
		return herald.Errorf(herald.ENOTFOUND, "endpoint %q does not exist", cur.ID)
	case access.Forbidden:
		return herald.Errorf(herald.EFORBIDDEN, "%s", access.Narrows(field))
	}
	if !access.Reports(next) || access.Reports(now) {
		return nil
	}
	sessions, err := s.sessionsLimitedTo(ctx, cur.TenantID, cur.ID)
	if err != nil {
		return err
	}
	if len(sessions) > 0 {
		return invalidf("event_types: endpoint %s is managed by portal session %s, limited to some endpoints; it cannot receive operational events (endpoint.*, delivery.*), which tell of every endpoint of the tenant: end the session first, or use another endpoint", cur.ID, sessions[0].ID)
	}
	return nil
}

// sessionsLimitedTo lists the live portal sessions of tenant limited to
// endpoints that include endpoint id.
func (s *Server) sessionsLimitedTo(ctx context.Context, tenant, id string) ([]*herald.APIKey, error) {
	sessions, err := s.cfg.Store.FindPortalSessions(ctx, tenant)
	if err != nil {
		return nil, err
	}
	var out []*herald.APIKey
	for _, k := range sessions {
		if slices.Contains(k.EndpointIDs, id) && k.ExpiresAt != nil && k.ExpiresAt.After(s.now()) {
			out = append(out, k)
		}
	}
	return out, nil
}

// endSessionsLimitedTo ends the live sessions limited to endpoint ep once
// it receives operational events. authorizeChange refused them before the
// write, but a session made at that moment checked the endpoint before
// the write too: looked for again after it, such a session is ended (its
// link no longer signs in) rather than left to manage the endpoint.
func (s *Server) endSessionsLimitedTo(ctx context.Context, ep *herald.Endpoint) error {
	if !access.Reports(access.Routing{EventTypes: ep.EventTypes}) {
		return nil
	}
	sessions, err := s.sessionsLimitedTo(ctx, ep.TenantID, ep.ID)
	if err != nil {
		return err
	}
	for _, k := range sessions {
		if _, err := s.cfg.Store.DeletePortalSessions(ctx, ep.TenantID, k.ID); err != nil {
			return err
		}
		s.keys.forget(k.ID)
		s.log.Warn("ended a portal session made while its endpoint was subscribed to operational events", "tenant", ep.TenantID, "endpoint", ep.ID, "session", k.ID)
	}
	return nil
}

// fields lists the fields the body of in names, by their JSON names, for
// the access table.
func (in *endpointInput) fields() []string {
	var out []string
	v := reflect.ValueOf(in).Elem()
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

// maxGracePeriod bounds how long a rotated-out secret may keep signing.
const maxGracePeriod = 7 * 24 * time.Hour

func (s *Server) rotateSecret(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	id := r.PathValue("endpoint")
	cur, err := s.cfg.Store.FindEndpointByID(r.Context(), r.PathValue("tenant"), id)
	if err != nil {
		return err
	}
	secret, grace, err := s.rotation(w, r, cur.Signature == herald.SignatureEd25519)
	if err != nil {
		return err
	}
	ep, err := s.cfg.Store.RotateEndpointSecret(r.Context(), r.PathValue("tenant"), id, secret, s.now().Add(grace))
	if err != nil {
		return err
	}
	s.cfg.Endpoints.Invalidate(ep.TenantID, id)
	// The previous secret (or key) keeps signing, beside the new one, until
	// previous_secret_expires_at.
	writeJSON(w, http.StatusOK, struct {
		endpointWithSecret
		PreviousSecretExpiresAt time.Time `json:"previous_secret_expires_at"`
	}{withSecret(ep), ep.PreviousSecretExpiresAt})
	return nil
}

// rotation reads a rotation's request: the new secret (brought, or made:
// an ed25519 signing key when ed) and how long the old one keeps signing.
func (s *Server) rotation(w http.ResponseWriter, r *http.Request, ed bool) (secret string, grace time.Duration, err error) {
	var in struct {
		Secret      *string         `json:"secret"`
		GracePeriod *retry.Duration `json:"grace_period"`
	}
	if r.ContentLength != 0 {
		if err := decode(w, r, &in, maxBody); err != nil {
			return "", 0, err
		}
	}
	grace = s.cfg.SecretGracePeriod
	if in.GracePeriod != nil {
		grace = time.Duration(*in.GracePeriod)
		if grace < 0 || grace > maxGracePeriod {
			return "", 0, invalidf("grace_period must be between \"0s\" (stop the old secret now) and %q", maxGracePeriod.String())
		}
	}
	secret = signing.NewSecret()
	if ed {
		secret = signing.NewSigningKey()
	}
	if in.Secret != nil {
		if err := checkSecret(*in.Secret, ed); err != nil {
			return "", 0, err
		}
		secret = *in.Secret
	}
	return secret, grace, nil
}

// parsePolicy reads a retry policy; absent or null is nil (the default).
func parsePolicy(field string, raw json.RawMessage) (*retry.Policy, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	policy := new(retry.Policy)
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(policy); err != nil {
		return nil, invalidf("%s is not valid: %s", field, strings.TrimPrefix(err.Error(), "json: "))
	}
	if err := policy.Validate(); err != nil {
		return nil, invalidf("%s is not valid: %v", field, err)
	}
	return policy, nil
}

// testResult is the outcome of a test attempt.
type testResult struct {
	EventID      string  `json:"event_id"`
	Succeeded    bool    `json:"succeeded"`
	StatusCode   int     `json:"status_code,omitempty"`
	DurationMS   float64 `json:"duration_ms"`
	ResponseBody string  `json:"response_body,omitempty"`
	Error        string  `json:"error,omitempty"`
}

// testEndpoint sends a webhook.test event to an endpoint now, signed and
// shaped as its real deliveries are, and answers with what came of it, so
// that a receiver's verification can be checked before going live. The
// test is not stored and not retried.
func (s *Server) testEndpoint(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	var in struct {
		EventType string `json:"event_type"`
	}
	if r.ContentLength != 0 {
		if err := decode(w, r, &in, maxBody); err != nil {
			return err
		}
	}
	if in.EventType == "" {
		in.EventType = "webhook.test"
	} else if err := checkName("event_type", in.EventType); err != nil {
		return err
	}
	ep, err := s.cfg.Store.FindEndpointByID(r.Context(), r.PathValue("tenant"), r.PathValue("endpoint"))
	if err != nil {
		return err
	}
	now := s.now()
	data, err := json.Marshal(map[string]string{"endpoint_id": ep.ID, "message": "This is a test event from Herald."})
	if err != nil {
		return err
	}
	// A test of a type in the catalogue carries its first example.
	if in.EventType != "webhook.test" {
		ets, err := s.cfg.Store.FindEventTypes(r.Context())
		if err != nil {
			return err
		}
		for _, et := range ets {
			if et.Name == in.EventType && len(et.Examples) > 0 {
				data = et.Examples[0]
			}
		}
	}
	ev := &herald.Event{ID: herald.NewID(herald.PrefixEvent), TenantID: ep.TenantID, Type: in.EventType,
		Channels: []string{}, Data: data, CreatedAt: now}
	url, headers, body, err := wire.Build(ep, ev, now)
	if err != nil {
		return err
	}
	res := s.cfg.Sender.Send(r.Context(), sender.Request{URL: url, Headers: headers, Body: body})
	writeJSON(w, http.StatusOK, testResult{
		EventID: ev.ID, Succeeded: res.StatusCode >= 200 && res.StatusCode < 300, StatusCode: res.StatusCode,
		DurationMS: float64(res.Duration.Microseconds()) / 1000, ResponseBody: res.Body, Error: res.Err,
	})
	return nil
}

// replayEndpoint makes an endpoint's failed deliveries, created in a time
// range, due again: after an outage, once the endpoint is fixed and
// enabled.
func (s *Server) replayEndpoint(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	var in struct {
		Since *time.Time `json:"since"`
		Until *time.Time `json:"until"`
	}
	if err := decode(w, r, &in, maxBody); err != nil {
		return err
	}
	if in.Since == nil {
		return errMissing("since", `{"since": "2026-11-23T00:00:00Z"}`)
	}
	now := s.now()
	until := now.Add(time.Microsecond)
	if in.Until != nil {
		until = *in.Until
	}
	if !until.After(*in.Since) {
		return invalidf("until must be after since")
	}
	n, err := s.cfg.Store.ReplayDeliveries(r.Context(), r.PathValue("tenant"), r.PathValue("endpoint"), *in.Since, until, now)
	if err != nil {
		return err
	}
	s.cfg.Engine.Wake()
	writeJSON(w, http.StatusAccepted, map[string]int{"replayed": n})
	return nil
}

// checkTenantLimits applies the tenant's own limits to an endpoint.
func (s *Server) checkTenantLimits(ctx context.Context, tenant string, in *endpointInput) error {
	if in.EventTypes == nil {
		return nil
	}
	t, err := s.cfg.Store.FindTenantByID(ctx, tenant)
	if err != nil {
		return err
	}
	if t.MaxEventTypes > 0 && len(*in.EventTypes) > t.MaxEventTypes {
		return invalidf("an endpoint of tenant %s may subscribe to at most %d event types, not %d", tenant, t.MaxEventTypes, len(*in.EventTypes))
	}
	return nil
}

// boolQuery reads a query parameter that is true, false or absent.
func boolQuery(r *http.Request, name string) (bool, error) {
	switch v := r.URL.Query().Get(name); v {
	case "", "false":
		return false, nil
	case "true":
		return true, nil
	default:
		return false, invalidf("?%s= must be true or false, not %q", name, v)
	}
}
