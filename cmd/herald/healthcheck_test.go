package main

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// serve prints the dashboard's address, the one a person opens, at start.
func TestServePrintsDashboardAddress(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	p := start(t, t.TempDir())
	want := "Dashboard: http://" + p.addr + "/ui/\n"
	if !strings.Contains(p.log.String(), want) {
		t.Fatalf("serve did not print %q:\n%s", want, p.log.String())
	}
	resp, err := http.Get("http://" + p.addr + "/ui/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("the printed address answers %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

var dashboardRE = regexp.MustCompile(`Dashboard: https://(\S+)/ui/`)

// herald healthcheck checks a Herald that serves TLS: with --cacert, or
// trusting serve's own --tls-cert read from the same config file or
// HERALD_ variables serve reads; never by skipping verification.
func TestHealthcheckOverTLS(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	writeCert(t, dir, 1)
	cert, key := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	p := launch(t, nil, "serve", "--listen", "127.0.0.1:0", "--data-dir", t.TempDir(), "--admin-key", testAdminKey,
		"--tls-cert", cert, "--tls-key", key)
	healthcheck := func(env []string, args ...string) (string, error) {
		cmd := exec.Command(heraldBinary(t), append([]string{"healthcheck"}, args...)...)
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	// The dashboard's address is printed with https once serving.
	var addr string
	deadline := time.Now().Add(20 * time.Second)
	for addr == "" {
		if m := dashboardRE.FindStringSubmatch(p.log.String()); m != nil {
			addr = m[1]
			break
		}
		select {
		case err := <-p.done:
			t.Fatalf("herald exited: %v\n%s", err, p.log.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no https dashboard address printed\n%s", p.log.String())
		}
	}
	// Ready: with --cacert, the store opened.
	for {
		out, err := healthcheck(nil, "--url", "https://"+addr+"/readyz", "--cacert", cert)
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("healthcheck --cacert never passed: %v\n%s\n%s", err, out, p.log.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	// Without a way to trust the certificate it fails, and says what to give.
	if out, err := healthcheck(nil, "--url", "https://"+addr+"/readyz"); err == nil || !strings.Contains(out, "--cacert") {
		t.Fatalf("healthcheck with an unknown authority: %v\n%s", err, out)
	}
	// Plain HTTP to the TLS listener is not ready.
	if out, err := healthcheck(nil, "--url", "http://"+addr+"/readyz"); err == nil {
		t.Fatalf("healthcheck over plain HTTP passed:\n%s", out)
	}
	// serve's config file: listen and tls-cert from it, the rest ignored.
	config := filepath.Join(dir, "herald.toml")
	if err := os.WriteFile(config, []byte(strings.Join([]string{
		`listen = "` + addr + `"`, `tls-cert = "` + cert + `"`, `tls-key = "` + key + `"`,
		`data-dir = "/nowhere"`, `retention = "24h"`, `allow-cidr = ["127.0.0.0/8"]`,
	}, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := healthcheck(nil, "--config", config); err != nil {
		t.Fatalf("healthcheck --config (serve's file): %v\n%s", err, out)
	}
	// serve's environment, as a container sets it.
	if out, err := healthcheck([]string{"HERALD_LISTEN=" + addr, "HERALD_TLS_CERT=" + cert}); err != nil {
		t.Fatalf("healthcheck with HERALD_LISTEN and HERALD_TLS_CERT: %v\n%s", err, out)
	}
	// Another certificate at that path is not the one served: refused.
	other := t.TempDir()
	writeCert(t, other, 2)
	if out, err := healthcheck([]string{"HERALD_LISTEN=" + addr, "HERALD_TLS_CERT=" + filepath.Join(other, "cert.pem")}); err == nil {
		t.Fatalf("healthcheck trusting another certificate passed:\n%s", out)
	}
}
