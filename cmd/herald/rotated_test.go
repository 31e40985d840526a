package main

import (
	"strings"
	"testing"
	"time"
)

func TestCheckBackupFlags(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    serveConfig
		want string // "" when accepted
	}{
		{"off", serveConfig{dataDir: "data"}, ""},
		{"on", serveConfig{dataDir: "data", backupEvery: time.Hour, backupDir: "/mnt/b", backupKeep: 7}, ""},
		{"a directory without an interval", serveConfig{dataDir: "data", backupDir: "/mnt/b", backupKeep: 7}, "--backup-dir goes with --backup-every"},
		{"negative", serveConfig{dataDir: "data", backupEvery: -time.Minute, backupDir: "/mnt/b", backupKeep: 7}, "positive"},
		{"no directory", serveConfig{dataDir: "data", backupEvery: time.Hour, backupKeep: 7}, "needs --backup-dir"},
		{"PostgreSQL", serveConfig{dataDir: "data", databaseURL: "postgres://db/h", backupEvery: time.Hour, backupDir: "/mnt/b", backupKeep: 7}, "pg_dump"},
		{"keep none", serveConfig{dataDir: "data", backupEvery: time.Hour, backupDir: "/mnt/b", backupKeep: 0}, "at least 1"},
		{"the data directory itself", serveConfig{dataDir: "data", backupEvery: time.Hour, backupDir: "./data/", backupKeep: 7}, "is the data directory"},
	} {
		err := tc.c.checkBackupFlags()
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: refused: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: %v, want an error saying %q", tc.name, err, tc.want)
		}
	}
}
