package egress

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"net/url"
	"time"
)

// Resolver looks up the addresses of a host. *net.Resolver satisfies it;
// tests inject their own so that no real name is ever resolved.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// DialFunc dials one address, as net.Dialer.DialContext does.
type DialFunc func(ctx context.Context, network, address string) (net.Conn, error)

// Guard applies a Policy with a resolver and a dialer: Check when a URL is
// saved, DialContext for every connection an attempt makes.
type Guard struct {
	Policy   *Policy
	Resolver Resolver
	Dial     DialFunc
}

// NewGuard returns a Guard that uses the system resolver and a plain
// net.Dialer.
func NewGuard(p *Policy) *Guard {
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	return &Guard{Policy: p, Resolver: net.DefaultResolver, Dial: d.DialContext}
}

// checkTimeout bounds the lookup Check makes.
const checkTimeout = 3 * time.Second

// Check applies the policy to a URL about to be saved: every static rule,
// then, if the name resolves now, every address it resolves to. A name
// that does not resolve yet is accepted: the receiver may not be deployed,
// and every attempt checks again anyway.
func (g *Guard) Check(ctx context.Context, raw string) (*url.URL, error) {
	u, err := g.Policy.CheckURL(raw)
	if err != nil {
		return nil, err
	}
	host := u.Hostname()
	if _, err := netip.ParseAddr(host); err == nil || g.Policy.AllowsHost(host) {
		return u, nil // literals were checked by CheckURL
	}
	ctx, cancel := context.WithTimeout(ctx, checkTimeout)
	defer cancel()
	addrs, err := g.Resolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return u, nil
	}
	for _, a := range addrs {
		if err := g.Policy.CheckAddr(a); err != nil {
			return nil, blocked("address", "%s resolves to %s, which webhooks may not reach", host, a)
		}
	}
	return u, nil
}

// DialContext resolves, checks and dials, in that order, so that the
// address checked is the address dialled. Every address a name resolves to
// must pass: a name with one forbidden address is refused as a whole, since
// an attacker controls which address a client would try first.
func (g *Guard) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(address)
	if err != nil {
		return nil, err
	}
	var addrs []netip.Addr
	if a, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{a}
	} else {
		if g.Policy.AllowsHost(host) {
			return g.Dial(ctx, network, address)
		}
		ipNet := "ip"
		switch network {
		case "tcp4":
			ipNet = "ip4"
		case "tcp6":
			ipNet = "ip6"
		}
		addrs, err = g.Resolver.LookupNetIP(ctx, ipNet, host)
		if err != nil {
			return nil, err
		}
		if len(addrs) == 0 {
			return nil, &net.DNSError{Err: "no addresses", Name: host, IsNotFound: true}
		}
	}
	for _, a := range addrs {
		if err := g.Policy.CheckAddr(a); err != nil {
			return nil, err
		}
	}
	var errs []error
	for _, a := range addrs {
		conn, err := g.Dial(ctx, network, net.JoinHostPort(a.Unmap().String(), port))
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
