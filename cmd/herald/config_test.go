package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// nodeRE finds the node id in Herald's "serving" log line.
var nodeRE = regexp.MustCompile(`msg="herald is serving".* node=(\S+)`)

// servingNode starts herald serve with args and env, waits for its
// "serving" line, stops it, and returns the node id it served as.
func servingNode(t *testing.T, env []string, args ...string) string {
	t.Helper()
	p := launch(t, env, append([]string{"serve"}, args...)...)
	defer p.end()
	log, done := p.log, p.done
	deadline := time.Now().Add(20 * time.Second)
	for {
		if m := nodeRE.FindStringSubmatch(log.String()); m != nil {
			return m[1]
		}
		select {
		case err := <-done:
			done <- err // for end
			t.Fatalf("herald exited: %v\n%s", err, log.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("herald did not serve in time\n%s", log.String())
		}
	}
}

// --config reads a TOML file of settings named as the flags; the
// environment wins over it, and a flag over both.
func TestConfigFilePrecedence(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "herald.toml")
	if err := os.WriteFile(file, []byte(strings.Join([]string{
		`listen = "127.0.0.1:0"`,
		`node-id = "from-the-file"`,
		`admin-key = "` + testAdminKey + `"`,
		`allow-cidr = ["127.0.0.0/8"]`,
	}, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	base := []string{"--config", file}
	if got := servingNode(t, nil, append(base, "--data-dir", filepath.Join(dir, "a"))...); got != "from-the-file" {
		t.Fatalf("with the file alone: node %q, want from-the-file", got)
	}
	env := []string{"HERALD_NODE_ID=from-the-environment"}
	if got := servingNode(t, env, append(base, "--data-dir", filepath.Join(dir, "b"))...); got != "from-the-environment" {
		t.Fatalf("with the environment too: node %q, want from-the-environment", got)
	}
	if got := servingNode(t, env, append(base, "--data-dir", filepath.Join(dir, "c"), "--node-id", "from-the-flag")...); got != "from-the-flag" {
		t.Fatalf("with a flag too: node %q, want from-the-flag", got)
	}
	// A key the flags do not have is an error, not silently ignored.
	if err := os.WriteFile(file, []byte("lisen = \"127.0.0.1:0\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(heraldBinary(t), "serve", "--config", file, "--data-dir", filepath.Join(dir, "d")).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "lisen") {
		t.Fatalf("a misspelt key: %v\n%s", err, out)
	}
}
