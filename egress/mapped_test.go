package egress

import (
	"context"
	"errors"
	"net/netip"
	"strings"
	"testing"
)

// An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 address it
// carries, everywhere the guard judges or dials one: in the special ranges,
// in an operator's allow list, and at the dialler, which is given the IPv4
// form (a dual-stack socket would reach the same host either way, but an
// IPv4-only network cannot dial the mapped form at all).
func TestMappedAddressesAreTheirIPv4(t *testing.T) {
	allow := &Policy{Allow: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}
	for _, c := range []struct {
		policy *Policy
		addr   string
		ok     bool
	}{
		{&Policy{}, "::ffff:127.0.0.1", false},
		{&Policy{}, "::ffff:169.254.169.254", false},
		{&Policy{}, "::ffff:8.8.8.8", true},
		{allow, "10.1.2.3", true},
		{allow, "::ffff:10.1.2.3", true}, // the allow list is of IPv4 prefixes
		{allow, "::ffff:192.168.0.1", false},
	} {
		err := c.policy.CheckAddr(netip.MustParseAddr(c.addr))
		if (err == nil) != c.ok {
			t.Errorf("CheckAddr(%s) with allow list %v = %v, want allowed %v", c.addr, c.policy.Allow, err, c.ok)
		}
	}

	g, d := newTestGuard(t, &Policy{}, map[string][][]netip.Addr{"mapped.example": {addrs("::ffff:93.184.215.14")}})
	if _, err := g.DialContext(context.Background(), "tcp", "mapped.example:443"); !errors.Is(err, errNotDialling) {
		t.Fatalf("dial of a name resolving to a mapped public address = %v", err)
	}
	if got, want := strings.Join(d.dialed, " "), "93.184.215.14:443"; got != want {
		t.Fatalf("dialled %q, want the IPv4 form %q", got, want)
	}
}
