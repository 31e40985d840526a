package sqlite

import (
	"path/filepath"
	"testing"
)

// A backup's mark says "under way" exactly while some backup holds it:
// not before, not after it is released, and not for a file a killed
// backup left behind (the lock goes with the process, the file stays).
func TestBackupMark(t *testing.T) {
	path := filepath.Join(t.TempDir(), "herald.db")
	mark := backupMark(path)
	if backupUnderway(mark) {
		t.Fatal("under way before any backup")
	}
	if backupUnderway("") {
		t.Fatal("under way for a store with no mark (a writer not opened by Open)")
	}
	release, err := holdBackupMark(path)
	if err != nil {
		t.Fatal(err)
	}
	second, err := holdBackupMark(path) // two backups at once share it
	if err != nil {
		t.Fatal(err)
	}
	if !backupUnderway(mark) {
		t.Fatal("not under way while two backups hold the mark")
	}
	release()
	if !backupUnderway(mark) {
		t.Fatal("not under way while the second backup still holds the mark")
	}
	second()
	if backupUnderway(mark) {
		t.Fatal("under way after both backups let go (the file is left, as by a killed backup)")
	}
}
