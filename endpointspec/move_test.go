package endpointspec

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSameOrigin(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"https://a.example/hooks", "https://a.example/other?x=1", true},
		{"https://a.example/hooks", "https://A.Example:443/hooks", true},
		{"http://a.example/hooks", "http://a.example:80/", true},
		{"https://user:pw@a.example/", "https://a.example/", true},
		{"http://[::1]:8080/a", "http://[::1]:8080/b", true},
		{"https://a.example/hooks", "http://a.example/hooks", false},
		{"https://a.example/hooks", "https://a.example:8443/hooks", false},
		{"https://a.example/hooks", "https://b.example/hooks", false},
		{"https://a.example/hooks", "https://a.example.evil.test/hooks", false},
		{"http://127.0.0.1:1000/", "http://127.0.0.1:1001/", false},
		{"https://a.example/", "not a url", false},
		{"", "", false},
	} {
		if got := SameOrigin(c.a, c.b); got != c.same {
			t.Errorf("SameOrigin(%q, %q) = %v, want %v", c.a, c.b, got, c.same)
		}
	}
}

// A PATCH that moves an endpoint to another origin takes along only the
// credentials it gives: a stored bearer token or header value it leaves
// out, or keeps with null or the mask, is refused with the fields to give
// again; the same origin, or nothing stored, moves freely.
func TestCheckMove(t *testing.T) {
	stored := func(token string, headers map[string]string) Settings {
		s := valid()
		s.BearerToken = token
		if headers != nil {
			s.Headers = headers
		}
		return s
	}
	both := stored("platform-token", map[string]string{"X-Api-Key": "platform-key", "X-Team": "t1"})
	for _, c := range []struct {
		name string
		base Settings
		body string
		want []string // substrings of the error; nil: allowed
	}{
		{"no url in the body", both, `{"description": "x"}`, nil},
		{"same url", both, `{"url": "https://example.com/hooks"}`, nil},
		{"path on the same origin", both, `{"url": "https://EXAMPLE.com:443/elsewhere?v=2"}`, nil},
		{"another host, nothing stored", valid(), `{"url": "https://evil.test/x"}`, nil},
		{"another host, credentials left out", both, `{"url": "https://evil.test/x"}`,
			[]string{"url: ", "bearer_token and headers again", "headers X-Api-Key, X-Team"}},
		{"another port", both, `{"url": "https://example.com:8443/hooks"}`, []string{"bearer_token and headers"}},
		{"another scheme", both, `{"url": "http://example.com/hooks"}`, []string{"bearer_token and headers"}},
		{"token only, left out", stored("tok", nil), `{"url": "https://evil.test/x"}`, []string{"its bearer_token", "give bearer_token again"}},
		{"token sent as the mask", stored("tok", nil), `{"url": "https://evil.test/x", "bearer_token": "••••••"}`, []string{"give bearer_token again"}},
		{"token given anew", stored("tok", nil), `{"url": "https://evil.test/x", "bearer_token": "new"}`, nil},
		{"token removed", stored("tok", nil), `{"url": "https://evil.test/x", "bearer_token": ""}`, nil},
		{"headers only, left out", stored("", map[string]string{"X-Api-Key": "k"}), `{"url": "https://evil.test/x"}`,
			[]string{"headers X-Api-Key", "give headers again"}},
		{"header kept with the mask", stored("", map[string]string{"X-Api-Key": "k"}),
			`{"url": "https://evil.test/x", "headers": {"X-Api-Key": "••••••"}}`, []string{"headers X-Api-Key"}},
		{"header kept with null, named in another case", stored("", map[string]string{"X-Api-Key": "k"}),
			`{"url": "https://evil.test/x", "headers": {"x-api-key": null}}`, []string{"headers x-api-key"}},
		{"one header anew, one kept", both,
			`{"url": "https://evil.test/x", "bearer_token": "new", "headers": {"X-Api-Key": "new", "X-Team": "••••••"}}`,
			[]string{"headers X-Team", "give headers again"}},
		{"headers given anew", both,
			`{"url": "https://evil.test/x", "bearer_token": "new", "headers": {"X-Api-Key": "new"}}`, nil},
		{"headers removed", both, `{"url": "https://evil.test/x", "bearer_token": "", "headers": {}}`, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			var p Patch
			if err := json.Unmarshal([]byte(c.body), &p); err != nil {
				t.Fatal(err)
			}
			next, err := p.Apply(c.base)
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			err = CheckMove(p, c.base, next)
			if c.want == nil {
				if err != nil {
					t.Fatalf("CheckMove = %v, want allowed", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("CheckMove allowed it; want refused naming %q", c.want)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("CheckMove = %v, want it to say %q", err, w)
				}
			}
		})
	}
}
