package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/peterbourgon/ff/v4"
)

// healthcheckCommand asks a Herald whether it is ready (GET /readyz) and
// exits 0 if so: a container's HEALTHCHECK, in an image with no shell or
// curl to run one. Without --url it asks the Herald that serve's own
// settings describe: the same --listen, --tls-cert and --public-url, from
// the same HERALD_ variables or --config file, so that a node serving TLS
// is checked over TLS with its own certificate trusted.
func healthcheckCommand(parent *ff.FlagSet) *ff.Command {
	fs := ff.NewFlagSet("healthcheck").SetParent(parent)
	target := fs.StringLong("url", "", "the readiness address to ask (default: /readyz at serve's --listen, over HTTPS with --tls-cert)")
	timeout := fs.DurationLong("timeout", 3*time.Second, "how long to wait for the answer")
	cacert := fs.StringLong("cacert", "", "PEM file of the certificate authorities (or the self-signed certificate) to trust instead of the system's")
	fs.StringLong("config", "", "serve's TOML config file: listen, tls-cert and public-url are read from it, the rest is ignored")
	listen := fs.StringLong("listen", "127.0.0.1:8080", "serve's --listen: where to ask when --url is not given (every interface is asked on loopback)")
	tlsCert := fs.StringLong("tls-cert", "", "serve's --tls-cert: ask over HTTPS, trusting this certificate as well")
	publicURL := fs.StringLong("public-url", "", "serve's --public-url: the name the certificate is checked against when asking on --listen")
	return &ff.Command{
		Name:      "healthcheck",
		Usage:     "herald healthcheck [--url URL] [--cacert FILE]",
		ShortHelp: "exit 0 if the Herald serving here (or at --url) is ready, for a container's HEALTHCHECK",
		Flags:     fs,
		Exec: func(ctx context.Context, _ []string) error {
			ask, serverName, err := healthTarget(*target, *listen, *tlsCert, *publicURL)
			if err != nil {
				return err
			}
			hc := &http.Client{}
			if strings.HasPrefix(ask, "https://") {
				roots, name, err := healthRoots(*cacert, *tlsCert)
				if err != nil {
					return err
				}
				if serverName == "" && *target == "" {
					serverName = name // asked on loopback: check the certificate's own name
				}
				hc.Transport = &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots, ServerName: serverName, MinVersion: tls.VersionTLS12}}
			}
			ctx, cancel := context.WithTimeout(ctx, *timeout)
			defer cancel()
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, ask, nil)
			if err != nil {
				return usagef("--url %q: %v", ask, err)
			}
			resp, err := hc.Do(req)
			if err != nil {
				var uerr x509.UnknownAuthorityError
				if errors.As(err, &uerr) {
					return fmt.Errorf("not ready: %v (give the certificate authority with --cacert FILE, or serve's --tls-cert)", err)
				}
				return fmt.Errorf("not ready: %v", err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("not ready: %s answered %d", ask, resp.StatusCode)
			}
			return nil
		},
	}
}

// healthTarget decides where the healthcheck asks: --url when given, else
// /readyz at serve's listen address (loopback for every interface), over
// HTTPS when serve has a certificate. serverName is the name to check the
// certificate against when it is not the URL's host: --public-url's.
func healthTarget(target, listen, tlsCert, publicURL string) (ask, serverName string, err error) {
	if target != "" {
		return target, "", nil
	}
	ap, err := netip.ParseAddrPort(listen)
	if err != nil {
		host, port, ok := strings.Cut(listen, ":")
		if !ok || port == "" {
			return "", "", usagef("--listen %q is not an address such as 127.0.0.1:8080", listen)
		}
		if host == "" {
			host = "127.0.0.1"
		}
		listen = host + ":" + port
	} else if ap.Addr().IsUnspecified() {
		loop := netip.MustParseAddr("127.0.0.1")
		if ap.Addr().Is6() {
			loop = netip.IPv6Loopback()
		}
		listen = netip.AddrPortFrom(loop, ap.Port()).String()
	}
	scheme := "http"
	if tlsCert != "" {
		scheme = "https"
		if publicURL != "" {
			u, err := url.Parse(publicURL)
			if err != nil || u.Hostname() == "" {
				return "", "", usagef("--public-url %q is not an address such as https://hooks.example.com", publicURL)
			}
			serverName = u.Hostname()
		}
	}
	return scheme + "://" + listen + "/readyz", serverName, nil
}

// healthRoots is the pool of certificates the healthcheck trusts: --cacert
// instead of the system's, and serve's own certificate as well; name is a
// name that certificate is valid for.
func healthRoots(cacert, tlsCert string) (roots *x509.CertPool, name string, err error) {
	if cacert != "" {
		roots = x509.NewCertPool()
		b, err := os.ReadFile(cacert)
		if err != nil {
			return nil, "", usagef("--cacert: %v", err)
		}
		if !roots.AppendCertsFromPEM(b) {
			return nil, "", usagef("--cacert %s holds no PEM certificate", cacert)
		}
	} else if roots, err = x509.SystemCertPool(); err != nil {
		roots = x509.NewCertPool()
	}
	if tlsCert == "" {
		return roots, "", nil
	}
	b, err := os.ReadFile(tlsCert)
	if err != nil {
		return nil, "", usagef("--tls-cert: %v", err)
	}
	for rest := b; ; {
		var block *pem.Block
		if block, rest = pem.Decode(rest); block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, "", fmt.Errorf("--tls-cert %s: %w", tlsCert, err)
		}
		roots.AddCert(cert)
		if name == "" {
			name = certName(cert)
		}
	}
	if name == "" {
		return nil, "", usagef("--tls-cert %s holds no PEM certificate", tlsCert)
	}
	return roots, name, nil
}

// certName is a name cert is valid for: its first DNS name (a wildcard's
// first label made concrete) or IP address.
func certName(cert *x509.Certificate) string {
	switch {
	case len(cert.DNSNames) > 0:
		return strings.Replace(cert.DNSNames[0], "*", "healthcheck", 1)
	case len(cert.IPAddresses) > 0:
		return cert.IPAddresses[0].String()
	}
	return cert.Subject.CommonName
}
