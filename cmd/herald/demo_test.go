package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// The demo runs end to end on loopback: the job's life reaches the
// subscription with verified signatures and the callback, and the polled
// document shows the callback delivered.
func TestDemo(t *testing.T) {
	var out bytes.Buffer
	if err := demo(context.Background(), &out); err != nil {
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
