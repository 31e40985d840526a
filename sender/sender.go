// Package sender makes one webhook attempt: it builds the signed request,
// sends it through the egress guard, and reports what happened in terms the
// retry policy understands. It keeps no state between attempts beyond the
// HTTP connection pool.
package sender

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/egress"
)

// Config configures a Sender.
type Config struct {
	// Timeout bounds a whole attempt: connecting, sending, and reading the
	// answer. Default 10 s.
	Timeout time.Duration
	// Guard checks and dials destinations. Required: there is no unguarded
	// way out.
	Guard *egress.Guard
	// Proxy, when set, sends every attempt through this HTTP or SOCKS5
	// egress proxy (http://, https:// or socks5:// URL), which gives
	// receivers fixed source addresses to allow. Herald then dials only the
	// proxy; it still checks each destination, by its current addresses,
	// before each attempt, and the proxy should enforce its own policy at
	// connect time too (as smokescreen does).
	Proxy *url.URL
	// MaxIdleConnsPerHost is how many keep-alive connections to one host are
	// kept for reuse. Size it to the engine's cap on attempts in flight in
	// all, since many endpoints can share one host: a smaller pool closes
	// and reopens a connection for most requests. Default 512. There is
	// deliberately no cap on open connections per host: a cap per host
	// would let one hanging endpoint starve the others there. The engine's
	// per-endpoint cap bounds concurrency instead.
	MaxIdleConnsPerHost int
	// Now returns the current time; tests may fix it. Default time.Now.
	Now func() time.Time
}

// Sender sends webhook attempts. It is safe for concurrent use.
type Sender struct {
	client  *http.Client
	timeout time.Duration
	now     func() time.Time
	// precheck, set when a proxy dials for us, checks each destination
	// before the request leaves.
	precheck *egress.Guard
}

// New returns a Sender.
func New(cfg Config) (*Sender, error) {
	if cfg.Guard == nil {
		return nil, errors.New("sender: Config.Guard is required")
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 10 * time.Second
	}
	if cfg.MaxIdleConnsPerHost <= 0 {
		cfg.MaxIdleConnsPerHost = 512
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	tr := &http.Transport{
		// No Proxy: environment variables must not silently route webhooks
		// around the egress guard.
		Proxy:             nil,
		DialContext:       cfg.Guard.DialContext,
		ForceAttemptHTTP2: true,
		// The stored response excerpt should be what the receiver sent.
		DisableCompression:    true,
		MaxIdleConns:          4096,
		MaxIdleConnsPerHost:   cfg.MaxIdleConnsPerHost,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   cfg.Timeout,
		ResponseHeaderTimeout: cfg.Timeout,
		TLSClientConfig:       &tls.Config{MinVersion: tls.VersionTLS12},
	}
	client := &http.Client{
		Transport: tr,
		// A redirect is an answer, not an instruction: following it could
		// lead to an address the receiver's URL was never checked against.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	s := &Sender{client: client, timeout: cfg.Timeout, now: cfg.Now}
	if cfg.Proxy != nil {
		switch cfg.Proxy.Scheme {
		case "http", "https", "socks5", "socks5h":
		default:
			return nil, errors.New("sender: the egress proxy must be an http://, https:// or socks5:// URL")
		}
		tr.Proxy = http.ProxyURL(cfg.Proxy)
		// The only connections are to the proxy, which the operator chose.
		tr.DialContext = (&net.Dialer{Timeout: cfg.Timeout, KeepAlive: 30 * time.Second}).DialContext
		s.precheck = cfg.Guard
	}
	return s, nil
}

// Close releases idle connections.
func (s *Sender) Close() { s.client.CloseIdleConnections() }

// Request is one attempt to make: the wire package decides its URL and
// headers (signature, authentication, User-Agent).
type Request struct {
	URL     string
	Headers map[string]string
	Body    []byte
}

// Result is what came of an attempt.
type Result struct {
	StartedAt  time.Time
	Duration   time.Duration
	StatusCode int    // 0 when no response came
	Body       string // the start of the response, valid UTF-8
	Err        string // "timeout", "connection refused", ... when no response came
	Blocked    bool   // the egress policy refused the destination
	RetryAfter time.Duration
}

// Send makes the attempt. It never returns an error: every failure is a
// Result that the retry policy can judge.
func (s *Sender) Send(ctx context.Context, r Request) Result {
	start := s.now()
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	res := Result{StartedAt: start}
	if s.precheck != nil {
		if _, err := s.precheck.Check(ctx, r.URL); err != nil {
			res.Duration = s.now().Sub(start)
			res.Err, res.Blocked = classify(err)
			return res
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.URL, bytes.NewReader(r.Body))
	if err != nil {
		res.Err = "invalid request: " + err.Error()
		res.Duration = s.now().Sub(start)
		return res
	}
	req.Header.Set("User-Agent", herald.UserAgent())
	for k, v := range r.Headers {
		req.Header.Set(k, v)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.client.Do(req)
	if err != nil {
		res.Duration = s.now().Sub(start)
		res.Err, res.Blocked = classify(err)
		return res
	}
	res.StatusCode = resp.StatusCode
	res.RetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), start)
	body, _ := io.ReadAll(io.LimitReader(resp.Body, herald.MaxStoredResponseBody))
	// Read a little more so the connection can be reused, but never wait on
	// a receiver that drips an endless body: the attempt's timeout bounds it.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	res.Duration = s.now().Sub(start)
	res.Body = strings.ToValidUTF8(string(body), "\uFFFD")
	return res
}

// classify turns a transport error into the short names the API shows.
func classify(err error) (msg string, blocked bool) {
	var be *egress.BlockedError
	var dnsErr *net.DNSError
	var netErr net.Error
	var certErr *tls.CertificateVerificationError
	switch {
	case errors.As(err, &be):
		return be.Error(), true
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout", false
	case errors.As(err, &netErr) && netErr.Timeout():
		return "timeout", false
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused", false
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset", false
	case errors.As(err, &dnsErr):
		return "dns: " + dnsErr.Err + " for " + dnsErr.Name, false
	case errors.As(err, &certErr):
		return "tls: certificate not trusted: " + certErr.Err.Error(), false
	case errors.Is(err, context.Canceled):
		return "canceled", false
	}
	msg = err.Error()
	// url.Error repeats the method and URL; the attempt already has them.
	if i := strings.LastIndex(msg, ": "); i >= 0 && strings.HasPrefix(msg, "Post ") {
		msg = msg[i+2:]
	}
	return "connection error: " + msg, false
}

// parseRetryAfter reads delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
		if n < 0 {
			return 0
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
