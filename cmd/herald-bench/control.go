package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync/atomic"
	"time"

	"github.com/heraldhq/herald/client"
	"github.com/heraldhq/herald/ratelimit"
)

// control measures delivery control: an endpoint held to a rate limit
// beside a free one, what taking a send slot costs, a FIFO endpoint, and
// checking payloads against a JSON Schema at ingest.
func (b *bench) control() error {
	free, err := b.controlAlone(nil, "")
	if err != nil {
		return err
	}
	b.add(fmt.Sprintf("control: %d events → 1 unordered endpoint, no limit", b.controlEvents()), fmt.Sprintf("%.0f deliveries/s", free), "the reference", "")
	// The free endpoint's rate beside an endpoint that takes the same
	// 200 events unlimited, then beside one held to 50 a second.
	ref, _, err := b.controlThrottled(nil)
	if err != nil {
		return err
	}
	if _, _, err := b.controlThrottled(&ref); err != nil {
		return err
	}
	slot, err := b.controlAlone(&ratelimit.Limit{Count: ratelimit.MaxCount, Per: time.Second, Burst: 1000}, "")
	if err != nil {
		return err
	}
	b.add("  the same with a rate limit never reached (slots taken from the store, up to 64 a write)",
		fmt.Sprintf("%.0f deliveries/s = %.0f%% of no limit", slot, 100*slot/free), "the cost of a limit", "")
	fifo, err := b.controlAlone(nil, "fifo")
	if err != nil {
		return err
	}
	b.add("  the same to a FIFO endpoint (one attempt at a time, in order)",
		fmt.Sprintf("%.0f deliveries/s = %.1f ms per delivery", fifo, 1000/fifo), "one round trip each", "")
	return b.controlSchema()
}

func (b *bench) controlEvents() int { return b.cfg.controlEvents }

// controlEndpoint makes an endpoint of tenant bench for events of type
// typ, at path on the receiver.
func (b *bench) controlEndpoint(a *api, path, typ string, limit *ratelimit.Limit, ordering string) error {
	_, err := a.herald.CreateEndpoint(context.Background(), "bench", client.EndpointInput{
		URL: "http://" + b.rcvAddr + path, EventTypes: []string{typ}, RateLimit: limit, Ordering: ordering})
	return err
}

// controlAlone delivers controlEvents events to one endpoint with limit
// and ordering on a fresh Herald, and returns deliveries per second from
// the first post to the last receipt. A FIFO run also checks that no two
// receipts coincide; the order itself is the process tests' to check
// (TestFIFOInOrderAcrossFailuresAndACrash), as concurrent clients here
// are accepted in no order known to the bench.
func (b *bench) controlAlone(limit *ratelimit.Limit, ordering string) (float64, error) {
	h, a, err := b.startHerald()
	if err != nil {
		return 0, err
	}
	defer h.stop()
	if _, err := a.herald.CreateTenant(context.Background(), client.TenantInput{ID: "bench", Name: "bench"}); err != nil {
		return 0, err
	}
	if err := b.controlEndpoint(a, "/ep/0", "bench", limit, ordering); err != nil {
		return 0, err
	}
	n := b.controlEvents()
	if err := b.rcv.reset(n); err != nil {
		return 0, err
	}
	start := time.Now()
	if _, err := a.ingest(n, b.cfg.concurrency, 1, func(int) string { return "bench" }); err != nil {
		return 0, err
	}
	last, _, err := b.rcv.waitCount(int64(n), 10*time.Minute, h)
	if err != nil {
		return 0, err
	}
	if ordering == "fifo" {
		times, err := b.rcv.times()
		if err != nil {
			return 0, err
		}
		sorted := slices.Clone(times)
		slices.Sort(sorted)
		if len(slices.Compact(sorted)) != len(times) {
			return 0, fmt.Errorf("FIFO: two deliveries were received at the same instant")
		}
	}
	return float64(n) / last.Sub(start).Seconds(), nil
}

// controlThrottled runs a free endpoint beside one limited to 50 a
// second, both fed at once, and reports the limited one's rate and the
// free one's against its rate beside the same endpoint unlimited.
func (b *bench) controlThrottled(reference *float64) (float64, int, error) {
	const perSecond, limitedEvents = 50, 200
	var limit *ratelimit.Limit
	if reference != nil {
		limit = &ratelimit.Limit{Count: perSecond, Per: time.Second, Burst: 1}
	}
	h, a, err := b.startHerald()
	if err != nil {
		return 0, 0, err
	}
	defer h.stop()
	if _, err := a.herald.CreateTenant(context.Background(), client.TenantInput{ID: "bench", Name: "bench"}); err != nil {
		return 0, 0, err
	}
	if err := b.controlEndpoint(a, "/ep/limited", "limited", limit, ""); err != nil {
		return 0, 0, err
	}
	if err := b.controlEndpoint(a, "/ep/free", "free", nil, ""); err != nil {
		return 0, 0, err
	}
	n := b.controlEvents()
	total := limitedEvents + n
	if err := b.rcv.reset(total); err != nil {
		return 0, 0, err
	}
	// Events 0..199 go to the limited endpoint, the rest to the free one,
	// posted interleaved so that both are fed from the start.
	typ := func(i int) string {
		if i%((total+limitedEvents-1)/limitedEvents) == 0 {
			return "limited"
		}
		return "free"
	}
	start := time.Now()
	if _, err := a.ingest(total, b.cfg.concurrency, 1, typ); err != nil {
		return 0, 0, err
	}
	if _, _, err := b.rcv.waitCount(int64(total), 10*time.Minute, h); err != nil {
		return 0, 0, err
	}
	times, err := b.rcv.times()
	if err != nil {
		return 0, 0, err
	}
	var limited []int64
	var freeLast int64
	freeCount := 0
	for i, t := range times {
		if typ(i) == "limited" {
			limited = append(limited, t)
		} else {
			freeCount++
			freeLast = max(freeLast, t)
		}
	}
	slices.Sort(limited)
	// The most receipts in any one second: the limit holds if it is at
	// most the rate (the burst is 1).
	most := 0
	for i := range limited {
		j := i
		for j < len(limited) && limited[j]-limited[i] < int64(time.Second) {
			j++
		}
		most = max(most, j-i)
	}
	rate := float64(len(limited)-1) / time.Duration(limited[len(limited)-1]-limited[0]).Seconds()
	beside := float64(freeCount) / time.Unix(0, freeLast).Sub(start).Seconds()
	if reference == nil {
		b.add(fmt.Sprintf("  the same beside an endpoint taking %d events unlimited", len(limited)),
			fmt.Sprintf("%.0f deliveries/s to the free endpoint", beside), "the reference", "")
		return beside, most, nil
	}
	b.add(fmt.Sprintf("control: an endpoint limited to %d/s (%d events) beside a free one", perSecond, len(limited)),
		fmt.Sprintf("%.1f deliveries/s, at most %d in any second", rate, most), fmt.Sprintf("≤ %d in any second", perSecond), verdict(most <= perSecond))
	b.add(fmt.Sprintf("  the free endpoint beside it (%d events)", freeCount),
		fmt.Sprintf("%.0f deliveries/s = %.0f%% of its rate beside the unlimited one", beside, 100*beside / *reference), "≥ 90%", verdict(beside >= 0.9**reference))
	return beside, most, nil
}

// controlSchema posts one event per request of a type with a JSON Schema
// checked at ingest, and of a type without one, in alternating rounds on
// one Herald, and compares their acknowledgement times.
func (b *bench) controlSchema() error {
	h, a, err := b.startHerald()
	if err != nil {
		return err
	}
	defer h.stop()
	ctx := context.Background()
	if _, err := a.herald.CreateTenant(ctx, client.TenantInput{ID: "bench", Name: "bench"}); err != nil {
		return err
	}
	schema := json.RawMessage(`{"type": "object", "required": ["job_id", "status"], "additionalProperties": false,
		"properties": {"job_id": {"type": "string", "pattern": "^m[0-9]+$"}, "status": {"enum": ["completed", "failed"]},
		"pad": {"type": "string", "maxLength": 4096}}}`)
	if _, err := a.herald.CreateEventType(ctx, client.EventTypeInput{Name: "checked", Schema: schema, Validate: true}); err != nil {
		return err
	}
	if err := b.controlEndpoint(a, "/ep/0", "checked", nil, ""); err != nil {
		return err
	}
	if err := b.controlEndpoint(a, "/ep/1", "plain", nil, ""); err != nil {
		return err
	}
	n := b.controlEvents()
	var next atomic.Int64
	round := func(typ string) ([]time.Duration, time.Duration, error) {
		durs := make([]time.Duration, n)
		start := time.Now()
		err := parallel(n, b.cfg.concurrency, func(j int) error {
			i := int(next.Add(1))
			t0 := time.Now()
			code, err := a.postVia(j, a.eventsPath(i), eventBody(i, typ))
			if err == nil && code/100 != 2 {
				err = fmt.Errorf("POST event of type %s answered %d", typ, code)
			}
			durs[j] = time.Since(t0)
			return err
		})
		elapsed := time.Since(start)
		slices.Sort(durs)
		return durs, elapsed, err
	}
	results := map[string][]time.Duration{}
	elapsed := map[string]time.Duration{}
	for range 2 {
		for _, typ := range []string{"plain", "checked"} {
			d, e, err := round(typ)
			if err != nil {
				return err
			}
			results[typ] = append(results[typ], d...)
			elapsed[typ] += e
		}
	}
	for _, typ := range []string{"plain", "checked"} {
		slices.Sort(results[typ])
	}
	rate := func(typ string) float64 { return float64(len(results[typ])) / elapsed[typ].Seconds() }
	b.add(fmt.Sprintf("control: ingest, one event per request, %d events a type, schema checked at ingest", 2*n),
		fmt.Sprintf("%.0f events/s (ack p50 %v, p99 %v)", rate("checked"), percentile(results["checked"], 0.5).Round(10*time.Microsecond),
			percentile(results["checked"], 0.99).Round(10*time.Microsecond)), "", "")
	b.add("  the same type without a schema, in alternating rounds",
		fmt.Sprintf("%.0f events/s (ack p50 %v, p99 %v); validation costs %.0f%%", rate("plain"),
			percentile(results["plain"], 0.5).Round(10*time.Microsecond), percentile(results["plain"], 0.99).Round(10*time.Microsecond),
			100*(1-rate("checked")/rate("plain"))), "", "")
	return nil
}
