package sqlite

import (
	"testing"
	"time"
)

func TestBackupPause(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		name    string
		copied  int64
		elapsed time.Duration
		rate    int64
		want    time.Duration
	}{
		{"ahead of the rate waits the difference", 4 * mib, 10 * time.Millisecond, 64 * mib, 52500 * time.Microsecond},
		{"on the rate goes on", 64 * mib, time.Second, 64 * mib, 0},
		{"behind the rate goes on at once", 4 * mib, time.Second, 64 * mib, 0},
		{"no rate never waits", 900 * mib, 0, -1, 0},
		{"nothing copied never waits", 0, 0, 64 * mib, 0},
	} {
		if got := backupPause(c.copied, c.elapsed, c.rate); got != c.want {
			t.Errorf("%s: backupPause(%d, %v, %d) = %v, want %v", c.name, c.copied, c.elapsed, c.rate, got, c.want)
		}
	}
}
