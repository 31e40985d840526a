package main

import (
	"net"
	"net/netip"
	"strings"
)

// linkBase is the address portal links start with: --public-url when
// given, else the address the API listens on (https when it serves TLS).
// Never a request's Host header, which the client chooses: a link built
// from it could send a customer to any site. A listener on every
// interface (0.0.0.0, [::]) names no address a browser can use, so there
// is none, and the API makes no portal links until --public-url is set.
func linkBase(publicURL string, listen net.Addr, tls bool) string {
	if publicURL != "" {
		return strings.TrimSuffix(publicURL, "/")
	}
	ap, err := netip.ParseAddrPort(listen.String())
	if err != nil || ap.Addr().IsUnspecified() {
		return ""
	}
	scheme := "http"
	if tls {
		scheme = "https"
	}
	return scheme + "://" + ap.String()
}

// dashboardLine is what serve prints at start: the address a person opens
// for the dashboard. On every interface (0.0.0.0), this machine's own
// loopback address works, and others need --public-url to be named.
func dashboardLine(publicURL, listen string, tls bool) string {
	scheme := "http"
	if tls {
		scheme = "https"
	}
	if publicURL != "" {
		return "Dashboard: " + strings.TrimSuffix(publicURL, "/") + "/ui/"
	}
	ap, err := netip.ParseAddrPort(listen)
	if err != nil {
		return "Dashboard: " + scheme + "://" + listen + "/ui/"
	}
	if ap.Addr().IsUnspecified() {
		loop := netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), ap.Port())
		if ap.Addr().Is6() && !ap.Addr().Is4In6() {
			loop = netip.AddrPortFrom(netip.IPv6Loopback(), ap.Port())
		}
		return "Dashboard: " + scheme + "://" + loop.String() + "/ui/ on this machine (listening on every interface; set --public-url to the address others use)"
	}
	return "Dashboard: " + scheme + "://" + ap.String() + "/ui/"
}
