package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/peterbourgon/ff/v4"

	"github.com/heraldhq/herald/lowprio"
	"github.com/heraldhq/herald/seal"
	"github.com/heraldhq/herald/store/sqlite"
)

// postgresBackupAdvice is what backup and restore say on PostgreSQL, whose
// own tools copy a shared database better than Herald could.
const postgresBackupAdvice = "on PostgreSQL, back up and restore with the database's own tools: " +
	"pg_dump/pg_restore for a copy, or base backups with WAL archiving (pg_basebackup, pgBackRest) " +
	"to lose no more than the last seconds; keep the --encryption-key apart from them (docs/operations.md)"

// keyNote says where the key that opens a backup's sealed secrets is,
// since the backup does not hold it.
func keyNote(dataDir string) string {
	where := "the key the node was given (--encryption-key or HERALD_ENCRYPTION_KEY)"
	if path := filepath.Join(dataDir, "encryption.key"); fileExists(path) {
		where = path + " (unless the node is given --encryption-key or HERALD_ENCRYPTION_KEY, which wins)"
	}
	return "Not in the backup: the encryption key that opens its signing secrets and tokens. It is " + where +
		". Keep a copy apart from the backup: without its key a restored store cannot sign, and a stolen backup " +
		"without it yields no secret."
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func backupCommand(parent *ff.FlagSet) *ff.Command {
	fs := ff.NewFlagSet("backup").SetParent(parent)
	dataDir := fs.StringLong("data-dir", "herald-data", "data directory of the SQLite store to back up (its node may keep serving)")
	out := fs.StringLong("out", "", "file to write the backup to; must not exist")
	databaseURL := fs.StringLong("database-url", "", "a PostgreSQL store: not backed up by herald (use pg_dump or base backups)")
	rate := fs.IntLong("max-rate", 0, "most MiB a second the copy writes (0: as fast as it goes, the default: a slower copy holds the node's write-ahead log longer; docs/operations.md)")
	low := fs.BoolLongDefault("low-priority", true, "copy at nice 19 and best-effort I/O level 7 (Linux), so that the node's work comes first; =false to copy at the priority herald backup was started with")
	return &ff.Command{
		Name:      "backup",
		Usage:     "herald backup --data-dir DIR --out FILE [--max-rate MIB_PER_S] [--low-priority=false]",
		ShortHelp: "copy a SQLite store consistently while its node serves (not the encryption key)",
		Flags:     fs,
		Exec: func(ctx context.Context, _ []string) error {
			if *databaseURL != "" {
				return errors.New(postgresBackupAdvice)
			}
			if *out == "" {
				return usagef("--out is required: the file to write the backup to")
			}
			if *rate < 0 {
				return usagef("--max-rate: give MiB a second, or 0 for no limit")
			}
			return backup(ctx, os.Stdout, *dataDir, *out, backupOptions(*rate), *low)
		},
	}
}

// backupOptions is how herald backup and serve's rotated backups copy a
// store: at most rateMiB MiB a second (0: no limit), the copy checked.
func backupOptions(rateMiB int) sqlite.BackupOptions {
	o := sqlite.BackupOptions{Rate: int64(rateMiB) << 20, Check: true}
	if rateMiB == 0 {
		o.Rate = -1
	}
	return o
}

func backup(ctx context.Context, w io.Writer, dataDir, out string, opts sqlite.BackupOptions, low bool) error {
	began := time.Now()
	info, err, setErr := lowCopy(ctx, filepath.Join(dataDir, "herald.db"), out, opts, low)
	if setErr != nil {
		fmt.Fprintf(os.Stderr, "herald backup: copying at the normal priority: lowering it failed: %v\n", setErr)
	}
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fmt.Fprintf(w, "Backed up %s to %s in %v: %d bytes, schema version %d, %d deliveries pending.\n",
		filepath.Join(dataDir, "herald.db"), out, time.Since(began).Round(time.Millisecond), info.Bytes, info.SchemaVersion, info.Pending)
	fmt.Fprintln(w, keyNote(dataDir))
	return nil
}

// lowCopy is sqlite.BackupWith on a thread of its own whose CPU and I/O
// priorities are lowered (low: lowprio.Low; Linux only), which ends with
// the copy; setErr is why they could not be, the copy made all the same.
func lowCopy(ctx context.Context, path, out string, opts sqlite.BackupOptions, low bool) (info sqlite.BackupInfo, err, setErr error) {
	if low {
		// The flushes too: the disk writes sync_file_range starts carry
		// the I/O priority of the thread that calls it.
		opts.Writeback = func(loop func()) {
			go lowprio.Run(lowprio.Low, true, func() error { loop(); return nil })
		}
	}
	err, setErr = lowprio.Run(lowprio.Low, low, func() error {
		var err error
		info, err = sqlite.BackupWith(ctx, path, out, opts)
		return err
	})
	return info, err, setErr
}

func restoreCommand(parent *ff.FlagSet) *ff.Command {
	fs := ff.NewFlagSet("restore").SetParent(parent)
	from := fs.StringLong("from", "", "backup file made by herald backup")
	dataDir := fs.StringLong("data-dir", "herald-data", "data directory to restore into; must be empty or not exist")
	keyFile := fs.StringLong("key-file", "", "the encryption.key file of the node the backup was taken from: checked against the backup and copied into --data-dir")
	encKey := fs.StringLong("encryption-key", "", "the key the node the backup was taken from was given (base64): checked against the backup")
	databaseURL := fs.StringLong("database-url", "", "a PostgreSQL store: not restored by herald (use pg_restore or your base backups)")
	return &ff.Command{
		Name:      "restore",
		Usage:     "herald restore --from FILE --data-dir DIR [--key-file FILE | --encryption-key KEY]",
		ShortHelp: "check a backup and make a SQLite store of it that a node starts and delivers from",
		Flags:     fs,
		Exec: func(ctx context.Context, _ []string) error {
			if *databaseURL != "" {
				return errors.New(postgresBackupAdvice)
			}
			if *from == "" {
				return usagef("--from is required: the backup file to restore")
			}
			return restore(ctx, os.Stdout, *from, *dataDir, *keyFile, *encKey)
		},
	}
}

func restore(ctx context.Context, w io.Writer, from, dataDir, keyFile, encKey string) (err error) {
	if keyFile != "" && encKey != "" {
		return errors.New("give --key-file or --encryption-key, not both")
	}
	var key []byte
	switch {
	case keyFile != "":
		if key, err = readKeyFile(keyFile); err != nil {
			return err
		}
	case encKey != "":
		if key, err = seal.ParseKey(encKey); err != nil {
			return fmt.Errorf("--encryption-key: %w", err)
		}
	}
	var box *seal.Box
	if key != nil {
		if box, err = seal.New(key); err != nil {
			return err
		}
	}
	if st, err := os.Stat(from); err != nil {
		return fmt.Errorf("--from: %w", err)
	} else if !st.Mode().IsRegular() {
		return fmt.Errorf("--from %s is not a file", from)
	}
	entries, err := os.ReadDir(dataDir)
	made := errors.Is(err, os.ErrNotExist) // the restore makes the directory
	if err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty: restore into a new or empty data directory, never over a store", dataDir)
	} else if err != nil && !made {
		return err
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return fmt.Errorf("creating the data directory: %w", err)
	}
	if made {
		// A restore that fails leaves no directory it made behind (it
		// would be an empty store's place, or refuse the next try).
		defer func() {
			if err != nil {
				os.RemoveAll(dataDir) //nolint:errcheck // the restore's error is the one to report
			}
		}()
	}
	unlock, err := lockDataDir(dataDir)
	if err != nil {
		return err
	}
	defer unlock()
	began := time.Now()
	info, err := sqlite.Restore(ctx, sqlite.RestoreConfig{From: from, Path: filepath.Join(dataDir, "herald.db"), Box: box})
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if keyFile != "" {
		if err := os.WriteFile(filepath.Join(dataDir, "encryption.key"), []byte(seal.EncodeKey(key)+"\n"), 0o600); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "Restored %s into %s in %v: schema version %d, %d deliveries pending, %d leases of the old node released.\n",
		from, dataDir, time.Since(began).Round(time.Millisecond), info.SchemaVersion, info.Pending, info.LeasesReleased)
	switch {
	case keyFile != "":
		fmt.Fprintf(w, "The key checked and copied to %s. Start the node: herald serve --data-dir %s\n", filepath.Join(dataDir, "encryption.key"), dataDir)
	case encKey != "":
		fmt.Fprintf(w, "The key checked. Start the node with it: herald serve --data-dir %s --encryption-key ... (or HERALD_ENCRYPTION_KEY)\n", dataDir)
	default:
		fmt.Fprintf(w, "No key checked. The node needs the key of the one the backup was taken from: copy its encryption.key "+
			"into %s, or start with --encryption-key (HERALD_ENCRYPTION_KEY); with another key it refuses the store.\n", dataDir)
	}
	return nil
}
