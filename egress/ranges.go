package egress

import "net/netip"

type specialRange struct {
	prefix netip.Prefix
	name   string
}

// specialRanges are the address blocks that are not the public internet:
// the IANA special-purpose registries for IPv4 and IPv6 (RFC 6890 and its
// updates), plus IPv6 forms that carry an IPv4 address, which could smuggle
// a forbidden one. Every form that embeds an IPv4 address is refused whole,
// whatever it embeds (NAT64, 6to4, Teredo, IPv4-compatible and
// -translated), rather than judged by the address inside: a translator
// in the path decides where it really goes. The last three blocks are
// everything outside 2000::/3, the only IPv6 space assigned for global
// unicast, so that a form of embedding nobody listed here is refused too.
var specialRanges = func() []specialRange {
	list := []struct{ cidr, name string }{
		{"0.0.0.0/8", "this network"},
		{"10.0.0.0/8", "private network"},
		{"100.64.0.0/10", "carrier-grade NAT"},
		{"127.0.0.0/8", "loopback"},
		{"169.254.0.0/16", "link-local, cloud metadata"},
		{"172.16.0.0/12", "private network"},
		{"192.0.0.0/24", "IETF protocol assignments"},
		{"192.0.2.0/24", "documentation"},
		{"192.88.99.0/24", "6to4 relay"},
		{"192.168.0.0/16", "private network"},
		{"198.18.0.0/15", "benchmarking"},
		{"198.51.100.0/24", "documentation"},
		{"203.0.113.0/24", "documentation"},
		{"224.0.0.0/4", "multicast"},
		{"240.0.0.0/4", "reserved, broadcast"},
		{"::/128", "unspecified"},
		{"::1/128", "loopback"},
		{"::/96", "IPv4-compatible"},
		{"::ffff:0:0/96", "IPv4-mapped"},
		{"::ffff:0:0:0/96", "IPv4-translated"},
		{"64:ff9b::/96", "NAT64"},
		{"64:ff9b:1::/48", "local NAT64"},
		{"100::/64", "discard"},
		{"2001::/23", "IETF protocol assignments, Teredo"},
		{"2001:db8::/32", "documentation"},
		{"2002::/16", "6to4"},
		{"3fff::/20", "documentation"},
		{"5f00::/16", "segment routing"},
		{"fc00::/7", "unique local"},
		{"fe80::/10", "link-local"},
		{"fec0::/10", "site-local"},
		{"ff00::/8", "multicast"},
		{"::/3", "reserved, not global unicast"},
		{"4000::/2", "reserved, not global unicast"},
		{"8000::/1", "reserved, not global unicast"},
	}
	out := make([]specialRange, len(list))
	for i, r := range list {
		out[i] = specialRange{netip.MustParsePrefix(r.cidr), r.name}
	}
	return out
}()

// forbidden returns the special range addr falls in. IPv4-mapped IPv6
// addresses are judged as the IPv4 address they carry.
func forbidden(addr netip.Addr) (specialRange, bool) {
	addr = addr.WithZone("")
	if addr.Is4In6() {
		addr = addr.Unmap()
	}
	for _, r := range specialRanges {
		if r.prefix.Contains(addr) {
			return r, true
		}
	}
	return specialRange{}, false
}
