package backups

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Found red-teaming rotated backups: a --backup-dir that existed already
// was used whatever its mode. In one other users may write to (/tmp, a
// shared mount) they replace a finished copy with a store of their own
// (admin key hashes included) that herald restore would bring back. Such
// a directory is refused, saying how to fix it; one they may only enter
// is warned of (a copy is readable by the umask's mode until it is whole);
// the one New makes is 0700.
func TestNewRefusesADirectoryOthersMayWrite(t *testing.T) {
	copyNothing := func(context.Context, string) (int64, error) { return 0, nil }
	for _, tc := range []struct {
		mode   os.FileMode
		refuse bool
	}{{0o700, false}, {0o750, false}, {0o755, false}, {0o770, true}, {0o757, true}, {0o777, true}, {os.ModeSticky | 0o777, true}} {
		dir := filepath.Join(t.TempDir(), "backups")
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, tc.mode); err != nil {
			t.Fatal(err)
		}
		_, err := New(Config{Dir: dir, Every: time.Hour, Copy: copyNothing})
		if refused := err != nil; refused != tc.refuse {
			t.Errorf("--backup-dir of mode %v: New = %v, want refused %v", tc.mode, err, tc.refuse)
		}
		if err != nil && !strings.Contains(err.Error(), "chmod 700") {
			t.Errorf("the refusal does not say how to fix it: %v", err)
		}
	}
	made := filepath.Join(t.TempDir(), "new", "backups")
	if _, err := New(Config{Dir: made, Every: time.Hour, Copy: copyNothing}); err != nil {
		t.Fatalf("a --backup-dir New makes: %v", err)
	}
	if fi, err := os.Stat(made); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("the --backup-dir New made: %v, %v; want 0700", fi.Mode(), err)
	}
}
