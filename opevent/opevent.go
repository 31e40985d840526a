// Package opevent describes Herald's operational events: events about
// Herald itself (an endpoint made, changed, deleted, disabled or enabled;
// a delivery failing, out of retries, or recovered), delivered like any
// other event to the endpoints subscribed to them.
//
// Each event's id is derived from what it reports (the endpoint or
// delivery, and the change's time or attempt count), never drawn at
// random: an event emitted again after a crash, or by two nodes that saw
// the same change, is the same event, which the store keeps once.
//
// What to emit after an attempt is AfterAttempt, a pure decision.
package opevent

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/retry"
)

// The operational event types.
const (
	EndpointCreated   = "endpoint.created"
	EndpointUpdated   = "endpoint.updated"
	EndpointDeleted   = "endpoint.deleted"
	EndpointDisabled  = herald.EventEndpointDisabled
	EndpointEnabled   = "endpoint.enabled"
	DeliveryFailing   = "delivery.failing"
	DeliveryExhausted = "delivery.exhausted"
	DeliveryRecovered = "delivery.recovered"
)

// Types lists the operational event types.
var Types = []string{EndpointCreated, EndpointUpdated, EndpointDeleted, EndpointDisabled, EndpointEnabled,
	DeliveryFailing, DeliveryExhausted, DeliveryRecovered}

// DefaultFailingAfter is how many failed attempts in a row make a
// delivery "failing" unless the operator says otherwise.
const DefaultFailingAfter = 4

// AfterAttempt decides which delivery event, if any, an attempt emits:
// the attempt that made failingAfter failed attempts in a row and will be
// retried, failing; one that ended the delivery failed, exhausted; a
// success after failingAfter or more failed attempts, recovered. done is
// how many attempts the delivery had before this one, all of them failed
// (a delivery that succeeds is not attempted again by the engine).
// Deliveries of operational events emit nothing, so that an endpoint that
// fails its operational events cannot feed itself more of them.
func AfterAttempt(eventType string, done int, v retry.Verdict, failingAfter int) string {
	if herald.IsOperational(eventType) || failingAfter <= 0 {
		return ""
	}
	switch {
	case v == retry.Retry && done+1 == failingAfter:
		return DeliveryFailing
	case v == retry.Fail:
		return DeliveryExhausted
	case v == retry.Succeed && done >= failingAfter:
		return DeliveryRecovered
	}
	return ""
}

// Endpoint is the data of an endpoint.* event.
type Endpoint struct {
	TenantID    string `json:"tenant_id"`
	EndpointID  string `json:"endpoint_id"`
	URL         string `json:"url"`
	Description string `json:"description"`
	// Reason says why it was disabled (endpoint.disabled only).
	Reason string    `json:"reason,omitempty"`
	At     time.Time `json:"at"`
}

// Delivery is the data of a delivery.* event.
type Delivery struct {
	TenantID       string    `json:"tenant_id"`
	EndpointID     string    `json:"endpoint_id"`
	DeliveryID     string    `json:"delivery_id"`
	EventID        string    `json:"event_id"`
	EventType      string    `json:"event_type"`
	Attempts       int       `json:"attempts"`
	LastStatusCode int       `json:"last_status_code,omitempty"`
	LastError      string    `json:"last_error,omitempty"`
	At             time.Time `json:"at"`
}

// ForEndpoint makes the event of type typ about an endpoint, for tenant
// (the endpoint's own, or the operator's). Its id names the endpoint and
// the change: the endpoint's creation, deletion, or the time of the
// update, disable or enable.
func ForEndpoint(tenant, typ string, d Endpoint) *herald.Event {
	id := d.EndpointID + "." + typ[len("endpoint."):]
	if typ != EndpointCreated && typ != EndpointDeleted {
		id += "." + strconv.FormatInt(d.At.UnixMicro(), 10)
	}
	return event(tenant, id, typ, d, d.At)
}

// ForDelivery makes the event of type typ about a delivery, for tenant.
// Its id names the delivery and its attempt count: a delivery replayed
// and exhausted again is a new event, the same report twice is not.
func ForDelivery(tenant, typ string, d Delivery) *herald.Event {
	id := d.DeliveryID + "." + typ[len("delivery."):] + "." + strconv.Itoa(d.Attempts)
	return event(tenant, id, typ, d, d.At)
}

func event(tenant, id, typ string, data any, at time.Time) *herald.Event {
	raw, _ := json.Marshal(data) // plain strings, ints and a time
	return &herald.Event{ID: id, TenantID: tenant, Type: typ, Channels: []string{}, Data: raw, CreatedAt: at}
}
