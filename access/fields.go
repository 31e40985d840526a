package access

import (
	"slices"

	"github.com/heraldhq/herald"
)

// Change is what a key limited to some endpoints may do with one field of
// an endpoint's PATCH body, on one of its own endpoints. Every role that
// may PATCH endpoints at all (Manage: admin, tenant, portal) sets every
// field when it is not limited; read-only keys set none, as the route
// refuses them.
type Change int

const (
	// Settable: any value the field takes.
	Settable Change = iota
	// Narrowing: only to a value under which the endpoint receives no
	// event it would not have received before (its routing), so that a
	// session cannot widen its reach to other sub-customers' events
	// through the endpoints it was given.
	Narrowing
)

// EndpointFields places every field of an endpoint's PATCH body. A field
// missing here is refused to a limited key (Decide fails closed), and a
// test (endpointspec) checks that the body, endpointspec.Patch, has no
// field this table lacks.
var EndpointFields = map[string]Change{
	// url is Settable, but to another origin it takes the stored
	// bearer_token and headers only when the body gives them again:
	// endpointspec.CheckMove, the same for every key, as no key reads them.
	"url": Settable, "description": Settable, "headers": Settable, "retry_policy": Settable,
	"disabled": Settable, "paused": Settable, "signature": Settable, "signature_scheme": Settable,
	"signature_header": Settable, "path_suffix": Settable, "user_agent": Settable, "bearer_token": Settable,
	"format": Settable, "envelope_object": Settable, "api_version": Settable, "disable_after_failures": Settable,
	"rate_limit": Settable, "ordering": Settable, "send_traceparent": Settable,
	// A preset may fill event_types: the routing it would make is
	// judged as if the body named it.
	"preset": Settable,
	// What the endpoint receives.
	"event_types": Narrowing, "channels": Narrowing,
	// Never on PATCH (the API refuses it to every key), listed so that
	// the table names every field of the body.
	"secret": Settable,
}

// Routing is what an endpoint receives, as herald.Matches reads it.
type Routing struct {
	EventTypes []string
	Channels   []string
}

// Widens reports whether an endpoint routed as next would receive an event
// that one routed as cur would not, and names the field that widens it.
// It follows herald.Matches: no event types is every type but the
// operational ones; no channels is only the events that name none.
func Widens(cur, next Routing) (field string, widens bool) {
	switch {
	case len(cur.EventTypes) == 0:
		if slices.ContainsFunc(next.EventTypes, herald.IsOperational) {
			return "event_types", true
		}
	case len(next.EventTypes) == 0:
		return "event_types", true
	default:
		for _, t := range next.EventTypes {
			if !slices.Contains(cur.EventTypes, t) {
				return "event_types", true
			}
		}
	}
	if len(cur.Channels) == 0 && len(next.Channels) > 0 || len(cur.Channels) > 0 && len(next.Channels) == 0 {
		return "channels", true
	}
	for _, c := range next.Channels {
		if !slices.Contains(cur.Channels, c) {
			return "channels", true
		}
	}
	return "", false
}

// Reports reports whether an endpoint routed as r receives operational
// events, which tell of every endpoint of the tenant (ids, URLs,
// descriptions): never an endpoint a limited key manages.
func Reports(r Routing) bool {
	return slices.ContainsFunc(r.EventTypes, herald.IsOperational)
}

// DecideChange says whether key k may make a PATCH that sets fields on
// endpoint id, moving its routing from cur to next (route access is
// decided already, by Decide). It answers Allow, or Forbidden with the
// field at fault.
func DecideChange(k Key, id string, fields []string, cur, next Routing) (Verdict, string) {
	limited, allowed := k.Limited(id)
	if !limited {
		return Allow, ""
	}
	if !allowed {
		return Hidden, ""
	}
	for _, f := range fields {
		if _, ok := EndpointFields[f]; !ok {
			return Forbidden, f
		}
	}
	if f, widens := Widens(cur, next); widens {
		return Forbidden, f
	}
	return Allow, ""
}

// Narrows is the message of a Forbidden verdict of DecideChange. It
// starts with the field, so that the dashboard shows it beside it.
func Narrows(field string) string {
	return field + ": this portal session is limited to some endpoints; it may narrow " + field +
		" (receive fewer events) but not widen it to events its endpoints did not receive; ask the platform to change it"
}
