package portal

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/heraldhq/herald"
)

func TestDecide(t *testing.T) {
	week := 7 * 24 * time.Hour
	for _, c := range []struct {
		name string
		in   Request
		max  time.Duration
		want Session
		err  string
	}{
		{"defaults", Request{}, week, Session{Role: herald.RolePortal, Lifetime: time.Hour}, ""},
		{"read-only for a day, dark", Request{Role: herald.RoleReadOnly, Lifetime: "24h", Theme: "dark", Name: " Acme "}, week,
			Session{Role: herald.RoleReadOnly, Lifetime: 24 * time.Hour, Theme: "dark", Name: "Acme"}, ""},
		{"the maximum itself", Request{Lifetime: "168h"}, week, Session{Role: herald.RolePortal, Lifetime: week}, ""},
		{"past the operator's maximum", Request{Lifetime: "2h"}, time.Hour, Session{}, "--portal-session-max"},
		{"too short", Request{Lifetime: "10ms"}, week, Session{}, "between"},
		{"negative", Request{Lifetime: "-1h"}, week, Session{}, "between"},
		{"not a duration", Request{Lifetime: "tomorrow"}, week, Session{}, "not a duration"},
		{"a tenant role is not a portal's", Request{Role: herald.RoleTenant}, week, Session{}, "role"},
		{"nor an admin's", Request{Role: herald.RoleAdmin}, week, Session{}, "role"},
		{"an unknown theme", Request{Theme: "neon"}, week, Session{}, "theme"},
		{"a long name", Request{Name: strings.Repeat("x", 101)}, week, Session{}, "name"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := Decide(c.in, c.max)
			if c.err != "" {
				if err == nil || herald.ErrorCode(err) != herald.EINVALID || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("Decide = %+v, %v; want an invalid_request about %q", got, err, c.err)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("Decide = %+v, %v; want %+v", got, err, c.want)
			}
		})
	}
}

func TestLinkCarriesEverythingInTheFragment(t *testing.T) {
	tok := NewToken()
	link := Link("https://hooks.example.com/", tok, Session{Theme: "dark", Name: "Acme & Co"})
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	if u.RawQuery != "" || u.Path != "/ui/" || u.Host != "hooks.example.com" {
		t.Fatalf("link %s: query %q, path %q; want all of it in the fragment of /ui/", link, u.RawQuery, u.Path)
	}
	f, err := url.ParseQuery(u.EscapedFragment())
	if err != nil || f.Get("portal") != tok || f.Get("theme") != "dark" || f.Get("name") != "Acme & Co" {
		t.Fatalf("fragment %q reads %v, %v", u.Fragment, f, err)
	}
	if strings.Contains(link, "+") {
		t.Fatalf("link %s encodes a space as +, which a fragment parser may keep", link)
	}
	if !strings.HasPrefix(tok, TokenPrefix) || len(tok) < 40 || NewToken() == tok {
		t.Fatalf("token %q: want %s and 256 random bits, new each time", tok, TokenPrefix)
	}
}

func TestFrameAncestors(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want string
		ok   bool
	}{
		{nil, "'none'", true},
		{[]string{"https://app.example.com"}, "https://app.example.com", true},
		{[]string{"https://app.example.com/", "http://127.0.0.1:8443"}, "https://app.example.com http://127.0.0.1:8443", true},
		{[]string{"https://*.example.com"}, "https://*.example.com", true},
		{[]string{"https://app.example.com/path"}, "", false},
		{[]string{"app.example.com"}, "", false},
		{[]string{"javascript:alert(1)"}, "", false},
		{[]string{"https://a.example.com; script-src *"}, "", false},
		{[]string{"https://user@app.example.com"}, "", false},
		{[]string{"https://app.*.com"}, "", false},
		{[]string{"*"}, "", false},
	} {
		got, err := FrameAncestors(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("FrameAncestors(%q) = %q, %v; want %q, ok %v", c.in, got, err, c.want, c.ok)
		}
	}
}
