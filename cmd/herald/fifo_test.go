package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/store/postgres/pgtest"
)

// ordered is a receiver that checks FIFO delivery: it records the event
// numbers it answers 2xx in arrival order, fails the first attempt of
// every failEvery-th event with a 500, counts requests in flight at once,
// and, once it has answered holdAfter requests (0: never), holds every
// later one until release is closed or its sender goes away.
type ordered struct {
	failEvery, holdAfter int

	mu       sync.Mutex
	got      []int        // event numbers answered 2xx, in order
	failed   map[int]bool // events whose first attempt was failed
	inFlight int
	maxIn    int
	answered int
	holding  chan struct{} // closed when the first request is held
	release  chan struct{}
	once     sync.Once
	// progress is signalled (without blocking) at each 2xx answer, so
	// that check waits on arrivals, not on a clock.
	progress chan struct{}
}

func newOrdered(failEvery, holdAfter int) *ordered {
	return &ordered{failEvery: failEvery, holdAfter: holdAfter, failed: map[int]bool{},
		holding: make(chan struct{}), release: make(chan struct{}), progress: make(chan struct{}, 1)}
}

func (o *ordered) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Data struct {
			N int `json:"n"`
		} `json:"data"`
	}
	raw, _ := io.ReadAll(r.Body)
	if err := json.Unmarshal(raw, &body); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	n := body.Data.N
	o.mu.Lock()
	o.inFlight++
	o.maxIn = max(o.maxIn, o.inFlight)
	hold := o.holdAfter > 0 && o.answered >= o.holdAfter
	fail := !hold && o.failEvery > 0 && n%o.failEvery == 0 && !o.failed[n]
	if fail {
		o.failed[n] = true
	}
	o.mu.Unlock()
	defer func() {
		o.mu.Lock()
		o.inFlight--
		o.mu.Unlock()
	}()
	if hold {
		o.once.Do(func() { close(o.holding) })
		select {
		case <-o.release:
		case <-r.Context().Done():
			return
		}
	}
	if fail {
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	o.mu.Lock()
	o.got = append(o.got, n)
	o.answered++
	o.mu.Unlock()
	select {
	case o.progress <- struct{}{}:
	default: // check has been told already
	}
	w.WriteHeader(http.StatusOK)
}

// stall bounds how long check waits for the next event to arrive: a
// bound on a stuck stream, not on how long the whole stream may take on a
// slow machine.
const stall = 30 * time.Second

// check waits until every event 0..total-1 was answered and fails the test
// if one ever arrived after a later one. An event may arrive twice in a
// row (at-least-once: the head in flight at a crash goes again), never
// behind a later one. It checks again at each arrival, and fails when none
// came for stall.
func (o *ordered) check(t *testing.T, total int, logs ...*process) {
	t.Helper()
	for {
		o.mu.Lock()
		got := append([]int(nil), o.got...)
		maxIn := o.maxIn
		o.mu.Unlock()
		last := -1
		for i, n := range got {
			if n < last {
				t.Fatalf("event %d arrived after event %d (arrival %d of %d): out of order", n, last, i, len(got))
			}
			if n > last+1 {
				t.Fatalf("event %d arrived right after event %d: an event was skipped", n, last)
			}
			last = n
		}
		if maxIn > 1 {
			t.Fatalf("%d requests were in flight at once to a FIFO endpoint, want 1", maxIn)
		}
		if last == total-1 {
			t.Logf("%d events in order in %d arrivals (%d repeats), at most %d in flight", total, len(got), len(got)-total, maxIn)
			return
		}
		select {
		case <-o.progress:
		case <-time.After(stall):
			msg := fmt.Sprintf("only events up to %d of %d arrived, and none for %v", last, total, stall)
			for _, p := range logs {
				msg += "\n" + p.log.String()
			}
			t.Fatal(msg)
		}
	}
}

// fifoEndpoint makes a tenant and a FIFO endpoint whose retries come at
// once (two of them), as a platform that wants order and speed would.
func fifoEndpoint(t *testing.T, p *process, url string) {
	t.Helper()
	p.mustPost(t, "/v1/tenants", map[string]any{"id": "acme", "name": "Acme"})
	p.mustPost(t, "/v1/tenants/acme/endpoints", map[string]any{"url": url, "ordering": "fifo",
		"retry_policy": map[string]any{"kind": "schedule", "schedule": []string{"0s", "0s"}}})
}

func postNumbered(t *testing.T, p *process, from, to int) {
	t.Helper()
	for i := from; i < to; i++ {
		p.mustPost(t, "/v1/tenants/acme/events", map[string]any{"id": fmt.Sprintf("e-%d", i), "type": "job.completed", "data": map[string]any{"n": i}})
	}
}

// 1,000 events to a FIFO endpoint arrive in order, one at a time, while
// the receiver fails the first attempt of every seventh, and across a
// SIGKILL of Herald in the middle of the stream.
func TestFIFOInOrderAcrossFailuresAndACrash(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	const total, before = 1000, 400
	rx := newOrdered(7, before)
	srv := httptest.NewServer(rx)
	defer srv.Close()
	dataDir := t.TempDir()
	p := start(t, dataDir)
	fifoEndpoint(t, p, srv.URL)
	postNumbered(t, p, 0, total)
	select {
	case <-rx.holding:
	case <-time.After(60 * time.Second):
		t.Fatalf("the receiver did not get %d answered requests in time\n%s", before, p.log.String())
	}
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-p.done
	close(rx.release)
	p = start(t, dataDir)
	rx.check(t, total, p)
}

// Two nodes on one PostgreSQL database, each accepting events for one
// FIFO endpoint: the events of each node's stream arrive in the order
// that node accepted them, one at a time, whichever node delivers.
func TestFIFOWithTwoNodesOnPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	_, dbURL := pgtest.Schema(t)
	key := seal.EncodeKey(seal.NewKey())
	rx := newOrdered(7, 0)
	srv := httptest.NewServer(rx)
	defer srv.Close()
	a := start(t, t.TempDir(), "--database-url", dbURL, "--encryption-key", key, "--node-id", "node-a")
	b := start(t, t.TempDir(), "--database-url", dbURL, "--encryption-key", key, "--node-id", "node-b")
	fifoEndpoint(t, a, srv.URL)
	// One stream, its halves accepted by alternate nodes: acceptance
	// order is the order of the calls, each answered before the next.
	const total = 600
	for i := range total {
		p := []*process{a, b}[i/50%2]
		postNumbered(t, p, i, i+1)
	}
	rx.check(t, total, a, b)
}
