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
// up. It records when each numbered message ("m<n>" in webhook-id) first
// arrived, for latency.
type receiver struct {
	count atomic.Int64
	last  atomic.Int64 // unix nanos of the latest receipt

	mu    sync.RWMutex   // guards the times slice itself, not its elements
	times []atomic.Int64 // first receipt of message n, unix nanos
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
	}
	_, _ = io.Copy(io.Discard, r.Body)
	if strings.HasPrefix(r.URL.Path, "/hang/") {
		<-r.Context().Done()
		return
	}
	now := time.Now().UnixNano()
	if id := r.Header.Get("webhook-id"); strings.HasPrefix(id, "m") {
		if n, err := strconv.Atoi(id[1:]); err == nil {
			rc.mu.RLock()
			if n >= 0 && n < len(rc.times) {
				rc.times[n].CompareAndSwap(0, now)
			}
			rc.mu.RUnlock()
		}
	}
	rc.count.Add(1)
	rc.last.Store(now)
	w.WriteHeader(http.StatusOK)
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
