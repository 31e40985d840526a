//go:build linux

package lowprio

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The main goroutine keeps the main thread: a locked goroutine that ends
// on the main thread does not end it (the runtime parks it for good, so it
// runs nothing else either), and the test could not tell that from a
// thread put back in the pool.
func init() { runtime.LockOSThread() }

// threadNice reads a thread's nice value as the kernel reports it in
// /proc/self/task/TID/stat (the 19th field), apart from getpriority.
func threadNice(tid int) (int, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/self/task/%d/stat", tid))
	if err != nil {
		return 0, err
	}
	// The command name, in parentheses, may hold spaces: count from after it.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	return strconv.Atoi(f[16]) // field 19 of the line; f[0] is field 3
}

func TestRunLowersItsThreadOnly(t *testing.T) {
	var tid int
	var inside Priority
	var nice int
	sentinel := errors.New("work's error")
	err, setErr := Run(Low, true, func() error {
		tid = syscall.Gettid()
		var err error
		if inside, err = Current(); err != nil {
			return err
		}
		if nice, err = threadNice(tid); err != nil {
			return err
		}
		return sentinel
	})
	if setErr != nil {
		t.Fatalf("setting the priority: %v", setErr)
	}
	if !errors.Is(err, sentinel) {
		t.Fatalf("Run returned %v, want work's error", err)
	}
	if nice != 19 || inside.Nice != 19 {
		t.Fatalf("the work's thread ran at nice %d (/proc) / %d (getpriority), want 19", nice, inside.Nice)
	}
	if inside.IOClass != ClassBestEffort || inside.IOLevel != 7 {
		t.Fatalf("the work's thread had I/O priority %+v, want best-effort 7", inside)
	}
	// The thread ends, not handed back to the runtime at nice 19: it exits
	// once the goroutine's exit reaches it, just after Run returns, so the
	// test looks until it is gone (a thread put back in the pool would
	// stay, and the test fail at its deadline).
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, err := os.Stat(fmt.Sprintf("/proc/self/task/%d", tid))
		if os.IsNotExist(err) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("thread %d still exists 30 s after Run (%v): it would run other goroutines at nice 19", tid, err)
		}
		runtime.Gosched()
	}
	// And no other thread of the process was lowered.
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range tasks {
		id, _ := strconv.Atoi(e.Name())
		if n, err := threadNice(id); err == nil && n != 0 {
			t.Fatalf("thread %d is at nice %d after Run", id, n)
		}
	}
}

func TestRunOff(t *testing.T) {
	var p Priority
	err, setErr := Run(Low, false, func() error {
		var err error
		p, err = Current()
		return err
	})
	if err != nil || setErr != nil {
		t.Fatal(err, setErr)
	}
	if p.Nice != 0 {
		t.Fatalf("off: the work ran at nice %d", p.Nice)
	}
}
