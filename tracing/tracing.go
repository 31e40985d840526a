// Package tracing exports OpenTelemetry traces of what Herald does with an
// event: the API request that brought it (a server span continuing the
// caller's traceparent), the store commit that made it durable, and each
// delivery attempt (a client span: endpoint, status code, outcome, retry
// decision) as a child of that request's span, however much later and on
// whichever node the attempt runs. What lets an attempt days later join
// the trace is the request's trace context, stored with the event as a
// W3C traceparent; this package writes and reads it.
//
// Tracing is off unless configured (Resolve). Off, a *Tracer is nil and
// its methods do nothing, so the paths that call them pay a nil check.
package tracing

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.40.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/heraldhq/herald/ratelog"
)

// instrumentation is the name of Herald's tracer.
const instrumentation = "github.com/heraldhq/herald"

// Header is the W3C trace context header, read from API callers and, for
// endpoints that ask for it, sent to receivers.
const Header = "traceparent"

// Tracer makes Herald's spans. A nil *Tracer is tracing off.
type Tracer struct {
	provider *sdktrace.TracerProvider
	tracer   trace.Tracer
}

// Start returns the tracer that s asks for, exporting with OTLP in
// batches, or nil when s is off. version and node name the service
// instance in the spans' resource (service.version, service.instance.id);
// OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES override them, and
// OTEL_TRACES_SAMPLER chooses the sampler (default: every trace, or as
// the caller's traceparent says). Export failures (a collector down)
// go to log, at most one a minute; spans beyond the exporter's queue
// (2,048) are dropped rather than held.
func Start(ctx context.Context, s Settings, version, node string, log *slog.Logger) (*Tracer, error) {
	if !s.On {
		return nil, nil
	}
	limit := ratelog.New(time.Minute)
	otel.SetErrorHandler(otel.ErrorHandlerFunc(func(err error) {
		if ok, n := limit.Allow("otel", time.Now()); ok {
			log.Warn("OpenTelemetry: exporting traces failed", "err", err, "similar_not_logged", n)
		}
	}))
	var exp sdktrace.SpanExporter
	var err error
	switch s.Protocol {
	case ProtocolGRPC:
		var opts []otlptracegrpc.Option
		if s.EndpointURL != "" {
			opts = append(opts, otlptracegrpc.WithEndpointURL(s.EndpointURL))
		}
		exp, err = otlptracegrpc.New(ctx, opts...)
	default:
		var opts []otlptracehttp.Option
		if s.EndpointURL != "" {
			opts = append(opts, otlptracehttp.WithEndpointURL(s.EndpointURL))
		}
		exp, err = otlptracehttp.New(ctx, opts...)
	}
	if err != nil {
		return nil, err
	}
	res, err := resource.New(ctx,
		resource.WithAttributes(semconv.ServiceName("herald"), semconv.ServiceVersion(version), semconv.ServiceInstanceID(node)),
		resource.WithFromEnv(), resource.WithTelemetrySDK())
	if err != nil {
		return nil, err
	}
	return New(sdktrace.WithResource(res), sdktrace.WithBatcher(exp)), nil
}

// New returns a tracer over a provider made with opts: tests pass an
// in-memory exporter (sdktrace.WithSyncer).
func New(opts ...sdktrace.TracerProviderOption) *Tracer {
	p := sdktrace.NewTracerProvider(opts...)
	return &Tracer{provider: p, tracer: p.Tracer(instrumentation)}
}

// Shutdown exports the spans not yet sent and stops the exporter.
func (t *Tracer) Shutdown(ctx context.Context) error {
	if t == nil {
		return nil
	}
	return t.provider.Shutdown(ctx)
}

// Handler traces the API requests (those under /v1/) that next serves:
// one server span each, named by its route once routed, continuing the
// caller's traceparent. Off, it is next itself.
func (t *Tracer) Handler(next http.Handler) http.Handler {
	if t == nil {
		return next
	}
	return otelhttp.NewHandler(next, "herald",
		otelhttp.WithTracerProvider(t.provider),
		otelhttp.WithPropagators(propagation.TraceContext{}),
		otelhttp.WithFilter(func(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/v1/") }))
}

// Route names the route of the request whose span ctx holds (the span
// name says it too, but http.route is what backends group by).
func Route(ctx context.Context, pattern string) {
	if span := trace.SpanFromContext(ctx); span.IsRecording() {
		if _, path, ok := strings.Cut(pattern, " "); ok {
			pattern = path
		}
		span.SetAttributes(semconv.HTTPRoute(pattern))
	}
}

// Caller returns ctx with the trace context of the caller's traceparent
// header, when it sent a valid one: with tracing off, Herald still passes
// it on to the receivers that ask for it.
func Caller(ctx context.Context, h http.Header) context.Context {
	if h.Get(Header) == "" {
		return ctx
	}
	return propagation.TraceContext{}.Extract(ctx, propagation.HeaderCarrier(h))
}

// TraceParent is the traceparent of the span (local or the caller's) that
// ctx holds, to store with an event; "" when it holds none.
func TraceParent(ctx context.Context) string {
	return format(trace.SpanContextFromContext(ctx))
}

// format writes a span context as a W3C traceparent (version 00).
func format(sc trace.SpanContext) string {
	if !sc.IsValid() {
		return ""
	}
	tid, sid := sc.TraceID(), sc.SpanID()
	flags := "00"
	if sc.IsSampled() {
		flags = "01"
	}
	return "00-" + tid.String() + "-" + sid.String() + "-" + flags
}

// parent is the context of a stored traceparent, for a span to continue.
func parent(traceparent string) context.Context {
	ctx := context.Background()
	if traceparent == "" {
		return ctx
	}
	return propagation.TraceContext{}.Extract(ctx, propagation.MapCarrier{Header: traceparent})
}

// Commit traces a store write of events with deliveries, as a child of
// the request's span in ctx; call the function returned with its error.
func (t *Tracer) Commit(ctx context.Context, events, deliveries int) (context.Context, func(error)) {
	if t == nil {
		return ctx, func(error) {}
	}
	ctx, span := t.tracer.Start(ctx, "herald.store.commit", trace.WithAttributes(
		attribute.Int("herald.events", events), attribute.Int("herald.deliveries", deliveries)))
	return ctx, func(err error) {
		if err != nil {
			span.RecordError(err)
			span.SetStatus(codes.Error, err.Error())
		}
		span.End()
	}
}
