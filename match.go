package herald

import (
	"slices"
	"strings"
)

// Matches reports whether ep should receive ev. A disabled endpoint receives
// nothing, nor does a job's callback, which gets only its job's end. An endpoint with event types receives only those types. Channels
// scope events to a source: an event that names channels goes only to
// endpoints subscribed to at least one of them, and an endpoint with
// channels receives only events on one of its channels. Events and
// endpoints without channels meet each other as usual.
//
// Operational events (IsOperational) go only to endpoints that name
// their type: an endpoint of every type is a customer's receiver of the
// platform's events, not of Herald's reports about it.
func Matches(ep *Endpoint, ev *Event) bool {
	if ep.Disabled || ep.TenantID != ev.TenantID || ep.JobID != "" {
		return false
	}
	if len(ep.EventTypes) > 0 && !slices.Contains(ep.EventTypes, ev.Type) {
		return false
	}
	if len(ep.EventTypes) == 0 && IsOperational(ev.Type) {
		return false
	}
	if len(ev.Channels) == 0 && len(ep.Channels) == 0 {
		return true
	}
	for _, c := range ev.Channels {
		if slices.Contains(ep.Channels, c) {
			return true
		}
	}
	return false
}

// IsOperational reports whether an event type is one of Herald's
// operational events, about endpoints and deliveries themselves
// (package opevent): "endpoint." or "delivery." and a name.
func IsOperational(eventType string) bool {
	return strings.HasPrefix(eventType, "endpoint.") || strings.HasPrefix(eventType, "delivery.")
}
