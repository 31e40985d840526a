package main

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The demo runs end to end on loopback: the job's life reaches the
// subscription with verified signatures and the callback, and the polled
// document shows the callback delivered.
func TestDemo(t *testing.T) {
	var out bytes.Buffer
	if err := demo(context.Background(), &out, false); err != nil {
		t.Fatalf("demo: %v\n%s", err, out.String())
	}
	s := out.String()
	for _, want := range []string{
		"webhook-id img-abc123.created  signature verified",
		"webhook-id img-abc123.started  signature verified",
		"webhook-id img-abc123.completed  signature verified",
		"POST /callback  webhook-id img-abc123.completed  not signed",
		`"state": "delivered"`,
		"4 webhooks received, 3 with a verified signature",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the demo's output lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "INVALID") {
		t.Errorf("a signature failed:\n%s", s)
	}
}

// With --stay the demo keeps Herald running, and the address and key it
// prints open the dashboard and the API, until its context ends.
func TestDemoStays(t *testing.T) {
	out := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- demo(ctx, out, true) }()
	hint := regexp.MustCompile(`open (http://\S+)/ui/ and sign in with (hk_\S+)`)
	var m []string
	deadline := time.Now().Add(30 * time.Second)
	for m == nil {
		if m = hint.FindStringSubmatch(out.String()); m == nil {
			select {
			case err := <-done:
				t.Fatalf("the demo ended before it said where to look: %v\n%s", err, out.String())
			case <-time.After(20 * time.Millisecond):
			}
			if time.Now().After(deadline) {
				t.Fatalf("the demo never said where its dashboard is:\n%s", out.String())
			}
		}
	}
	base, key := m[1], m[2]
	resp, err := http.Get(base + "/ui/")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s/ui/: %v %v", base, resp, err)
	}
	resp.Body.Close()
	req, _ := http.NewRequest("GET", base+"/v1/tenants/acme/jobs/img-abc123", nil)
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err = http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("the demo's job with the printed key: %v %v", resp, err)
	}
	resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("the demo ended with %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the demo did not stop when its context ended")
	}
}
