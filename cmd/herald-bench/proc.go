package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// proc is a child process the benchmark started and will end, by PID.
type proc struct {
	name string
	cmd  *exec.Cmd
	addr string
	// metrics is the address of herald's /metrics, when it was started
	// with --metrics-listen.
	metrics string
	done    chan error
}

const clockTicks = 100 // USER_HZ on Linux

// cpu returns the user+system CPU time the process has used.
func (p *proc) cpu() time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", p.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	// Fields after the command name, which is in parentheses.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * time.Second / clockTicks
}

// rss returns the resident set size in bytes.
func (p *proc) rss() int64 { return statusField(p.cmd.Process.Pid, "VmRSS:") }

func statusField(pid int, field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, field) {
			kb, _ := strconv.ParseInt(strings.Fields(line)[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// selfCPU is the benchmark process's own CPU time, for the raw client.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func (p *proc) stop() {
	if p.cmd.ProcessState != nil {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(20 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

func startReceiver() (*proc, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	return startReceiverOf(self)
}

// startReceiverOf runs the receiver of the herald-bench binary bin.
func startReceiverOf(bin string) (*proc, error) {
	cmd := exec.Command(bin, "receiver")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &proc{name: "receiver", cmd: cmd, done: make(chan error, 1)}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "listening ") {
		_ = cmd.Process.Kill()
		return nil, fmt.Errorf("the receiver did not start: %q %v", line, err)
	}
	p.addr = strings.TrimSpace(strings.TrimPrefix(line, "listening "))
	go func() { p.done <- cmd.Wait() }()
	return p, nil
}

var (
	listenRE  = regexp.MustCompile(`msg="herald is serving".* listen=(\S+)`)
	metricsRE = regexp.MustCompile(`msg="metrics listening".* addr=(\S+)`)
)

// buildHerald builds the herald command into dir, from this module.
func buildHerald(dir string) (string, error) {
	bin := filepath.Join(dir, "herald")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/heraldhq/herald/cmd/herald").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("building herald: %v\n%s", err, out)
	}
	return bin, nil
}

// startHerald runs herald on a port the kernel picks, reading the address
// from its "serving" log line, and waits until it is ready.
func startHerald(bin, dataDir string, extra ...string) (*proc, error) {
	args := append([]string{"serve", "--listen", "127.0.0.1:0", "--data-dir", dataDir, "--admin-key", adminKey,
		"--allow-cidr", "127.0.0.0/8", "--allow-http", "--log-level", "info"}, extra...)
	cmd := exec.Command(bin, args...)
	cmd.Stdout = os.Stderr
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &proc{name: "herald", cmd: cmd, done: make(chan error, 1)}
	listening := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			if m := metricsRE.FindStringSubmatch(line); m != nil {
				p.metrics = m[1] // logged before the serving line, read after it
				continue
			}
			if m := listenRE.FindStringSubmatch(line); m != nil {
				select {
				case listening <- m[1]:
				default:
				}
				continue
			}
			if strings.Contains(line, "level=WARN") || strings.Contains(line, "level=ERROR") {
				fmt.Fprintln(os.Stderr, "herald:", line)
			}
		}
	}()
	go func() { p.done <- cmd.Wait() }()
	select {
	case p.addr = <-listening:
	case err := <-p.done:
		return nil, fmt.Errorf("herald exited: %v", err)
	case <-time.After(20 * time.Second):
		p.stop()
		return nil, errors.New("herald did not start listening within 20s")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for ctx.Err() == nil {
		resp, err := http.Get("http://" + p.addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p, nil
			}
		}
		select {
		case err := <-p.done:
			return nil, fmt.Errorf("herald exited: %v", err)
		case <-time.After(20 * time.Millisecond):
		}
	}
	p.stop()
	return nil, errors.New("herald was not ready within 20s")
}
