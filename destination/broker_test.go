package destination

import (
	"context"
	"crypto/rand"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/egress"
	"github.com/heraldhq/herald/internal/testenv"
	"github.com/heraldhq/herald/signing"
	"github.com/heraldhq/herald/wire"
	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

// The brokers this machine runs (.ci/run starts them).
const (
	rabbitAddr = "127.0.0.1:5672"
	rabbitURL  = "amqp://guest:guest@" + rabbitAddr + "/"
	natsAddr   = "127.0.0.1:4222"
	natsURL    = "nats://" + natsAddr
)

// needBroker skips (or, in CI, fails) a test whose broker is not running.
func needBroker(t *testing.T, name, addr string) {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 2*time.Second)
	if err != nil {
		testenv.Missing(t, name+" at "+addr, err.Error()+" (.ci/run starts it)")
		return
	}
	c.Close()
}

// loopbackGuard is the egress guard as a development node runs it, with
// loopback allowed, and a dialler and resolver that fail the test if
// anything but a loopback address is ever dialled or any name resolved.
type loopbackGuard struct {
	*egress.Guard
	dials atomic.Int32
}

func newLoopbackGuard(t *testing.T) *loopbackGuard {
	g := &loopbackGuard{}
	d := &net.Dialer{}
	g.Guard = &egress.Guard{
		Policy:   &egress.Policy{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}},
		Resolver: failingResolver{t},
		Dial: func(ctx context.Context, network, address string) (net.Conn, error) {
			g.dials.Add(1)
			if ap, err := netip.ParseAddrPort(address); err != nil || !ap.Addr().IsLoopback() {
				t.Errorf("dialling %s: tests reach loopback only", address)
				return nil, io.ErrUnexpectedEOF
			}
			return d.DialContext(ctx, network, address)
		},
	}
	return g
}

type failingResolver struct{ t *testing.T }

func (r failingResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	r.t.Errorf("the guard resolved %q: tests resolve no real name", host)
	return nil, &net.DNSError{Err: "no resolving in tests", Name: host, IsNotFound: true}
}

// unique returns a name no other test run uses.
func unique(prefix string) string { return prefix + strings.ToLower(rand.Text()[:12]) }

// signedWebhook builds one attempt of an event exactly as the HTTP path
// does (wire.Build), and returns it as a Webhook with the endpoint's
// secret.
func signedWebhook(t *testing.T, eventType string) (Webhook, string) {
	t.Helper()
	now := time.Now()
	ep := &herald.Endpoint{ID: "ep_test", URL: "https://receiver.example/hook", Secret: signing.NewSecret()}
	ev := &herald.Event{ID: herald.NewID(herald.PrefixEvent), Type: eventType, Data: []byte(`{"order":42,"note":"ünïcode"}`), CreatedAt: now}
	_, headers, body, err := wire.Build(ep, ev, now)
	if err != nil {
		t.Fatal(err)
	}
	return FromHeaders(headers, ev.Type, body), ep.Secret
}

// verifyAsReceiver verifies a consumed message as an HTTP receiver
// verifies a request: the Standard Webhooks library, given the headers and
// the body.
func verifyAsReceiver(t *testing.T, secret string, headers http.Header, body []byte) {
	t.Helper()
	wh, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		t.Fatal(err)
	}
	if err := wh.Verify(body, headers); err != nil {
		t.Fatalf("the Standard Webhooks library refuses the consumed message: %v (headers %v)", err, headers)
	}
}

// hangingBroker is a local listener that accepts connections and never
// answers; closed reports each connection the client closed.
func hangingBroker(t *testing.T) (addr string, closed <-chan struct{}) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan struct{}, 16)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _ = io.Copy(io.Discard, c) // reads what the client sends, answers nothing
				ch <- struct{}{}
			}()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return ln.Addr().String(), ch
}

// refusingGuard is the production default policy (no loopback, no private
// address) with a dialler that fails the test if it is ever called: the
// guard must refuse before anything is dialled.
func refusingGuard(t *testing.T) *egress.Guard {
	return &egress.Guard{
		Policy: &egress.Policy{},
		Resolver: scriptedResolver{
			"broker.internal.example": {netip.MustParseAddr("169.254.169.254")},
			"nats.internal.example":   {netip.MustParseAddr("10.0.0.7")},
		},
		Dial: func(_ context.Context, _, address string) (net.Conn, error) {
			t.Errorf("dialled %s, which the policy forbids", address)
			return nil, io.ErrUnexpectedEOF
		},
	}
}

type scriptedResolver map[string][]netip.Addr

func (r scriptedResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	if a, ok := r[host]; ok {
		return a, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

// checkBlocked asserts a publish refused by the egress policy.
func checkBlocked(t *testing.T, res Result, want string) {
	t.Helper()
	if res.OK() || !res.Blocked || res.Retryable || !strings.Contains(res.Err, want) {
		t.Fatalf("got %+v; want a blocked, non-retryable failure saying %q", res, want)
	}
}
