package delivery

import (
	"context"
	"log/slog"
	"time"

	"github.com/heraldhq/herald/health"
	"github.com/heraldhq/herald/store"
)

// completeBatch bounds the completions written in one transaction.
const completeBatch = 500

// completer writes attempt outcomes in batches: under load, one transaction
// records the outcomes of every attempt that finished while the previous
// one was being written.
//
// At most unwrittenMax outcomes wait for their write at any moment; an
// attempt that would exceed it waits in record, holding its slot. So what
// a crash can make Herald send again after its receiver answered is
// bounded: the attempts in flight (MaxInFlight) plus unwrittenMax. The
// bound is small on purpose: a deep queue of outcomes behind a slow disk
// was thousands of duplicates after one SIGKILL.
//
// It also keeps the endpoints' health rollup: the attempts it recorded are
// summed in memory and added to the store's rollup when outcomes stop
// coming for a moment, and at least every statsEvery while they keep
// coming, so that under load each endpoint's bucket is written once every
// few seconds rather than with every batch (measured: with every batch it
// cost up to a third more per delivery when each batch reached hundreds
// of endpoints). A crash loses at most those seconds of the rollup, never
// an outcome.
type completer struct {
	store    store.Store
	log      *slog.Logger
	disabled func([]store.Disabled)   // told of endpoints the outcomes disabled
	written  func([]store.Completion) // told of every batch written
	ch       chan store.Completion
	// unwritten holds a token for each outcome queued or being written.
	unwritten chan struct{}
	done      chan struct{}
	stats     health.Accumulator // attempts recorded, not yet in the rollup
}

// The rollup's writes: looked at every statsTick, written when outcomes
// paused for a tick or statsEvery passed, and kept for a later write
// while the store fails, up to statsMaxRows rows.
const (
	statsTick    = 200 * time.Millisecond
	statsEvery   = 5 * time.Second
	statsMaxRows = 200_000
)

// unwrittenMax bounds the outcomes known and not yet written. Smaller
// bounds cost throughput on SQLite (256: about 15 % fewer deliveries a
// second to one endpoint in herald-bench --quick); 512 measured the same
// as an unbounded queue.
const unwrittenMax = 512

func newCompleter(s store.Store, log *slog.Logger, disabled func([]store.Disabled), written func([]store.Completion)) *completer {
	return &completer{
		store: s, log: log, disabled: disabled, written: written,
		ch:        make(chan store.Completion, unwrittenMax),
		unwritten: make(chan struct{}, unwrittenMax),
		done:      make(chan struct{}),
	}
}

func (c *completer) start() { go c.run() }

// record queues comp for the next batch. It blocks while unwrittenMax
// outcomes wait for their write, which slows attempts down instead of
// letting answered deliveries pile up unrecorded.
func (c *completer) record(comp store.Completion) {
	c.unwritten <- struct{}{}
	c.ch <- comp
}

// stop writes what is queued and returns. No record may follow.
func (c *completer) stop() {
	close(c.ch)
	<-c.done
}

func (c *completer) run() {
	defer close(c.done)
	batch := make([]store.Completion, 0, completeBatch)
	tick := time.NewTicker(statsTick)
	defer tick.Stop()
	lastStats, busy := time.Now(), false
	for {
		var comp store.Completion
		select {
		case <-tick.C:
			if c.stats.Len() > 0 && (!busy || time.Since(lastStats) >= statsEvery) {
				c.writeStats()
				lastStats = time.Now()
			}
			busy = false
			continue
		case next, ok := <-c.ch:
			if !ok {
				c.writeStats()
				return
			}
			comp = next
		}
		busy = true
		batch = append(batch[:0], comp)
	fill:
		for len(batch) < completeBatch {
			select {
			case comp, ok := <-c.ch:
				if !ok {
					break fill
				}
				batch = append(batch, comp)
			default:
				break fill
			}
		}
		if c.write(batch) {
			c.stats.AddSamples(store.StatsSamples(batch))
		}
		for range batch {
			<-c.unwritten
		}
	}
}

// writeStats adds the attempts summed since the last write to the store's
// rollup. A failed write keeps them for the next, within statsMaxRows.
func (c *completer) writeStats() {
	if c.stats.Len() == 0 {
		return
	}
	rows := c.stats.Drain()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.store.AddEndpointStats(ctx, rows); err != nil {
		if len(rows) <= statsMaxRows {
			c.stats.Add(rows)
		}
		c.log.Warn("adding attempts to the endpoints' health failed; will try again", "rows", len(rows), "err", err)
	}
}

// write retries a failed write a few times. If the store stays down the
// outcomes are dropped with an error: the leases run out and the
// deliveries are attempted again, which at-least-once allows.
// It reports whether the batch was written.
func (c *completer) write(batch []store.Completion) bool {
	delay := 50 * time.Millisecond
	for try := 1; ; try++ {
		disabled, err := c.store.CompleteAttempts(context.Background(), batch)
		if err == nil {
			if len(disabled) > 0 {
				c.disabled(disabled)
			}
			if c.written != nil {
				c.written(batch)
			}
			return true
		}
		if try == 5 {
			c.log.Error("recording attempt outcomes failed; their deliveries will be attempted again", "count", len(batch), "err", err)
			return false
		}
		c.log.Warn("recording attempt outcomes failed; retrying", "count", len(batch), "err", err)
		time.Sleep(delay)
		delay *= 4
	}
}
