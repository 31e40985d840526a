package egress

import (
	"context"
	"errors"
	"net"
	"net/netip"
)

// Resolver looks up the addresses of a host. *net.Resolver satisfies it;
// tests inject their own so that no real name is ever resolved.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// DialFunc dials one address, as net.Dialer.DialContext does.
type DialFunc func(ctx context.Context, network, address string) (net.Conn, error)

// Dialer resolves, checks and dials, in that order, so that the address
// checked is the address dialled. Every address a name resolves to must
// pass: a name with one forbidden address is refused as a whole, since an
// attacker controls which address a client would try first.
type Dialer struct {
	Policy   *Policy
	Resolver Resolver
	Dial     DialFunc
}

// NewDialer returns a Dialer that uses the system resolver and a plain
// net.Dialer.
func NewDialer(p *Policy) *Dialer {
	d := &net.Dialer{}
	return &Dialer{Policy: p, Resolver: net.DefaultResolver, Dial: d.DialContext}
}

// DialContext is an http.Transport's DialContext.
func (d *Dialer) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(address)
	if err != nil {
		return nil, err
	}
	var addrs []netip.Addr
	if a, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{a}
	} else {
		ipNet := "ip"
		switch network {
		case "tcp4":
			ipNet = "ip4"
		case "tcp6":
			ipNet = "ip6"
		}
		addrs, err = d.Resolver.LookupNetIP(ctx, ipNet, host)
		if err != nil {
			return nil, err
		}
		if len(addrs) == 0 {
			return nil, &net.DNSError{Err: "no addresses", Name: host, IsNotFound: true}
		}
	}
	for _, a := range addrs {
		if err := d.Policy.CheckAddr(a); err != nil {
			return nil, err
		}
	}
	var errs []error
	for _, a := range addrs {
		conn, err := d.Dial(ctx, network, net.JoinHostPort(a.Unmap().String(), port))
		if err == nil {
			return conn, nil
		}
		errs = append(errs, err)
		if ctx.Err() != nil {
			break
		}
	}
	return nil, errors.Join(errs...)
}
