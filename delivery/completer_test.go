package delivery

import (
	"context"
	"log/slog"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/heraldhq/herald/store"
)

// stalledStore is a store whose writes of outcomes hang until released, as
// on a disk that has stopped answering. Only CompleteAttempts is called.
type stalledStore struct {
	store.Store
	release chan struct{}
	written atomic.Int64
}

func (s *stalledStore) CompleteAttempts(ctx context.Context, cs []store.Completion) ([]store.Disabled, error) {
	<-s.release
	s.written.Add(int64(len(cs)))
	return nil, nil
}

// While the store cannot write, no more than unwrittenMax outcomes are
// taken in: the rest of the attempts wait in record. Those taken in are
// the deliveries a crash would send again after their receivers answered,
// so this is the bound on duplicates that docs/architecture.md gives. A
// queue of 2,000 outcomes took in all 1,000 here.
func TestCompleterBoundsUnwrittenOutcomes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := &stalledStore{release: make(chan struct{})}
		c := newCompleter(st, slog.New(slog.DiscardHandler), func([]store.Disabled) {})
		c.start()
		const attempts = 1000
		var recorded atomic.Int64
		for i := range attempts {
			go func() {
				c.record(store.Completion{DeliveryID: string(rune('a' + i%26))})
				recorded.Add(1)
			}()
		}
		synctest.Wait() // every goroutine is blocked: in record, or the writer in the store
		if got := recorded.Load(); got != unwrittenMax {
			t.Fatalf("%d outcomes taken in while the store could not write, want exactly %d", got, unwrittenMax)
		}
		close(st.release)
		synctest.Wait()
		if got := recorded.Load(); got != attempts {
			t.Fatalf("%d of %d outcomes recorded once the store wrote again", got, attempts)
		}
		c.stop()
		if got := st.written.Load(); got != attempts {
			t.Fatalf("%d of %d outcomes written", got, attempts)
		}
	})
}
