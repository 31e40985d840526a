// Package destination publishes webhooks to message brokers: the seam
// beside the HTTP sender (package sender) through which an endpoint whose
// destination is a queue or a stream receives its events.
//
// A message is a webhook. Its body is the exact bytes the endpoint's format
// renders for HTTP, and the Standard Webhooks headers (webhook-id,
// webhook-timestamp, webhook-signature) travel as the broker's message
// headers, so a consumer verifies it with a Standard Webhooks library
// exactly as an HTTP receiver does. Success is the broker's acknowledgement
// (a RabbitMQ publisher confirm, a JetStream PubAck), nothing earlier.
//
// Each kind has a config that is data with a pure Validate, a pure mapping
// from a Webhook to the broker's message (table-tested), and a publisher
// that pools connections per broker URL and dials only through an injected
// function, which Herald gives the egress guard, so broker addresses pass
// the same policy as URLs, at connect time.
//
// Not yet wired: no endpoint, API route or store method uses this package
// (docs/destinations.md says what remains).
package destination

import (
	"context"
	"errors"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/heraldhq/herald/egress"
)

// Webhook is one rendered webhook, as the wire package builds it for an
// attempt: the same id, timestamp, signature and body bytes an HTTP
// receiver would get.
type Webhook struct {
	// ID is the webhook-id: the event's id, the same on every retry, which
	// is also the broker's message id so that a broker or a consumer can
	// drop duplicates.
	ID string
	// Timestamp is the webhook-timestamp header's value exactly as it was
	// signed (Unix seconds, in decimal).
	Timestamp string
	// Signature is the webhook-signature header's value; empty when the
	// endpoint does not sign.
	Signature string
	// EventType is the event's type, carried as webhook-event-type (and in
	// the broker's own type field where it has one) so that consumers can
	// route without parsing the body.
	EventType string
	// ContentType is the body's media type. Default application/json.
	ContentType string
	// Body is the rendered body, byte for byte what was signed.
	Body []byte
}

// The header names a consumer reads. The first three are Standard
// Webhooks'; the event type is Herald's, named in the same family.
const (
	HeaderID          = "webhook-id"
	HeaderTimestamp   = "webhook-timestamp"
	HeaderSignature   = "webhook-signature"
	HeaderEventType   = "webhook-event-type"
	HeaderContentType = "content-type"
)

// contentType is w's content type, defaulted.
func (w Webhook) contentType() string {
	if w.ContentType == "" {
		return "application/json"
	}
	return w.ContentType
}

// headers returns the webhook's headers as name/value pairs, in a fixed
// order; the signature is left out when there is none.
func (w Webhook) headers() [][2]string {
	h := [][2]string{{HeaderID, w.ID}, {HeaderTimestamp, w.Timestamp}}
	if w.Signature != "" {
		h = append(h, [2]string{HeaderSignature, w.Signature})
	}
	if w.EventType != "" {
		h = append(h, [2]string{HeaderEventType, w.EventType})
	}
	return h
}

// FromHeaders makes the Webhook of one attempt from what the wire package
// builds for HTTP (wire.Build's headers and body) and the event's type. It
// keeps the Standard Webhooks headers and the content type and drops the
// rest: an HTTP endpoint's bearer token, static headers and User-Agent are
// for an HTTP receiver and may hold secrets meant for it alone.
func FromHeaders(headers map[string]string, eventType string, body []byte) Webhook {
	w := Webhook{EventType: eventType, Body: body}
	for k, v := range headers {
		switch strings.ToLower(k) {
		case HeaderID:
			w.ID = v
		case HeaderTimestamp:
			w.Timestamp = v
		case HeaderSignature:
			w.Signature = v
		case HeaderContentType:
			w.ContentType = v
		}
	}
	return w
}

// Destination publishes webhooks to one configured destination. It is safe
// for concurrent use.
type Destination interface {
	// Publish publishes w and waits for the broker's acknowledgement, no
	// longer than ctx allows (and the publisher's own timeout). It never
	// returns an error: every failure is a Result that the retry policy
	// can judge.
	Publish(ctx context.Context, w Webhook) Result
}

// Result is what came of one publish.
type Result struct {
	StartedAt time.Time
	Duration  time.Duration
	// Ack describes the broker's acknowledgement when there was one
	// ("confirmed by exchange orders", "stream ORDERS, sequence 42").
	Ack string
	// Duplicate is set when the broker acknowledged the message as one it
	// already held (JetStream's duplicate window): success, not stored
	// twice.
	Duplicate bool
	// Err names the failure, for people: empty on success.
	Err string
	// Retryable says whether another attempt may succeed. False for a
	// destination the egress policy refuses, a config that cannot work
	// and a message the broker refuses for what it is (too large).
	Retryable bool
	// Blocked is set when the egress policy refused the broker's address.
	Blocked bool
}

// OK reports whether the broker acknowledged the message.
func (r Result) OK() bool { return r.Err == "" }

// DialFunc dials one address. Herald passes the egress guard's
// DialContext, so that every broker address is checked when it is dialled;
// tests pass one that refuses anything but loopback.
type DialFunc = egress.DialFunc

// Defaults for a publisher's Config.
const (
	DefaultTimeout  = 10 * time.Second
	DefaultIdleTime = 5 * time.Minute
)

// Config configures a publisher of any kind.
type Config struct {
	// Dial dials every connection to a broker. Required: there is no
	// unguarded way out.
	Dial DialFunc
	// Timeout bounds a whole publish when the caller's context allows
	// more: dialling, handshake, publishing and waiting for the
	// acknowledgement. Default 10 s.
	Timeout time.Duration
	// IdleTime is how long a connection that nothing used is kept.
	// Default 5 minutes.
	IdleTime time.Duration
	// Now returns the current time; tests may fix it. Default time.Now.
	Now func() time.Time
}

// withDefaults checks c and fills its defaults.
func (c Config) withDefaults() (Config, error) {
	if c.Dial == nil {
		return c, errors.New("destination: Config.Dial is required")
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.IdleTime <= 0 {
		c.IdleTime = DefaultIdleTime
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c, nil
}

// classifyIn classifies the failure of a publish made under ctx: one whose
// context ended is a timeout (or a cancel), whatever the client made of
// the socket it closed; a refusal by the egress policy stays one.
func classifyIn(ctx context.Context, err error, classify func(error) (string, bool, bool)) (reason string, retryable, blocked bool) {
	reason, retryable, blocked = classify(err)
	if blocked {
		return reason, retryable, blocked
	}
	// A socket deadline set to the context's can fire a moment before the
	// context's own timer does: the deadline having passed is enough.
	if dl, ok := ctx.Deadline(); ok && !time.Now().Before(dl) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return "timeout", true, false
	}
	if ctx.Err() != nil {
		return "canceled", true, false
	}
	return reason, retryable, blocked
}

// failure is a Result for a failed publish.
func failure(start, end time.Time, reason string, retryable, blocked bool) Result {
	return Result{StartedAt: start, Duration: end.Sub(start), Err: reason, Retryable: retryable, Blocked: blocked}
}

// classifyNet names the failures every kind shares: refused by the egress
// policy, out of time, refused or reset connections. ok is false when err
// is none of those.
func classifyNet(err error) (reason string, retryable, blocked, ok bool) {
	var be *egress.BlockedError
	var dnsErr *net.DNSError
	var netErr net.Error
	switch {
	case errors.As(err, &be):
		return be.Error(), false, true, true
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return "timeout", true, false, true
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused", true, false, true
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset", true, false, true
	case errors.As(err, &dnsErr):
		return "dns: " + dnsErr.Err + " for " + dnsErr.Name, true, false, true
	case errors.Is(err, context.Canceled):
		return "canceled", true, false, true
	}
	return "", false, false, false
}

// guardConn bounds blocking I/O on a broker connection by ctx: when ctx
// ends before stop is called, the raw connection is closed, which fails
// every read and write on it at once. A broker that accepts and never
// answers thus costs one attempt's timeout, not a goroutine held forever.
// stop reports whether the connection is still open.
func guardConn(ctx context.Context, raw net.Conn) (stop func() bool) {
	return context.AfterFunc(ctx, func() { raw.Close() })
}
