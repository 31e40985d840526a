// Package lowprio runs a piece of background work, such as a backup's
// copy, on an operating-system thread of its own whose CPU priority
// (nice) and I/O priority are lowered, so that the scheduler and the
// disk's queue serve the node's own work first: what an operator does
// with `nice -n 19 ionice -c 2 -n 7`, done by Herald for the one thread
// that copies. Linux keeps both priorities per thread; elsewhere Run only
// runs the work.
package lowprio

// Linux's I/O priority classes (ioprio_set(2)) and the levels of the
// best-effort class, 0 (first) to 7 (last).
const (
	ClassRealtime   = 1
	ClassBestEffort = 2
	ClassIdle       = 3

	// classShift is where the class sits in an ioprio value.
	classShift = 13
)

// Priority is what a thread is set to: its nice value (-20 to 19, higher
// runs later) and its I/O class and level.
type Priority struct {
	Nice    int
	IOClass int
	IOLevel int
}

// IOPrio is the value ioprio_set takes for p's class and level.
func (p Priority) IOPrio() int { return p.IOClass<<classShift | p.IOLevel }

// Low is the priority background copies run at: nice 19, the last CPU
// share, and best-effort 7, the last of the ordinary I/O levels. Not
// the idle class: under a node's steady commits an idle copy may not be
// served for as long as they come, and a copy that does not end holds its
// snapshot, and with it the node's write-ahead log.
var Low = Priority{Nice: 19, IOClass: ClassBestEffort, IOLevel: 7}

// Lowered is the priority a thread now at cur gets when asked for want: each of
// nice and the I/O priority only ever moves down, never above what the
// thread already had (a thread an operator started under `nice -n 19` or
// `ionice -c 3` keeps it), and a thread with no I/O class set (0: it follows its nice
// value) counts as best-effort 4, the kernel's default.
func Lowered(cur, want Priority) Priority {
	out := want
	if cur.Nice > want.Nice {
		out.Nice = cur.Nice
	}
	curClass, curLevel := cur.IOClass, cur.IOLevel
	if curClass == 0 {
		curClass, curLevel = ClassBestEffort, 4
	}
	if rank(curClass, curLevel) > rank(want.IOClass, want.IOLevel) {
		out.IOClass, out.IOLevel = curClass, curLevel
	}
	return out
}

// rank orders I/O priorities from first served (0) to last.
func rank(class, level int) int {
	switch class {
	case ClassRealtime:
		return level
	case ClassBestEffort:
		return 8 + level
	case ClassIdle:
		return 16
	}
	return 8 + 4
}

// FromIOPrio splits an ioprio value into a Priority's class and level.
func FromIOPrio(nice, v int) Priority {
	return Priority{Nice: nice, IOClass: v >> classShift, IOLevel: v & (1<<classShift - 1)}
}

// Run runs work on a thread of its own at p's priorities lowered as
// Lowered says (on) or untouched (off), and returns work's error. The
// thread is not given back to the Go runtime after: the goroutine ends
// while locked to it, so the runtime ends the thread, and no other
// goroutine runs later at the lowered priority (on the process's main
// thread the runtime parks it for good instead, which runs nothing
// else either). Threads the runtime starts while the work runs are not
// lowered: a locked thread has the runtime's template thread start them. What setting the priority
// failed with is returned as setErr, work runs all the same.
func Run(p Priority, on bool, work func() error) (err, setErr error) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		lockThread()
		if on {
			setErr = lowerThread(p)
		}
		err = work()
		// No unlock: the thread ends with the goroutine.
	}()
	<-done
	return err, setErr
}
