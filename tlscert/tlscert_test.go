package tlscert

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// pair makes a self-signed certificate for 127.0.0.1 with serial, and its
// key, as PEM.
func pair(t *testing.T, serial int64) (certPEM, keyPEM []byte, cert *x509.Certificate) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: "herald test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err = x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	k, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: k}), cert
}

func write(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// loader writes a pair of serial 1 to files of the test's own and loads
// them.
func loader(t *testing.T) (l *Loader, certFile, keyFile string, cert *x509.Certificate) {
	t.Helper()
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	c, k, cert := pair(t, 1)
	write(t, certFile, c)
	write(t, keyFile, k)
	l, err := New(certFile, keyFile)
	if err != nil {
		t.Fatal(err)
	}
	return l, certFile, keyFile, cert
}

// serve accepts TLS connections on loopback with cfg and completes each
// handshake, until the test ends.
func serve(t *testing.T, cfg *tls.Config) string {
	t.Helper()
	ln, err := tls.Listen("tcp", "127.0.0.1:0", cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				_ = c.SetDeadline(time.Now().Add(10 * time.Second))
				_ = c.(*tls.Conn).Handshake()
			}()
		}
	}()
	return ln.Addr().String()
}

// served returns the serial of the certificate a handshake with addr
// shows, trusting any of roots.
func served(t *testing.T, addr string, roots ...*x509.Certificate) int64 {
	t.Helper()
	pool := x509.NewCertPool()
	for _, r := range roots {
		pool.AddCert(r)
	}
	c, err := tls.Dial("tcp", addr, &tls.Config{RootCAs: pool})
	if err != nil {
		t.Fatalf("handshake: %v", err)
	}
	defer c.Close()
	return c.ConnectionState().PeerCertificates[0].SerialNumber.Int64()
}

// A reload serves the new pair from the next handshake; a reload that
// fails (a file that is not PEM, a certificate with another's key, a
// missing file) returns its error and keeps the pair served before.
func TestReloadKeepsTheOldPairOnFailure(t *testing.T) {
	l, certFile, keyFile, x1 := loader(t)
	addr := serve(t, l.Config())
	c2, k2, x2 := pair(t, 2)
	if got := served(t, addr, x1, x2); got != 1 {
		t.Fatalf("served serial %d, want 1", got)
	}
	write(t, certFile, c2)
	write(t, keyFile, k2)
	if err := l.Reload(); err != nil {
		t.Fatal(err)
	}
	if got := served(t, addr, x1, x2); got != 2 {
		t.Fatalf("after a reload, served serial %d, want 2", got)
	}
	c3, _, x3 := pair(t, 3)
	for _, bad := range []struct {
		name       string
		cert, key  []byte
		removeCert bool
	}{
		{"not PEM", []byte("not a certificate"), k2, false},
		{"another's key", c3, k2, false},
		{"a missing file", nil, k2, true},
	} {
		write(t, certFile, bad.cert)
		write(t, keyFile, bad.key)
		if bad.removeCert {
			if err := os.Remove(certFile); err != nil {
				t.Fatal(err)
			}
		}
		err := l.Reload()
		if err == nil || !strings.Contains(err.Error(), certFile) {
			t.Fatalf("reload of %s = %v, want an error naming %s", bad.name, err, certFile)
		}
		if got := served(t, addr, x1, x2, x3); got != 2 {
			t.Fatalf("after a failed reload (%s), served serial %d, want the old 2", bad.name, got)
		}
	}
}

// TLS 1.2 is the least version served: a client that speaks at most 1.1
// is refused, one at 1.2 is served.
func TestTLS12IsTheMinimum(t *testing.T) {
	l, _, _, x := loader(t)
	// Go's server would refuse below 1.2 by default too; the setting is
	// what says so whatever that default becomes.
	if v := l.Config().MinVersion; v != tls.VersionTLS12 {
		t.Fatalf("MinVersion = %#x, want TLS 1.2 (%#x)", v, tls.VersionTLS12)
	}
	addr := serve(t, l.Config())
	pool := x509.NewCertPool()
	pool.AddCert(x)
	for _, v := range []uint16{tls.VersionTLS10, tls.VersionTLS11} {
		conn, err := tls.Dial("tcp", addr, &tls.Config{RootCAs: pool, MinVersion: v, MaxVersion: v})
		if err == nil {
			conn.Close()
			t.Fatalf("a client at most at %s was served", tls.VersionName(v))
		}
	}
	conn, err := tls.Dial("tcp", addr, &tls.Config{RootCAs: pool, MaxVersion: tls.VersionTLS12})
	if err != nil {
		t.Fatalf("a TLS 1.2 client: %v", err)
	}
	defer conn.Close()
	if v := conn.ConnectionState().Version; v != tls.VersionTLS12 {
		t.Fatalf("negotiated %s, want TLS 1.2", tls.VersionName(v))
	}
}
