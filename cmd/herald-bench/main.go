// Command herald-bench measures Herald on this machine and prints one table:
// the raw HTTP limit of the machine, Herald's throughput as a share of it,
// latency at a steady load, isolation from hanging endpoints, backlog
// memory and drain, CPU cost per delivery, and a steady rate for minutes
// (the store, its WAL, memory, goroutines and files, sampled: flat or not).
//
//	go run ./cmd/herald-bench            # the full run, a few minutes
//	go run ./cmd/herald-bench --quick    # about a minute
//
// Everything runs on loopback: a receiver process, a Herald process on a
// fresh store in a temporary directory, and this process driving the load.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"slices"
	"syscall"
	"text/tabwriter"
	"time"
)

type config struct {
	deliveries       int
	concurrency      int
	latencyRate      int
	latencyFor       time.Duration
	isolationN       int
	isolationRate    int
	backlog          int
	herald           string
	compare          string
	only             string
	attemptTimeout   time.Duration
	heraldFlags      string
	batch            int
	endpoints        string
	perRequest       bool
	postgres         string
	scaleEndpoints   int
	scaleEvents      int
	manyTenants      int
	retentionTenants int
	history          int
	analyze          bool
	fanoutEndpoints  int
	fanoutEvents     int
	controlEvents    int
	steadyRate       int
	steadyFor        time.Duration
	steadyEvery      time.Duration
	steadyTenants    int
	backupCompare    string
	backupRates      string
	backupRounds     int
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "receiver" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		if err := runReceiver(ctx, "127.0.0.1:0"); err != nil {
			fmt.Fprintln(os.Stderr, "receiver:", err)
			os.Exit(1)
		}
		return
	}
	var c config
	quick := flag.Bool("quick", false, "small sizes: the whole run in about a minute")
	flag.IntVar(&c.deliveries, "deliveries", 100_000, "deliveries per throughput run")
	flag.IntVar(&c.concurrency, "concurrency", 64, "concurrent API clients; also the raw client's concurrency")
	flag.IntVar(&c.latencyRate, "latency-rate", 500, "events per second offered in the latency run")
	flag.DurationVar(&c.latencyFor, "latency-for", 60*time.Second, "length of the latency run")
	flag.IntVar(&c.isolationN, "isolation-events", 20_000, "events in the isolation throughput runs")
	flag.IntVar(&c.isolationRate, "isolation-rate", 500, "events per second in the isolation latency runs")
	flag.IntVar(&c.scaleEndpoints, "scale-endpoints", 10_000, "tenants, with one endpoint each, in the scale runs")
	flag.IntVar(&c.scaleEvents, "scale-events", 30_000, "events in the scale runs' burst, one per request, spread over the tenants")
	flag.IntVar(&c.manyTenants, "tenants", 100_000, "tenants, with one endpoint and one event each, in the tenants run")
	flag.IntVar(&c.retentionTenants, "retention-tenants", 50_000, "tenants in the store of the retention run")
	flag.IntVar(&c.history, "history", 2_000_000, "events, with a delivery each, in the history of the reads run")
	flag.BoolVar(&c.analyze, "analyze", true, "with --postgres: ANALYZE the reads run's history once written (false: read with no statistics, as before autovacuum runs)")
	flag.IntVar(&c.fanoutEndpoints, "fanout-endpoints", 1000, "endpoints of the one tenant in the fanout run")
	flag.IntVar(&c.fanoutEvents, "fanout-events", 1000, "events, each to every endpoint, in the fanout run (enough that the ingest lasts seconds: over a shorter one the rate while it runs mostly measures how soon the first deliveries start)")
	flag.IntVar(&c.controlEvents, "control-events", 2000, "events per run of the control rows (rate limit, FIFO, schema validation)")
	flag.IntVar(&c.steadyRate, "steady-rate", 200, "events per second, one per request, offered in the steady run")
	flag.DurationVar(&c.steadyFor, "steady-for", 10*time.Minute, "length of the steady run (60s with --quick)")
	flag.DurationVar(&c.steadyEvery, "steady-every", 15*time.Second, "how often the steady run samples Herald from outside (10s with --quick)")
	flag.IntVar(&c.steadyTenants, "steady-tenants", 200, "tenants of five endpoints each in the steady run")
	flag.StringVar(&c.backupCompare, "backup-compare", "", "the backup row: an older herald binary whose herald backup copies the same store too, before the one measured (an A/B of the copy alone: the node is the measured binary)")
	flag.StringVar(&c.backupRates, "backup-rates", "", "the backup row: herald backup --max-rate values (MiB/s, 0: no limit) to run one after the other on the same store, comma-separated (default: the binary's own default)")
	flag.IntVar(&c.backupRounds, "backup-rounds", 1, "the backup row: how many times to run the copies (--backup-compare's, then each of --backup-rates) in turn on the same store, for more than one pair from one fill")
	flag.IntVar(&c.backlog, "backlog", 1_000_000, "deliveries queued in the backlog run")
	flag.StringVar(&c.herald, "herald", "", "herald binary to measure (default: build this module's)")
	flag.StringVar(&c.compare, "compare", "", "an older herald binary to run every row with too, just before the one measured, for an A/B of the same run (its figures in a column of their own)")
	flag.StringVar(&c.only, "only", "", "run only these rows: a comma-separated subset of raw,throughput,latency,isolation,scale,tenants,retention,reads,fanout,control,tracing,backlog,nodes,steady (steady, minutes long, runs only when named)")
	flag.DurationVar(&c.attemptTimeout, "attempt-timeout", 10*time.Second, "Herald's attempt timeout (how long hanging endpoints hold a worker)")
	flag.IntVar(&c.batch, "batch", 100, "events per ingest request in the throughput, isolation and backlog runs (1: one per request)")
	flag.StringVar(&c.endpoints, "endpoints", "1,100", "endpoint counts of the batched throughput runs, comma-separated")
	flag.BoolVar(&c.perRequest, "per-request", true, "also run throughput with one event per request")
	flag.StringVar(&c.postgres, "postgres", "", "measure Herald on this PostgreSQL database (a fresh schema per run, dropped at the end) instead of SQLite")
	flag.StringVar(&c.heraldFlags, "herald-flags", "", "extra flags for herald serve, space-separated (e.g. \"--debug-listen 127.0.0.1:6060\" to profile)")
	flag.Parse()
	if *quick {
		c.deliveries, c.latencyFor, c.isolationN, c.backlog = 20_000, 10*time.Second, 5_000, 100_000
		c.scaleEndpoints, c.scaleEvents, c.manyTenants, c.retentionTenants, c.history = 2_000, 10_000, 20_000, 10_000, 200_000
		c.fanoutEvents, c.controlEvents = 200, 500
		if !flagSet("steady-for") {
			c.steadyFor = time.Minute
		}
		if !flagSet("steady-every") {
			c.steadyEvery = 10 * time.Second
		}
	}
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "herald-bench:", err)
		os.Exit(1)
	}
}

type row struct {
	name, value, target, verdict string
	compared                     string // the row's value with --compare's binary
}

// pairRows gives each row of a step the value of its pair among the older
// binary's rows of that step: in order when both made as many (names may
// hold figures, as "queued (in 15s)"), else by name; a row the older
// binary did not make keeps none.
func pairRows(rows, older []row) {
	if len(rows) == len(older) {
		for i := range rows {
			rows[i].compared = older[i].value
		}
		return
	}
	for i := range rows {
		if j := slices.IndexFunc(older, func(o row) bool { return o.name == rows[i].name }); j >= 0 {
			rows[i].compared = older[j].value
			older = slices.Delete(older, j, j+1)
		}
	}
}

func run(c config) error {
	tmp, err := os.MkdirTemp("", "herald-bench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if c.herald == "" {
		if c.herald, err = buildHerald(tmp); err != nil {
			return err
		}
	}
	rcv, err := startReceiver()
	if err != nil {
		return err
	}
	defer rcv.stop()
	failed := false
	b := &bench{cfg: c, tmp: tmp, rcv: receiverClient{base: "http://" + rcv.addr}, rcvAddr: rcv.addr}
	store := "SQLite (synchronous=FULL)"
	if c.postgres != "" {
		b.pg = &pgSchemas{base: c.postgres}
		defer func() {
			if err := b.pg.dropAll(context.Background()); err != nil {
				fmt.Fprintln(os.Stderr, "herald-bench: dropping the bench's schemas:", err)
			}
		}()
		store = "PostgreSQL"
	}
	fmt.Fprintf(os.Stderr, "herald-bench: %s, %d CPUs, %s, Herald on %s\n", time.Now().Format(time.DateOnly), runtime.NumCPU(), runtime.Version(), store)
	for _, step := range []struct {
		name string
		fn   func() error
	}{
		{"raw", b.raw},
		{"throughput", b.throughput},
		{"latency", b.latency},
		{"isolation", b.isolation},
		{"scale", b.scale},
		{"tenants", b.tenants},
		{"retention", b.retention},
		{"reads", b.reads},
		{"fanout", b.fanout},
		{"control", b.control},
		{"tracing", b.tracing},
		{"backlog", b.backlogRun},
		{"backup", b.backupRow},
		{"nodes", b.nodes},
		{"steady", b.steady},
	} {
		if c.only != "" && !contains(c.only, step.name) || c.only == "" && step.name == "steady" {
			// The steady row lasts minutes: run only when named.
			continue
		}
		var older []row
		mark := len(b.rows)
		if c.compare != "" && step.name != "raw" {
			// The older binary first, then this one: each row's pair is
			// measured minutes apart on the same machine.
			fmt.Fprintf(os.Stderr, "running %s with %s...\n", step.name, c.compare)
			herald := b.cfg.herald
			b.cfg.herald = c.compare
			if err := step.fn(); err != nil {
				b.add(step.name, "FAILED: "+err.Error(), "", "NOT MET")
			}
			b.cfg.herald = herald
			older = slices.Clone(b.rows[mark:])
			b.rows = b.rows[:mark]
		}
		fmt.Fprintf(os.Stderr, "running %s...\n", step.name)
		if err := step.fn(); err != nil {
			// A failed row is a result too: report it and go on.
			b.add(step.name, "FAILED: "+err.Error(), "", "NOT MET")
			failed = true
		}
		if c.compare != "" {
			pairRows(b.rows[mark:], older)
		}
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	if c.compare != "" {
		fmt.Fprintf(w, "measure\tresult\twith %s\ttarget\t\n", c.compare)
	} else {
		fmt.Fprintf(w, "measure\tresult\ttarget\t\n")
	}
	for _, r := range b.rows {
		if c.compare != "" {
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", r.name, r.value, r.compared, r.target, r.verdict)
			continue
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", r.name, r.value, r.target, r.verdict)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if failed {
		return fmt.Errorf("a run failed; see its row")
	}
	return nil
}

// flagSet reports whether the command line set the flag name.
func flagSet(name string) bool {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func contains(list, name string) bool {
	for _, s := range splitComma(list) {
		if s == name {
			return true
		}
	}
	return false
}

func splitComma(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return out
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT MET"
}
