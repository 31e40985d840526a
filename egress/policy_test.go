package egress

import (
	"errors"
	"net/netip"
	"testing"
)

// The corpus: every range and spelling issue #4 names, each URL with its
// verdict under the default policy ("" = allowed) and the rule that
// decides it.
var corpus = []struct {
	url  string
	rule string
}{
	// Allowed: public names and addresses.
	{"https://example.com/webhooks", ""},
	{"https://EXAMPLE.com/Hooks", ""},
	{"https://example.com./hooks", ""},
	{"https://example.com:8443/hooks?x=1", ""},
	{"https://93.184.215.14/hooks", ""},
	{"https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hooks", ""},
	{"https://bücher.example/hooks", ""},
	{"https://xn--bcher-kva.example/hooks", ""},
	{"https://8.8.8.8/", ""},
	{"https://1.1.1.1:443/", ""},
	{"https://100.63.255.255/", ""},    // just below CGNAT
	{"https://100.128.0.0/", ""},       // just above CGNAT
	{"https://172.15.255.255/", ""},    // just below 172.16/12
	{"https://172.32.0.0/", ""},        // just above it
	{"https://198.17.255.255/", ""},    // just below benchmarking
	{"https://[2a00:1450::1]/", ""},    // ordinary global unicast
	{"https://api.example.co.uk/", ""}, // a name with numbers is fine
	{"https://123.example.com/", ""},   // a numeric label that is not the last
	// Schemes and syntax.
	{"http://example.com/hooks", "scheme"},
	{"ftp://example.com/x", "scheme"},
	{"file:///etc/passwd", "scheme"},
	{"gopher://example.com/", "scheme"},
	{"javascript:alert(1)", "scheme"},
	{"//example.com/x", "scheme"},
	{"example.com/x", "scheme"},
	{"https:///path-only", "syntax"},
	{"https://user:pass@example.com/", "userinfo"},
	{"https://user@example.com/", "userinfo"},
	{"https://example.com/#frag", "fragment"},
	{"https://example.com/#", "fragment"},         // an empty fragment: url.Parse drops it, the raw URL has it
	{"https://example.com/hook?a=1#", "fragment"}, // the same after a query
	{"https://example.com/%23", ""},               // an escaped # is part of the path
	{"https://example.com:0/", "port"},
	{"https://example.com:99999/", "port"},
	// Loopback in every spelling.
	{"https://127.0.0.1/", "address"},
	{"https://127.1.2.3/", "address"},
	{"https://localhost/", "address"},
	{"https://LOCALHOST./", "address"},
	{"https://api.localhost/", "address"},
	{"https://2130706433/", "address"}, // decimal
	{"https://0177.0.0.1/", "address"}, // octal
	{"https://0x7f.1/", "address"},     // hex, short
	{"https://0x7f000001/", "address"}, // hex
	{"https://127.1/", "address"},      // short form
	{"https://017700000001/", "address"},
	{"https://[::1]/", "address"},
	{"https://[0:0:0:0:0:0:0:1]/", "address"},
	{"https://[::ffff:127.0.0.1]/", "address"}, // IPv4-mapped
	{"https://[::ffff:7f00:1]/", "address"},    // IPv4-mapped, hex
	{"https://[::127.0.0.1]/", "address"},      // IPv4-compatible
	{"https://[fe80::1%25eth0]/", "address"},   // zone id
	// Private, link-local, metadata, CGNAT and the rest.
	{"https://10.0.0.1/", "address"},
	{"https://10.255.255.255/", "address"},
	{"https://172.16.0.1/", "address"},
	{"https://172.31.255.255/", "address"},
	{"https://192.168.1.1/", "address"},
	{"https://169.254.169.254/latest/meta-data/", "address"},
	{"https://[::ffff:169.254.169.254]/", "address"},
	{"https://100.64.0.1/", "address"},
	{"https://100.127.255.255/", "address"},
	{"https://0.0.0.0/", "address"},
	{"https://0.1.2.3/", "address"},
	{"https://192.0.0.8/", "address"},
	{"https://192.0.2.10/", "address"},
	{"https://198.51.100.1/", "address"},
	{"https://203.0.113.7/", "address"},
	{"https://198.18.0.1/", "address"},
	{"https://198.19.255.255/", "address"},
	{"https://224.0.0.1/", "address"},
	{"https://239.255.255.250/", "address"},
	{"https://240.0.0.1/", "address"},
	{"https://255.255.255.255/", "address"},
	{"https://[::]/", "address"},
	{"https://[fc00::1]/", "address"},
	{"https://[fd12:3456::1]/", "address"},
	{"https://[fe80::1]/", "address"},
	{"https://[fec0::1]/", "address"},
	{"https://[ff02::1]/", "address"},
	{"https://[64:ff9b::7f00:1]/", "address"},                      // NAT64 of 127.0.0.1
	{"https://[64:ff9b::808:808]/", "address"},                     // NAT64, even of a public address
	{"https://[2002:7f00:1::]/", "address"},                        // 6to4 of 127.0.0.1
	{"https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "address"}, // Teredo
	{"https://[2001:db8::1]/", "address"},
	{"https://[100::1]/", "address"},
	// Issue 25: the IPv4-translated block (RFC 2765) was let through, and
	// with it every other embedding of IPv4 in ::/8. Each special block
	// that carries an IPv4 address is refused whole, private or public
	// inside; what lies outside 2000::/3 (global unicast) is refused too.
	{"https://[::ffff:0:7f00:1]/", "address"},      // IPv4-translated 127.0.0.1
	{"https://[::ffff:0:a9fe:a9fe]/", "address"},   // IPv4-translated 169.254.169.254
	{"https://[::ffff:0:808:808]/", "address"},     // IPv4-translated, even of a public address
	{"https://[::a00:1]/", "address"},              // IPv4-compatible 10.0.0.1
	{"https://[::1:0:0:7f00:1]/", "address"},       // an embedding in ::/8 nobody named
	{"https://[64:ff9b::a00:1]/", "address"},       // NAT64 of 10.0.0.1
	{"https://[64:ff9b::c0a8:101]/", "address"},    // NAT64 of 192.168.1.1
	{"https://[64:ff9b:1::a9fe:a9fe]/", "address"}, // local-use NAT64 of the metadata address
	{"https://[2002:a00:1::1]/", "address"},        // 6to4 of 10.0.0.1
	{"https://[2002:c0a8:101::1]/", "address"},     // 6to4 of 192.168.1.1
	{"https://[2001:0:a00:1::7f00:1]/", "address"}, // Teredo naming private addresses
	{"https://[2001:2::1]/", "address"},            // benchmarking
	{"https://[2001:10::1]/", "address"},           // ORCHID
	{"https://[5f00::1]/", "address"},              // segment routing
	{"https://[4000::1]/", "address"},              // reserved, not global unicast
	{"https://[e000::1]/", "address"},              // reserved, not global unicast
	{"https://[2a00:1450::7f00:1]/", ""},           // global unicast whose low bits spell 127.0.0.1: not an embedding
	{"https://[::ffff:8.8.8.8]/", ""},              // IPv4-mapped is judged as the address it maps
}

func TestCorpus(t *testing.T) {
	if len(corpus) < 60 {
		t.Fatalf("the corpus has %d URLs; keep at least 60", len(corpus))
	}
	p := &Policy{}
	for _, c := range corpus {
		_, err := p.CheckURL(c.url)
		if c.rule == "" {
			if err != nil {
				t.Errorf("%s: refused (%v), want allowed", c.url, err)
			}
			continue
		}
		var be *BlockedError
		if !errors.As(err, &be) {
			t.Errorf("%s: allowed, want refused by rule %q", c.url, c.rule)
			continue
		}
		if be.Rule != c.rule {
			t.Errorf("%s: refused by rule %q (%v), want %q", c.url, be.Rule, err, c.rule)
		}
	}
}

func TestNormalisedHost(t *testing.T) {
	p := &Policy{}
	for in, want := range map[string]string{
		"https://EXAMPLE.com./x":         "example.com",
		"https://bücher.example/x":       "xn--bcher-kva.example",
		"https://[2001:DB8::1]:8443/x":   "", // refused, checked elsewhere
		"https://Example.COM:8443/x?y=1": "example.com",
	} {
		u, err := p.CheckURL(in)
		if want == "" {
			continue
		}
		if err != nil || u.Hostname() != want {
			t.Errorf("%s: host %v %v, want %q", in, u, err, want)
		}
	}
}

func TestOptions(t *testing.T) {
	loop := []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	tests := []struct {
		name string
		p    Policy
		url  string
		rule string
	}{
		{"http allowed", Policy{AllowHTTP: true}, "http://example.com/", ""},
		{"ports 80/443: 443", Policy{Ports: []int{80, 443}}, "https://example.com/", ""},
		{"ports 80/443: 8443", Policy{Ports: []int{80, 443}}, "https://example.com:8443/", "port"},
		{"ports 80/443: explicit 443", Policy{Ports: []int{80, 443}}, "https://example.com:443/", ""},
		{"ports 80/443: http default 80", Policy{Ports: []int{80, 443}, AllowHTTP: true}, "http://example.com/", ""},
		{"no IP hosts: v4", Policy{DenyIPHosts: true}, "https://93.184.215.14/", "ip-host"},
		{"no IP hosts: v6", Policy{DenyIPHosts: true}, "https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/", "ip-host"},
		{"no IP hosts: name", Policy{DenyIPHosts: true}, "https://example.com/", ""},
		{"own domain", Policy{DenyHosts: []string{"provider.example"}}, "https://provider.example/cb", "denied-host"},
		{"own subdomain", Policy{DenyHosts: []string{"provider.example"}}, "https://API.provider.example./cb", "denied-host"},
		{"not own domain", Policy{DenyHosts: []string{"provider.example"}}, "https://notprovider.example/cb", ""},
		{"loopback allowed", Policy{Allow: loop}, "https://127.0.0.1:9000/", ""},
		{"localhost allowed", Policy{Allow: loop}, "https://localhost:9000/", ""},
		{"[::1] allowed", Policy{Allow: loop}, "https://[::1]:9000/", ""},
		{"allow list is not a blanket", Policy{Allow: loop}, "https://10.0.0.1/", "address"},
		{"allowed host", Policy{AllowHosts: []string{"localhost"}}, "https://localhost/", ""},
		{"long URL", Policy{}, "https://example.com/" + string(make([]byte, MaxURLLength)), "length"},
	}
	for _, tt := range tests {
		_, err := tt.p.CheckURL(tt.url)
		var be *BlockedError
		switch {
		case tt.rule == "" && err != nil:
			t.Errorf("%s: refused: %v", tt.name, err)
		case tt.rule != "" && (!errors.As(err, &be) || be.Rule != tt.rule):
			t.Errorf("%s: got %v, want rule %q", tt.name, err, tt.rule)
		}
	}
}

func TestBlockedMessageNamesTheRange(t *testing.T) {
	_, err := (&Policy{}).CheckURL("https://169.254.169.254/")
	if err == nil || err.Error() != "blocked by policy: 169.254.169.254 is in 169.254.0.0/16 (link-local, cloud metadata), which webhooks may not reach" {
		t.Fatalf("message = %v", err)
	}
}
