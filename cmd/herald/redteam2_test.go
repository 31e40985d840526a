package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Found red-teaming the CLI: a --server that carries credentials
// (https://user:password@herald.internal, for a proxy in front of Herald)
// was printed back whole in the hint of an unreachable server and in the
// report of a proxy's non-JSON answer, so the password reached the
// terminal, CI logs and scrollback. The URL is shown with the password
// redacted, as net/url's own error already shows it.
func TestCLIErrorsRedactTheServersPassword(t *testing.T) {
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		w.Write([]byte("<html>502 Bad Gateway</html>"))
	}))
	defer proxy.Close()
	down := httptest.NewServer(http.NotFoundHandler())
	downURL := down.URL
	down.Close()
	for name, server := range map[string]string{
		"unreachable":        strings.Replace(downURL, "http://", "http://ops:PASSW0RD-rt2@", 1),
		"a proxy's HTML 502": strings.Replace(proxy.URL, "http://", "http://ops:PASSW0RD-rt2@", 1),
	} {
		_, err := callAPI(context.Background(), server, "k", "GET", "/v1/me", nil)
		if err == nil {
			t.Fatalf("%s: no error", name)
		}
		if strings.Contains(err.Error(), "PASSW0RD-rt2") {
			t.Errorf("%s: the error prints the server's password: %v", name, err)
		}
		if !strings.Contains(err.Error(), "ops:") {
			t.Errorf("%s: the error no longer names the server it called: %v", name, err)
		}
	}
}
