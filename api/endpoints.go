package api

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/access"
	"github.com/heraldhq/herald/endpointspec"
	"github.com/heraldhq/herald/header"
	"github.com/heraldhq/herald/opevent"
	"github.com/heraldhq/herald/retry"
	"github.com/heraldhq/herald/sender"
	"github.com/heraldhq/herald/signing"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/wire"
)

// endpointSettings is what body p makes of the settings of endpoint cur
// (nil: a new endpoint, from the defaults): merged
// (endpointspec.Patch.Apply) and validated (Settings.Validate), and the
// URL, when the body names one, allowed by the egress policy, which is
// the one check that is not pure: it resolves the host.
func (s *Server) endpointSettings(ctx context.Context, p *endpointspec.Patch, cur *herald.Endpoint) (endpointspec.Settings, error) {
	if err := p.Shown.Check(cur); err != nil {
		return endpointspec.Settings{}, err
	}
	base := endpointspec.Defaults()
	if cur != nil {
		base = endpointspec.FromEndpoint(cur).WithDefaults()
	}
	next, err := p.Apply(base)
	if err != nil {
		return next, err
	}
	if err := next.Validate(); err != nil {
		return next, err
	}
	if cur != nil {
		if err := endpointspec.ValidateChange(base, next); err != nil {
			return next, err
		}
	}
	if p.URL != nil {
		u, err := s.cfg.Guard.Check(ctx, next.URL)
		if err != nil {
			return next, invalidf("url is not allowed: %s", strings.TrimPrefix(err.Error(), "blocked by policy: "))
		}
		next.URL = u.String()
	}
	// Stored credentials do not follow the URL to another origin unless
	// the body gives them again: for every key, as none can read them
	// back. A URL the policy refuses is refused as such first: that is
	// the error to mend.
	if cur != nil {
		if err := endpointspec.CheckMove(*p, base, next); err != nil {
			return next, err
		}
	}
	return next, nil
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

// present makes ep what an answer shows: every setting with its default
// spelled out (endpointspec.Settings.WithDefaults, so that an endpoint
// stored before a default was written shows it too), an Ed25519
// endpoint's public key, and its headers' values masked.
func present(ep *herald.Endpoint) *herald.Endpoint {
	endpointspec.FromEndpoint(ep).WithDefaults().Fill(ep)
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

func (s *Server) createEndpoint(w http.ResponseWriter, r *http.Request, _ *herald.APIKey) error {
	var p endpointspec.Patch
	if err := decode(w, r, &p, maxBody); err != nil {
		return err
	}
	settings, err := s.endpointSettings(r.Context(), &p, nil)
	if err != nil {
		return err
	}
	if p.Secret != nil {
		if err := endpointspec.CheckSecret(*p.Secret, settings.Signature == herald.SignatureEd25519); err != nil {
			return err
		}
	}
	if err := s.checkTenantLimits(r.Context(), r.PathValue("tenant"), settings.EventTypes); err != nil {
		return err
	}
	ep := newEndpoint(settings, r.PathValue("tenant"), p.Secret, s.now())
	if err := s.cfg.Store.CreateEndpoint(r.Context(), ep); err != nil {
		return err
	}
	s.cfg.Endpoints.Invalidate(ep.TenantID, ep.ID)
	s.reportEndpoint(opevent.EndpointCreated, ep, "", ep.CreatedAt)
	writeJSON(w, http.StatusCreated, withSecret(ep))
	return nil
}

// newEndpoint makes an endpoint of tenant with validated settings and its
// secret: the one brought, or one made (a signing key for Ed25519).
func newEndpoint(settings endpointspec.Settings, tenant string, secret *string, now time.Time) *herald.Endpoint {
	ep := &herald.Endpoint{ID: herald.NewID(herald.PrefixEndpoint), TenantID: tenant, Secret: signing.NewSecret(), CreatedAt: now, UpdatedAt: now}
	settings.Fill(ep)
	if ep.Disabled {
		ep.DisabledReason = "disabled by request"
	}
	if ep.Signature == herald.SignatureEd25519 {
		ep.Secret = signing.NewSigningKey()
	}
	if secret != nil {
		ep.Secret = *secret
	}
	return ep
}

// endpointUpdate is the store's update from settings cur to next: the
// settings that differ, and only those, so that two PATCHes of different
// fields at once both hold, and the engine's own changes (a disabling
// after failures) are not written over by a PATCH that did not name them.
//
// Each setting is the field of store.EndpointUpdate with its name: a
// pointer to its value (nil: unchanged) or, for a setting that may be nil
// itself, the value beside a Set<Name> flag; a setting the update has no
// field for goes in its Settings map by name. So a new setting needs no
// line here nor in the store; TestEndpointUpdateCarriesEverySetting fails
// if it does not reach the endpoint.
func endpointUpdate(cur, next endpointspec.Settings) store.EndpointUpdate {
	var u store.EndpointUpdate
	uv := reflect.ValueOf(&u).Elem()
	cv, nv := reflect.ValueOf(cur), reflect.ValueOf(next)
	for i := range nv.NumField() {
		name, v := nv.Type().Field(i).Name, nv.Field(i)
		if reflect.DeepEqual(cv.Field(i).Interface(), v.Interface()) {
			continue
		}
		if !uv.FieldByName(name).IsValid() {
			// A setting with no field of its own in the store's update
			// (one kept in the settings column) goes by its name.
			if u.Settings == nil {
				u.Settings = map[string]any{}
			}
			u.Settings[name] = v.Interface()
			continue
		}
		if set := uv.FieldByName("Set" + name); set.IsValid() {
			set.SetBool(true)
			uv.FieldByName(name).Set(v)
			continue
		}
		p := reflect.New(v.Type())
		p.Elem().Set(v)
		uv.FieldByName(name).Set(p)
	}
	if next.Disabled && !cur.Disabled {
		reason := "disabled by request"
		u.DisabledReason = &reason
	}
	return u
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
	var p endpointspec.Patch
	if err := decode(w, r, &p, maxBody); err != nil {
		return err
	}
	if p.Secret != nil {
		return invalidf("secret cannot be changed with PATCH; use POST .../rotate-secret")
	}
	id := r.PathValue("endpoint")
	// The endpoint as it was: what the body changes, what a signature
	// change may become, and which operational event the change is.
	cur, err := s.cfg.Store.FindEndpointByID(r.Context(), r.PathValue("tenant"), id)
	if err != nil {
		return err
	}
	next, err := s.endpointSettings(r.Context(), &p, cur)
	if err != nil {
		return err
	}
	base := endpointspec.FromEndpoint(cur).WithDefaults()
	if err := s.authorizeChange(r.Context(), key, cur, p.Fields(), next); err != nil {
		return err
	}
	if endpointspec.RoutingChanged(base, next) {
		if err := s.checkTenantLimits(r.Context(), r.PathValue("tenant"), next.EventTypes); err != nil {
			return err
		}
	}
	upd := endpointUpdate(base, next)
	if reflect.ValueOf(upd).IsZero() {
		// Nothing changes (a GET's answer sent back): nothing is written,
		// woken or reported.
		writeJSON(w, http.StatusOK, present(cur))
		return nil
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
func (s *Server) authorizeChange(ctx context.Context, key *herald.APIKey, cur *herald.Endpoint, fields []string, settings endpointspec.Settings) error {
	now := access.Routing{EventTypes: cur.EventTypes, Channels: cur.Channels}
	next := access.Routing{EventTypes: settings.EventTypes, Channels: settings.Channels}
	switch v, field := access.DecideChange(access.KeyOf(key), cur.ID, fields, now, next); v {
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
		if err := endpointspec.CheckSecret(*in.Secret, ed); err != nil {
			return "", 0, err
		}
		secret = *in.Secret
	}
	return secret, grace, nil
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

// checkTenantLimits applies the tenant's own limits to an endpoint that
// subscribes to eventTypes.
func (s *Server) checkTenantLimits(ctx context.Context, tenant string, eventTypes []string) error {
	if len(eventTypes) == 0 {
		return nil
	}
	t, err := s.cfg.Store.FindTenantByID(ctx, tenant)
	if err != nil {
		return err
	}
	if t.MaxEventTypes > 0 && len(eventTypes) > t.MaxEventTypes {
		return invalidf("an endpoint of tenant %s may subscribe to at most %d event types, not %d", tenant, t.MaxEventTypes, len(eventTypes))
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
