package delivery

import (
	"context"
	"errors"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/heraldhq/herald/endpointcache"
	"github.com/heraldhq/herald/sender"
	"github.com/heraldhq/herald/store"
)

// fullStore fails every write the engine's loops make, as a full disk
// does, until healed; reads of due work fail too. It counts the calls.
type fullStore struct {
	store.Store
	t        *testing.T
	mu       sync.Mutex
	healed   bool
	calls    map[string]int
	tooMany  chan struct{}
	released bool
}

var errFull = errors.New("database or disk is full (13)")

func (s *fullStore) call(name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[name]++
	if s.calls[name] == 1000 {
		// A loop that spins would keep the fake clock from moving: fail,
		// and park it so that the test can end.
		s.t.Errorf("%s called 1,000 times: the loop does not back off", name)
		s.mu.Unlock()
		<-s.tooMany
		s.mu.Lock()
	}
	if !s.healed {
		return errFull
	}
	return nil
}

func (s *fullStore) count(name string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[name]
}

func (s *fullStore) ReleaseLeases(ctx context.Context, owner string, ids []string, at time.Time) error {
	err := s.call("ReleaseLeases")
	if err == nil && ids == nil {
		s.mu.Lock()
		s.released = true
		s.mu.Unlock()
	}
	return err
}

func (s *fullStore) ClaimDeliveries(ctx context.Context, owner string, now, until time.Time, limit int, skip []string) ([]*store.Task, error) {
	return nil, s.call("ClaimDeliveries")
}

func (s *fullStore) ExpandFanouts(ctx context.Context, x store.Expansion) ([]*store.Task, bool, error) {
	return nil, false, s.call("ExpandFanouts")
}

func (s *fullStore) NextDueAt(ctx context.Context) (time.Time, bool, error) {
	return time.Time{}, false, s.call("NextDueAt")
}

// noSender makes no attempt: this store never hands out work.
type noSender struct{}

func (noSender) Send(context.Context, sender.Request) sender.Result { return sender.Result{} }

// An engine started on a store that cannot write comes up not ready
// instead of failing (a supervisor would restart it in a loop), retries
// with growing waits instead of spinning (it tried about 660 times a
// second), and becomes ready and claims again once the store heals.
func TestLoopsBackOffWhileTheStoreFails(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := &fullStore{t: t, calls: map[string]int{}, tooMany: make(chan struct{})}
		defer close(st.tooMany)
		e, err := New(Config{Store: st, Sender: noSender{}, Endpoints: endpointcache.New(st, time.Second, nil), NodeID: "n1", PollInterval: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		if err := e.Start(context.Background()); err != nil {
			t.Fatalf("Start on a full store: %v, want it to come up and retry", err)
		}
		time.Sleep(time.Minute)
		if e.Ready() == nil {
			t.Fatal("the engine is ready although it could not hand back its leases")
		}
		// Doubling from 100 ms to a cap of 30 s: 9 tries in the first
		// minute. A loop that did not back off would try thousands of times.
		if n := st.count("ReleaseLeases"); n < 3 || n > 12 {
			t.Fatalf("ReleaseLeases tried %d times in a minute of failures, want about 9", n)
		}
		if n := st.count("ClaimDeliveries"); n != 0 {
			t.Fatalf("%d claims before the previous run's leases were handed back", n)
		}
		st.mu.Lock()
		st.healed = true
		st.mu.Unlock()
		time.Sleep(31 * time.Second) // past the longest wait
		if err := e.Ready(); err != nil {
			t.Fatalf("not ready once the store healed: %v", err)
		}
		claims := st.count("ClaimDeliveries")
		if claims == 0 {
			t.Fatal("no claim once the store healed")
		}
		// Healthy: one claim per poll interval, no backoff left over.
		time.Sleep(10 * time.Second)
		if n := st.count("ClaimDeliveries") - claims; n < 9 || n > 11 {
			t.Fatalf("%d claims in 10 s of a healthy store with a 1 s poll, want about 10", n)
		}
		// Failing again: claims back off in turn.
		st.mu.Lock()
		st.healed = false
		st.mu.Unlock()
		before := st.count("ClaimDeliveries")
		time.Sleep(time.Minute)
		if n := st.count("ClaimDeliveries") - before; n > 12 {
			t.Fatalf("%d claims in a minute of failures, want about 9", n)
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = e.Stop(ctx) // the store is failing: Stop reports it, and returns
	})
}
