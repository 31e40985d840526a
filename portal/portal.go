// Package portal holds the rules of portal sessions: the short-lived
// sign-in links a platform hands its customers to open the dashboard for
// their own tenant. A link carries a one-time token in its URL fragment
// (never a query string, which proxies and servers log); the dashboard
// exchanges it once for a session key that ends when the session does.
// Everything here is pure: the API stores and checks, this decides.
package portal

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/heraldhq/herald"
)

// TokenPrefix starts every sign-in link's token, so that a leaked link is
// recognisable (and told apart from an API key, hk_).
const TokenPrefix = "hpl_"

// Lifetimes of a session.
const (
	DefaultLifetime = time.Hour
	MinLifetime     = time.Second
	// DefaultMaxLifetime is --portal-session-max's default.
	DefaultMaxLifetime = 7 * 24 * time.Hour
)

// NewToken returns a new link token: 256 random bits.
func NewToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("portal: crypto/rand failed: " + err.Error())
	}
	return TokenPrefix + base64.RawURLEncoding.EncodeToString(b)
}

// Request is what a platform asks of a new session, as the API reads it.
type Request struct {
	Role     herald.Role
	Lifetime string // a Go duration ("1h", "30m"); "" for DefaultLifetime
	Theme    string // "light", "dark" or ""
	Name     string // the platform's name, for the dashboard's header
}

// Session is a request decided: what to store and what the link says.
type Session struct {
	Role     herald.Role
	Lifetime time.Duration
	Theme    string
	Name     string
}

// Decide checks r against the operator's maximum lifetime and fills the
// defaults. Its errors are the API's 400s.
func Decide(r Request, max time.Duration) (Session, error) {
	s := Session{Role: r.Role, Lifetime: DefaultLifetime, Theme: r.Theme, Name: strings.TrimSpace(r.Name)}
	switch r.Role {
	case "":
		s.Role = herald.RolePortal
	case herald.RolePortal, herald.RoleReadOnly:
	default:
		return Session{}, herald.Errorf(herald.EINVALID, "role must be %q (the default) or %q, not %q", herald.RolePortal, herald.RoleReadOnly, r.Role)
	}
	if r.Lifetime != "" {
		d, err := time.ParseDuration(r.Lifetime)
		if err != nil {
			return Session{}, herald.Errorf(herald.EINVALID, "lifetime %q is not a duration such as \"30m\" or \"24h\"", r.Lifetime)
		}
		s.Lifetime = d
	}
	if s.Lifetime < MinLifetime || s.Lifetime > max {
		return Session{}, herald.Errorf(herald.EINVALID, "lifetime must be between %v and %v (the server's --portal-session-max), not %v", MinLifetime, max, s.Lifetime)
	}
	switch r.Theme {
	case "", "light", "dark":
	default:
		return Session{}, herald.Errorf(herald.EINVALID, "theme must be \"light\" or \"dark\", not %q", r.Theme)
	}
	if len(s.Name) > 100 {
		return Session{}, herald.Errorf(herald.EINVALID, "name must be at most 100 characters")
	}
	return s, nil
}

// Link is the dashboard's address that signs in with token: base (the
// server's public address, such as https://hooks.example.com) with the
// token, theme and name in the fragment, which browsers never send.
func Link(base, token string, s Session) string {
	f := "portal=" + url.QueryEscape(token)
	if s.Theme != "" {
		f += "&theme=" + url.QueryEscape(s.Theme)
	}
	if s.Name != "" {
		// QueryEscape writes a space as "+"; %20 reads the same in any parser.
		f += "&name=" + strings.ReplaceAll(url.QueryEscape(s.Name), "+", "%20")
	}
	return strings.TrimSuffix(base, "/") + "/ui/#" + f
}

// FrameAncestors turns the origins an operator allows to frame the
// dashboard into the value of the CSP frame-ancestors directive: 'none'
// for none. Each origin is scheme://host[:port], nothing more, so that a
// typo cannot widen the policy (no paths, no wildcards but a leading *.
// in the host, as CSP allows).
func FrameAncestors(origins []string) (string, error) {
	if len(origins) == 0 {
		return "'none'", nil
	}
	out := make([]string, 0, len(origins))
	for _, o := range origins {
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil ||
			(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" ||
			strings.ContainsAny(u.Host, " ;,'\"") || strings.Contains(strings.TrimPrefix(u.Host, "*."), "*") {
			return "", fmt.Errorf("--portal-frame-ancestors: %q is not an origin such as https://app.example.com or https://app.example.com:8443", o)
		}
		out = append(out, u.Scheme+"://"+u.Host)
	}
	return strings.Join(out, " "), nil
}
