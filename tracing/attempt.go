package tracing

import (
	"net/url"
	"strconv"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	semconv "go.opentelemetry.io/otel/semconv/v1.40.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/heraldhq/herald/retry"
)

// Attempt is the delivery an attempt span is about.
type Attempt struct {
	TenantID, EndpointID, DeliveryID, EventID, EventType string
	Number                                               int    // 1 for the first attempt
	Trigger                                              string // scheduled, manual, replay, ...
	// URL is where the attempt goes. Only its scheme, host and port are
	// recorded: webhook URLs often carry their secret in the path or the
	// query (Slack's and Discord's do).
	URL string
}

func (a Attempt) attributes() []attribute.KeyValue {
	kv := []attribute.KeyValue{
		attribute.String("herald.tenant.id", a.TenantID),
		attribute.String("herald.endpoint.id", a.EndpointID),
		attribute.String("herald.delivery.id", a.DeliveryID),
		attribute.String("herald.event.id", a.EventID),
		attribute.String("herald.event.type", a.EventType),
		attribute.Int("herald.attempt.number", a.Number),
		attribute.String("herald.attempt.trigger", a.Trigger),
		semconv.HTTPRequestMethodPost,
	}
	if u, err := url.Parse(a.URL); err == nil && u.Host != "" {
		kv = append(kv, semconv.URLScheme(u.Scheme), semconv.ServerAddress(u.Hostname()))
		port := u.Port()
		if port == "" {
			port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
		}
		if n, err := strconv.Atoi(port); err == nil {
			kv = append(kv, semconv.ServerPort(n))
		}
	}
	return kv
}

// Outcome is how an attempt ended and what was decided of it.
type Outcome struct {
	StatusCode int    // 0: no response
	Err        string // why no response came: "timeout", "connection refused", ...
	Blocked    bool   // the egress policy refused the destination
	Decision   retry.Decision
}

// describe is what an attempt's span records of its outcome: attributes,
// and the span's status (an error unless the delivery succeeded).
func (o Outcome) describe() ([]attribute.KeyValue, codes.Code, string) {
	kv := []attribute.KeyValue{attribute.String("herald.attempt.outcome", o.Decision.Verdict.String())}
	if o.StatusCode > 0 {
		kv = append(kv, semconv.HTTPResponseStatusCode(o.StatusCode))
	}
	errType := ""
	switch {
	case o.Blocked:
		errType = "blocked"
	case o.StatusCode == 0 && o.Err != "":
		errType = o.Err
	case o.StatusCode >= 400 || (o.StatusCode > 0 && o.Decision.Verdict != retry.Succeed):
		errType = strconv.Itoa(o.StatusCode)
	}
	if errType != "" {
		kv = append(kv, semconv.ErrorTypeKey.String(errType))
	}
	if o.Decision.Verdict == retry.Retry {
		kv = append(kv, attribute.Int64("herald.retry.delay_ms", o.Decision.Delay.Milliseconds()))
	}
	if o.Decision.Reason != "" {
		kv = append(kv, attribute.String("herald.retry.reason", o.Decision.Reason))
	}
	if o.Decision.DisableEndpoint {
		kv = append(kv, attribute.Bool("herald.endpoint.disabled", true))
	}
	if o.Decision.Verdict == retry.Succeed {
		return kv, codes.Unset, ""
	}
	desc := o.Decision.Reason
	if desc == "" {
		desc = errType
	}
	return kv, codes.Error, desc
}

// AttemptSpan is the span of one delivery attempt; nil when tracing is
// off.
type AttemptSpan struct {
	span trace.Span
}

// StartAttempt starts the span of attempt a, as a child of the span that
// traceparent (stored with the event) names, or as a trace of its own
// when it names none.
func (t *Tracer) StartAttempt(traceparent string, a Attempt) *AttemptSpan {
	if t == nil {
		return nil
	}
	_, span := t.tracer.Start(parent(traceparent), "herald.attempt",
		trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(a.attributes()...))
	return &AttemptSpan{span: span}
}

// TraceParent is the traceparent to send the receiver: this attempt's
// span, so that the receiver's own spans are its children.
func (s *AttemptSpan) TraceParent() string {
	if s == nil {
		return ""
	}
	return format(s.span.SpanContext())
}

// End records the attempt's outcome and ends its span at end, when the
// attempt ended.
func (s *AttemptSpan) End(o Outcome, end time.Time) {
	if s == nil {
		return
	}
	kv, code, desc := o.describe()
	s.span.SetAttributes(kv...)
	s.span.SetStatus(code, desc)
	s.span.End(trace.WithTimestamp(end))
}
