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
// records hundreds of attempts.
type completer struct {
	store    store.Store
	log      *slog.Logger
	disabled func([]store.Disabled) // told of endpoints the outcomes disabled
	ch       chan store.Completion
	done     chan struct{}
}

func newCompleter(s store.Store, log *slog.Logger, disabled func([]store.Disabled)) *completer {
	return &completer{store: s, log: log, disabled: disabled, ch: make(chan store.Completion, 4*completeBatch), done: make(chan struct{})}
}

func (c *completer) start() { go c.run() }

// add queues a completion; it blocks when the writer is behind, which
// slows attempts down instead of growing memory.
func (c *completer) add(comp store.Completion) { c.ch <- comp }

// stop writes what is queued and returns. No add may follow.
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
