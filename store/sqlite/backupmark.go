package sqlite

// A backup says that its snapshot is open by holding a shared lock on a
// file beside the store (herald.db-backup) from its first read to its
// last. The node's writer, meeting a snapshot it cannot drain, looks at
// the lock: a backup's snapshot stays for seconds, so the first meeting
// need not wait walReaderWait for it as for the sqlite3 shell's short
// read. That wait held every write 100 ms once per backup, and on a quiet
// machine it was most of the ingest p99 while a copy ran. A lock, not
// the file alone: a backup killed mid-copy leaves the file, never the
// lock.

import (
	"os"
	"syscall"
)

// backupMark is the lock file of the store at path.
func backupMark(path string) string { return path + "-backup" }

// holdBackupMark takes the shared lock a backup holds while its snapshot
// is open; release ends it. Several backups may hold it at once.
func holdBackupMark(path string) (release func(), err error) {
	f, err := os.OpenFile(backupMark(path), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}

// backupUnderway reports whether a backup holds the lock at mark: an
// exclusive lock cannot be taken without waiting.
func backupUnderway(mark string) bool {
	if mark == "" {
		return false
	}
	f, err := os.Open(mark)
	if err != nil {
		return false
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return true
	}
	_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false
}
