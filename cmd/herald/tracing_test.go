package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	coltrace "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/proto"
)

// exported is a span as an OTLP collector received it.
type exported struct {
	name, trace, id, parent string
	attrs, resource         map[string]string
}

// collector is an OTLP trace receiver on loopback, over HTTP or gRPC.
type collector struct {
	coltrace.UnimplementedTraceServiceServer
	mu    sync.Mutex
	spans []exported
}

func (c *collector) add(req *coltrace.ExportTraceServiceRequest) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, rs := range req.ResourceSpans {
		res := kvs(rs.GetResource().GetAttributes())
		for _, ss := range rs.ScopeSpans {
			for _, s := range ss.Spans {
				c.spans = append(c.spans, exported{name: s.Name, trace: hex.EncodeToString(s.TraceId), id: hex.EncodeToString(s.SpanId),
					parent: hex.EncodeToString(s.ParentSpanId), attrs: kvs(s.Attributes), resource: res})
			}
		}
	}
}

func kvs(list []*commonpb.KeyValue) map[string]string {
	m := map[string]string{}
	for _, kv := range list {
		switch v := kv.Value.Value.(type) {
		case *commonpb.AnyValue_StringValue:
			m[kv.Key] = v.StringValue
		case *commonpb.AnyValue_IntValue:
			m[kv.Key] = strconv.FormatInt(v.IntValue, 10)
		case *commonpb.AnyValue_BoolValue:
			m[kv.Key] = strconv.FormatBool(v.BoolValue)
		}
	}
	return m
}

// Export is the gRPC service's call.
func (c *collector) Export(_ context.Context, req *coltrace.ExportTraceServiceRequest) (*coltrace.ExportTraceServiceResponse, error) {
	c.add(req)
	return &coltrace.ExportTraceServiceResponse{}, nil
}

// ServeHTTP is OTLP/HTTP's POST /v1/traces, in protobuf.
func (c *collector) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var req coltrace.ExportTraceServiceRequest
	if r.URL.Path != "/v1/traces" || r.Header.Get("Content-Type") != "application/x-protobuf" || proto.Unmarshal(body, &req) != nil {
		http.Error(w, "want a protobuf POST /v1/traces", http.StatusBadRequest)
		return
	}
	c.add(&req)
	out, _ := proto.Marshal(&coltrace.ExportTraceServiceResponse{})
	w.Header().Set("Content-Type", "application/x-protobuf")
	_, _ = w.Write(out)
}

// inTrace returns the spans of one trace.
func (c *collector) inTrace(trace string) []exported {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []exported
	for _, s := range c.spans {
		if s.trace == trace {
			out = append(out, s)
		}
	}
	return out
}

// call makes an API call that must succeed, with the caller's
// traceparent (none for ""), decoding the answer into out (unless nil).
func (p *process) call(t *testing.T, method, path, traceparent string, body, out any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, "http://"+p.addr+path, bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer "+testAdminKey)
	req.Header.Set("Content-Type", "application/json")
	if traceparent != "" {
		req.Header.Set("traceparent", traceparent)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		t.Fatalf("%s %s = %d: %s", method, path, resp.StatusCode, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatal(err)
		}
	}
}

// hooks is a receiver that fails its first request and keeps the
// traceparent of each.
func hooks(t *testing.T) (string, chan string) {
	got := make(chan string, 10)
	var mu sync.Mutex
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n++
		first := n == 1
		mu.Unlock()
		got <- r.Header.Get("traceparent")
		if first {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, got
}

func nextTraceparent(t *testing.T, got chan string) string {
	t.Helper()
	select {
	case tp := <-got:
		return tp
	case <-time.After(20 * time.Second):
		t.Fatal("the receiver got no request")
		return ""
	}
}

const (
	callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736"
	callerSpan  = "00f067aa0ba902b7"
	callerTP    = "00-" + callerTrace + "-" + callerSpan + "-01"
)

// traced makes tenant acme with an endpoint to url (with settings, and a
// retry 20 ms after a failure) and reports an event to it with the
// caller's traceparent (none for ""); it returns the endpoint's id.
func (p *process) traced(t *testing.T, url string, settings map[string]any, traceparent string) string {
	t.Helper()
	p.call(t, "POST", "/v1/tenants", "", map[string]any{"id": "acme", "name": "Acme"}, nil)
	body := map[string]any{"url": url, "retry_policy": map[string]any{"kind": "schedule", "schedule": []string{"20ms"}, "jitter": 0}}
	for k, v := range settings {
		body[k] = v
	}
	var ep struct {
		ID string `json:"id"`
	}
	p.call(t, "POST", "/v1/tenants/acme/endpoints", "", body, &ep)
	p.call(t, "POST", "/v1/tenants/acme/events", traceparent, map[string]any{"type": "job.completed", "data": map[string]any{}}, nil)
	return ep.ID
}

// checkTrace checks the caller's trace as the collector got it: the
// ingest request's span under the caller's, and under it the commit and
// two attempts (a 500, then a 200), each of which the receiver was sent.
func checkTrace(t *testing.T, c *collector, sent []string, service string) {
	t.Helper()
	var ingest exported
	var attempts []exported
	commits := 0
	spans := c.inTrace(callerTrace)
	for _, s := range spans {
		switch s.name {
		case "POST /v1/tenants/{tenant}/events":
			ingest = s
		case "herald.store.commit":
			commits++
		case "herald.attempt":
			attempts = append(attempts, s)
		}
	}
	if ingest.id == "" || ingest.parent != callerSpan {
		t.Fatalf("no ingest span under the caller's in the exported trace: %+v", spans)
	}
	if ingest.resource["service.name"] != service || ingest.resource["service.instance.id"] != "process-test" || ingest.resource["service.version"] == "" {
		t.Errorf("resource = %v", ingest.resource)
	}
	if commits != 1 || len(attempts) != 2 || len(spans) != 4 {
		t.Fatalf("exported trace: %d spans, %d commits, %d attempts; want the ingest, one commit, two attempts: %+v", len(spans), commits, len(attempts), spans)
	}
	byNumber := map[string]exported{}
	for _, a := range attempts {
		if a.parent != ingest.id {
			t.Errorf("attempt %s's parent = %s, want the ingest span %s", a.attrs["herald.attempt.number"], a.parent, ingest.id)
		}
		byNumber[a.attrs["herald.attempt.number"]] = a
	}
	for i, want := range []struct{ status, outcome string }{{"500", "retry"}, {"200", "succeeded"}} {
		a := byNumber[strconv.Itoa(i+1)]
		if a.attrs["http.response.status_code"] != want.status || a.attrs["herald.attempt.outcome"] != want.outcome {
			t.Errorf("attempt %d: %v, want status %s, outcome %s", i+1, a.attrs, want.status, want.outcome)
		}
		if tp := "00-" + callerTrace + "-" + a.id + "-01"; sent[i] != tp {
			t.Errorf("attempt %d sent traceparent %q, want %q", i+1, sent[i], tp)
		}
	}
}

// The real binary exports a trace per event over OTLP/HTTP to
// --otel-endpoint, and an event accepted before a restart has its
// attempts, made by the next process, in the trace of the request that
// brought it: the trace context lives in the store, not in memory.
func TestTracesExportedAcrossARestart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	c := &collector{}
	otlp := httptest.NewServer(c)
	defer otlp.Close()
	url, got := hooks(t)
	dir := t.TempDir()
	flags := []string{"--otel-endpoint", otlp.URL}

	p := start(t, dir, flags...)
	// Paused: this process never attempts it.
	ep := p.traced(t, url, map[string]any{"send_traceparent": true, "paused": true}, callerTP)
	p.stop(t)
	if n := len(c.inTrace(callerTrace)); n != 2 {
		t.Fatalf("after the first process stopped, the caller's trace has %d spans, want the ingest and the commit", n)
	}

	p = start(t, dir, flags...)
	p.call(t, "PATCH", "/v1/tenants/acme/endpoints/"+ep, "", map[string]any{"paused": false}, nil)
	sent := []string{nextTraceparent(t, got), nextTraceparent(t, got)}
	p.stop(t)
	checkTrace(t, c, sent, "herald")
}

// Over gRPC, configured by the standard environment alone.
func TestTracesExportedOverGRPC(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	c := &collector{}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := grpc.NewServer()
	coltrace.RegisterTraceServiceServer(srv, c)
	go func() { _ = srv.Serve(ln) }()
	defer srv.Stop()
	url, got := hooks(t)

	p := startWith(t, []string{"OTEL_EXPORTER_OTLP_ENDPOINT=http://" + ln.Addr().String(), "OTEL_EXPORTER_OTLP_PROTOCOL=grpc",
		"OTEL_SERVICE_NAME=herald-grpc"}, t.TempDir())
	p.traced(t, url, map[string]any{"send_traceparent": true}, callerTP)
	sent := []string{nextTraceparent(t, got), nextTraceparent(t, got)}
	p.stop(t)
	checkTrace(t, c, sent, "herald-grpc")
}

// A collector that is down costs no delivery and no clean stop.
func TestTracingWithTheCollectorDown(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	down := "http://" + ln.Addr().String()
	ln.Close() // nothing listens there now: connections are refused
	url, got := hooks(t)
	p := start(t, t.TempDir(), "--otel-endpoint", down)
	p.traced(t, url, nil, "")
	nextTraceparent(t, got) // the 500
	nextTraceparent(t, got) // the retry
	p.stop(t)
}
