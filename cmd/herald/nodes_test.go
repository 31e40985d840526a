package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/store/postgres/pgtest"
)

// timed is a receiver that records when each webhook arrived and answers
// as answer says (status, and Retry-After seconds when above 0); arrived
// hears of each request.
type timed struct {
	answer  func(n int) (status, retryAfter int)
	mu      sync.Mutex
	at      []time.Time
	ids     []string
	arrived chan struct{}
}

func newTimed(answer func(n int) (int, int)) *timed {
	return &timed{answer: answer, arrived: make(chan struct{}, 1000)}
}

func (r *timed) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	n := len(r.at)
	r.at = append(r.at, time.Now())
	r.ids = append(r.ids, req.Header.Get("webhook-id"))
	r.mu.Unlock()
	status, after := r.answer(n)
	if after > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(after))
	}
	w.WriteHeader(status)
	r.arrived <- struct{}{}
}

// wait waits for n more requests, failing after a minute without one.
func (r *timed) wait(t *testing.T, n int, logs ...*process) {
	t.Helper()
	for i := range n {
		select {
		case <-r.arrived:
		case <-time.After(time.Minute):
			msg := fmt.Sprintf("request %d of %d did not arrive within a minute of the one before", i+1, n)
			for _, p := range logs {
				msg += "\n" + p.log.String()
			}
			t.Fatal(msg)
		}
	}
}

func (r *timed) times() ([]time.Time, []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]time.Time(nil), r.at...), append([]string(nil), r.ids...)
}

// twoNodes starts two herald processes on one fresh PostgreSQL schema.
func twoNodes(t *testing.T) (a, b *process) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	_, dbURL := pgtest.Schema(t)
	key := seal.EncodeKey(seal.NewKey())
	a = start(t, t.TempDir(), "--database-url", dbURL, "--encryption-key", key, "--node-id", "node-a")
	b = start(t, t.TempDir(), "--database-url", dbURL, "--encryption-key", key, "--node-id", "node-b")
	return a, b
}

type postedEvent struct {
	ID         string `json:"id"`
	Deliveries []struct {
		ID string `json:"id"`
	} `json:"deliveries"`
}

// An endpoint's rate limit holds across nodes: 5 a second, evenly spaced,
// with events accepted by two nodes that each deliver their own. 20
// requests take at least 19 slots of 200 ms; two nodes each keeping the
// limit on its own would send them in half that. Only a lower bound on
// time is asserted: a slow machine makes it longer, never shorter.
func TestRateLimitHeldAcrossTwoNodes(t *testing.T) {
	a, b := twoNodes(t)
	rx := newTimed(func(int) (int, int) { return http.StatusOK, 0 })
	srv := httptest.NewServer(rx)
	defer srv.Close()
	a.mustPost(t, "/v1/tenants", map[string]any{"id": "acme", "name": "Acme"})
	a.mustPost(t, "/v1/tenants/acme/endpoints", map[string]any{"url": srv.URL, "rate_limit": map[string]any{"count": 5, "per": "second"}})
	const total = 20
	for i := range total {
		[]*process{a, b}[i%2].mustPost(t, "/v1/tenants/acme/events", map[string]any{"id": fmt.Sprintf("e-%d", i), "type": "x", "data": map[string]any{"i": i}})
	}
	rx.wait(t, total, a, b)
	at, _ := rx.times()
	if span := at[len(at)-1].Sub(at[0]); span < 3*time.Second {
		t.Fatalf("%d requests within %v at a limit of 5 a second (at least %v apart in all, want 3 s or more): the nodes did not share the limit",
			total, span, 19*200*time.Millisecond)
	}
}

// A 429's Retry-After, answered to one node, pauses the endpoint on the
// other too: a delivery the second node accepts after the pause was
// stored goes only once the pause ends.
func TestRetryAfterPausesEveryNode(t *testing.T) {
	a, b := twoNodes(t)
	rx := newTimed(func(n int) (int, int) {
		if n == 0 {
			return http.StatusTooManyRequests, 3
		}
		return http.StatusOK, 0
	})
	srv := httptest.NewServer(rx)
	defer srv.Close()
	a.mustPost(t, "/v1/tenants", map[string]any{"id": "acme", "name": "Acme"})
	a.mustPost(t, "/v1/tenants/acme/endpoints", map[string]any{"url": srv.URL, "rate_limit": map[string]any{"count": 100, "per": "second"}})
	var first postedEvent
	a.apiJSON(t, "POST", "/v1/tenants/acme/events", map[string]any{"id": "first", "type": "x", "data": map[string]any{}}, &first)
	rx.wait(t, 1, a, b)
	// The pause is stored before the attempt's outcome is: once the
	// attempt is counted, every node can read it.
	a.waitDelivery(t, first.Deliveries[0].ID, func(d uiDelivery) bool { return d.Attempts == 1 }, "the 429 recorded")
	b.mustPost(t, "/v1/tenants/acme/events", map[string]any{"id": "second", "type": "x", "data": map[string]any{}})
	rx.wait(t, 1, a, b)
	at, ids := rx.times()
	if ids[1] != "second" {
		t.Fatalf("after the 429 the receiver got %q first, want the second node's event", ids[1])
	}
	if gap := at[1].Sub(at[0]); gap < 2900*time.Millisecond {
		t.Fatalf("the second node sent %v after the other's 429 with Retry-After: 3, want 3 s or more", gap)
	}
}

// A node that dies with deliveries leased to it (in flight, and queued
// behind them) loses none: once their leases run out, the other node
// takes them over and makes every one.
func TestDeadNodesDeliveriesTakenOver(t *testing.T) {
	a, b := twoNodes(t)
	got := newSeen(1) // the first answered, every later request held until released
	srv := httptest.NewServer(got.handler())
	defer srv.Close()
	a.mustPost(t, "/v1/tenants", map[string]any{"id": "acme", "name": "Acme"})
	a.mustPost(t, "/v1/tenants/acme/endpoints", map[string]any{"url": srv.URL + "/a"})
	const total = 20
	var want []string
	for i := range total {
		id := fmt.Sprintf("e-%d", i)
		want = append(want, id)
		a.mustPost(t, "/v1/tenants/acme/events", map[string]any{"id": id, "type": "x", "data": map[string]any{"i": i}})
	}
	select {
	case <-got.holding:
	case <-time.After(time.Minute):
		t.Fatalf("node a attempted nothing past its first delivery\n%s", a.log.String())
	}
	if err := a.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-a.done
	close(got.release)
	// Leases last 30 s (the least the binary uses): the takeover comes
	// after them.
	deadline := time.Now().Add(2 * time.Minute)
	for len(got.missing(want, "/a")) > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("%d of node a's %d deliveries were not taken over by node b within 2 minutes, e.g. %v\nnode b:\n%s",
				len(got.missing(want, "/a")), total, got.missing(want, "/a")[:1], b.log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	// And node b records each outcome: nothing is left pending.
	for {
		var list struct {
			Data []uiDelivery `json:"data"`
		}
		b.apiJSON(t, "GET", "/v1/tenants/acme/deliveries?status=pending&limit=250", nil, &list)
		if len(list.Data) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d deliveries still pending after node b made them all: %+v", len(list.Data), list.Data)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
