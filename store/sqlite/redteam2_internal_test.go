package sqlite

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/heraldhq/herald/seal"
)

// Found red-teaming backups: a copy (herald backup --out, and each
// rotated copy) was made by SQLite at its temporary name with SQLite's
// mode for new files less the umask (0644 as a rule), and made 0600 only
// once whole: in a directory other users may enter, they could open the
// copy while it was written (seconds to minutes for a large store) and
// read every tenant's events from it. The temporary file is now made
// 0600, and only by Herald (never through a link planted at its name),
// before either kind of copy writes into it.
func TestCopyIsOwnersOnlyWhileWritten(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "herald.db")
	box, _ := seal.New(seal.NewKey())
	db, err := Open(ctx, Config{Path: path, Box: box})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	src, err := sql.Open(DriverName, dsn(path, "busy_timeout(10000)", "query_only(1)"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	src.SetMaxOpenConns(1)
	vsrc, err := sql.Open(DriverName, dsn(path, "busy_timeout(10000)"))
	if err != nil {
		t.Fatal(err)
	}
	defer vsrc.Close()
	copies := map[string]func(tmp string) error{
		"vacuum": func(tmp string) error {
			_, err := vsrc.ExecContext(ctx, `VACUUM INTO ?`, tmp)
			return err
		},
		"backup-api": func(tmp string) error {
			return copyPages(ctx, src, path, tmp, BackupOptions{Rate: -1, PagesPerStep: 1})
		},
	}
	for name, copyInto := range copies {
		out := filepath.Join(dir, "copy-"+name+".db")
		var before, after os.FileMode
		err := writeAtomically(out, func(tmp string) error {
			fi, err := os.Lstat(tmp)
			if err != nil {
				t.Errorf("%s: nothing at the temporary name before the copy writes it: %v (SQLite makes it with the umask's mode)", name, err)
			} else {
				before = fi.Mode()
			}
			if err := copyInto(tmp); err != nil {
				return err
			}
			if fi, err := os.Stat(tmp); err == nil {
				after = fi.Mode()
			}
			return nil
		}, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if before != 0o600 || after != 0o600 {
			t.Errorf("%s: the copy's mode while written is %v, then %v; want -rw------- throughout", name, before, after)
		}
		check, err := sql.Open(DriverName, dsn(out, "query_only(1)"))
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if err := check.QueryRow(`SELECT count(*) FROM goose_db_version`).Scan(&n); err != nil || n == 0 {
			t.Errorf("%s: the copy is not a whole store: %d migrations, %v", name, n, err)
		}
		check.Close()
	}
}
