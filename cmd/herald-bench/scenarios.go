package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/heraldhq/herald/client"
)

type bench struct {
	cfg     config
	tmp     string
	rcv     receiverClient
	rcvAddr string
	rows    []row

	rawRate       map[int]float64 // requests per second of the plain client, by concurrency
	rawCPUPer1000 time.Duration   // the plain client's CPU per 1,000 requests
	fanoutRate    float64         // throughput to 10+ endpoints, for the backlog's drain target
	runs          int
	pg            *pgSchemas // with --postgres: a schema per run
}

func (b *bench) add(name, value, target, v string) {
	b.rows = append(b.rows, row{name: name, value: value, target: target, verdict: v})
}

// Herald's default caps on attempts in flight: to one endpoint, and in all.
// The raw client is measured at each, so that every comparison is at equal
// concurrency.
const (
	perEndpointCap = 16
	inFlightCap    = 512
)

// perRequestClients is how many clients post one event per request in the
// per-request row: a platform's workers reporting jobs as they finish. The
// raw client is measured at the same concurrency.
const perRequestClients = 32

// raw measures the machine's ceiling: a plain Go client posting the same
// bodies straight at the receiver, with no storage.
func (b *bench) raw() error {
	b.rawRate = map[int]float64{}
	for _, conc := range []int{perEndpointCap, perRequestClients, inFlightCap} {
		if err := b.rawAt(conc); err != nil {
			return err
		}
	}
	return nil
}

func (b *bench) rawAt(conc int) error {
	n := b.cfg.deliveries
	tr := &http.Transport{MaxIdleConns: conc, MaxIdleConnsPerHost: conc, MaxConnsPerHost: conc}
	client := &http.Client{Transport: tr}
	url := "http://" + b.rcvAddr + "/raw"
	if err := b.rcv.reset(0); err != nil {
		return err
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	cpu0, start := selfCPU(), time.Now()
	for range conc {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				resp, err := client.Post(url, "application/json", bytes.NewReader(rawBody(i)))
				if err != nil {
					fmt.Fprintln(os.Stderr, "raw client:", err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		})
	}
	wg.Wait()
	elapsed, cpu := time.Since(start), selfCPU()-cpu0
	b.rawRate[conc] = float64(n) / elapsed.Seconds()
	b.rawCPUPer1000 = cpu * 1000 / time.Duration(n)
	b.add(fmt.Sprintf("raw limit: plain client → receiver, 1 KiB, concurrency %d", conc), fmt.Sprintf("%.0f req/s", b.rawRate[conc]), "the ceiling", "")
	b.add("  raw client CPU per 1,000 requests", b.rawCPUPer1000.Round(time.Millisecond).String(), "", "")
	return nil
}

// startHerald starts a Herald process on a fresh store.
func (b *bench) startHerald(extra ...string) (*proc, *api, error) {
	p, _, _, err := b.startFresh(extra...)
	if err != nil {
		return nil, nil, err
	}
	return p, newAPI(p.addr, b.cfg.concurrency), nil
}

// startFresh starts Herald on a fresh store and returns, with the process,
// the data directory and flags that start it again on that store.
func (b *bench) startFresh(extra ...string) (*proc, string, []string, error) {
	dir, args, err := b.heraldArgs(extra...)
	if err != nil {
		return nil, "", nil, err
	}
	p, err := startHerald(b.cfg.herald, dir, args...)
	return p, dir, args, err
}

// heraldArgs makes a fresh run's data directory (and with --postgres its
// schema) and returns it with the flags every run of Herald gets.
func (b *bench) heraldArgs(extra ...string) (string, []string, error) {
	b.runs++
	dir := filepath.Join(b.tmp, fmt.Sprintf("run%d", b.runs))
	extra = append([]string{"--attempt-timeout", b.cfg.attemptTimeout.String(),
		"--encryption-key", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}, extra...)
	if b.pg != nil {
		dbURL, err := b.pg.next(context.Background())
		if err != nil {
			return "", nil, err
		}
		extra = append(extra, "--database-url", dbURL)
	}
	return dir, append(extra, strings.Fields(b.cfg.heraldFlags)...), nil
}

func (b *bench) throughput() error {
	for _, f := range splitComma(b.cfg.endpoints) {
		endpoints, err := strconv.Atoi(f)
		if err != nil || endpoints < 1 {
			return fmt.Errorf("--endpoints: %q is not a positive number", f)
		}
		if err := b.throughputRun(endpoints, b.cfg.batch, b.cfg.deliveries); err != nil {
			return err
		}
	}
	if b.cfg.batch > 1 && b.cfg.perRequest {
		// The same to one endpoint with one event per request: what a
		// platform that never batches gets.
		return b.throughputRun(1, 1, b.cfg.deliveries/4)
	}
	return nil
}

// delivered is a run of events through a fresh Herald to the receiver,
// measured from the first request to the last delivery.
type delivered struct {
	h      *proc  // still running: the caller stops it
	dir    string // its data directory
	events int
	total  int64 // deliveries
	// ingested is how long the ingest took, elapsed how long until the
	// last delivery, cpu Herald's CPU time over elapsed.
	ingested, elapsed, cpu time.Duration
	peak                   int64 // Herald's peak RSS, bytes
}

func (d delivered) rate() float64 { return float64(d.total) / d.elapsed.Seconds() }

// deliver sends deliveries through a fresh Herald (started with extra
// flags) to endpoints receivers, in requests of batch events posted by
// clients at once.
func (b *bench) deliver(endpoints, batch, deliveries, clients int, extra ...string) (delivered, error) {
	h, dir, _, err := b.startFresh(extra...)
	if err != nil {
		return delivered{}, err
	}
	d := delivered{h: h, dir: dir, events: deliveries / endpoints}
	d.total = int64(d.events * endpoints)
	fail := func(err error) (delivered, error) { h.stop(); return delivered{}, err }
	a := newAPI(h.addr, clients)
	urls := make([]string, endpoints)
	for i := range urls {
		urls[i] = fmt.Sprintf("http://%s/ep/%d", b.rcvAddr, i)
	}
	if _, err := a.setup(urls, nil, false); err != nil {
		return fail(err)
	}
	if err := b.rcv.reset(0); err != nil {
		return fail(err)
	}
	cpu0, start := h.cpu(), time.Now()
	if _, err := a.ingest(d.events, clients, batch, func(int) string { return "bench" }); err != nil {
		return fail(err)
	}
	d.ingested = time.Since(start)
	last, peak, err := b.rcv.waitCount(d.total, 10*time.Minute, h)
	if err != nil {
		return fail(err)
	}
	d.elapsed, d.cpu, d.peak = last.Sub(start), h.cpu()-cpu0, peak
	return d, nil
}

func (b *bench) throughputRun(endpoints, batch, deliveries int) error {
	clients := b.cfg.concurrency
	if batch == 1 {
		clients = perRequestClients
	}
	d, err := b.deliver(endpoints, batch, deliveries, clients)
	if err != nil {
		return err
	}
	h, dir, events, total := d.h, d.dir, d.events, d.total
	defer h.stop()
	ingested, elapsed, cpu, peak := d.ingested, d.elapsed, d.cpu, d.peak
	rate := float64(total) / elapsed.Seconds()
	if endpoints > 1 {
		b.fanoutRate = rate
	}
	how := fmt.Sprintf("batches of %d", batch)
	if batch == 1 {
		how = "one per request"
	}
	name := fmt.Sprintf("throughput: %d events (%s, %d clients) → %d endpoint(s)", events, how, clients, endpoints)
	value := fmt.Sprintf("%.0f deliveries/s", rate)
	// Each row is held to the raw client at the concurrency it runs at:
	// one endpoint's attempts, every endpoint's, or the clients posting one
	// event per request. One event per request costs two HTTP exchanges
	// (ingest and delivery) against raw's one: half of raw is its ceiling,
	// and the target 70 % of that.
	conc, share := perEndpointCap, 0.6
	switch {
	case batch == 1 && b.pg != nil:
		// PostgreSQL shares the two cores with Herald and the bench.
		conc, share = perRequestClients, 0.25
	case batch == 1:
		conc, share = perRequestClients, 0.35
	case endpoints > 1:
		conc = inFlightCap
	}
	target, v := fmt.Sprintf("≥ %.0f%% of raw", 100*share), ""
	if raw := b.rawRate[conc]; raw > 0 {
		value += fmt.Sprintf(" = %.0f%% of raw at concurrency %d", 100*rate/raw, conc)
		v = verdict(rate >= share*raw)
	}
	b.add(name, value, target, v)
	b.add("  ingest alone", fmt.Sprintf("%.0f events/s", float64(events)/ingested.Seconds()), "", "")
	cost := cpu * 1000 / time.Duration(total)
	cv := ""
	if b.rawCPUPer1000 > 0 {
		cv = fmt.Sprintf(" (%.1f× the raw client)", float64(cost)/float64(b.rawCPUPer1000))
	}
	b.add("  Herald CPU per 1,000 deliveries", cost.Round(time.Millisecond).String()+cv, "", "")
	b.add("  Herald peak RSS", fmt.Sprintf("%d MB", peak>>20), "", "")
	// What the store holds per delivery once Herald has stopped (its
	// connections closed, so PostgreSQL's statistics are flushed): every
	// delivery with its event share and its attempt.
	h.stop()
	use, err := b.storeUse(dir)
	if err != nil {
		return err
	}
	value = fmt.Sprintf("%.0f bytes", float64(use.bytes)/float64(total))
	if b.pg != nil {
		value += fmt.Sprintf(", %.2f dead rows and %.2f row updates per delivery, %d of %d updates HOT",
			float64(use.dead)/float64(total), float64(use.updates)/float64(total), use.hot, use.updates)
	}
	b.add("  store size per delivery", value, "", "")
	for _, t := range use.tables {
		if t.updates+t.dead == 0 && t.bytes < 1<<20 {
			continue
		}
		b.add("    "+t.name, fmt.Sprintf("%.0f bytes, %.2f dead rows and %.2f row updates per delivery, %d of %d updates HOT",
			float64(t.bytes)/float64(total), float64(t.dead)/float64(total), float64(t.updates)/float64(total), t.hot, t.updates), "", "")
	}
	return nil
}

// storeUse is what a run left in its store; on PostgreSQL also per table.
type storeUse struct {
	bytes              int64
	dead, updates, hot int64
	tables             []tableUse
}

type tableUse struct {
	name                      string
	bytes, dead, updates, hot int64
}

// storeUse measures the store of the run in dir: the SQLite file, or with
// --postgres the run's schema (tables with their indexes and TOAST) and its
// tables' dead rows and updates.
func (b *bench) storeUse(dir string) (storeUse, error) {
	var u storeUse
	if b.pg == nil {
		for _, f := range []string{"herald.db", "herald.db-wal"} {
			if st, err := os.Stat(filepath.Join(dir, f)); err == nil {
				u.bytes += st.Size()
			}
		}
		return u, nil
	}
	return b.pg.use(context.Background())
}

// latency offers a steady load and measures, per event, the time from its
// 2xx to its receipt.
func (b *bench) latency() error {
	h, a, err := b.startHerald()
	if err != nil {
		return err
	}
	defer h.stop()
	if _, err := a.setup([]string{"http://" + b.rcvAddr + "/lat"}, nil, false); err != nil {
		return err
	}
	n := int(float64(b.cfg.latencyRate) * b.cfg.latencyFor.Seconds())
	if err := b.rcv.reset(n); err != nil {
		return err
	}
	acks, err := a.paced(b.cfg.latencyRate, b.cfg.latencyFor, func(int) string { return "bench" })
	if err != nil {
		return err
	}
	if _, _, err := b.rcv.waitCount(int64(n), time.Minute, nil); err != nil {
		return err
	}
	recv, err := b.rcv.times()
	if err != nil {
		return err
	}
	lat, missing := latencies(acks, recv, func(int) bool { return true })
	if missing > 0 {
		return fmt.Errorf("%d events were never received", missing)
	}
	p50, p90, p99 := percentile(lat, 0.5), percentile(lat, 0.9), percentile(lat, 0.99)
	name := fmt.Sprintf("latency at %d events/s for %v (2xx → receipt)", b.cfg.latencyRate, b.cfg.latencyFor)
	b.add(name, fmt.Sprintf("p50 %v  p90 %v  p99 %v  max %v", ms(p50), ms(p90), ms(p99), ms(lat[len(lat)-1])),
		"p50 ≤ 5 ms, p99 ≤ 50 ms", verdict(p50 <= 5*time.Millisecond && p99 <= 50*time.Millisecond))
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }

// isolation runs 100 endpoints, each subscribed to its own event type, once
// all healthy and once with 10 of them hanging until the attempt timeout,
// and compares what the healthy 90 get.
func (b *bench) isolation() error {
	healthy, err := b.isolationRun(0)
	if err != nil {
		return err
	}
	hung, err := b.isolationRun(10)
	if err != nil {
		return err
	}
	share := hung.rate / healthy.rate
	b.add("isolation: healthy endpoints' throughput, 10 of 100 hanging",
		fmt.Sprintf("%.0f/s vs %.0f/s all healthy = %.0f%%", hung.rate, healthy.rate, 100*share), "≥ 80%", verdict(share >= 0.8))
	b.add("isolation: healthy endpoints' p99, 10 of 100 hanging",
		fmt.Sprintf("%v vs %v all healthy", ms(hung.p99), ms(healthy.p99)), "≤ 2×", verdict(hung.p99 <= 2*max(healthy.p99, time.Millisecond)))
	return nil
}

type isolationResult struct {
	rate float64
	p99  time.Duration
}

func (b *bench) isolationRun(hanging int) (isolationResult, error) {
	var res isolationResult
	h, a, err := b.startHerald()
	if err != nil {
		return res, err
	}
	defer h.stop()
	const endpoints = 100
	urls, types := make([]string, endpoints), make([]string, endpoints)
	for i := range urls {
		urls[i] = fmt.Sprintf("http://%s/ep/%d", b.rcvAddr, i)
		if i < hanging {
			urls[i] = fmt.Sprintf("http://%s/hang/%d", b.rcvAddr, i)
		}
		types[i] = fmt.Sprintf("t%d", i)
	}
	if _, err := a.setup(urls, types, false); err != nil {
		return res, err
	}
	typ := func(i int) string { return types[i%endpoints] }
	healthyOf := func(n int) int64 { return int64(n - n/endpoints*hanging - min(n%endpoints, hanging)) }

	// Throughput: a burst of events, spread over the endpoints.
	n := b.cfg.isolationN
	if err := b.rcv.reset(0); err != nil {
		return res, err
	}
	start := time.Now()
	if _, err := a.ingest(n, b.cfg.concurrency, b.cfg.batch, typ); err != nil {
		return res, err
	}
	last, _, err := b.rcv.waitCount(healthyOf(n), 5*time.Minute, nil)
	if err != nil {
		return res, err
	}
	res.rate = float64(healthyOf(n)) / last.Sub(start).Seconds()

	// Latency: a steady load; only healthy endpoints' events count. Event
	// ids continue after the burst's so the two runs never share an id.
	d := b.cfg.latencyFor / 2
	m := int(float64(b.cfg.isolationRate) * d.Seconds())
	if err := b.rcv.reset(n + m); err != nil {
		return res, err
	}
	acks, err := a.pacedFrom(n, b.cfg.isolationRate, d, typ)
	if err != nil {
		return res, err
	}
	if _, _, err := b.rcv.waitCount(healthyOf(n+m)-healthyOf(n), time.Minute, nil); err != nil {
		return res, err
	}
	recv, err := b.rcv.times()
	if err != nil {
		return res, err
	}
	lat, missing := latencies(acks, recv, func(i int) bool { return i >= n && i%endpoints >= hanging })
	if missing > 0 {
		return res, fmt.Errorf("%d healthy events were never received", missing)
	}
	res.p99 = percentile(lat, 0.99)
	return res, nil
}

// backlogRun queues deliveries while their endpoints are paused (the
// receiver is "down"), then unpauses them and measures the drain and the
// memory Herald needs to hold and to drain the backlog.
func (b *bench) backlogRun() error {
	h, a, err := b.startHerald()
	if err != nil {
		return err
	}
	defer h.stop()
	// Ten endpoints, so the queue fills ten times faster than the API ingests.
	const endpoints = 10
	urls := make([]string, endpoints)
	for i := range urls {
		urls[i] = fmt.Sprintf("http://%s/backlog/%d", b.rcvAddr, i)
	}
	ids, err := a.setup(urls, nil, true)
	if err != nil {
		return err
	}
	if err := b.rcv.reset(0); err != nil {
		return err
	}
	events := b.cfg.backlog / endpoints
	total := int64(events * endpoints)
	var queuedPeak atomic.Int64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			queuedPeak.Store(max(queuedPeak.Load(), h.rss()))
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	start := time.Now()
	if _, err := a.ingest(events, b.cfg.concurrency, b.cfg.batch, func(int) string { return "bench" }); err != nil {
		return err
	}
	queuedIn := time.Since(start)
	close(stop)
	<-sampled
	if s, err := b.rcv.stats(); err != nil || s.Count != 0 {
		return fmt.Errorf("%d deliveries arrived while their endpoints were paused (%v)", s.Count, err)
	}
	release := time.Now()
	for _, id := range ids {
		unpause := false
		if _, err := a.herald.UpdateEndpoint(context.Background(), "bench", id, client.EndpointInput{Paused: &unpause}); err != nil {
			return err
		}
	}
	last, drainPeak, err := b.rcv.waitCount(total, 30*time.Minute, h)
	if err != nil {
		return err
	}
	rate := float64(total) / last.Sub(release).Seconds()
	b.add(fmt.Sprintf("backlog: %d deliveries queued (in %v)", total, queuedIn.Round(time.Second)),
		fmt.Sprintf("peak RSS %d MB", queuedPeak.Load()>>20), "≤ 200 MB", verdict(queuedPeak.Load() <= 200<<20))
	b.add("backlog: draining", fmt.Sprintf("peak RSS %d MB", drainPeak>>20), "≤ 200 MB", verdict(drainPeak <= 200<<20))
	target, v := "within 20% of throughput", ""
	if b.fanoutRate > 0 {
		v = verdict(rate >= 0.8*b.fanoutRate)
		target += fmt.Sprintf(" (%.0f/s)", b.fanoutRate)
	}
	b.add("backlog: drain rate", fmt.Sprintf("%.0f deliveries/s", rate), target, v)
	return nil
}
