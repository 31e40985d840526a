package main

import (
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// The steady row, short: a minute of 100 events/s (500 deliveries/s), one
// per request, to 100 tenants of five endpoints (a tenth answering 500, a tenth hanging),
// through the real binary on SQLite. It fails if the write-ahead log
// passes its bound at any moment (polled every 250 ms): the bound the
// binary states on /metrics (herald_sqlite_wal_bound_bytes), or twice the
// 64 MiB journal_size_limit if it states none. Before issue 32 the WAL
// passed 1 GB a minute at this rate, restarted only once the load stopped.
// Speed is the bench's to judge; the figures are logged.
func TestSteadyLoadHoldsTheWALBound(t *testing.T) {
	if testing.Short() {
		t.Skip("a minute of steady load")
	}
	tmp := t.TempDir()
	bin, err := buildHerald(tmp)
	if err != nil {
		t.Fatal(err)
	}
	// The receiver in a process of its own, as in the bench: in the
	// test's, under the race detector, it would take the CPU Herald needs.
	self := filepath.Join(tmp, "herald-bench")
	if out, err := exec.Command("go", "build", "-o", self, "github.com/heraldhq/herald/cmd/herald-bench").CombinedOutput(); err != nil {
		t.Fatalf("building herald-bench: %v\n%s", err, out)
	}
	rcv, err := startReceiverOf(self)
	if err != nil {
		t.Fatal(err)
	}
	defer rcv.stop()
	b := &bench{cfg: config{herald: bin, attemptTimeout: 10 * time.Second}, tmp: tmp,
		rcv: receiverClient{base: "http://" + rcv.addr}, rcvAddr: rcv.addr}
	p := steadyParams{rate: 100, dur: time.Minute, every: 10 * time.Second, tenants: 100}
	res, err := b.steadyRun(p)
	if err != nil {
		t.Fatal(err)
	}
	b.steadyRows(p, res)
	for _, r := range b.rows {
		t.Logf("%s: %s %s %s", r.name, r.value, r.target, r.verdict)
	}
	last := res.samples[len(res.samples)-1]
	if last.events == 0 {
		t.Fatal("no event was accepted")
	}
	if res.walMax > res.walBound {
		t.Fatalf("the WAL reached %s under a steady load, past its bound of %s", mib(res.walMax), mib(res.walBound))
	}
}
