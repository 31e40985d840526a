package clientip

import (
	"net/netip"
	"testing"
)

func TestFrom(t *testing.T) {
	lb := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	two := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.168.1.0/24")}
	for _, c := range []struct {
		name    string
		remote  string
		xff     []string
		trusted []netip.Prefix
		want    string
	}{
		{"no proxy trusted: the peer, whatever the header says", "203.0.113.9:5000", []string{"1.2.3.4"}, nil, "203.0.113.9"},
		{"an untrusted peer's header is ignored", "203.0.113.9:5000", []string{"1.2.3.4"}, lb, "203.0.113.9"},
		{"behind a trusted proxy", "10.0.0.5:443", []string{"198.51.100.7"}, lb, "198.51.100.7"},
		{"a forged first hop is passed over", "10.0.0.5:443", []string{"6.6.6.6, 198.51.100.7"}, lb, "198.51.100.7"},
		{"two trusted hops", "10.0.0.5:443", []string{"198.51.100.7, 192.168.1.20"}, two, "198.51.100.7"},
		{"several header lines", "10.0.0.5:443", []string{"6.6.6.6", "198.51.100.7"}, lb, "198.51.100.7"},
		{"a trusted proxy with no header: itself", "10.0.0.5:443", nil, lb, "10.0.0.5"},
		{"garbage in the header stops the walk", "10.0.0.5:443", []string{"198.51.100.7, not-an-ip"}, lb, "10.0.0.5"},
		{"IPv6 and a mapped IPv4 peer", "[::ffff:10.0.0.5]:443", []string{"2001:db8::1"}, lb, "2001:db8::1"},
	} {
		if got := From(c.remote, c.xff, c.trusted); got != c.want {
			t.Errorf("%s: From = %q, want %q", c.name, got, c.want)
		}
	}
}
