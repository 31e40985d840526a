package storetest

import (
	"testing"
	"time"
)

func TestShift(t *testing.T) {
	day := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, c := range []struct {
		in   string
		want time.Time
		bad  bool
	}{
		{"+10y", time.Date(2036, 1, 2, 3, 4, 5, 0, time.UTC), false},
		{"-10y", time.Date(2016, 1, 2, 3, 4, 5, 0, time.UTC), false},
		{"10y", time.Date(2036, 1, 2, 3, 4, 5, 0, time.UTC), false},
		{"-48h", time.Date(2025, 12, 31, 3, 4, 5, 0, time.UTC), false},
		{"ten years", time.Time{}, true},
		{"1.5y", time.Time{}, true},
	} {
		got, err := shift(day, c.in)
		if (err != nil) != c.bad || !got.Equal(c.want) {
			t.Errorf("shift(%q) = %v, %v; want %v (error %v)", c.in, got, err, c.want, c.bad)
		}
	}
}
