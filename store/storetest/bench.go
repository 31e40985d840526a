package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
)

// OpenB returns a fresh, empty store for a benchmark; the benchmark closes
// it.
type OpenB func(b *testing.B) store.Store

// Bench measures the store's share of one delivery's life, in the sizes the
// engine uses: events stored 100 per transaction (a batched ingest) with
// one delivery each, due at once; claimed 500 at a time; completed as
// successes 500 at a time. One op is one delivery, so ns/op is the store's
// time per delivery with every commit on disk, and cpu-ns/op the CPU it
// costs the process (which, on a machine whose cores the sender and the
// receivers share, is what limits throughput).
func Bench(b *testing.B, open OpenB) { bench(b, open, 1) }

// BenchSpread is Bench with the deliveries spread over n endpoints in
// turn, so that each batch of outcomes touches many endpoints' rows (their
// failure counts, their health rollup) rather than one's.
func BenchSpread(b *testing.B, open OpenB, n int) { bench(b, open, n) }

func bench(b *testing.B, open OpenB, endpoints int) {
	const ingestBatch, claimBatch = 100, 500
	ctx := context.Background()
	s := open(b)
	b.Cleanup(func() {
		if err := s.Close(); err != nil {
			b.Errorf("Close: %v", err)
		}
	})
	newTenant(b, s, "acme")
	eps := make([]*herald.Endpoint, endpoints)
	for i := range eps {
		eps[i] = newEndpoint(b, s, "acme")
	}
	next := 0
	data := make([]byte, 0, 1024)
	data = append(data, `{"job":"j1","output":"`...)
	for len(data) < 1022 {
		data = append(data, 'x')
	}
	data = append(data, `"}`...)

	var due time.Time
	ingest := func(n int) {
		evs := make([]store.NewEvent, n)
		now := time.Now()
		due = now
		for i := range evs {
			ev := &herald.Event{ID: herald.NewID(herald.PrefixEvent), TenantID: "acme", Type: "job.completed",
				Channels: []string{}, Data: data, CreatedAt: now}
			ep := eps[next%len(eps)]
			next++
			d := &herald.Delivery{ID: herald.NewID(herald.PrefixDelivery), TenantID: "acme", EventID: ev.ID,
				EndpointID: ep.ID, Status: herald.DeliveryPending, NextAttemptAt: &due, CreatedAt: now, UpdatedAt: now}
			evs[i] = store.NewEvent{Event: ev, Deliveries: []*herald.Delivery{d}}
		}
		if _, err := s.CreateEvents(ctx, evs); err != nil {
			b.Fatal(err)
		}
	}
	drain := func() int {
		now := time.Now()
		tasks, err := s.ClaimDeliveries(ctx, "n1", now, now.Add(time.Minute), claimBatch, nil)
		if err != nil {
			b.Fatal(err)
		}
		cs := make([]store.Completion, len(tasks))
		for i, t := range tasks {
			cs[i] = store.Completion{DeliveryID: t.DeliveryID, EndpointID: t.EndpointID, Owner: "n1",
				Status: herald.DeliverySucceeded, Attempt: &herald.Attempt{ID: herald.NewID(herald.PrefixAttempt),
					DeliveryID: t.DeliveryID, StartedAt: now, Duration: time.Millisecond, StatusCode: 200,
					Trigger: herald.TriggerScheduled}}
		}
		if len(cs) > 0 {
			if _, err := s.CompleteAttempts(ctx, cs); err != nil {
				b.Fatal(err)
			}
		}
		return len(tasks)
	}

	b.ReportAllocs()
	b.ResetTimer()
	cpu0, cpuOK := processCPU()
	done := 0
	for done < b.N {
		for n := 0; n < claimBatch && done+n < b.N; n += ingestBatch {
			ingest(min(ingestBatch, b.N-done-n))
		}
		got := drain()
		if got == 0 {
			b.Fatal("nothing was claimed after an ingest")
		}
		done += got
	}
	if cpu1, ok := processCPU(); ok && cpuOK {
		b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/op")
	}
}
