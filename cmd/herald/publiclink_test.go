package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// Without --public-url, a portal link names the address Herald listens
// on, whatever Host the request that made it sent (issue 25: the link
// was built from the Host header, so a spoofed one made a link to another
// site).
func TestPortalLinkIgnoresTheHostHeader(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	p := start(t, t.TempDir())
	p.mustPost(t, "/v1/tenants", map[string]any{"id": "acme", "name": "Acme"})
	req, _ := http.NewRequest("POST", "http://"+p.addr+"/v1/tenants/acme/portal-sessions", nil)
	req.Host = "evil.example"
	req.Header.Set("Authorization", "Bearer "+testAdminKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var s struct {
		URL string `json:"url"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusCreated || !strings.HasPrefix(s.URL, "http://"+p.addr+"/ui/") {
		t.Fatalf("a session made with Host evil.example: %d, link %q, want one at http://%s/ui/", resp.StatusCode, s.URL, p.addr)
	}
}
