package main

import (
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/peterbourgon/ff/v4"
)

// The defaults docs/running.md documents are those `herald serve` has: 512
// attempts in flight and 16 to one endpoint, 30 days of retention (its
// flags' defaults, each as its table of flags states it), and 30
// wrong keys a minute from one address before 429 (no flag: the binary's
// behaviour with no setting, below).
func TestDocumentedDefaults(t *testing.T) {
	defaults := map[string]string{}
	if err := serveCommand(ff.NewFlagSet("herald")).Flags.WalkFlags(func(f ff.Flag) error {
		if long, ok := f.GetLongName(); ok {
			defaults[long] = f.GetDefault()
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../docs/running.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		flag, want string
		readme     string // docs/running.md's words for it
	}{
		{"max-in-flight", "512", "| `--max-in-flight`, `--max-in-flight-per-endpoint` | `512`, `16` |"},
		{"max-in-flight-per-endpoint", "16", "| `--max-in-flight`, `--max-in-flight-per-endpoint` | `512`, `16` |"},
		{"retention", (30 * 24 * time.Hour).String(), "| `--retention` | `720h` (30 days) |"},
	} {
		if got, ok := defaults[c.flag]; !ok || got != c.want {
			t.Errorf("--%s defaults to %q, want %q as documented", c.flag, got, c.want)
		}
		if !strings.Contains(string(readme), c.readme) {
			t.Errorf("docs/running.md no longer says %q", c.readme)
		}
	}
	if !strings.Contains(string(readme), "past 30 in a minute they answer 429") {
		t.Error("docs/running.md no longer says that past 30 wrong keys in a minute the answer is 429")
	}
}

// With no setting, one address may send 30 wrong keys in a minute, each a
// 401; the 31st is a 429 with Retry-After, as docs/running.md says.
func TestThirtyWrongKeysAMinuteByDefault(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	p := start(t, t.TempDir())
	try := func() *http.Response {
		t.Helper()
		req, _ := http.NewRequest("GET", "http://"+p.addr+"/v1/me", nil)
		req.Header.Set("Authorization", "Bearer hk_not_a_key_of_this_server_0000")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	for i := range 30 {
		if resp := try(); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("wrong key %d of 30 = %d, want 401", i+1, resp.StatusCode)
		}
	}
	if resp := try(); resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("the 31st wrong key = %d (Retry-After %q), want 429 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}
