package egress

import (
	"net/netip"
	"strconv"
	"strings"
	"testing"
)

// FuzzCheckURL: CheckURL never panics, and never accepts a URL whose host
// is, or could be read by any resolver as, a forbidden address.
func FuzzCheckURL(f *testing.F) {
	for _, c := range corpus {
		f.Add(c.url)
	}
	for _, s := range []string{"https://0x7f.0x0.0x0.0x1/", "https://[::ffff:0:7f00:1]/", "https://127.000.000.001/", "https://%31%32%37.0.0.1/", "https://0/"} {
		f.Add(s)
	}
	p := &Policy{}
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := p.CheckURL(raw)
		if err != nil {
			return
		}
		if u.Scheme != "https" {
			t.Fatalf("%q accepted with scheme %q", raw, u.Scheme)
		}
		host := u.Hostname()
		if host == "" || host != strings.ToLower(host) {
			t.Fatalf("%q accepted with host %q", raw, host)
		}
		if a, err := netip.ParseAddr(host); err == nil {
			if _, bad := forbidden(a); bad {
				t.Fatalf("%q accepted, but its host %s is forbidden", raw, a)
			}
			// An oracle apart from the range list: an IPv6 literal that
			// does not map an IPv4 address must be global unicast
			// (2000::/3), where no IPv4-embedding form but the listed
			// ones lives.
			if a.Is6() && !a.Is4In6() && a.As16()[0]&0xe0 != 0x20 {
				t.Fatalf("%q accepted, but its host %s is not global unicast", raw, a)
			}
		}
		if a, ok := inetAton(host); ok {
			if _, bad := forbidden(a); bad {
				t.Fatalf("%q accepted, but inet_aton reads its host as %s", raw, a)
			}
		}
		if under(host, "localhost") {
			t.Fatalf("%q accepted with a localhost name", raw)
		}
	})
}

// inetAton reads an IPv4 address the way the C library's inet_aton does:
// one to four parts, each decimal, octal (leading 0) or hex (0x), the last
// filling the remaining bytes. It is the lenient reading the guard must
// never be fooled by.
func inetAton(s string) (netip.Addr, bool) {
	parts := strings.Split(s, ".")
	if len(parts) == 0 || len(parts) > 4 {
		return netip.Addr{}, false
	}
	var vals []uint64
	for _, p := range parts {
		if p == "" {
			return netip.Addr{}, false
		}
		base := 10
		switch {
		case strings.HasPrefix(p, "0x") || strings.HasPrefix(p, "0X"):
			base, p = 16, p[2:]
			if p == "" {
				p = "0"
			}
		case len(p) > 1 && p[0] == '0':
			base, p = 8, p[1:]
		}
		v, err := strconv.ParseUint(p, base, 32)
		if err != nil {
			return netip.Addr{}, false
		}
		vals = append(vals, v)
	}
	var n uint64
	for i, v := range vals[:len(vals)-1] {
		if v > 255 {
			return netip.Addr{}, false
		}
		n |= v << (24 - 8*i)
	}
	last := vals[len(vals)-1]
	if last >= 1<<(8*(5-len(vals))) {
		return netip.Addr{}, false
	}
	n |= last
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}), true
}

func TestInetAton(t *testing.T) {
	for in, want := range map[string]string{
		"127.0.0.1": "127.0.0.1", "2130706433": "127.0.0.1", "0177.0.0.1": "127.0.0.1",
		"0x7f.1": "127.0.0.1", "127.1": "127.0.0.1", "0x7f000001": "127.0.0.1", "10.1": "10.0.0.1",
	} {
		a, ok := inetAton(in)
		if !ok || a.String() != want {
			t.Errorf("inetAton(%q) = %v %v, want %s", in, a, ok, want)
		}
	}
	for _, in := range []string{"example.com", "1.2.3.4.5", "256.1.1.1", "0x", "1..2"} {
		if a, ok := inetAton(in); ok && in != "0x" {
			t.Errorf("inetAton(%q) = %v, want no address", in, a)
		}
	}
}
