// Package clientip decides which address an API request came from, for
// the authentication throttle and the logs: the connection's peer, or,
// when that peer is a reverse proxy the operator trusts
// (--trusted-proxies), the address the proxies recorded in
// X-Forwarded-For. Only addresses appended by trusted proxies are
// believed: a client can write anything into the header it sends, so the
// header is read from the right, past every trusted hop, and the first
// address that is not a trusted proxy is the client.
package clientip

import (
	"net/netip"
	"strings"
)

// From returns the client's address for a request whose connection came
// from remoteAddr ("ip:port") with the X-Forwarded-For header values xff,
// given the trusted proxies. With none trusted, it is the peer's.
func From(remoteAddr string, xff []string, trusted []netip.Prefix) string {
	peer := host(remoteAddr)
	if !isTrusted(peer, trusted) {
		return peer
	}
	// Hops in order, the nearest last: "client, proxy1, proxy2", over
	// every header line.
	var hops []string
	for _, line := range xff {
		for _, h := range strings.Split(line, ",") {
			if h = strings.TrimSpace(h); h != "" {
				hops = append(hops, h)
			}
		}
	}
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(hops[i])
		if err != nil {
			return peer // a hop the proxies did not write: believe none further
		}
		if !isTrusted(a.Unmap().String(), trusted) {
			return a.Unmap().String()
		}
	}
	return peer // every hop a trusted proxy: the request began among them
}

func host(remoteAddr string) string {
	if ap, err := netip.ParseAddrPort(remoteAddr); err == nil {
		return ap.Addr().Unmap().String()
	}
	return remoteAddr
}

func isTrusted(addr string, trusted []netip.Prefix) bool {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return false
	}
	for _, p := range trusted {
		if p.Contains(a.Unmap()) {
			return true
		}
	}
	return false
}
