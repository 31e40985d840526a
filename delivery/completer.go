package delivery

import (
	"context"
	"log/slog"
	"time"

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
type completer struct {
	store    store.Store
	log      *slog.Logger
	disabled func([]store.Disabled) // told of endpoints the outcomes disabled
	ch       chan store.Completion
	// unwritten holds a token for each outcome queued or being written.
	unwritten chan struct{}
	done      chan struct{}
}

// unwrittenMax bounds the outcomes known and not yet written. Smaller
// bounds cost throughput on SQLite (256: about 15 % fewer deliveries a
// second to one endpoint in herald-bench --quick); 512 measured the same
// as an unbounded queue.
const unwrittenMax = 512

func newCompleter(s store.Store, log *slog.Logger, disabled func([]store.Disabled)) *completer {
	return &completer{
		store: s, log: log, disabled: disabled,
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
	for comp := range c.ch {
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
		c.write(batch)
		for range batch {
			<-c.unwritten
		}
	}
}

// write retries a failed write a few times. If the store stays down the
// outcomes are dropped with an error: the leases run out and the
// deliveries are attempted again, which at-least-once allows.
func (c *completer) write(batch []store.Completion) {
	delay := 50 * time.Millisecond
	for try := 1; ; try++ {
		disabled, err := c.store.CompleteAttempts(context.Background(), batch)
		if err == nil {
			if len(disabled) > 0 {
				c.disabled(disabled)
			}
			return
		}
		if try == 5 {
			c.log.Error("recording attempt outcomes failed; their deliveries will be attempted again", "count", len(batch), "err", err)
			return
		}
		c.log.Warn("recording attempt outcomes failed; retrying", "count", len(batch), "err", err)
		time.Sleep(delay)
		delay *= 4
	}
}
