// Package egress decides which destinations Herald may send webhooks to, and
// enforces it twice: when a URL is saved (Guard.Check) and when each attempt
// dials (Guard.DialContext), on the very address dialled, so that a host
// name which resolves somewhere harmless at registration and to 127.0.0.1
// later (DNS rebinding) is still refused.
//
// The decisions themselves (Policy.CheckURL, Policy.CheckAddr) are pure
// functions of their input, table-tested without a network.
package egress

import (
	"fmt"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/idna"
)

// Policy is the set of rules for outbound URLs. The zero value is the
// safe default: https only, any port, and no special-purpose address.
type Policy struct {
	// AllowHTTP lets endpoints use http:// as well as https://.
	AllowHTTP bool
	// Ports, when not empty, is the only ports allowed (e.g. 80 and 443).
	Ports []int
	// DenyIPHosts refuses URLs whose host is an IP address literal.
	DenyIPHosts bool
	// DenyHosts refuses these host names and their subdomains, such as the
	// platform's own domains.
	DenyHosts []string
	// Allow lists address ranges that are reachable even though they are
	// special-purpose: loopback for development and tests, an internal
	// network where the operator means it.
	Allow []netip.Prefix
	// AllowHosts lists host names (and their subdomains) whose addresses
	// are not checked at all: an internal service the operator vouches for.
	AllowHosts []string
}

// MaxURLLength bounds an endpoint URL.
const MaxURLLength = 2048

// BlockedError is returned when the policy refuses a destination. Rule names
// the rule broken, for people and for metrics.
type BlockedError struct {
	Rule   string
	Detail string
}

func (e *BlockedError) Error() string { return "blocked by policy: " + e.Detail }

func blocked(rule, format string, args ...any) *BlockedError {
	return &BlockedError{Rule: rule, Detail: fmt.Sprintf(format, args...)}
}

// CheckURL parses raw and applies every rule that can be decided without
// resolving the host. It returns the parsed URL, with its host lowercased
// and without a trailing dot.
func (p *Policy) CheckURL(raw string) (*url.URL, error) {
	if len(raw) > MaxURLLength {
		return nil, blocked("length", "the URL is %d characters long; the limit is %d", len(raw), MaxURLLength)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, blocked("syntax", "the URL cannot be parsed: %v", err)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !p.AllowHTTP {
			return nil, blocked("scheme", "the URL must use https")
		}
	default:
		return nil, blocked("scheme", "the URL must start with https:// (or http:// where allowed), not %q", u.Scheme+":")
	}
	if u.Opaque != "" || u.Host == "" {
		return nil, blocked("syntax", "the URL must have a host, as in https://example.com/webhooks")
	}
	if u.User != nil {
		return nil, blocked("userinfo", "the URL must not carry a user name or password; use endpoint headers for credentials")
	}
	if u.Fragment != "" || strings.Contains(raw, "#") {
		return nil, blocked("fragment", "the URL must not have a #fragment; receivers never see it")
	}
	host, err := normalHost(u.Hostname())
	if err != nil {
		return nil, err
	}
	port := 443
	if u.Scheme == "http" {
		port = 80
	}
	if ps := u.Port(); ps != "" {
		port, err = strconv.Atoi(ps)
		if err != nil || port < 1 || port > 65535 {
			return nil, blocked("port", "port %q is not a number from 1 to 65535", ps)
		}
	}
	if len(p.Ports) > 0 && !slices.Contains(p.Ports, port) {
		return nil, blocked("port", "port %d is not allowed; use one of %v", port, p.Ports)
	}
	if strings.Contains(host, "%") {
		return nil, blocked("address", "IPv6 zone identifiers are not allowed")
	}
	if addr, err := netip.ParseAddr(host); err == nil {
		if p.DenyIPHosts {
			return nil, blocked("ip-host", "the URL's host must be a domain name, not an IP address")
		}
		if err := p.CheckAddr(addr); err != nil {
			return nil, err
		}
	} else if numericHost(host) {
		// 2130706433, 0x7f.1, 0177.0.0.1 and friends: resolvers disagree on
		// what they mean, so they are refused rather than guessed.
		return nil, blocked("address", "host %q looks like an IP address in a non-standard spelling; write the address in dotted decimal or use a domain name", host)
	}
	for _, d := range p.DenyHosts {
		if under(host, d) {
			return nil, blocked("denied-host", "host %q is not allowed as a webhook destination", host)
		}
	}
	// Names that are loopback by definition (RFC 6761) are refused without
	// asking a resolver what it thinks they mean.
	if under(host, "localhost") && !p.allowsAddr(netip.MustParseAddr("127.0.0.1")) && !p.AllowsHost(host) {
		return nil, blocked("address", "localhost is not allowed as a webhook destination")
	}
	u.Host = hostPort(host, u.Port())
	return u, nil
}

// AllowsHost reports whether host is on the AllowHosts list.
func (p *Policy) AllowsHost(host string) bool {
	for _, h := range p.AllowHosts {
		if under(host, h) {
			return true
		}
	}
	return false
}

// under reports whether host is name or one of its subdomains.
func under(host, name string) bool {
	name = strings.TrimSuffix(strings.ToLower(name), ".")
	return name != "" && (host == name || strings.HasSuffix(host, "."+name))
}

// normalHost lowercases a host, drops a trailing dot, and turns an
// internationalised name into its ASCII (punycode) form, the form DNS and
// every check below see. Bracketed IPv6 literals arrive without brackets.
func normalHost(h string) (string, error) {
	h = strings.TrimSuffix(h, ".")
	if h == "" {
		return "", blocked("syntax", "the URL must have a host")
	}
	if strings.Contains(h, ":") { // IPv6 literal
		return strings.ToLower(h), nil
	}
	ascii, err := idna.Lookup.ToASCII(h)
	if err != nil {
		return "", blocked("syntax", "host %q is not a valid domain name: %v", h, err)
	}
	if ascii == "" { // "xn--" alone decodes to nothing, without an error
		return "", blocked("syntax", "host %q is not a valid domain name", h)
	}
	return strings.ToLower(ascii), nil
}

func hostPort(host, port string) string {
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port != "" {
		return host + ":" + port
	}
	return host
}

// numericHost reports whether the last label of host is made only of digits
// or is a 0x hex number: what inet_aton would take as (part of) an IPv4
// address. No top-level domain is numeric, so no real name is refused.
func numericHost(host string) bool {
	labels := strings.Split(host, ".")
	last := labels[len(labels)-1]
	if last == "" {
		return false
	}
	if strings.HasPrefix(last, "0x") {
		return true
	}
	for _, c := range last {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// CheckAddr reports whether an address may be dialled.
func (p *Policy) CheckAddr(addr netip.Addr) error {
	if p.allowsAddr(addr) {
		return nil
	}
	if r, bad := forbidden(addr); bad {
		return blocked("address", "%s is in %s (%s), which webhooks may not reach", addr, r.prefix, r.name)
	}
	return nil
}

func (p *Policy) allowsAddr(addr netip.Addr) bool {
	addr = addr.Unmap().WithZone("")
	for _, pre := range p.Allow {
		if pre.Contains(addr) {
			return true
		}
	}
	return false
}
