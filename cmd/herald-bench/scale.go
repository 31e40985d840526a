package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/heraldhq/herald/client"
)

// scale measures isolation at platform scale: many tenants with one
// endpoint each, a share of them hanging until the attempt timeout. Each run
// posts a burst of events spread over the tenants (one per request, as
// events to different tenants are), then a steady load, and measures what
// the healthy endpoints get; the runs with hanging endpoints are compared
// with the all-healthy one.
//
// The runs are compared endpoint for endpoint: a run with hanging
// endpoints still ingests their events, so its healthy endpoints are
// measured against the same endpoints in the all-healthy run (how fast
// their deliveries arrived, and their latency), not against every endpoint
// of it.
func (b *bench) scale() error {
	healthy, err := b.scaleRun(0)
	if err != nil {
		return err
	}
	n := b.cfg.scaleEndpoints
	for _, tenths := range []int{1, 3} {
		hung, err := b.scaleRun(tenths)
		if err != nil {
			return err
		}
		base := healthy.subset(tenths)
		got := hung.subset(tenths)
		share := got.rate / base.rate
		b.add(fmt.Sprintf("scale: healthy throughput, %d of %d endpoints hanging", n*tenths/10, n),
			fmt.Sprintf("%.0f/s vs %.0f/s for the same endpoints all healthy = %.0f%%", got.rate, base.rate, 100*share), "≥ 80%", verdict(share >= 0.8))
		b.add(fmt.Sprintf("scale: healthy p99 (p50), %d of %d hanging", n*tenths/10, n),
			fmt.Sprintf("%v (%v) vs %v (%v) all healthy", ms(got.p99), ms(got.p50), ms(base.p99), ms(base.p50)), "p99 ≤ 2×",
			verdict(got.p99 <= 2*max(base.p99, time.Millisecond)))
	}
	return nil
}

// scaleResult is what one scale run measured, kept whole so that any
// subset of its endpoints can be compared with another run's.
type scaleResult struct {
	n, events int     // tenants, burst events
	start     int64   // unix nanos when the burst began
	burst     []int64 // first receipt of each burst event, 0 if none
	acks      []int64 // acknowledgement of each paced event (from events on)
	recv      []int64 // first receipt of each paced event
}

type subsetResult struct {
	rate     float64
	p50, p99 time.Duration
}

// subset measures the endpoints that are healthy when tenths of every ten
// hang: the rate at which their burst deliveries arrived (their count over
// the time to the last of them) and their latency under the steady load.
func (r scaleResult) subset(tenths int) subsetResult {
	var s subsetResult
	healthy := func(i int) bool { return (i%r.n)%10 >= tenths }
	count, last := 0, int64(0)
	for i, t := range r.burst {
		if healthy(i) && t != 0 {
			count++
			last = max(last, t)
		}
	}
	s.rate = float64(count) / time.Duration(last-r.start).Seconds()
	lat, _ := latencies(r.acks, r.recv, func(i int) bool { return i >= r.events && healthy(i) })
	s.p50, s.p99 = percentile(lat, 0.5), percentile(lat, 0.99)
	return s
}

// scaleTenants makes n tenants, "t0" to "t<n-1>", each with one endpoint
// at url(i), with 32 clients side by side.
func scaleTenants(a *api, n int, url func(i int) string) error {
	ctx := context.Background()
	return parallel(n, 32, func(i int) error {
		id := fmt.Sprintf("t%d", i)
		if _, err := a.herald.CreateTenant(ctx, client.TenantInput{ID: id, Name: id}); err != nil {
			return err
		}
		_, err := a.herald.CreateEndpoint(ctx, id, client.EndpointInput{URL: url(i)})
		return err
	})
}

// scaleRun runs one configuration: tenths of every ten tenants hang.
func (b *bench) scaleRun(tenths int) (scaleResult, error) {
	res := scaleResult{n: b.cfg.scaleEndpoints, events: b.cfg.scaleEvents}
	h, a, err := b.startHerald()
	if err != nil {
		return res, err
	}
	defer h.stop()
	n := res.n
	hangs := func(tenant int) bool { return tenant%10 < tenths }
	start := time.Now()
	if err := scaleTenants(a, n, func(i int) string {
		if hangs(i) {
			return fmt.Sprintf("http://%s/hang/%d", b.rcvAddr, i)
		}
		return fmt.Sprintf("http://%s/ep/%d", b.rcvAddr, i)
	}); err != nil {
		return res, err
	}
	fmt.Fprintf(os.Stderr, "  %d tenants with an endpoint each made in %v\n", n, time.Since(start).Round(time.Second))
	a.tenantOf = func(i int) string { return fmt.Sprintf("t%d", i%n) }
	healthyIn := func(from, to int) int64 {
		c := int64(0)
		for i := from; i < to; i++ {
			if !hangs(i % n) {
				c++
			}
		}
		return c
	}
	typ := func(int) string { return "bench" }

	// Throughput: a burst of events, one per tenant in turn.
	events := res.events
	if err := b.rcv.reset(events); err != nil {
		return res, err
	}
	res.start = time.Now().UnixNano()
	if _, err := a.ingest(events, b.cfg.concurrency, 1, typ); err != nil {
		return res, err
	}
	if _, _, err := b.rcv.waitCount(healthyIn(0, events), 5*time.Minute, nil); err != nil {
		return res, err
	}
	if res.burst, err = b.rcv.times(); err != nil {
		return res, err
	}

	// Latency: a steady load over the tenants.
	d := b.cfg.latencyFor / 2
	m := int(float64(b.cfg.isolationRate) * d.Seconds())
	if err := b.rcv.reset(events + m); err != nil {
		return res, err
	}
	if res.acks, err = a.pacedFrom(events, b.cfg.isolationRate, d, typ); err != nil {
		return res, err
	}
	if _, _, err := b.rcv.waitCount(healthyIn(events, events+m), time.Minute, nil); err != nil {
		return res, err
	}
	if res.recv, err = b.rcv.times(); err != nil {
		return res, err
	}
	s := res.subset(tenths)
	fmt.Fprintf(os.Stderr, "  %d%% hanging: healthy %.0f/s, p50 %v p99 %v, RSS %d MB\n", 10*tenths, s.rate, ms(s.p50), ms(s.p99), h.rss()>>20)
	return res, nil
}

// tenants measures the memory Herald keeps after one event to each of many
// tenants (one endpoint each): what it caches per tenant must be bounded,
// not kept for every tenant that ever sent.
func (b *bench) tenants() error {
	h, a, err := b.startHerald()
	if err != nil {
		return err
	}
	defer h.stop()
	n := b.cfg.manyTenants
	if err := scaleTenants(a, n, func(i int) string { return fmt.Sprintf("http://%s/ep/%d", b.rcvAddr, i) }); err != nil {
		return err
	}
	before := h.rss()
	if err := b.rcv.reset(0); err != nil {
		return err
	}
	a.tenantOf = func(i int) string { return fmt.Sprintf("t%d", i%n) }
	if _, err := a.ingest(n, b.cfg.concurrency, 1, func(int) string { return "bench" }); err != nil {
		return err
	}
	if _, _, err := b.rcv.waitCount(int64(n), 5*time.Minute, nil); err != nil {
		return err
	}
	after := h.rss()
	b.add(fmt.Sprintf("tenants: RSS after one event to each of %d tenants", n),
		fmt.Sprintf("%d MB (%d MB before the events)", after>>20, before>>20), "≤ 150 MB", verdict(after <= 150<<20))
	return nil
}

// retention measures what retention costs the writes of a store with many
// tenants: Herald is started on a store of that many tenants (retention
// runs at every start), and the first event posted then is timed, with the
// purge running beside it.
func (b *bench) retention() error {
	h, dir, args, err := b.startFresh()
	if err != nil {
		return err
	}
	n := b.cfg.retentionTenants
	start := time.Now()
	err = scaleTenants(newAPI(h.addr, b.cfg.concurrency), n, func(i int) string { return fmt.Sprintf("http://%s/ep/%d", b.rcvAddr, i) })
	h.stop()
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "  %d tenants with an endpoint each made in %v\n", n, time.Since(start).Round(time.Second))
	if h, err = startHerald(b.cfg.herald, dir, args...); err != nil {
		return err
	}
	defer h.stop()
	// Events one after another, for the first seconds after the start,
	// while retention runs: the slowest acknowledgement is the longest
	// time the purge held the writer.
	a := newAPI(h.addr, 1)
	const probes = 300
	if err := b.rcv.reset(probes); err != nil {
		return err
	}
	var slowest time.Duration
	for i := range probes {
		t0 := time.Now()
		code, err := a.post("/v1/tenants/t"+fmt.Sprint(i%n)+"/events", eventBody(i, "bench"))
		if err == nil && code/100 != 2 {
			err = fmt.Errorf("POST event answered %d", code)
		}
		if err != nil {
			return err
		}
		slowest = max(slowest, time.Since(t0))
		time.Sleep(10 * time.Millisecond)
	}
	if _, _, err := b.rcv.waitCount(probes, time.Minute, nil); err != nil {
		return err
	}
	b.add(fmt.Sprintf("retention: slowest of %d events posted in the first seconds after a start with %d tenants", probes, n),
		fmt.Sprintf("acknowledged in %v", ms(slowest)), "≤ 50 ms", verdict(slowest <= 50*time.Millisecond))
	return nil
}

// fanout measures one tenant with many endpoints: events that each fan
// out to every endpoint, posted by 32 clients side by side. It reports the
// slowest acknowledgements, and the rate deliveries go out while the
// ingest runs against the rate they go out after it, so that a writer
// busy with large inserts shows as deliveries that stall.
func (b *bench) fanout() error {
	h, a, err := b.startHerald()
	if err != nil {
		return err
	}
	defer h.stop()
	n := b.cfg.fanoutEndpoints
	urls := make([]string, n)
	for i := range urls {
		urls[i] = fmt.Sprintf("http://%s/fan/%d", b.rcvAddr, i)
	}
	if _, err := a.setup(urls, nil, false); err != nil {
		return err
	}
	if err := b.rcv.reset(0); err != nil {
		return err
	}
	events := b.cfg.fanoutEvents
	lat := make([]time.Duration, events)
	start := time.Now()
	if err := parallel(events, 32, func(i int) error {
		t0 := time.Now()
		code, err := a.post("/v1/tenants/bench/events", eventBody(i, "bench"))
		if err == nil && code/100 != 2 {
			err = fmt.Errorf("POST event answered %d", code)
		}
		lat[i] = time.Since(t0)
		return err
	}); err != nil {
		return err
	}
	ingestEnd := time.Now()
	during, err := b.rcv.stats()
	if err != nil {
		return err
	}
	total := int64(events * n)
	last, _, err := b.rcv.waitCount(total, 10*time.Minute, nil)
	if err != nil {
		return err
	}
	slices.Sort(lat)
	duringRate := float64(during.Count) / ingestEnd.Sub(start).Seconds()
	afterRate := float64(total-during.Count) / last.Sub(ingestEnd).Seconds()
	b.add(fmt.Sprintf("fanout: %d events × %d endpoints, 32 clients: acknowledgement", events, n),
		fmt.Sprintf("p50 %v  p99 %v  max %v", ms(percentile(lat, 0.5)), ms(percentile(lat, 0.99)), ms(lat[len(lat)-1])),
		"p99 ≤ 500 ms", verdict(percentile(lat, 0.99) <= 500*time.Millisecond))
	b.add("fanout: deliveries while the ingest runs",
		fmt.Sprintf("%.0f/s vs %.0f/s after it = %.0f%%", duringRate, afterRate, 100*duringRate/afterRate),
		"≥ 50%", verdict(duringRate >= 0.5*afterRate))
	return nil
}
