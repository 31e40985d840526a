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
// document shows the callback succeeded.
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
		`"state": "succeeded"`,
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

// The narration tells each step before the webhooks it causes, and reads
// the same on every run: two runs print the steps and webhooks in this
// one order (the completed job's callback and subscription race each
// other; the demo prints them in a fixed order).
func TestDemoNarrationOrder(t *testing.T) {
	want := []string{
		"1. Create tenant acme",
		"2. Subscribe",
		"3. The platform creates job img-abc123",
		"POST /webhooks img-abc123.created",
		"4. The job starts",
		"POST /webhooks img-abc123.started",
		"5. The job completes",
		"POST /callback img-abc123.completed",
		"POST /webhooks img-abc123.completed",
		"6. What a customer polling",
	}
	step := regexp.MustCompile(`^(\d\. .*)`)
	arrival := regexp.MustCompile(`→ receiver: (POST \S+)  webhook-id (\S+)`)
	for run := 1; run <= 2; run++ {
		var out bytes.Buffer
		if err := demo(context.Background(), &out, false); err != nil {
			t.Fatalf("run %d: demo: %v\n%s", run, err, out.String())
		}
		var got []string
		for _, line := range strings.Split(out.String(), "\n") {
			if m := arrival.FindStringSubmatch(line); m != nil {
				got = append(got, m[1]+" "+m[2])
			} else if m := step.FindStringSubmatch(line); m != nil {
				got = append(got, m[1])
			}
		}
		if len(got) != len(want) {
			t.Fatalf("run %d: the narration's steps and webhooks are\n%s\nwant\n%s\n%s", run,
				strings.Join(got, "\n"), strings.Join(want, "\n"), out.String())
		}
		for i := range want {
			if !strings.HasPrefix(got[i], want[i]) {
				t.Fatalf("run %d: line %d of the narration is %q, want %q\n%s", run, i+1, got[i], want[i], out.String())
			}
		}
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
