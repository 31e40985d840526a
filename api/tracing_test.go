package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/heraldhq/herald/tracing"
)

// The caller's span: the trace an event joins when it is reported.
const (
	callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736"
	callerSpan  = "00f067aa0ba902b7"
	callerTP    = "00-" + callerTrace + "-" + callerSpan + "-01"
)

// tracedEvent reports an event with the caller's traceparent (none for "").
func (h *harness) tracedEvent(tenantID, traceparent string, body map[string]any) eventView {
	h.t.Helper()
	buf, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", h.url+"/v1/tenants/"+tenantID+"/events", bytes.NewReader(buf))
	req.Header.Set("Authorization", "Bearer "+adminKey)
	req.Header.Set("Content-Type", "application/json")
	if traceparent != "" {
		req.Header.Set("traceparent", traceparent)
	}
	resp, err := h.client.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	var ev eventView
	if err := json.NewDecoder(resp.Body).Decode(&ev); err != nil || resp.StatusCode != http.StatusAccepted {
		h.t.Fatalf("POST event = %d (%v)", resp.StatusCode, err)
	}
	return ev
}

func attrs(s tracetest.SpanStub) map[attribute.Key]any {
	m := map[attribute.Key]any{}
	for _, a := range s.Attributes {
		m[a.Key] = a.Value.AsInterface()
	}
	return m
}

// The span tree of one event whose first attempt fails and whose retry
// succeeds: the ingest request continues the caller's trace, the store
// commit and both attempts are its children, each attempt says what came
// of it and what was decided, and the receiver is sent the attempt's own
// span. The retry is claimed from the store, so its parent is the trace
// context stored with the event.
func TestTraceOfAnEventWithARetry(t *testing.T) {
	exp := tracetest.NewInMemoryExporter()
	h := newHarness(t, func(o *options) { o.tracer = tracing.New(sdktrace.WithSyncer(exp)) })
	rc := newReceiver(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n == 1 {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
	h.tenant("acme")
	ep := h.endpoint("acme", map[string]any{"url": rc.url, "send_traceparent": true, "retry_policy": fastRetries(3)})
	ev := h.tracedEvent("acme", callerTP, map[string]any{"type": "job.completed", "data": map[string]any{"job": "j1"}})
	h.waitDelivery("acme", ev.Deliveries[0].ID, "succeeded")

	var server, commit tracetest.SpanStub
	var attempts []tracetest.SpanStub
	for _, s := range exp.GetSpans() {
		if s.SpanContext.TraceID().String() != callerTrace {
			continue // the set-up's requests and the polling: traces of their own
		}
		switch s.Name {
		case "POST /v1/tenants/{tenant}/events":
			server = s
		case "herald.store.commit":
			commit = s
		case "herald.attempt":
			attempts = append(attempts, s)
		default:
			t.Errorf("unexpected span %q in the event's trace", s.Name)
		}
	}
	if !server.SpanContext.IsValid() || server.SpanKind != trace.SpanKindServer {
		t.Fatalf("no server span of the ingest request in the caller's trace; spans: %v", names(exp.GetSpans()))
	}
	if server.Parent.SpanID().String() != callerSpan || !server.Parent.IsRemote() {
		t.Errorf("ingest span's parent = %v, want the caller's span %s", server.Parent.SpanID(), callerSpan)
	}
	if a := attrs(server); a["http.route"] != "/v1/tenants/{tenant}/events" || a["http.response.status_code"] != int64(202) {
		t.Errorf("ingest span attributes: %v", a)
	}
	if commit.Parent.SpanID() != server.SpanContext.SpanID() {
		t.Errorf("commit span's parent = %v, want the ingest span", commit.Parent.SpanID())
	}
	if a := attrs(commit); a["herald.events"] != int64(1) || a["herald.deliveries"] != int64(1) {
		t.Errorf("commit span attributes: %v", a)
	}
	if len(attempts) != 2 {
		t.Fatalf("%d attempt spans in the event's trace, want 2", len(attempts))
	}
	want := []struct {
		number  int64
		status  int64
		outcome string
		code    codes.Code
	}{{1, 500, "retry", codes.Error}, {2, 200, "succeeded", codes.Unset}}
	rc.mu.Lock()
	sent := rc.all
	rc.mu.Unlock()
	for i, s := range attempts {
		a := attrs(s)
		w := want[i]
		if s.Parent.SpanID() != server.SpanContext.SpanID() || s.SpanKind != trace.SpanKindClient {
			t.Errorf("attempt %d: parent %v kind %v, want a client span under the ingest span", i+1, s.Parent.SpanID(), s.SpanKind)
		}
		if a["herald.attempt.number"] != w.number || a["http.response.status_code"] != w.status || a["herald.attempt.outcome"] != w.outcome ||
			a["herald.endpoint.id"] != ep.ID || a["herald.event.id"] != ev.ID || a["herald.delivery.id"] != ev.Deliveries[0].ID || s.Status.Code != w.code {
			t.Errorf("attempt %d: status %v, attributes %v; want number %d, status %d, outcome %s", i+1, s.Status, a, w.number, w.status, w.outcome)
		}
		// What the receiver was sent names this attempt's span.
		got := sent[i].header.Get("traceparent")
		if tp := "00-" + callerTrace + "-" + s.SpanContext.SpanID().String() + "-01"; got != tp {
			t.Errorf("attempt %d sent traceparent %q, want %q", i+1, got, tp)
		}
	}
	if a := attrs(attempts[0]); a["herald.retry.delay_ms"] != int64(20) || a["error.type"] != "500" {
		t.Errorf("the failed attempt's retry decision: %v", a)
	}
	if _, ok := attrs(attempts[1])["herald.retry.delay_ms"]; ok {
		t.Error("the successful attempt has a retry delay")
	}
}

func names(spans tracetest.SpanStubs) []string {
	var out []string
	for _, s := range spans {
		out = append(out, s.Name)
	}
	return out
}

// With tracing off, the caller's traceparent is still stored and passed
// on as it came to the endpoints that ask for it, and to no other.
func TestTraceparentPassedOnWithTracingOff(t *testing.T) {
	h := newHarness(t)
	sends, plain := newReceiver(t, nil), newReceiver(t, nil)
	h.tenant("acme")
	h.endpoint("acme", map[string]any{"url": sends.url, "send_traceparent": true})
	h.endpoint("acme", map[string]any{"url": plain.url})
	h.tracedEvent("acme", callerTP, map[string]any{"type": "job.completed", "data": map[string]any{}})
	if got := sends.next().header.Get("traceparent"); got != callerTP {
		t.Errorf("sent %q, want the caller's %q", got, callerTP)
	}
	if got := plain.next().header.Get("traceparent"); got != "" {
		t.Errorf("an endpoint without send_traceparent was sent %q", got)
	}
	// No traceparent from the caller, none to pass on.
	h.tracedEvent("acme", "", map[string]any{"type": "job.completed", "data": map[string]any{}})
	if got := sends.next().header.Get("traceparent"); got != "" {
		t.Errorf("sent %q for an event that came without one", got)
	}
	plain.next()
}
