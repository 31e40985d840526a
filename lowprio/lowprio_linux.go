//go:build linux

package lowprio

import (
	"runtime"
	"syscall"
)

const ioprioWhoProcess = 1 // IOPRIO_WHO_PROCESS: a thread, by its id

func lockThread() { runtime.LockOSThread() }

// lowerThread sets the calling thread's nice value and I/O priority: Linux
// keeps both per thread, and setpriority and ioprio_set given a thread id
// change that thread only.
func lowerThread(p Priority) error {
	cur, err := Current()
	if err != nil {
		return err
	}
	p = Lowered(cur, p)
	tid := syscall.Gettid()
	if err := syscall.Setpriority(syscall.PRIO_PROCESS, tid, p.Nice); err != nil {
		return err
	}
	if _, _, errno := syscall.Syscall(syscall.SYS_IOPRIO_SET, ioprioWhoProcess, uintptr(tid), uintptr(p.IOPrio())); errno != 0 {
		return errno
	}
	return nil
}

// Current is the calling thread's priority.
func Current() (Priority, error) {
	tid := syscall.Gettid()
	// The raw getpriority returns 20 - nice, to keep clear of -1 for errors.
	r, _, errno := syscall.Syscall(syscall.SYS_GETPRIORITY, syscall.PRIO_PROCESS, uintptr(tid), 0)
	if errno != 0 {
		return Priority{}, errno
	}
	v, _, errno := syscall.Syscall(syscall.SYS_IOPRIO_GET, ioprioWhoProcess, uintptr(tid), 0)
	if errno != 0 {
		return Priority{}, errno
	}
	return FromIOPrio(20-int(r), int(v)), nil
}
