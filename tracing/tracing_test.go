package tracing

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/heraldhq/herald/retry"
)

func TestResolve(t *testing.T) {
	for _, tc := range []struct {
		name               string
		endpoint, protocol string
		env                map[string]string
		want               Settings
		err                string
	}{
		{name: "nothing set: off"},
		{name: "flag, HTTP by default: the traces path added", endpoint: "http://collector:4318",
			want: Settings{On: true, Protocol: ProtocolHTTP, EndpointURL: "http://collector:4318/v1/traces"}},
		{name: "flag with a path keeps it", endpoint: "https://otel.example.com/otlp/v1/traces",
			want: Settings{On: true, Protocol: ProtocolHTTP, EndpointURL: "https://otel.example.com/otlp/v1/traces"}},
		{name: "flag, gRPC: no path", endpoint: "http://collector:4317", protocol: "grpc",
			want: Settings{On: true, Protocol: ProtocolGRPC, EndpointURL: "http://collector:4317"}},
		{name: "the environment's endpoint turns it on; the exporter reads it", env: map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318"},
			want: Settings{On: true, Protocol: ProtocolHTTP}},
		{name: "the traces endpoint too", env: map[string]string{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://c:4318/v1/traces"},
			want: Settings{On: true, Protocol: ProtocolHTTP}},
		{name: "protocol from the environment, the traces' own first",
			env:  map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4317", "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "grpc"},
			want: Settings{On: true, Protocol: ProtocolGRPC}},
		{name: "the flag's protocol wins over the environment's", protocol: "http/protobuf", endpoint: "http://c:4318",
			env:  map[string]string{"OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"},
			want: Settings{On: true, Protocol: ProtocolHTTP, EndpointURL: "http://c:4318/v1/traces"}},
		{name: "OTEL_TRACES_EXPORTER=otlp alone: the exporter's default address", env: map[string]string{"OTEL_TRACES_EXPORTER": "otlp"},
			want: Settings{On: true, Protocol: ProtocolHTTP}},
		{name: "OTEL_TRACES_EXPORTER=none wins over an endpoint", endpoint: "http://c:4318", env: map[string]string{"OTEL_TRACES_EXPORTER": "none"}},
		{name: "OTEL_SDK_DISABLED wins over everything", endpoint: "http://c:4318", env: map[string]string{"OTEL_SDK_DISABLED": "TRUE", "OTEL_TRACES_EXPORTER": "zipkin"}},
		{name: "another exporter is refused", env: map[string]string{"OTEL_TRACES_EXPORTER": "zipkin"}, err: "otlp only"},
		{name: "JSON over HTTP is refused", endpoint: "http://c:4318", protocol: "http/json", err: `protocol "http/json"`},
		{name: "an endpoint that is not a URL", endpoint: "collector:4318", err: "is not an address"},
		{name: "an endpoint with another scheme", endpoint: "grpc://collector:4317", err: "is not an address"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Resolve(tc.endpoint, tc.protocol, func(k string) string { return tc.env[k] })
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want one saying %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestOutcomeDescribe(t *testing.T) {
	for _, tc := range []struct {
		name     string
		o        Outcome
		want     map[attribute.Key]any
		code     codes.Code
		desc     string
		notAttrs []attribute.Key
	}{
		{name: "delivered", o: Outcome{StatusCode: 204, Decision: retry.Decision{Verdict: retry.Succeed}},
			want: map[attribute.Key]any{"herald.attempt.outcome": "succeeded", "http.response.status_code": int64(204)},
			code: codes.Unset, notAttrs: []attribute.Key{"error.type", "herald.retry.delay_ms"}},
		{name: "a 500, retried", o: Outcome{StatusCode: 500, Decision: retry.Decision{Verdict: retry.Retry, Delay: 90 * time.Second, Reason: "HTTP 500"}},
			want: map[attribute.Key]any{"herald.attempt.outcome": "retry", "http.response.status_code": int64(500),
				"error.type": "500", "herald.retry.delay_ms": int64(90000), "herald.retry.reason": "HTTP 500"},
			code: codes.Error, desc: "HTTP 500"},
		{name: "a timeout, retried: no status code", o: Outcome{Err: "timeout", Decision: retry.Decision{Verdict: retry.Retry, Delay: time.Second}},
			want: map[attribute.Key]any{"herald.attempt.outcome": "retry", "error.type": "timeout", "herald.retry.delay_ms": int64(1000)},
			code: codes.Error, desc: "timeout", notAttrs: []attribute.Key{"http.response.status_code"}},
		{name: "410: failed, the endpoint disabled", o: Outcome{StatusCode: 410, Decision: retry.Decision{Verdict: retry.Fail, DisableEndpoint: true, Reason: "410 Gone"}},
			want: map[attribute.Key]any{"herald.attempt.outcome": "failed", "error.type": "410", "herald.endpoint.disabled": true},
			code: codes.Error, desc: "410 Gone", notAttrs: []attribute.Key{"herald.retry.delay_ms"}},
		{name: "a redirect is not followed: failed with its code", o: Outcome{StatusCode: 302, Decision: retry.Decision{Verdict: retry.Fail}},
			want: map[attribute.Key]any{"error.type": "302"}, code: codes.Error, desc: "302"},
		{name: "blocked by the egress policy", o: Outcome{Blocked: true, Err: "address 10.0.0.1 is private", Decision: retry.Decision{Verdict: retry.Fail}},
			want: map[attribute.Key]any{"error.type": "blocked"}, code: codes.Error, desc: "blocked"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kv, code, desc := tc.o.describe()
			got := map[attribute.Key]any{}
			for _, a := range kv {
				got[a.Key] = a.Value.AsInterface()
			}
			for k, v := range tc.want {
				if !reflect.DeepEqual(got[k], v) {
					t.Errorf("%s = %#v, want %#v", k, got[k], v)
				}
			}
			for _, k := range tc.notAttrs {
				if _, ok := got[k]; ok {
					t.Errorf("%s set (%v), want none", k, got[k])
				}
			}
			if code != tc.code || desc != tc.desc {
				t.Errorf("status = %v %q, want %v %q", code, desc, tc.code, tc.desc)
			}
		})
	}
}

func TestAttemptAttributesKeepTheURLSecret(t *testing.T) {
	kv := Attempt{URL: "https://hooks.slack.com:8443/services/T000/B000/XXXXSECRET?token=abc"}.attributes()
	got := map[attribute.Key]any{}
	for _, a := range kv {
		got[a.Key] = a.Value.AsInterface()
		if s, ok := a.Value.AsInterface().(string); ok && (strings.Contains(s, "SECRET") || strings.Contains(s, "abc")) {
			t.Errorf("%s = %q: the URL's path or query is recorded", a.Key, s)
		}
	}
	if got["server.address"] != "hooks.slack.com" || got["server.port"] != int64(8443) || got["url.scheme"] != "https" {
		t.Errorf("server attributes = %v", got)
	}
	if p := (Attempt{URL: "https://[::1]/x"}).attributes(); !hasAttr(p, "server.address", "::1") || !hasAttr(p, "server.port", int64(443)) {
		t.Errorf("IPv6 URL: %v", p)
	}
}

func hasAttr(kv []attribute.KeyValue, k attribute.Key, v any) bool {
	for _, a := range kv {
		if a.Key == k && reflect.DeepEqual(a.Value.AsInterface(), v) {
			return true
		}
	}
	return false
}

// A traceparent stored with an event and read back parents the attempt's
// span; what the attempt sends the receiver names that span.
func TestAttemptContinuesTheStoredTraceparent(t *testing.T) {
	exp := tracetest.NewInMemoryExporter()
	tr := New(sdktrace.WithSyncer(exp))
	const stored = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
	s := tr.StartAttempt(stored, Attempt{DeliveryID: "dlv_1", Number: 2})
	sent := s.TraceParent()
	s.End(Outcome{StatusCode: 200, Decision: retry.Decision{Verdict: retry.Succeed}}, time.Now())
	spans := exp.GetSpans()
	if len(spans) != 1 {
		t.Fatalf("%d spans", len(spans))
	}
	sp := spans[0]
	if sp.Parent.TraceID().String() != "4bf92f3577b34da6a3ce929d0e0e4736" || sp.Parent.SpanID().String() != "00f067aa0ba902b7" {
		t.Errorf("parent = %v, want the stored span", sp.Parent)
	}
	if sp.SpanKind != trace.SpanKindClient || sp.Name != "herald.attempt" {
		t.Errorf("span %q of kind %v", sp.Name, sp.SpanKind)
	}
	if want := "00-4bf92f3577b34da6a3ce929d0e0e4736-" + sp.SpanContext.SpanID().String() + "-01"; sent != want {
		t.Errorf("sent %q, want %q", sent, want)
	}
	// Not sampled by the caller: the span is not recorded, but the
	// receiver still gets the trace, marked not sampled.
	s = tr.StartAttempt("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00", Attempt{})
	if got := s.TraceParent(); !strings.HasPrefix(got, "00-4bf92f3577b34da6a3ce929d0e0e4736-") || !strings.HasSuffix(got, "-00") {
		t.Errorf("unsampled: sent %q", got)
	}
	s.End(Outcome{}, time.Now())
	if n := len(exp.GetSpans()); n != 1 {
		t.Errorf("%d spans after an unsampled attempt, want still 1", n)
	}
	// A malformed or missing stored value: a trace of its own.
	for _, tp := range []string{"", "garbage"} {
		exp.Reset()
		tr.StartAttempt(tp, Attempt{}).End(Outcome{}, time.Now())
		if sp := exp.GetSpans(); len(sp) != 1 || sp[0].Parent.IsValid() {
			t.Errorf("stored %q: spans %v, want one root", tp, sp)
		}
	}
}

func TestOffCostsNothing(t *testing.T) {
	var tr *Tracer
	h := http.NotFoundHandler()
	if got := tr.Handler(h); reflect.ValueOf(got).Pointer() != reflect.ValueOf(h).Pointer() {
		t.Error("Handler wraps when off")
	}
	ctx := context.Background()
	if c, end := tr.Commit(ctx, 1, 1); c != ctx {
		t.Error("Commit changed the context when off")
	} else {
		end(errors.New("x"))
	}
	s := tr.StartAttempt("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", Attempt{})
	if s != nil || s.TraceParent() != "" {
		t.Error("an attempt span when off")
	}
	s.End(Outcome{}, time.Now())
	if err := tr.Shutdown(ctx); err != nil {
		t.Error(err)
	}
	allocs := testing.AllocsPerRun(100, func() {
		_, end := tr.Commit(ctx, 1, 1)
		end(nil)
		tr.StartAttempt("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", Attempt{}).End(Outcome{}, time.Time{})
	})
	if allocs != 0 {
		t.Errorf("%v allocations per event when off, want 0", allocs)
	}
}

// The caller's traceparent is kept with tracing off, as it came; a
// malformed one is not.
func TestCallerWithTracingOff(t *testing.T) {
	for _, tc := range []struct{ header, want string }{
		{"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"},
		{"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"},
		{"00-00000000000000000000000000000000-00f067aa0ba902b7-01", ""}, // an all-zero trace id is invalid
		{"not-a-traceparent", ""},
		{"", ""},
	} {
		h := http.Header{}
		if tc.header != "" {
			h.Set(Header, tc.header)
		}
		if got := TraceParent(Caller(context.Background(), h)); got != tc.want {
			t.Errorf("header %q: stored %q, want %q", tc.header, got, tc.want)
		}
	}
}
