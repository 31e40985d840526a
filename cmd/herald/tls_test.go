package main

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
	"net/http"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// writeCert writes a self-signed certificate for 127.0.0.1 with serial
// serial, and its key, to dir, and returns the pool that trusts it.
func writeCert(t *testing.T, dir string, serial int64) *x509.CertPool {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: "herald test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	// Written aside and renamed, as a renewal tool does: never half a file.
	for name, block := range map[string]*pem.Block{"cert.pem": {Type: "CERTIFICATE", Bytes: der}, "key.pem": {Type: "EC PRIVATE KEY", Bytes: kb}} {
		if err := os.WriteFile(filepath.Join(dir, name+".new"), pem.EncodeToMemory(block), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(filepath.Join(dir, name+".new"), filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return pool
}

// With --tls-cert and --tls-key the API is served over HTTPS, and SIGHUP
// makes a renewed certificate the one served, without a restart.
func TestTLSAndReloadOnSIGHUP(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	first := writeCert(t, dir, 1)
	p := launch(t, nil, "serve", "--listen", "127.0.0.1:0", "--data-dir", t.TempDir(), "--admin-key", testAdminKey,
		"--tls-cert", filepath.Join(dir, "cert.pem"), "--tls-key", filepath.Join(dir, "key.pem"))
	log, cmd := p.log, p.cmd
	served := func(pool *x509.CertPool) (int64, error) {
		var addr string
		if m := listenRE.FindStringSubmatch(log.String()); m != nil {
			addr = m[1]
		}
		c := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, DisableKeepAlives: true}}
		resp, err := c.Get("https://" + addr + "/readyz")
		if err != nil {
			return 0, err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return 0, &net.AddrError{Err: resp.Status, Addr: addr}
		}
		return resp.TLS.PeerCertificates[0].SerialNumber.Int64(), nil
	}
	waitFor := func(pool *x509.CertPool, serial int64, what string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for {
			got, err := served(pool)
			if err == nil && got == serial {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: serial %d, %v\n%s", what, got, err, log.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitFor(first, 1, "the first certificate over HTTPS")
	if resp, err := http.Get("http://" + listenRE.FindStringSubmatch(log.String())[1] + "/readyz"); err == nil {
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			t.Fatal("plain HTTP was answered 200 on the TLS listener")
		}
	}
	second := writeCert(t, dir, 2)
	if err := cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitFor(second, 2, "the renewed certificate after SIGHUP")
}
