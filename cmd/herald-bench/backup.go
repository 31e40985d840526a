package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// backupRate is the one-event-per-request load offered before and during
// the backup: a steady platform's, well under the store's limit, so that
// what moves its p99 is the backup.
const backupRate = 200

// backupRow fills a SQLite store with 2 × --backlog pending deliveries
// (2,000,000 by default, as issue 26 asks), then measures the ingest
// latency (request sent → 2xx) of a steady load for 10 s, and again while
// `herald backup` copies the store, and the time the backup takes; with
// --backup-compare and --backup-rates, once for each copy in turn. It
// runs only when named (--only backup): filling the store takes minutes.
func (b *bench) backupRow() error {
	if b.cfg.only == "" {
		return nil
	}
	if b.pg != nil {
		b.add("backup", "not measured on PostgreSQL: pg_dump or base backups (docs/operations.md)", "", "")
		return nil
	}
	h, dir, _, err := b.startFresh()
	if err != nil {
		return err
	}
	defer h.stop()
	a := newAPI(h.addr, b.cfg.concurrency)
	const endpoints = 10
	urls := make([]string, endpoints)
	for i := range urls {
		urls[i] = fmt.Sprintf("http://%s/backup/%d", b.rcvAddr, i)
	}
	// Paused endpoints: every delivery stays pending, as on a node whose
	// receivers are down, the store at its largest.
	if _, err := a.setup(urls, nil, true); err != nil {
		return err
	}
	deliveries := 2 * b.cfg.backlog
	began := time.Now()
	if _, err := a.ingest(deliveries/endpoints, b.cfg.concurrency, b.cfg.batch, func(int) string { return "bench" }); err != nil {
		return err
	}
	filled := time.Since(began)
	next := deliveries / endpoints
	b.add(fmt.Sprintf("backup: SQLite store of %d pending deliveries (filled in %v)", deliveries, filled.Round(time.Second)), "", "", "")
	// Each copy in turn on the same store, a quiet load between them:
	// the older binary's first (--backup-compare), then each rate.
	type variant struct {
		name string
		cmd  []string
	}
	var variants []variant
	if b.cfg.backupCompare != "" {
		variants = append(variants, variant{"older binary's", []string{b.cfg.backupCompare, "backup"}})
	}
	rates := splitComma(b.cfg.backupRates)
	if len(rates) == 0 {
		variants = append(variants, variant{"", []string{b.cfg.herald, "backup"}})
	}
	for _, r := range rates {
		variants = append(variants, variant{"--max-rate " + r, []string{b.cfg.herald, "backup", "--max-rate", r}})
	}
	round := variants
	for range b.cfg.backupRounds - 1 {
		variants = append(variants, round...)
	}
	for i, v := range variants {
		before := backupLoad(a, &next, nil, 10*time.Second)
		if before.refused > 0 {
			return fmt.Errorf("%d of %d requests refused before the backup", before.refused, len(before.lat)+before.refused)
		}
		out := filepath.Join(b.tmp, fmt.Sprintf("herald.backup.%d", i))
		stop := make(chan struct{})
		var during loadResult
		var wg sync.WaitGroup
		wg.Go(func() { during = backupLoad(a, &next, stop, 0) })
		start := time.Now()
		cmdOut, err := exec.Command(v.cmd[0], append(v.cmd[1:], "--data-dir", dir, "--out", out)...).CombinedOutput()
		took := time.Since(start)
		close(stop)
		wg.Wait()
		if err != nil {
			return fmt.Errorf("herald backup: %v: %s", err, cmdOut)
		}
		st, err := os.Stat(out)
		if err != nil {
			return err
		}
		size := float64(st.Size()) / (1 << 20)
		os.Remove(out)
		load, _ := os.ReadFile("/proc/loadavg")
		p99b, p99d := percentile(before.lat, 0.99), percentile(during.lat, 0.99)
		name := v.name
		if name != "" {
			name += " "
		}
		b.add(fmt.Sprintf("  herald backup %s(load %s)", name, strings.Join(strings.Fields(string(load))[:3], " ")),
			fmt.Sprintf("%v, %.1f MiB (%.0f MiB/s)", took.Round(time.Millisecond), size, size/took.Seconds()), "", "")
		b.add(fmt.Sprintf("  ingest p99 at %d events/s while it runs (%d requests) vs just before (%d)", backupRate, len(during.lat), len(before.lat)),
			fmt.Sprintf("%v vs %v, %d refused", ms(p99d), ms(p99b), during.refused), "≤ 2× before, none refused",
			verdict(during.refused == 0 && len(during.lat) > 0 && p99d <= 2*p99b))
	}
	return nil
}

// loadResult is what a load saw: each answered request's latency, sorted,
// and the requests refused or failed.
type loadResult struct {
	lat     []time.Duration
	refused int
}

// backupLoad posts one event per request at backupRate, open loop, for d,
// or with d 0 until stop is closed; next numbers the events.
func backupLoad(a *api, next *int, stop chan struct{}, d time.Duration) loadResult {
	var (
		mu      sync.Mutex
		res     loadResult
		refused atomic.Int64
		wg      sync.WaitGroup
		sem     = make(chan struct{}, 512)
	)
	var end <-chan time.Time
	if d > 0 {
		end = time.After(d)
	}
	tick := time.NewTicker(time.Second / backupRate)
	defer tick.Stop()
loop:
	for {
		select {
		case <-stop:
			break loop
		case <-end:
			break loop
		case <-tick.C:
		}
		i := *next
		*next++
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			sent := time.Now()
			code, err := a.post(a.eventsPath(i), eventBody(i, "bench"))
			if err != nil || code/100 != 2 {
				refused.Add(1)
				return
			}
			took := time.Since(sent)
			mu.Lock()
			res.lat = append(res.lat, took)
			mu.Unlock()
		})
	}
	wg.Wait()
	res.refused = int(refused.Load())
	slices.Sort(res.lat)
	return res
}
