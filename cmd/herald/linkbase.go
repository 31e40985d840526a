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
