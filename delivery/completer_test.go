package delivery

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/health"
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
		c := newCompleter(st, slog.New(slog.DiscardHandler), func([]store.Disabled) {}, nil)
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

// statsStore records outcomes at once and counts the rollup's writes.
type statsStore struct {
	store.Store
	mu       sync.Mutex
	writes   int
	attempts int64
}

func (s *statsStore) CompleteAttempts(ctx context.Context, cs []store.Completion) ([]store.Disabled, error) {
	return nil, nil
}

func (s *statsStore) AddEndpointStats(ctx context.Context, rows []health.Row) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.writes++
	for _, r := range rows {
		if r.Span == health.Fine {
			s.attempts += r.Attempts()
		}
	}
	return nil
}

func (s *statsStore) counts() (int, int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.writes, s.attempts
}

func made(id string) store.Completion {
	return store.Completion{DeliveryID: id, EndpointID: "ep_" + id, Status: herald.DeliverySucceeded,
		Attempt: &herald.Attempt{ID: "att_" + id, StartedAt: time.Now(), StatusCode: 200, Duration: time.Millisecond}}
}

// The attempts recorded reach the health rollup: soon after outcomes stop
// coming, every statsEvery while they keep coming (not with every batch),
// and all of them by the time the completer stops.
func TestCompleterWritesTheRollup(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := &statsStore{}
		c := newCompleter(st, slog.New(slog.DiscardHandler), func([]store.Disabled) {}, nil)
		c.start()
		c.record(made("a"))
		synctest.Wait()
		if w, _ := st.counts(); w != 0 {
			t.Fatalf("the rollup was written %d times before a tick passed", w)
		}
		time.Sleep(2 * statsTick) // outcomes paused: the next ticks write
		synctest.Wait()
		if w, n := st.counts(); w != 1 || n != 1 {
			t.Fatalf("after a pause: %d writes holding %d attempts, want 1 holding 1", w, n)
		}
		// A steady stream for 12 s, an outcome every 20 ms: a write every
		// statsEvery, not one per batch (600 batches).
		for i := range 600 {
			c.record(made(fmt.Sprint("s", i)))
			time.Sleep(20 * time.Millisecond)
		}
		synctest.Wait()
		w, _ := st.counts()
		if streamWrites := w - 1; streamWrites < 2 || streamWrites > 3 {
			t.Fatalf("a 12-second stream wrote the rollup %d times, want 2 or 3 (every %v)", streamWrites, statsEvery)
		}
		c.record(made("last"))
		c.stop()
		if _, n := st.counts(); n != 602 {
			t.Fatalf("the rollup holds %d attempts after stop, want all 602", n)
		}
	})
}

func TestKeepRequests(t *testing.T) {
	for _, c := range []struct {
		k                   Keep
		succeeded, keepsOne bool
	}{
		{KeepAll, true, true}, {KeepAll, false, true},
		{KeepFailed, true, false}, {KeepFailed, false, true},
		{KeepNone, true, false}, {KeepNone, false, false},
	} {
		if got := c.k.keeps(c.succeeded); got != c.keepsOne {
			t.Errorf("%s.keeps(succeeded %v) = %v", c.k, c.succeeded, got)
		}
	}
}
