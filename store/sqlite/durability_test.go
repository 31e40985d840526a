package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heraldhq/herald/seal"
)

// A commit is on disk before the caller hears of it: the connection that
// writes (and the one that checkpoints, which writes the log into the
// database file) runs with synchronous=FULL and the log in WAL mode, as
// read back from those very connections after Open. A store opened with
// NORMAL reads NORMAL: the check reads the setting, not the default.
func TestCommitsAreSynchronousFull(t *testing.T) {
	ctx := context.Background()
	box, _ := seal.New(seal.NewKey())
	for _, c := range []struct {
		config string // Config.Synchronous
		want   int    // PRAGMA synchronous: 1 NORMAL, 2 FULL
	}{{"", 2}, {"FULL", 2}, {"NORMAL", 1}} {
		db, err := Open(ctx, Config{Path: filepath.Join(t.TempDir(), "herald.db"), Box: box, Synchronous: c.config})
		if err != nil {
			t.Fatal(err)
		}
		var sync int
		var journal string
		err = db.writer.do(func(tx wtx) error {
			if err := tx.QueryRow(`PRAGMA synchronous`).Scan(&sync); err != nil {
				return err
			}
			return tx.QueryRow(`PRAGMA journal_mode`).Scan(&journal)
		})
		if err != nil {
			t.Fatal(err)
		}
		if sync != c.want || !strings.EqualFold(journal, "wal") {
			t.Errorf("Synchronous %q: the writer runs synchronous=%d, journal_mode=%s; want %d and wal", c.config, sync, journal, c.want)
		}
		var ckpt int
		if err := db.ckpt.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&ckpt); err != nil {
			t.Fatal(err)
		}
		if ckpt != c.want {
			t.Errorf("Synchronous %q: the checkpointer runs synchronous=%d, want %d", c.config, ckpt, c.want)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
