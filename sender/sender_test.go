package sender

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heraldhq/herald/egress"
)

type resolver map[string]string

func (r resolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	a, ok := r[host]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	return []netip.Addr{netip.MustParseAddr(a)}, nil
}

// With an egress proxy, attempts go to the proxy, and a destination that
// resolves to a forbidden address is refused before the proxy is asked.
func TestEgressProxy(t *testing.T) {
	var mu sync.Mutex
	var asked []string
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.String()+" "+r.Header.Get("webhook-id"))
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer proxy.Close()
	proxyURL, _ := url.Parse(proxy.URL)
	guard := &egress.Guard{
		Policy:   &egress.Policy{AllowHTTP: true},
		Resolver: resolver{"hooks.example": "93.184.215.14", "evil.example": "127.0.0.1"},
		Dial: func(context.Context, string, string) (net.Conn, error) {
			t.Error("with a proxy, the guard's dialer must not be used")
			return nil, net.ErrClosed
		},
	}
	s, err := New(Config{Guard: guard, Proxy: proxyURL, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res := s.Send(context.Background(), Request{URL: "http://hooks.example:8080/in", Headers: map[string]string{"webhook-id": "evt_1"}, Body: []byte(`{}`)})
	if res.StatusCode != http.StatusNoContent {
		t.Fatalf("through the proxy: %+v", res)
	}
	res = s.Send(context.Background(), Request{URL: "http://evil.example/in", Headers: map[string]string{"webhook-id": "evt_2"}, Body: []byte(`{}`)})
	if !res.Blocked || !strings.Contains(res.Err, "127.0.0.1") {
		t.Fatalf("a destination resolving to loopback through the proxy: %+v, want blocked", res)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(asked) != 1 || asked[0] != "http://hooks.example:8080/in evt_1" {
		t.Fatalf("the proxy was asked %v", asked)
	}
	if _, err := New(Config{Guard: guard, Proxy: &url.URL{Scheme: "ftp", Host: "x"}}); err == nil {
		t.Fatal("an ftp proxy was accepted")
	}
}

func TestResponseIsCappedAndTimed(t *testing.T) {
	rc := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "7")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(strings.Repeat("x", 100<<10)))
	}))
	defer rc.Close()
	guard := egress.NewGuard(&egress.Policy{AllowHTTP: true, Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}})
	s, err := New(Config{Guard: guard})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res := s.Send(context.Background(), Request{URL: rc.URL, Body: []byte(`{}`)})
	if res.StatusCode != 503 || res.RetryAfter != 7*time.Second || len(res.Body) != 4<<10 || res.Duration <= 0 {
		t.Fatalf("result: status %d retry-after %v body %d bytes duration %v", res.StatusCode, res.RetryAfter, len(res.Body), res.Duration)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"":                              0,
		"120":                           2 * time.Minute,
		"-5":                            0,
		"soon":                          0,
		"Thu, 01 Jan 2026 00:01:00 GMT": time.Minute,
		"Wed, 31 Dec 2025 23:00:00 GMT": 0, // in the past
	} {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

// A receiver that answers at once and then drips its body forever holds an
// attempt for the attempt timeout, no longer.
func TestSlowDripBodyIsBoundedByTheTimeout(t *testing.T) {
	stop := make(chan struct{})
	defer close(stop)
	rc := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		for {
			if _, err := w.Write([]byte("x")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-stop:
				return
			case <-r.Context().Done():
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}))
	defer rc.Close()
	guard := egress.NewGuard(&egress.Policy{AllowHTTP: true, Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}})
	s, err := New(Config{Guard: guard, Timeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	res := s.Send(context.Background(), Request{URL: rc.URL, Body: []byte(`{}`)})
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("a dripping body held the attempt for %v with a 300ms timeout", took)
	}
	if res.StatusCode != http.StatusOK || len(res.Body) == 0 {
		t.Fatalf("result = status %d, %d bytes of body", res.StatusCode, len(res.Body))
	}
}
