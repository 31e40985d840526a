package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/heraldhq/herald/client"
)

const adminKey = "hk_bench_admin_key_0123456789"

// api talks to one Herald process: setup through the Go client, the
// ingest loops with raw requests, so that the load costs as little as it
// can on the benchmark's side.
type api struct {
	base string
	// spread, when set, are the nodes ingest posts to in turn, request by
	// request (several nodes on one database).
	spread []string
	client *http.Client
	herald *client.Client
	// tenantOf, when set, sends event i to tenant tenantOf(i) instead of
	// "bench" (batches then must be of one event).
	tenantOf func(i int) string
}

// eventsPath is where event i is posted.
func (a *api) eventsPath(i int) string {
	if a.tenantOf != nil {
		return "/v1/tenants/" + a.tenantOf(i) + "/events"
	}
	return "/v1/tenants/bench/events"
}

func newAPI(addr string, conns int) *api {
	tr := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, IdleConnTimeout: time.Minute}
	hc := &http.Client{Transport: tr, Timeout: time.Minute}
	base := "http://" + addr
	return &api{base: base, client: hc, herald: client.New(base, adminKey).WithHTTPClient(hc)}
}

func (a *api) post(path string, body []byte) (int, error) {
	return a.do("POST", path, body)
}

// postVia posts request j of a load: to a's node, or with spread to node
// j mod the nodes.
func (a *api) postVia(j int, path string, body []byte) (int, error) {
	if len(a.spread) == 0 {
		return a.post(path, body)
	}
	return a.doAt(a.spread[j%len(a.spread)], "POST", path, body)
}

func (a *api) get(path string) (int, error) { return a.do("GET", path, nil) }

// do makes one request with the admin key, reads the answer and returns
// its status.
func (a *api) do(method, path string, body []byte) (int, error) {
	return a.doAt(a.base, method, path, body)
}

func (a *api) doAt(base, method, path string, body []byte) (int, error) {
	req, _ := http.NewRequest(method, base+path, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+adminKey)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := a.client.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// setup makes tenant "bench" with one endpoint per URL and returns their
// ids; types, when not nil, gives endpoint i the single event type types[i].
func (a *api) setup(urls []string, types []string, paused bool) ([]string, error) {
	ctx := context.Background()
	if _, err := a.herald.CreateTenant(ctx, client.TenantInput{ID: "bench", Name: "bench"}); err != nil {
		return nil, err
	}
	ids := make([]string, len(urls))
	for i, u := range urls {
		in := client.EndpointInput{URL: u}
		if types != nil {
			in.EventTypes = []string{types[i]}
		}
		if paused {
			in.Paused = &paused
		}
		ep, err := a.herald.CreateEndpoint(ctx, "bench", in)
		if err != nil {
			return nil, err
		}
		ids[i] = ep.ID
	}
	return ids, nil
}

// pad makes event data whose Standard Webhooks envelope is about 1 KiB,
// the size the benchmark's raw client sends too.
var pad = strings.Repeat("x", 1024-140)

func eventBody(n int, typ string) []byte {
	return []byte(fmt.Sprintf(`{"id":"m%d","type":%q,"data":{"job_id":"m%d","status":"completed","pad":%q}}`, n, typ, n, pad))
}

// rawBody is what Herald sends for eventBody: the raw client sends the same
// bytes, so both sides move equal payloads.
func rawBody(n int) []byte {
	return []byte(fmt.Sprintf(`{"type":"bench","timestamp":"2026-01-01T00:00:00.000000Z","data":{"job_id":"m%d","status":"completed","pad":%q}}`, n, pad))
}

// ingest posts events 0..n-1 with `workers` concurrent clients, batch
// events per request (1: POST .../events, more: POST .../events/batch),
// and returns when each was acknowledged (unix nanos).
func (a *api) ingest(n, workers, batch int, typ func(i int) string) ([]int64, error) {
	acks := make([]int64, n)
	var bufs sync.Pool
	err := parallel((n+batch-1)/batch, workers, func(j int) error {
		first := j * batch
		last := min(first+batch, n)
		path, body := a.eventsPath(first), eventBody(first, typ(first))
		if batch > 1 {
			buf, _ := bufs.Get().(*bytes.Buffer)
			if buf == nil {
				buf = new(bytes.Buffer)
			}
			defer bufs.Put(buf)
			buf.Reset()
			buf.WriteString(`{"events":[`)
			for i := first; i < last; i++ {
				if i > first {
					buf.WriteByte(',')
				}
				buf.Write(eventBody(i, typ(i)))
			}
			buf.WriteString(`]}`)
			path, body = "/v1/tenants/bench/events/batch", buf.Bytes()
		}
		code, err := a.postVia(j, path, body)
		if err == nil && code/100 != 2 {
			err = fmt.Errorf("POST %s answered %d", path, code)
		}
		if err != nil {
			return err
		}
		now := time.Now().UnixNano()
		for i := first; i < last; i++ {
			acks[i] = now
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return acks, nil
}

// parallel calls fn(0) to fn(n-1) from workers goroutines side by side and
// returns the first error, after which no new call starts.
func parallel(n, workers int, fn func(i int) error) error {
	var next atomic.Int64
	var failed atomic.Value
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n || failed.Load() != nil {
					return
				}
				if err := fn(i); err != nil {
					failed.CompareAndSwap(nil, err)
					return
				}
			}
		})
	}
	wg.Wait()
	err, _ := failed.Load().(error)
	return err
}

// paced posts events at a steady rate for d, open loop: a slow answer does
// not delay the next request, as with real clients.
func (a *api) paced(rate int, d time.Duration, typ func(i int) string) ([]int64, error) {
	return a.pacedFrom(0, rate, d, typ)
}

// pacedFrom is paced with event numbers starting at first; acks has an
// entry for every number below first + the events sent, zero before first.
func (a *api) pacedFrom(first, rate int, d time.Duration, typ func(i int) string) ([]int64, error) {
	n := int(float64(rate) * d.Seconds())
	acks := make([]int64, first+n)
	sem := make(chan struct{}, 512)
	var wg sync.WaitGroup
	var failed atomic.Value
	start := time.Now()
	for k := range n {
		i := first + k
		if wait := time.Until(start.Add(time.Duration(k) * time.Second / time.Duration(rate))); wait > 0 {
			time.Sleep(wait)
		}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			code, err := a.post(a.eventsPath(i), eventBody(i, typ(i)))
			if err == nil && code/100 != 2 {
				err = fmt.Errorf("POST event answered %d", code)
			}
			if err != nil {
				failed.Store(err)
				return
			}
			acks[i] = time.Now().UnixNano()
		})
	}
	wg.Wait()
	if err, _ := failed.Load().(error); err != nil {
		return nil, err
	}
	return acks, nil
}

// receiverClient reads the receiver's counters.
type receiverClient struct{ base string }

func (r receiverClient) reset(n int) error {
	resp, err := http.Get(fmt.Sprintf("%s/_reset?n=%d", r.base, n))
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}

func (r receiverClient) stats() (stats, error) {
	var s stats
	resp, err := http.Get(r.base + "/_stats")
	if err != nil {
		return s, err
	}
	defer resp.Body.Close()
	return s, json.NewDecoder(resp.Body).Decode(&s)
}

func (r receiverClient) times() ([]int64, error) {
	var t []int64
	resp, err := http.Get(r.base + "/_times")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return t, json.NewDecoder(resp.Body).Decode(&t)
}

// waitCount waits until the receiver has count receipts, sampling the RSS
// of p meanwhile, and returns the last receipt's time and the peak RSS.
func (r receiverClient) waitCount(count int64, limit time.Duration, p *proc) (time.Time, int64, error) {
	deadline := time.Now().Add(limit)
	var peak int64
	for {
		if p != nil {
			peak = max(peak, p.rss())
		}
		s, err := r.stats()
		if err != nil {
			return time.Time{}, peak, err
		}
		if s.Count >= count {
			return time.Unix(0, s.Last), peak, nil
		}
		if time.Now().After(deadline) {
			return time.Time{}, peak, fmt.Errorf("only %d of %d deliveries arrived within %v", s.Count, count, limit)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// latencies returns receipt minus acknowledgement for the messages in idx.
func latencies(acks, recv []int64, idx func(i int) bool) ([]time.Duration, int) {
	var out []time.Duration
	missing := 0
	for i := range acks {
		if !idx(i) {
			continue
		}
		if i >= len(recv) || recv[i] == 0 {
			missing++
			continue
		}
		// A webhook can arrive before the client has read the 202: count
		// that as zero, not as a negative latency.
		out = append(out, max(0, time.Duration(recv[i]-acks[i])))
	}
	slices.Sort(out)
	return out, missing
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted)-1) * p)
	return sorted[i]
}
