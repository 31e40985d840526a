package main

import (
	"net"
	"testing"
)

func TestLinkBase(t *testing.T) {
	tcp := func(s string) net.Addr { a, _ := net.ResolveTCPAddr("tcp", s); return a }
	for _, c := range []struct {
		public string
		listen net.Addr
		tls    bool
		want   string
	}{
		{"https://hooks.example.com/", tcp("0.0.0.0:8080"), false, "https://hooks.example.com"},
		{"https://hooks.example.com", tcp("127.0.0.1:8080"), true, "https://hooks.example.com"},
		{"", tcp("127.0.0.1:8080"), false, "http://127.0.0.1:8080"},
		{"", tcp("127.0.0.1:8443"), true, "https://127.0.0.1:8443"},
		{"", tcp("[::1]:8080"), false, "http://[::1]:8080"},
		{"", tcp("10.1.2.3:80"), false, "http://10.1.2.3:80"},
		{"", tcp("0.0.0.0:8080"), false, ""}, // every interface: no address a browser can use
		{"", tcp("[::]:8080"), true, ""},
	} {
		if got := linkBase(c.public, c.listen, c.tls); got != c.want {
			t.Errorf("linkBase(%q, %v, %v) = %q, want %q", c.public, c.listen, c.tls, got, c.want)
		}
	}
}
