// Package tlscert serves a certificate and key read from files, read
// again on demand (herald serve reloads on SIGHUP), so that a renewed
// certificate takes effect without a restart. A reload that fails keeps
// the certificate already served.
package tlscert

import (
	"crypto/tls"
	"fmt"
	"sync/atomic"
)

// Loader holds the certificate served now.
type Loader struct {
	certFile, keyFile string
	current           atomic.Pointer[tls.Certificate]
}

// New reads the certificate and key once; an error is the first load's.
func New(certFile, keyFile string) (*Loader, error) {
	l := &Loader{certFile: certFile, keyFile: keyFile}
	return l, l.Reload()
}

// Reload reads the files again and serves them from the next handshake.
func (l *Loader) Reload() error {
	c, err := tls.LoadX509KeyPair(l.certFile, l.keyFile)
	if err != nil {
		return fmt.Errorf("reading the TLS certificate %s and key %s: %w", l.certFile, l.keyFile, err)
	}
	l.current.Store(&c)
	return nil
}

// Config is a TLS configuration that serves the loader's certificate.
func (l *Loader) Config() *tls.Config {
	return &tls.Config{
		MinVersion: tls.VersionTLS12,
		GetCertificate: func(*tls.ClientHelloInfo) (*tls.Certificate, error) {
			return l.current.Load(), nil
		},
	}
}
