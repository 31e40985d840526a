package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// receiver is the webhook receiver the benchmark delivers to, run in its
// own process so that its CPU is not Herald's. It answers 200 at once,
// except under /hang/, where it holds the request until the sender gives
// up, and under /fail/, where it answers 500. It records when each numbered
// message ("m<n>" in webhook-id) first and last arrived, and how many
// times, for latency.
type receiver struct {
	count atomic.Int64
	last  atomic.Int64 // unix nanos of the latest receipt

	mu    sync.RWMutex   // guards the slices themselves, not their elements
	times []atomic.Int64 // first receipt of message n, unix nanos
	// lastTimes and counts are the latest receipt of message n and how
	// many endpoints received it, for latency to every healthy endpoint.
	lastTimes []atomic.Int64
	counts    []atomic.Int32
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/_stats":
		writeJSON(w, stats{Count: rc.count.Load(), Last: rc.last.Load()})
		return
	case "/_reset":
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		rc.mu.Lock()
		rc.times = make([]atomic.Int64, n)
		rc.lastTimes, rc.counts = make([]atomic.Int64, n), make([]atomic.Int32, n)
		rc.mu.Unlock()
		rc.count.Store(0)
		rc.last.Store(0)
		return
	case "/_times":
		rc.mu.Lock()
		out := make([]int64, len(rc.times))
		for i := range rc.times {
			out[i] = rc.times[i].Load()
		}
		rc.mu.Unlock()
		writeJSON(w, out)
		return
	case "/_arrivals":
		rc.mu.Lock()
		out := arrivals{Last: make([]int64, len(rc.lastTimes)), Count: make([]int32, len(rc.counts))}
		for i := range rc.lastTimes {
			out.Last[i], out.Count[i] = rc.lastTimes[i].Load(), rc.counts[i].Load()
		}
		rc.mu.Unlock()
		writeJSON(w, out)
		return
	}
	_, _ = io.Copy(io.Discard, r.Body)
	if strings.HasPrefix(r.URL.Path, "/hang/") {
		<-r.Context().Done()
		return
	}
	if strings.HasPrefix(r.URL.Path, "/fail/") {
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	now := time.Now().UnixNano()
	if id := r.Header.Get("webhook-id"); strings.HasPrefix(id, "m") {
		if n, err := strconv.Atoi(id[1:]); err == nil {
			rc.mu.RLock()
			if n >= 0 && n < len(rc.times) {
				rc.times[n].CompareAndSwap(0, now)
				for last := rc.lastTimes[n].Load(); last < now && !rc.lastTimes[n].CompareAndSwap(last, now); last = rc.lastTimes[n].Load() {
				}
				rc.counts[n].Add(1)
			}
			rc.mu.RUnlock()
		}
	}
	rc.count.Add(1)
	rc.last.Store(now)
	w.WriteHeader(http.StatusOK)
}

// arrivals is, for each message, its latest receipt (unix nanos) and how
// many endpoints received it.
type arrivals struct {
	Last  []int64 `json:"last"`
	Count []int32 `json:"count"`
}

type stats struct {
	Count int64 `json:"count"`
	Last  int64 `json:"last"`
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func runReceiver(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: &receiver{}, ReadHeaderTimeout: 10 * time.Second}
	fmt.Println("listening", ln.Addr()) // the parent waits for this line
	go func() { <-ctx.Done(); _ = srv.Close() }()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
