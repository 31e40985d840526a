package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	coltrace "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	"google.golang.org/protobuf/proto"
)

// spanSink is an OTLP/HTTP trace receiver on loopback that counts the
// spans it is sent and keeps nothing.
type spanSink struct {
	spans atomic.Int64
}

func (s *spanSink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var req coltrace.ExportTraceServiceRequest
	if err := proto.Unmarshal(body, &req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	for _, rs := range req.ResourceSpans {
		for _, ss := range rs.ScopeSpans {
			s.spans.Add(int64(len(ss.Spans)))
		}
	}
	out, _ := proto.Marshal(&coltrace.ExportTraceServiceResponse{})
	w.Header().Set("Content-Type", "application/x-protobuf")
	_, _ = w.Write(out)
}

// tracing measures what OpenTelemetry tracing costs on the path where it
// costs most, one event per request: off (the default, the rows above)
// and on, every span exported over OTLP/HTTP to a sink in this process.
// The runs alternate, off and on twice, so that the machine's drift
// falls on both.
func (b *bench) tracing() error {
	sink := &spanSink{}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: sink, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	deliveries := b.cfg.deliveries / 4
	var runs [2][]delivered // off, on
	var exported, traced int64
	for range 2 {
		for on := range 2 {
			var extra []string
			if on == 1 {
				extra = []string{"--otel-endpoint", "http://" + ln.Addr().String()}
			}
			before := sink.spans.Load()
			d, err := b.deliver(1, 1, deliveries, b.cfg.concurrency, extra...)
			if err != nil {
				return err
			}
			d.h.stop() // a graceful stop: the spans not yet sent go now
			if on == 1 {
				exported += sink.spans.Load() - before
				traced += int64(d.events)
			}
			runs[on] = append(runs[on], d)
		}
	}
	rate := func(ds []delivered) float64 {
		sum := 0.0
		for _, d := range ds {
			sum += d.rate()
		}
		return sum / float64(len(ds))
	}
	cpu := func(ds []delivered) time.Duration {
		var c time.Duration
		var n int64
		for _, d := range ds {
			c, n = c+d.cpu, n+d.total
		}
		return c * 1000 / time.Duration(n)
	}
	off, on := rate(runs[0]), rate(runs[1])
	b.add(fmt.Sprintf("tracing: %d events (one per request) → 1 endpoint, mean of 2 runs each", deliveries),
		fmt.Sprintf("off %.0f deliveries/s; on %.0f (%.0f%% of off)", off, on, 100*on/off), "off: nothing traced, nothing paid", "")
	b.add("  Herald CPU per 1,000 deliveries", fmt.Sprintf("off %s; on %s", cpu(runs[0]).Round(time.Millisecond), cpu(runs[1]).Round(time.Millisecond)), "", "")
	// Each event makes three spans (the request, the commit, the
	// attempt); the setup's requests a few more. Fewer than three per
	// event means the exporter's queue (2,048 spans) dropped some.
	b.add("  spans exported with tracing on", fmt.Sprintf("%d for %d events (%.2f per event)", exported, traced, float64(exported)/float64(traced)), "3 per event", verdict(exported >= 3*traced))
	return nil
}
