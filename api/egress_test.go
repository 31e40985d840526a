package api_test

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"testing"

	"github.com/heraldhq/herald/egress"
)

// scriptedResolver answers name lookups from a script, one answer per
// call, so no test ever resolves a real name.
type scriptedResolver struct {
	mu      sync.Mutex
	answers map[string][]string
	calls   map[string]int
}

func (r *scriptedResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	list, ok := r.answers[host]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	a := list[min(r.calls[host], len(list)-1)]
	r.calls[host]++
	return []netip.Addr{netip.MustParseAddr(a)}, nil
}

// A name that resolves to a public address when the endpoint is saved and
// to loopback when the attempt dials is refused at connect time; the
// attempt is recorded as blocked and not retried; nothing is dialled.
func TestRebindingIsBlockedAtConnect(t *testing.T) {
	t.Parallel()
	res := &scriptedResolver{answers: map[string][]string{"hooks.example": {"93.184.215.14", "127.0.0.1"}}, calls: map[string]int{}}
	var dialed []string
	var mu sync.Mutex
	var logged syncLog
	h := newHarness(t, func(o *options) {
		o.logger = slog.New(slog.NewTextHandler(&logged, nil))
		o.policy = &egress.Policy{AllowHTTP: true}
		o.resolver = res
		o.dial = func(_ context.Context, _, addr string) (net.Conn, error) {
			mu.Lock()
			dialed = append(dialed, addr)
			mu.Unlock()
			t.Errorf("the guard let an attempt dial %s", addr)
			return nil, net.ErrClosed
		}
	})
	h.tenant("acme")
	h.endpoint("acme", map[string]any{"url": "http://hooks.example:8080/webhooks", "retry_policy": fastRetries(3)})
	ev := h.event("acme", map[string]any{"type": "job.completed", "data": map[string]any{}})
	d := h.waitDelivery("acme", ev.Deliveries[0].ID, "failed")
	if d.Attempts != 1 || !strings.HasPrefix(d.AttemptLog[0].Error, "blocked by policy") || !strings.Contains(d.AttemptLog[0].Error, "127.0.0.1") {
		t.Fatalf("delivery = %+v, want one attempt blocked by policy for 127.0.0.1, not retried", d)
	}
	// A blocked delivery is not silent: it is counted and logged.
	if n := h.metric("herald_attempts_blocked_total", "", ""); n != 1 {
		t.Errorf("herald_attempts_blocked_total = %v, want 1", n)
	}
	if l := logged.String(); !strings.Contains(l, "attempt blocked by the egress policy") || !strings.Contains(l, ev.Deliveries[0].ID) {
		t.Errorf("no log line names the blocked delivery:\n%s", l)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(dialed) != 0 {
		t.Fatalf("dialled %v", dialed)
	}
}

// syncLog collects log output written from several goroutines.
type syncLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *syncLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// A name that already resolves to a private address is refused when saved,
// with a message naming the address.
func TestPrivateNameRefusedWhenSaved(t *testing.T) {
	t.Parallel()
	res := &scriptedResolver{answers: map[string][]string{"internal.example": {"10.0.0.5"}}, calls: map[string]int{}}
	h := newHarness(t, func(o *options) {
		o.policy = &egress.Policy{}
		o.resolver = res
	})
	h.tenant("acme")
	var body apiError
	code := h.call("POST", "/v1/tenants/acme/endpoints", adminKey, map[string]any{"url": "https://internal.example/hook"}, &body)
	if code != http.StatusBadRequest || !strings.Contains(body.Error.Message, "10.0.0.5") {
		t.Fatalf("saving a URL whose name resolves to 10.0.0.5 = %d %q, want 400 naming it", code, body.Error.Message)
	}
	code = h.call("POST", "/v1/tenants/acme/endpoints", adminKey, map[string]any{"url": "http://example.com/hook"}, &body)
	if code != http.StatusBadRequest || !strings.Contains(body.Error.Message, "https") {
		t.Fatalf("http under the default policy = %d %q, want 400 asking for https", code, body.Error.Message)
	}
}

// A redirect is an answer, not an instruction: the attempt fails with the
// 3xx and the redirect's target is never contacted.
func TestRedirectIsNotFollowed(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	target := newReceiver(t, nil)
	rc := newReceiver(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.url+"/elsewhere", http.StatusTemporaryRedirect)
	})
	h.tenant("acme")
	h.endpoint("acme", map[string]any{"url": rc.url, "retry_policy": fastRetries(3)})
	ev := h.event("acme", map[string]any{"type": "job.completed", "data": map[string]any{}})
	d := h.waitDelivery("acme", ev.Deliveries[0].ID, "failed")
	if d.Attempts != 1 || d.LastStatusCode != http.StatusTemporaryRedirect {
		t.Fatalf("delivery = %+v, want one attempt that failed with 307", d)
	}
	if n := target.count(); n != 0 {
		t.Fatalf("the redirect's target got %d requests", n)
	}
}
