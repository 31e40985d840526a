package main

import (
	"net/url"

	"github.com/heraldhq/herald/delivery"
)

// check reads the settings of serve that can be judged without the disk or
// the network, as startHerald reads them, so that a wrong one is a usage
// error (one line, exit code 2) before anything starts: a flag, a HERALD_
// variable or the config file, all the same.
func (c serveConfig) check() error {
	if _, err := newLogger(c.logLevel, c.logFormat); err != nil {
		return usageError{err.Error()}
	}
	allow, err := parseCIDRs(c.allowCIDRs)
	if err != nil {
		return usageError{err.Error()}
	}
	if _, err := c.dashboard(); err != nil {
		return usageError{err.Error()}
	}
	if _, err := parseRanges("--trusted-proxies", c.trustedProxies); err != nil {
		return usageError{err.Error()}
	}
	if (c.tlsCert == "") != (c.tlsKey == "") {
		return usageError{"--tls-cert and --tls-key go together: give both, or neither to serve plain HTTP (behind a proxy that terminates TLS)"}
	}
	if _, err := c.policy(allow); err != nil {
		return usageError{err.Error()}
	}
	if c.egressProxy != "" {
		if u, err := url.Parse(c.egressProxy); err != nil || u.Host == "" {
			return usagef("--egress-proxy %q is not a URL such as http://proxy.internal:4750", c.egressProxy)
		}
	}
	if err := c.checkBackupFlags(); err != nil {
		return usageError{err.Error()}
	}
	switch delivery.Keep(c.keepRequests) {
	case delivery.KeepAll, delivery.KeepFailed, delivery.KeepNone:
	default:
		return usagef("--keep-requests must be all, failed or none, not %q", c.keepRequests)
	}
	return nil
}
