package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/heraldhq/herald/client"
)

// The steady row: a platform's load, all day. Every other row is a burst
// (load comes, then stops), and some costs show only while load never
// stops: SQLite's write-ahead log, restarted only between writes, grew a
// gigabyte a minute at 200 events/s and shrank as soon as a burst ended
// (issue 32). So this row offers a steady rate for a set time to tenants
// of five endpoints each, a tenth of the endpoints answering 500 and a
// tenth hanging past the attempt timeout, and samples from outside what
// an operator would watch: the store on disk, the WAL, RSS, goroutines,
// open files, CPU per event, the arrival latency at the healthy endpoints
// and the lag metrics. Each should be flat once warmed up.

const (
	// steadyEndpoints is the endpoints of each tenant; steadyHealthy how
	// many of them answer 200 (the layout below gives every tenant one
	// endpoint that fails or hangs).
	steadyEndpoints = 5
	steadyHealthy   = 4
	// walBoundFallback is the WAL bound used when the binary does not state
	// one on /metrics (herald_sqlite_wal_bound_bytes, issue 32): twice
	// SQLite's journal_size_limit of 64 MiB, the log kept after a
	// checkpoint plus as much again of writes.
	walBoundFallback = 2 * 64 << 20
	// steadyLagLimit is the healthy lag the steady row accepts: ten poll
	// intervals.
	steadyLagLimit = 10.0
)

// steadyEndpoint is the receiver path of endpoint k (tenant k/5): one in
// ten hangs, one in ten answers 500, so that even tenants have one
// endpoint that hangs and odd ones one that fails.
func steadyEndpoint(k int) string {
	switch k % 10 {
	case 3:
		return fmt.Sprintf("/hang/%d", k)
	case 7:
		return fmt.Sprintf("/fail/%d", k)
	}
	return fmt.Sprintf("/ep/%d", k)
}

// steadyParams sets one steady run.
type steadyParams struct {
	rate    int           // events per second offered
	dur     time.Duration // for how long
	every   time.Duration // sampling interval
	tenants int
}

// steadySample is what one look from outside saw.
type steadySample struct {
	at     time.Duration // since the load began
	events int64         // acknowledged so far
	// storeBytes is the store on disk: SQLite's data directory, WAL
	// included; PostgreSQL's tables with their indexes and TOAST.
	// walBytes is SQLite's WAL file, or PostgreSQL's WAL written since
	// the load began.
	storeBytes, walBytes int64
	rss                  int64
	goroutines, fds      int
	cpu                  time.Duration // Herald's, since it started
	lagHealthy, backlog  float64       // the lag metrics, seconds
	// Arrival latency of the events acknowledged since the previous
	// sample, at every healthy endpoint (the last of them); missing is
	// how many of those events had not arrived at all of them by the end.
	p50, p99 time.Duration
	missing  int
}

// steadyResult is a run's samples and what they add up to.
type steadyResult struct {
	samples []steadySample
	// walMax is the largest WAL seen (SQLite: polled every 250 ms),
	// walBound the bound it is held to (SQLite).
	walMax, walBound int64
	// rejected counts requests answered other than 2xx, or not at all.
	rejected int64
	firstErr string
}

// steady is the bench's row.
func (b *bench) steady() error {
	p := steadyParams{rate: b.cfg.steadyRate, dur: b.cfg.steadyFor, every: b.cfg.steadyEvery, tenants: b.cfg.steadyTenants}
	res, err := b.steadyRun(p)
	if err != nil {
		return err
	}
	b.steadyRows(p, res)
	return nil
}

// steadyRun starts Herald on a fresh store, makes the tenants, offers the
// load and samples it.
func (b *bench) steadyRun(p steadyParams) (steadyResult, error) {
	var res steadyResult
	h, dir, _, err := b.startFresh("--metrics-listen", "127.0.0.1:0")
	if err != nil {
		return res, err
	}
	defer h.stop()
	if h.metrics == "" {
		return res, fmt.Errorf("herald did not log its metrics address")
	}
	a := newAPI(h.addr, 64)
	ctx := context.Background()
	if err := parallel(p.tenants, 16, func(t int) error {
		id := fmt.Sprintf("t%d", t)
		if _, err := a.herald.CreateTenant(ctx, client.TenantInput{ID: id, Name: id}); err != nil {
			return err
		}
		for j := range steadyEndpoints {
			url := "http://" + b.rcvAddr + steadyEndpoint(t*steadyEndpoints+j)
			if _, err := a.herald.CreateEndpoint(ctx, id, client.EndpointInput{URL: url}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return res, err
	}
	n := int(float64(p.rate) * p.dur.Seconds())
	if err := b.rcv.reset(n); err != nil {
		return res, err
	}
	a.tenantOf = func(i int) string { return fmt.Sprintf("t%d", i%p.tenants) }
	look := &steadyLook{b: b, h: h, dir: dir}
	if err := look.begin(ctx); err != nil {
		return res, err
	}
	res.walBound = walBoundFallback
	if m, err := scrape(h.metrics); err == nil {
		if v, ok := m["herald_sqlite_wal_bound_bytes"]; ok && v > 0 {
			res.walBound = int64(v)
		}
	}

	// The WAL is polled often, for its peak; the rest every p.every.
	var walMax atomic.Int64
	stopPoll := make(chan struct{})
	var polling sync.WaitGroup
	if b.pg == nil {
		polling.Go(func() {
			tick := time.NewTicker(250 * time.Millisecond)
			defer tick.Stop()
			for {
				walMax.Store(max(walMax.Load(), fileSize(filepath.Join(dir, "herald.db-wal"))))
				select {
				case <-stopPoll:
					return
				case <-tick.C:
				}
			}
		})
	}

	acks := make([]int64, n)
	var acked, rejected atomic.Int64
	var firstErr atomic.Value
	done := make(chan struct{})
	start := time.Now()
	go func() {
		defer close(done)
		sem := make(chan struct{}, 512)
		var wg sync.WaitGroup
		for i := range n {
			if wait := time.Until(start.Add(time.Duration(i) * time.Second / time.Duration(p.rate))); wait > 0 {
				time.Sleep(wait) // pacing the load, not waiting for a result
			} else if -wait > time.Second && time.Since(start) >= p.dur {
				// Behind the pace past the end (Herald or the machine
				// too slow): the run ends on time, with fewer events.
				break
			}
			sem <- struct{}{}
			wg.Go(func() {
				defer func() { <-sem }()
				code, err := a.post(a.eventsPath(i), eventBody(i, "bench"))
				if err == nil && code/100 != 2 {
					err = fmt.Errorf("POST event answered %d", code)
				}
				if err != nil {
					rejected.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					return
				}
				acks[i] = time.Now().UnixNano()
				acked.Add(1)
			})
		}
		wg.Wait()
	}()
	tick := time.NewTicker(p.every)
	defer tick.Stop()
	for running := true; running; {
		select {
		case <-done:
			running = false
			if len(res.samples) > 0 && time.Since(start)-res.samples[len(res.samples)-1].at < p.every/2 {
				continue // the last tick was the end, near enough
			}
		case <-tick.C:
		}
		s, err := look.sample(ctx, time.Since(start), acked.Load())
		if err != nil {
			close(stopPoll)
			<-done
			return res, err
		}
		res.samples = append(res.samples, s)
	}
	close(stopPoll)
	polling.Wait()
	res.walMax = max(walMax.Load(), res.samples[len(res.samples)-1].walBytes)
	res.rejected = rejected.Load()
	if e, ok := firstErr.Load().(string); ok {
		res.firstErr = e
	}

	// The healthy endpoints' arrivals: waited for a little past the load,
	// then read once.
	arr, err := b.rcv.waitArrivals(acks, steadyHealthy, 20*time.Second)
	if err != nil {
		return res, err
	}
	from := int64(0)
	for k := range res.samples {
		s := &res.samples[k]
		to := start.Add(s.at).UnixNano()
		var lat []time.Duration
		for i, ack := range acks {
			if ack == 0 || ack <= from || ack > to {
				continue
			}
			if int(arr.Count[i]) < steadyHealthy {
				s.missing++
				continue
			}
			lat = append(lat, max(0, time.Duration(arr.Last[i]-ack)))
		}
		slices.Sort(lat)
		s.p50, s.p99 = percentile(lat, 0.5), percentile(lat, 0.99)
		from = to
	}
	return res, nil
}

// steadyLook samples one Herald from outside.
type steadyLook struct {
	b      *bench
	h      *proc
	dir    string
	wal0   int64 // PostgreSQL: the WAL position when the load began
	cpu0   time.Duration
	events int64
}

func (l *steadyLook) begin(ctx context.Context) error {
	if l.b.pg != nil {
		lsn, err := l.b.pg.walPosition(ctx)
		if err != nil {
			return err
		}
		l.wal0 = lsn
	}
	return nil
}

func (l *steadyLook) sample(ctx context.Context, at time.Duration, events int64) (steadySample, error) {
	s := steadySample{at: at, events: events, rss: l.h.rss(), cpu: l.h.cpu(), fds: openFiles(l.h.cmd.Process.Pid)}
	if l.b.pg != nil {
		u, err := l.b.pg.use(ctx)
		if err != nil {
			return s, err
		}
		lsn, err := l.b.pg.walPosition(ctx)
		if err != nil {
			return s, err
		}
		s.storeBytes, s.walBytes = u.bytes, lsn-l.wal0
	} else {
		s.storeBytes, s.walBytes = dirSize(l.dir), fileSize(filepath.Join(l.dir, "herald.db-wal"))
	}
	m, err := scrape(l.h.metrics)
	if err != nil {
		return s, err
	}
	s.goroutines = int(m["go_goroutines"])
	s.lagHealthy, s.backlog = m["herald_delivery_lag_healthy_seconds"], m["herald_delivery_backlog_age_seconds"]
	fmt.Fprintf(os.Stderr, "  %v: %d events, store %s, WAL %s, RSS %s, %d goroutines, %d files, lag healthy %.1f s, backlog %.0f s\n",
		at.Round(time.Second), events, mib(s.storeBytes), mib(s.walBytes), mib(s.rss), s.goroutines, s.fds, s.lagHealthy, s.backlog)
	return s, nil
}

// steadyRows reports the samples and a verdict on each measure.
func (b *bench) steadyRows(p steadyParams, res steadyResult) {
	store := "SQLite"
	if b.pg != nil {
		store = "PostgreSQL"
	}
	b.add(fmt.Sprintf("steady: %d events/s for %v, %d tenants × %d endpoints (a tenth 500, a tenth hanging), %s",
		p.rate, p.dur, p.tenants, steadyEndpoints, store),
		fmt.Sprintf("%d of %d accepted, %d refused", res.samples[len(res.samples)-1].events, int(float64(p.rate)*p.dur.Seconds()), res.rejected), "", "")
	if res.firstErr != "" {
		b.add("  first refusal", res.firstErr, "", "")
	}
	var prev steadySample
	for _, s := range res.samples {
		d := float64(s.events * steadyEndpoints)
		cpu := "-"
		if s.events > prev.events {
			cpu = ((s.cpu - prev.cpu) / time.Duration(s.events-prev.events)).Round(time.Microsecond).String()
		}
		b.add(fmt.Sprintf("  at %v", s.at.Round(time.Second)), fmt.Sprintf(
			"store %s (%.1f KB/delivery), WAL %s, RSS %s, %d goroutines, %d files, CPU %s/event, healthy p50 %v p99 %v (%d not arrived), lag healthy %.1f s, backlog %.0f s",
			mib(s.storeBytes), float64(s.storeBytes)/max(1, d)/1000, mib(s.walBytes), mib(s.rss), s.goroutines, s.fds, cpu,
			s.p50.Round(time.Millisecond), s.p99.Round(time.Millisecond), s.missing, s.lagHealthy, s.backlog), "", "")
		prev = s
	}
	for _, v := range steadyVerdicts(res, b.pg != nil) {
		if v.info {
			b.add("  "+v.name, v.value, v.target, "")
			continue
		}
		b.add("  "+v.name, v.value, v.target, verdict(v.ok))
	}
}

// steadyVerdict is one measure's verdict.
type steadyVerdict struct {
	name, value, target string
	ok                  bool
	info                bool // a figure, not judged
}

// steadyVerdicts judges whether each measure is flat after warm-up: the
// first third of the samples is warm-up, and the last third is compared
// with the middle one (means, or the peak where a peak is what matters).
// The WAL of SQLite is judged against its bound over the whole run.
func steadyVerdicts(res steadyResult, postgres bool) []steadyVerdict {
	ss := res.samples
	third := max(1, len(ss)/3)
	lo := min(third, len(ss)-1)
	mid, late := ss[lo:max(lo+1, len(ss)-third)], ss[max(0, len(ss)-third):]
	var out []steadyVerdict
	add := func(name string, early, lateV, ratio, slack float64, format func(float64) string) {
		out = append(out, steadyVerdict{name: name, value: format(early) + " → " + format(lateV),
			target: fmt.Sprintf("flat (at most ×%.2g + %s)", ratio, format(slack)), ok: lateV <= early*ratio+slack})
	}
	mean := func(xs []steadySample, f func(s steadySample) float64) float64 {
		t := 0.0
		for _, s := range xs {
			t += f(s)
		}
		return t / float64(len(xs))
	}
	peak := func(xs []steadySample, f func(s steadySample) float64) float64 {
		m := 0.0
		for _, s := range xs {
			m = max(m, f(s))
		}
		return m
	}
	bytesF := func(v float64) string { return mib(int64(v)) }
	// Growth per delivery between samples: what each delivery adds to the
	// store once warmed up, its rows alone when the WAL is bounded.
	growth := func(xs []steadySample, prevOf func(i int) steadySample, f func(s steadySample) int64) float64 {
		var bytes, deliveries float64
		for i, s := range xs {
			p := prevOf(i)
			bytes += float64(f(s) - f(p))
			deliveries += float64((s.events - p.events) * steadyEndpoints)
		}
		return bytes / max(1, deliveries)
	}
	index := func(s steadySample) int {
		return slices.IndexFunc(ss, func(x steadySample) bool { return x.at == s.at })
	}
	prevOf := func(xs []steadySample) func(i int) steadySample {
		return func(i int) steadySample {
			if j := index(xs[i]); j > 0 {
				return ss[j-1]
			}
			return steadySample{}
		}
	}
	kb := func(v float64) string { return fmt.Sprintf("%.2f KB", v/1000) }
	store := func(s steadySample) int64 { return s.storeBytes }
	perDelivery := func(s steadySample) float64 { return float64(s.storeBytes) / max(1, float64(s.events*steadyEndpoints)) }
	// A store that grows by its rows alone holds as much per delivery
	// all along, less as the fixed part (schema, a bounded WAL) spreads;
	// a WAL that grows with time makes it climb.
	add("store size per delivery (middle → last third)", mean(mid, perDelivery), mean(late, perDelivery), 1.1, 500, kb)
	out = append(out, steadyVerdict{name: "  store growth per delivery (middle → last third)",
		value: kb(growth(mid, prevOf(mid), store)) + " → " + kb(growth(late, prevOf(late), store)), target: "what each delivery adds", info: true})
	if postgres {
		wal := func(s steadySample) int64 { return s.walBytes }
		add("WAL written per delivery", growth(mid, prevOf(mid), wal), growth(late, prevOf(late), wal), 1.5, 1000, kb)
	} else {
		out = append(out, steadyVerdict{name: "WAL peak (polled every 250 ms)", value: mib(res.walMax),
			target: "under its bound, " + mib(res.walBound), ok: res.walMax <= res.walBound})
	}
	add("RSS peak", peak(mid, func(s steadySample) float64 { return float64(s.rss) }), peak(late, func(s steadySample) float64 { return float64(s.rss) }), 1.25, 32<<20, bytesF)
	count := func(v float64) string { return strconv.Itoa(int(v)) }
	add("goroutines peak", peak(mid, func(s steadySample) float64 { return float64(s.goroutines) }), peak(late, func(s steadySample) float64 { return float64(s.goroutines) }), 1.25, 100, count)
	add("open files peak", peak(mid, func(s steadySample) float64 { return float64(s.fds) }), peak(late, func(s steadySample) float64 { return float64(s.fds) }), 1.25, 20, count)
	cpuPer := func(xs []steadySample) float64 {
		var cpu time.Duration
		var events int64
		for i, s := range xs {
			p := prevOf(xs)(i)
			cpu += s.cpu - p.cpu
			events += s.events - p.events
		}
		return float64(cpu) / float64(max(1, events))
	}
	dur := func(v float64) string { return time.Duration(v).Round(time.Microsecond).String() }
	add("CPU per event", cpuPer(mid), cpuPer(late), 1.3, float64(100*time.Microsecond), dur)
	ms := func(v float64) string { return time.Duration(v).Round(time.Millisecond).String() }
	add("healthy arrival p99 (mean of samples)", mean(mid, func(s steadySample) float64 { return float64(s.p99) }),
		mean(late, func(s steadySample) float64 { return float64(s.p99) }), 2, float64(100*time.Millisecond), ms)
	secs := func(v float64) string { return fmt.Sprintf("%.1f s", v) }
	// The healthy lag must be flat and low: a node that holds a steady 30 s
	// behind is flat, and behind.
	lagMid, lagLate := peak(mid, func(s steadySample) float64 { return s.lagHealthy }), peak(late, func(s steadySample) float64 { return s.lagHealthy })
	out = append(out, steadyVerdict{name: "herald_delivery_lag_healthy_seconds peak", value: secs(lagMid) + " → " + secs(lagLate),
		target: fmt.Sprintf("flat (at most ×2 + 2 s) and under %s", secs(steadyLagLimit)), ok: lagLate <= 2*lagMid+2 && lagLate <= steadyLagLimit})
	missing := 0
	for _, s := range ss {
		missing += s.missing
	}
	out = append(out, steadyVerdict{name: "events not at every healthy endpoint 20 s after the load", value: strconv.Itoa(missing), target: "0", ok: missing == 0})
	return out
}

// scrape reads the unlabelled series of a /metrics page (and the first
// of each labelled one's name is ignored): enough for gauges.
func scrape(addr string) (map[string]float64, error) {
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	m := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' || strings.ContainsRune(line, '{') {
			continue
		}
		if name, v, ok := strings.Cut(line, " "); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				m[name] = f
			}
		}
	}
	return m, sc.Err()
}

// waitArrivals waits until every acknowledged event (ack not zero) has
// reached want endpoints, or for limit, and returns the arrivals.
func (r receiverClient) waitArrivals(acks []int64, want int, limit time.Duration) (arrivals, error) {
	deadline := time.Now().Add(limit)
	for {
		var a arrivals
		resp, err := http.Get(r.base + "/_arrivals")
		if err != nil {
			return a, err
		}
		err = json.NewDecoder(resp.Body).Decode(&a)
		resp.Body.Close()
		if err != nil {
			return a, err
		}
		all := len(a.Count) >= len(acks)
		for i := 0; all && i < len(acks); i++ {
			all = acks[i] == 0 || int(a.Count[i]) >= want
		}
		if all || time.Now().After(deadline) {
			return a, nil
		}
		time.Sleep(500 * time.Millisecond) // polling a counter, bounded by limit
	}
}

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// dirSize is the size of the files under dir.
func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// openFiles counts the file descriptors process pid has open.
func openFiles(pid int) int {
	es, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		return 0
	}
	return len(es)
}

func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }
