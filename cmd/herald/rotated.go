package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/heraldhq/herald/backups"
)

// checkBackupFlags refuses --backup-every's flags set in a way that could
// not protect anything, before the node starts.
func (c serveConfig) checkBackupFlags() error {
	switch {
	case c.backupEvery == 0 && c.backupDir != "":
		return errors.New("--backup-dir goes with --backup-every: give it too (e.g. --backup-every 1h)")
	case c.backupEvery == 0:
		return nil
	case c.backupEvery < 0:
		return errors.New("--backup-every must be a positive duration, such as 15m")
	case c.databaseURL != "":
		return errors.New("--backup-every copies the SQLite store; " + postgresBackupAdvice)
	case c.backupDir == "":
		return errors.New("--backup-every needs --backup-dir: where to keep the copies (another disk than --data-dir's)")
	case c.backupKeep < 1:
		return errors.New("--backup-keep must be at least 1")
	}
	dir, err := filepath.Abs(c.backupDir)
	if err != nil {
		return err
	}
	data, err := filepath.Abs(c.dataDir)
	if err != nil {
		return err
	}
	if dir == data {
		return fmt.Errorf("--backup-dir %s is the data directory: a restore needs an empty one, and a lost disk would take the copies with the store; give another directory, on another disk", c.backupDir)
	}
	return nil
}

// rotatedBackups is --backup-every's loop: the copy herald backup makes,
// every c.backupEvery, the newest c.backupKeep kept in c.backupDir.
func (c serveConfig) rotatedBackups(log *slog.Logger, reg prometheus.Registerer) (*backups.Runner, error) {
	path := filepath.Join(c.dataDir, "herald.db")
	opts := backupOptions(0) // at full speed, on a thread of its own at low priority (lowCopy)
	r, err := backups.New(backups.Config{Dir: c.backupDir, Every: c.backupEvery, Keep: c.backupKeep, Logger: log, Metrics: reg,
		Copy: func(ctx context.Context, out string) (int64, error) {
			info, err, setErr := lowCopy(ctx, path, out, opts, true)
			if setErr != nil {
				log.Warn("backups: the copy runs at the node's priority: lowering it failed", "err", setErr)
			}
			return info.Bytes, err
		}})
	if err != nil {
		return nil, err
	}
	log.Info("rotated backups on", "every", c.backupEvery, "dir", c.backupDir, "keep", c.backupKeep,
		"note", "the encryption key is not in them: keep it apart")
	return r, nil
}
