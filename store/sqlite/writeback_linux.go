//go:build linux && (amd64 || arm64)

package sqlite

import (
	"os"
	"syscall"
)

// startWriteback has the kernel start writing f's dirty pages to disk,
// without waiting for them and without committing the file system's
// journal (sync_file_range with SYNC_FILE_RANGE_WRITE), as PostgreSQL's
// checkpointer does with its flush_after settings. An fsync of the copy
// instead commits ext4's journal, which the node's own commits, each
// waiting for its fsync, then wait behind.
func startWriteback(f *os.File) error {
	const syncFileRangeWrite = 2
	if _, _, errno := syscall.Syscall6(syscall.SYS_SYNC_FILE_RANGE, f.Fd(), 0, 0, syncFileRangeWrite, 0, 0); errno != 0 {
		return errno
	}
	return nil
}
