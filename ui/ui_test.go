package ui

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHandlerFramingAndConfig(t *testing.T) {
	for _, c := range []struct {
		o    Options
		want string
	}{
		{Options{}, "frame-ancestors 'none';"},
		{Options{FrameAncestors: "https://app.example.com http://127.0.0.1:8443", ReturnURL: "https://app.example.com/settings"},
			"frame-ancestors https://app.example.com http://127.0.0.1:8443;"},
	} {
		h := Handler("/ui/", c.o)
		for _, path := range []string{"/ui/", "/ui/config.json"} {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
			if w.Code != http.StatusOK {
				t.Fatalf("GET %s = %d", path, w.Code)
			}
			if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, c.want) || !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("GET %s with %+v: CSP %q, want %q", path, c.o, csp, c.want)
			}
			if path == "/ui/config.json" {
				var got map[string]string
				if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil || got["portal_return_url"] != c.o.ReturnURL {
					t.Errorf("config.json = %s, %v; want the return URL %q", w.Body, err, c.o.ReturnURL)
				}
			}
		}
	}
}
