package egress

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strings"
	"sync"
	"testing"
)

// fakeResolver answers from a script, one answer per call, and never asks
// real DNS.
type fakeResolver struct {
	mu      sync.Mutex
	answers map[string][][]netip.Addr // host -> answers, in call order
	calls   map[string]int
}

func (r *fakeResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	list, ok := r.answers[host]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	n := min(r.calls[host], len(list)-1)
	r.calls[host]++
	return list[n], nil
}

func addrs(s ...string) []netip.Addr {
	out := make([]netip.Addr, len(s))
	for i, a := range s {
		out[i] = netip.MustParseAddr(a)
	}
	return out
}

// recordingDialer opens no connection at all. It records what it was asked
// to dial and fails the test outright if that is a forbidden address: the
// guard must have refused it before.
type recordingDialer struct {
	t      *testing.T
	policy *Policy
	mu     sync.Mutex
	dialed []string
}

var errNotDialling = errors.New("test dialer: no real connection is made")

func (d *recordingDialer) Dial(_ context.Context, _, address string) (net.Conn, error) {
	d.mu.Lock()
	d.dialed = append(d.dialed, address)
	d.mu.Unlock()
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		d.t.Errorf("the dialer was given %q, not host:port", address)
		return nil, err
	}
	if a, err := netip.ParseAddr(host); err == nil && d.policy.CheckAddr(a) != nil {
		d.t.Errorf("a forbidden address reached the dialer: %s", address)
	}
	return nil, errNotDialling
}

func newTestGuard(t *testing.T, p *Policy, answers map[string][][]netip.Addr) (*Guard, *recordingDialer) {
	d := &recordingDialer{t: t, policy: p}
	return &Guard{Policy: p, Resolver: &fakeResolver{answers: answers, calls: map[string]int{}}, Dial: d.Dial}, d
}

func TestRebindingIsRefusedAtConnect(t *testing.T) {
	p := &Policy{}
	g, d := newTestGuard(t, p, map[string][][]netip.Addr{
		// Public when the URL is saved, loopback when it is dialled.
		"rebind.example": {addrs("93.184.215.14"), addrs("127.0.0.1")},
	})
	if _, err := g.Check(context.Background(), "https://rebind.example/hook"); err != nil {
		t.Fatalf("Check at save time: %v", err)
	}
	_, err := g.DialContext(context.Background(), "tcp", "rebind.example:443")
	var be *BlockedError
	if !errors.As(err, &be) || !strings.Contains(err.Error(), "127.0.0.1") {
		t.Fatalf("dial after rebinding = %v, want blocked naming 127.0.0.1", err)
	}
	if len(d.dialed) != 0 {
		t.Fatalf("the dialer was called with %v", d.dialed)
	}
}

func TestEveryResolvedAddressMustPass(t *testing.T) {
	p := &Policy{}
	for _, bad := range []string{"10.0.0.1", "169.254.169.254", "::1", "fd00::1", "::ffff:127.0.0.1"} {
		g, d := newTestGuard(t, p, map[string][][]netip.Addr{"mixed.example": {addrs("93.184.215.14", bad)}})
		if _, err := g.DialContext(context.Background(), "tcp", "mixed.example:443"); !isBlocked(err) {
			t.Errorf("a name resolving to a public address and %s: %v, want blocked", bad, err)
		}
		if len(d.dialed) != 0 {
			t.Errorf("with %s among the answers the dialer was called with %v", bad, d.dialed)
		}
		if _, err := g.Check(context.Background(), "https://mixed.example/"); !isBlocked(err) {
			t.Errorf("Check of a name resolving to %s too: %v, want blocked", bad, err)
		}
	}
}

func TestDialsTheCheckedAddress(t *testing.T) {
	p := &Policy{}
	g, d := newTestGuard(t, p, map[string][][]netip.Addr{"ok.example": {addrs("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c")}})
	_, err := g.DialContext(context.Background(), "tcp", "ok.example:443")
	if !errors.Is(err, errNotDialling) {
		t.Fatalf("dial = %v", err)
	}
	// The dialer gets the addresses that were checked, never the name (which
	// it would resolve again, and might get another answer for).
	want := []string{"93.184.215.14:443", "[2606:2800:21f:cb07:6820:80da:af6b:8b2c]:443"}
	if strings.Join(d.dialed, " ") != strings.Join(want, " ") {
		t.Fatalf("dialed %v, want %v", d.dialed, want)
	}
}

func TestLiteralAddressesAtConnect(t *testing.T) {
	p := &Policy{}
	g, d := newTestGuard(t, p, nil)
	for _, a := range []string{"127.0.0.1:80", "[::1]:443", "10.1.2.3:443", "169.254.169.254:80", "[::ffff:10.0.0.1]:443", "0.0.0.0:80"} {
		if _, err := g.DialContext(context.Background(), "tcp", a); !isBlocked(err) {
			t.Errorf("dial %s = %v, want blocked", a, err)
		}
	}
	if len(d.dialed) != 0 {
		t.Fatalf("the dialer was called with %v", d.dialed)
	}
}

func TestAllowListsAtConnect(t *testing.T) {
	p := &Policy{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}, AllowHosts: []string{"internal.example"}}
	g, d := newTestGuard(t, p, map[string][][]netip.Addr{"dev.example": {addrs("127.0.0.1")}})
	if _, err := g.DialContext(context.Background(), "tcp", "dev.example:9000"); !errors.Is(err, errNotDialling) {
		t.Fatalf("an allowed range was refused: %v", err)
	}
	if _, err := g.DialContext(context.Background(), "tcp", "hooks.internal.example:443"); !errors.Is(err, errNotDialling) {
		t.Fatalf("an allowed host was refused: %v", err)
	}
	if got := strings.Join(d.dialed, " "); got != "127.0.0.1:9000 hooks.internal.example:443" {
		t.Fatalf("dialed %q", got)
	}
}

func TestCheckAcceptsNamesThatDoNotResolveYet(t *testing.T) {
	g, _ := newTestGuard(t, &Policy{}, nil)
	if _, err := g.Check(context.Background(), "https://not-deployed-yet.example/hook"); err != nil {
		t.Fatalf("a name that does not resolve was refused: %v", err)
	}
}

func isBlocked(err error) bool {
	var be *BlockedError
	return errors.As(err, &be)
}
