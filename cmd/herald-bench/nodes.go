package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"
)

// nodes measures several Herald nodes on one PostgreSQL database: the same
// events (one endpoint, batches), posted to one node, then spread over two,
// each node claiming and delivering side by side. It reports the rate and
// how many deliveries arrived more than once (claims across nodes must not
// hand one delivery to two).
func (b *bench) nodes() error {
	if b.pg == nil {
		return errors.New("needs --postgres: nodes share nothing but the database")
	}
	var one float64
	for _, n := range []int{1, 2} {
		rate, dups, err := b.nodesRun(n)
		if err != nil {
			return err
		}
		value := fmt.Sprintf("%.0f deliveries/s, %d delivered twice", rate, dups)
		if n == 1 {
			one = rate
		} else {
			value += fmt.Sprintf(" = %.2f× one node", rate/one)
		}
		b.add(fmt.Sprintf("nodes: %d on one database, %d events (batches of %d) → 1 endpoint", n, b.cfg.deliveries, b.cfg.batch),
			value, "none twice", verdict(dups == 0))
	}
	return nil
}

func (b *bench) nodesRun(n int) (rate float64, dups int64, err error) {
	dir, args, err := b.heraldArgs()
	if err != nil {
		return 0, 0, err
	}
	var procs []*proc
	defer func() {
		for _, p := range procs {
			p.stop()
		}
	}()
	var addrs []string
	for i := range n {
		p, err := startHerald(b.cfg.herald, filepath.Join(dir, fmt.Sprint(i)), args...)
		if err != nil {
			return 0, 0, err
		}
		procs = append(procs, p)
		addrs = append(addrs, "http://"+p.addr)
	}
	a := newAPI(procs[0].addr, b.cfg.concurrency)
	if _, err := a.setup([]string{"http://" + b.rcvAddr + "/nodes"}, nil, false); err != nil {
		return 0, 0, err
	}
	a.spread = addrs
	total := b.cfg.deliveries
	if err := b.rcv.reset(total); err != nil {
		return 0, 0, err
	}
	start := time.Now()
	if _, err := a.ingest(total, b.cfg.concurrency, b.cfg.batch, func(int) string { return "bench" }); err != nil {
		return 0, 0, err
	}
	last, _, err := b.rcv.waitCount(int64(total), 10*time.Minute, nil)
	if err != nil {
		return 0, 0, err
	}
	// Every message's first receipt is recorded: what arrived beyond one
	// per message came twice. The nodes stop first (a stop finishes the
	// attempts under way), so no second copy is still on its way.
	for _, p := range procs {
		p.stop()
	}
	procs = nil
	s, err := b.rcv.stats()
	if err != nil {
		return 0, 0, err
	}
	times, err := b.rcv.times()
	if err != nil {
		return 0, 0, err
	}
	distinct := int64(0)
	for _, t := range times {
		if t != 0 {
			distinct++
		}
	}
	if distinct != int64(total) {
		return 0, 0, fmt.Errorf("%d distinct messages of %d arrived", distinct, total)
	}
	return float64(total) / last.Sub(start).Seconds(), s.Count - distinct, nil
}
