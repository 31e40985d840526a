package backoff

import (
	"testing"
	"time"
)

func TestDelay(t *testing.T) {
	const lo, hi = 100 * time.Millisecond, 30 * time.Second
	for _, c := range []struct {
		failures int
		want     time.Duration
	}{
		{-1, 0}, {0, 0}, {1, lo}, {2, 200 * time.Millisecond}, {3, 400 * time.Millisecond},
		{9, 25600 * time.Millisecond}, {10, hi}, {11, hi}, {1000, hi},
	} {
		if got := Delay(c.failures, lo, hi); got != c.want {
			t.Errorf("Delay(%d) = %v, want %v", c.failures, got, c.want)
		}
	}
}

func TestBackoffResets(t *testing.T) {
	var b Backoff
	for _, want := range []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond} {
		if got := b.Failure(); got != want {
			t.Fatalf("Failure() = %v, want %v", got, want)
		}
	}
	b.Success()
	if got := b.Failure(); got != 100*time.Millisecond {
		t.Fatalf("Failure() after Success = %v, want the minimum again", got)
	}
}
