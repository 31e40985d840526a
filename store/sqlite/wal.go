package sqlite

// The write-ahead log, held to a bound under any steady load.
//
// A PASSIVE checkpoint copies the WAL's frames into the database file but
// never moves the log back to its beginning: only a writer that begins
// when every frame is copied and no reader holds a snapshot in the log
// starts it again from frame one. Under steady load some reader always
// does (the engine reads every few milliseconds), so the log, and the
// file, grew without end (issue 32: 1 GB a minute at 500 deliveries/s)
// although every frame was checkpointed. So once the log passes
// walBudget.restartBytes, the writer itself, between two transactions,
// runs a RESTART checkpoint: no commit can race it, it holds the store's
// new reads back at a gate and waits (briefly) for those under way, copies
// the few frames the background PASSIVE has not, and leaves the log to
// start again at its beginning with the next commit, which truncates the
// file to journal_size_limit if it grew past it.

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// walBudget is how the WAL is held: when the writer restarts the log,
// what the file is cut back to after a restart, and the bound it stays
// under.
type walBudget struct {
	// restartBytes is the log's size at which the writer restarts it.
	restartBytes int64
	// sizeLimit is journal_size_limit: a restarted log's file is cut back
	// to it by the first commit after the restart.
	sizeLimit int64
	// bound is the WAL file's stated bound, twice sizeLimit: a log past
	// sizeLimit is restarted at the next tick whatever the readers (see
	// restartPlan), and no commit appends while it waits, so the log
	// passes sizeLimit by at most the writes of a tick (about 6 MB at
	// 1,000 deliveries/s, measured in docs/scaling.md). Past it, a warning;
	// a size cap sets it aside for the WAL.
	bound int64
	// readTimeout is the store's ReadTimeout: the longest a reader can
	// hold a snapshot, so the longest an urgent restart waits.
	readTimeout time.Duration
}

// walSizeLimit is the default journal_size_limit. The log restarts at
// half of it, so that it is rewritten within the file kept after a
// restart.
const walSizeLimit = 64 << 20

// budgetFor is the WAL budget of a store capped at capBytes (0: no cap)
// whose reads last at most readTimeout. A small cap scales it down to an
// eighth of the cap, so that the WAL's share of the cap stays a quarter.
func budgetFor(capBytes int64, readTimeout time.Duration) walBudget {
	limit := int64(walSizeLimit)
	if capBytes > 0 && capBytes/8 < limit {
		limit = max(capBytes/8, 64<<10)
	}
	return walBudget{restartBytes: limit / 2, sizeLimit: limit, bound: 2 * limit, readTimeout: readTimeout}
}

// foreignWait is how long a restart waits, once the store's own reads
// are drained, for another process's snapshot (a backup, the sqlite3
// shell) to leave the log; foreignBusy says the last restart met one, or
// that a backup holds its mark (backupmark.go), whose snapshot stays for
// seconds. The first meeting waits walReaderWait, as a short read of the
// sqlite3 shell ends within it; while the snapshot stays (a backup runs
// for seconds), each later try only looks: waiting walReaderWait at every
// try held each write back by as much, and ingest p99 during a backup of
// 2,000,000 deliveries at 95 ms against 5.6 ms before (herald-bench
// --only backup on a quiet machine; the target is 2x).
func foreignWait(foreignBusy bool) time.Duration {
	if foreignBusy {
		return walForeignPeek
	}
	return walReaderWait
}

// walForeignPeek is foreignWait's look: a try or two of the checkpoint.
const walForeignPeek = 2 * time.Millisecond

// walReaderWait is how long a restart waits for the readers still in the
// log, before the log reaches sizeLimit. Writes and new reads wait with
// it, so it is short: reads end in milliseconds, but for the rare long one.
const walReaderWait = 100 * time.Millisecond

// restartPlan says whether the writer restarts the log now, and how long
// it waits for readers: logBytes is the log's size at the last checkpoint,
// busyRun how many restarts in a row found readers that outlasted their
// wait, sinceTry the time since the last of them, and urgentFailed whether
// one of them waited as long as a read may last. After a busy restart the
// next is tried later and later (up to 2 s apart, so that one long reader
// does not cost every commit a stall). Once the log reaches sizeLimit,
// the restart waits as long as a read may last: every reader of this
// store still in the log is then done or cut, so the restart succeeds, at
// the cost of writes stalling while the longest read ends. If even that
// wait fails, the snapshot is another process's (a backup's VACUUM INTO,
// the sqlite3 shell), which Herald cannot cut: the writer goes back to
// short waits rather than stall for as long as that reader lasts.
func (b walBudget) restartPlan(logBytes int64, busyRun int, sinceTry time.Duration, urgentFailed bool) (bool, time.Duration) {
	switch {
	case logBytes < b.restartBytes:
		return false, 0
	case logBytes >= b.sizeLimit && !urgentFailed:
		return true, b.readTimeout + walReaderWait
	case busyRun == 0 || sinceTry >= checkpointEvery<<min(busyRun, 3):
		return true, walReaderWait
	}
	return false, 0
}

// walWarnEvery bounds how often a WAL past its bound is logged.
const walWarnEvery = time.Minute

// warnDue says whether a WAL file of fileBytes is logged now, the last
// warning having been at lastWarn (zero: never).
func (b walBudget) warnDue(fileBytes int64, lastWarn, now time.Time) bool {
	return fileBytes > b.bound && warnAgain(lastWarn, now)
}

// warnAgain says whether a warning last logged at last (zero: never) may
// be logged again now.
func warnAgain(last, now time.Time) bool {
	return last.IsZero() || now.Sub(last) >= walWarnEvery
}

// Checkpoint modes and results, as /metrics labels them.
const (
	modePassive = iota
	modeRestart
	nModes
)

const (
	resultOK = iota
	resultBusy
	resultError
	nResults
)

var (
	modeNames   = [nModes]string{"passive", "restart"}
	resultNames = [nResults]string{"ok", "busy", "error"}
)

// walStats is what the checkpoints learn of the WAL, for /metrics.
type walStats struct {
	logFrames   atomic.Int64 // frames in the log at the last checkpoint
	ckptFrames  atomic.Int64 // of them, copied into the database file
	checkpoints [nModes][nResults]atomic.Int64
	// restartSeconds is how long each restart held the writer: the
	// stall it adds to the commits queued behind it.
	restartSeconds prometheus.Histogram
	// restarted counts the frames of the logs restarted: with the
	// current log, every frame written since the store opened.
	restarted atomic.Int64
}

// checkpointResult is the answer of PRAGMA wal_checkpoint.
type checkpointResult struct {
	busy       bool
	log, ckpts int64 // frames in the log, and of them checkpointed
}

// queryRower is a *sql.DB or a *sql.Conn.
type queryRower interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}

// checkpointOnce runs PRAGMA wal_checkpoint(mode) on q.
func checkpointOnce(ctx context.Context, q queryRower, mode int) (checkpointResult, error) {
	var busy int
	var r checkpointResult
	err := q.QueryRowContext(ctx, `PRAGMA wal_checkpoint(`+modeNames[mode]+`)`).Scan(&busy, &r.log, &r.ckpts)
	r.busy = busy != 0
	return r, err
}

// count counts a checkpoint's result and keeps what it says of the log.
func (s *walStats) count(mode int, r checkpointResult, err error) {
	switch {
	case err != nil:
		s.checkpoints[mode][resultError].Add(1)
		return
	case r.busy:
		s.checkpoints[mode][resultBusy].Add(1)
	default:
		s.checkpoints[mode][resultOK].Add(1)
		if mode == modeRestart {
			s.restarted.Add(r.log)
		}
	}
	if r.log >= 0 { // -1 when the database is not in WAL mode
		s.logFrames.Store(r.log)
		s.ckptFrames.Store(r.ckpts)
	}
}

// restartLog runs a RESTART checkpoint on the writer's connection, where
// no commit can race it, trying for at most wait. Only the writer
// goroutine calls it, between transactions.
//
// The store's own reads are held at the gate meanwhile: the restart
// waits for those under way (all bounded by ReadTimeout) and lets no new
// one begin until it is done. Leaning on busy_timeout alone was not
// enough: SQLite's checkpoint calls the busy handler for the first reader
// in its way only and gives up at once on the others, and readers that
// begin while frames remain to copy take a snapshot in the log again, so
// a steady stream of reads kept a restart failing (measured in
// TestWALStaysBoundedUnderSteadyLoad). With the gate drained, only
// another process's reader (a backup, the sqlite3 shell) can be in the
// way; the checkpoint is tried again every few milliseconds for at most
// foreignWait more (walReaderWait the first time, then walForeignPeek).
func (w *writer) restartLog(wait time.Duration) (r checkpointResult, err error) {
	start := time.Now()
	until := start.Add(wait)
	drained := w.gate.drain(until)
	defer w.gate.reopen()
	if drained {
		// None of the store's readers is left in the log: what still
		// stands in the way is another process's, which may hold on for
		// as long as it likes. Reads and writes wait only a little more.
		if soon := time.Now().Add(foreignWait(w.foreignBusy || backupUnderway(w.backupMark))); soon.Before(until) {
			until = soon
		}
	}
	r, err = w.checkpointRestart(until)
	w.wal.restartSeconds.Observe(time.Since(start).Seconds())
	w.wal.count(modeRestart, r, err)
	// Remember whether another process's snapshot held this restart (or
	// the last one, on an error): the next waits only briefly.
	if err == nil {
		w.foreignBusy = drained && r.busy
	}
	return r, err
}

// checkpointRestart tries PRAGMA wal_checkpoint(RESTART) on a connection of
// the writer's, with busy_timeout 0 meanwhile, until it goes through or
// until passes.
func (w *writer) checkpointRestart(until time.Time) (r checkpointResult, err error) {
	ctx := context.Background()
	conn, err := w.db.Conn(ctx)
	if err != nil {
		return r, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA busy_timeout = 0`); err != nil {
		return r, err
	}
	defer func() {
		if _, err2 := conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA busy_timeout = %d`, busyTimeout.Milliseconds())); err == nil {
			err = err2
		}
	}()
	pause := time.Millisecond
	for {
		r, err = checkpointOnce(ctx, conn, modeRestart)
		if err != nil || !r.busy || time.Now().Add(pause).After(until) {
			return r, err
		}
		time.Sleep(pause) // as SQLite's own busy handler does
		pause = min(2*pause, 10*time.Millisecond)
	}
}

// readGate lets the store's reads through, but for the moments a restart
// of the WAL drains it: then new reads wait, and the restart waits for
// those under way.
type readGate struct {
	mu      sync.Mutex
	cond    *sync.Cond
	active  int  // reads under way
	drained bool // new reads wait
}

func newReadGate() *readGate {
	g := &readGate{}
	g.cond = sync.NewCond(&g.mu)
	return g
}

// enter waits while the gate is drained, then counts a read under way.
func (g *readGate) enter() {
	g.mu.Lock()
	for g.drained {
		g.cond.Wait()
	}
	g.active++
	g.mu.Unlock()
}

// leave ends a read that entered.
func (g *readGate) leave() {
	g.mu.Lock()
	g.active--
	if g.active == 0 {
		g.cond.Broadcast()
	}
	g.mu.Unlock()
}

// drain stops new reads and waits until none is under way or deadline
// has passed, and reports which. Whatever it reports, reopen follows: a
// read that outlasts the deadline (one nested in another, or one that
// waits for the writer) is never waited for longer.
func (g *readGate) drain(deadline time.Time) bool {
	wake := time.AfterFunc(time.Until(deadline), func() {
		g.mu.Lock()
		g.cond.Broadcast()
		g.mu.Unlock()
	})
	defer wake.Stop()
	g.mu.Lock()
	defer g.mu.Unlock()
	g.drained = true
	for g.active > 0 && time.Now().Before(deadline) {
		g.cond.Wait()
	}
	return g.active == 0
}

// reopen lets reads through again.
func (g *readGate) reopen() {
	g.mu.Lock()
	g.drained = false
	g.cond.Broadcast()
	g.mu.Unlock()
}

// busyTimeout is every connection's busy_timeout but during a restart.
const busyTimeout = 10 * time.Second

// walKeeper is the background goroutine's state: what it decided last.
type walKeeper struct {
	frame    int64 // bytes of one WAL frame: a page and its 24-byte header
	busyRun  int
	lastTry  time.Time
	lastWarn time.Time
	lastErr  time.Time // the last restart error logged
	// urgentFailed: a restart that waited as long as a read may last
	// found a reader still in the log, since the last that succeeded.
	urgentFailed bool
}

// walTick runs one round: a PASSIVE checkpoint on the background connection
// (copying frames off the writer's path), then, if the log is past its
// restart size, a RESTART by the writer; and a warning if the file is
// past its bound.
func (db *DB) walTick(k *walKeeper, now time.Time) {
	ctx := context.Background()
	r, err := checkpointOnce(ctx, db.ckpt, modePassive)
	db.wal.count(modePassive, r, err)
	if err == nil {
		restart, wait := db.budget.restartPlan(r.log*k.frame, k.busyRun, now.Sub(k.lastTry), k.urgentFailed)
		if restart {
			k.lastTry = now
			rr, err := db.writer.restart(wait)
			switch {
			case err != nil:
				if warnAgain(k.lastErr, now) {
					k.lastErr = now
					db.log.Warn("store: restarting the SQLite write-ahead log failed", "err", err)
				}
			case rr.busy:
				k.busyRun++
				k.urgentFailed = k.urgentFailed || wait > walReaderWait
			default:
				k.busyRun, k.urgentFailed = 0, false
			}
		}
	}
	if size := db.walFileBytes(); db.budget.warnDue(size, k.lastWarn, now) {
		k.lastWarn = now
		db.log.Warn("store: the SQLite write-ahead log is past its bound: a read has held a snapshot for long, "+
			"or writes outpace checkpoints", "wal_bytes", size, "bound_bytes", db.budget.bound,
			"restarts_busy", k.busyRun, "checkpointed_frames", r.ckpts, "log_frames", r.log)
	}
}

// walFileBytes is the WAL file's size on disk, 0 when there is none.
func (db *DB) walFileBytes() int64 {
	fi, err := os.Stat(db.path + "-wal")
	if err != nil {
		return 0
	}
	return fi.Size()
}

func (db *DB) dbFileBytes() int64 {
	fi, err := os.Stat(db.path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

var (
	descFileBytes = prometheus.NewDesc("herald_sqlite_file_bytes",
		"Size on disk of the SQLite store's files: the database (file=\"db\") and its write-ahead log (file=\"wal\").",
		[]string{"file"}, nil)
	descWALBound = prometheus.NewDesc("herald_sqlite_wal_bound_bytes",
		"The bound the write-ahead log is held under; past it, a warning is logged.", nil, nil)
	descMaxBytes = prometheus.NewDesc("herald_sqlite_max_bytes",
		"The store's size cap (--sqlite-max-mb), database and write-ahead log together; 0 when uncapped.", nil, nil)
	descLogFrames = prometheus.NewDesc("herald_sqlite_wal_frames",
		"Frames in the write-ahead log at the last checkpoint (state=\"log\"), and of them those copied into the database file (state=\"checkpointed\").",
		[]string{"state"}, nil)
	descCheckpoints = prometheus.NewDesc("herald_sqlite_checkpoints_total",
		"Checkpoints of the write-ahead log by mode (passive in the background, restart by the writer) and result (ok, busy: readers outlasted the wait, error).",
		[]string{"mode", "result"}, nil)
	descRestarted = prometheus.NewDesc("herald_sqlite_wal_restarted_frames_total",
		"Frames of the write-ahead logs restarted; with herald_sqlite_wal_frames{state=\"log\"}, every frame written.", nil, nil)
)

func newWALStats() *walStats {
	return &walStats{restartSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "herald_sqlite_wal_restart_seconds",
		Help:    "How long each restart of the write-ahead log held the writer, during which no write commits.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10},
	})}
}

// Describe and Collect make the store a prometheus.Collector of its files'
// sizes and its checkpoints; the server registers it when its store is one.
func (db *DB) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descFileBytes, descWALBound, descMaxBytes, descLogFrames, descCheckpoints, descRestarted} {
		ch <- d
	}
	db.wal.restartSeconds.Describe(ch)
}

// Collect reads the sizes now and the checkpoints' counts as of the last.
func (db *DB) Collect(ch chan<- prometheus.Metric) {
	ch <- prometheus.MustNewConstMetric(descFileBytes, prometheus.GaugeValue, float64(db.dbFileBytes()), "db")
	ch <- prometheus.MustNewConstMetric(descFileBytes, prometheus.GaugeValue, float64(db.walFileBytes()), "wal")
	ch <- prometheus.MustNewConstMetric(descWALBound, prometheus.GaugeValue, float64(db.budget.bound))
	ch <- prometheus.MustNewConstMetric(descMaxBytes, prometheus.GaugeValue, float64(db.maxBytes))
	ch <- prometheus.MustNewConstMetric(descLogFrames, prometheus.GaugeValue, float64(db.wal.logFrames.Load()), "log")
	ch <- prometheus.MustNewConstMetric(descLogFrames, prometheus.GaugeValue, float64(db.wal.ckptFrames.Load()), "checkpointed")
	for m := range nModes {
		for r := range nResults {
			ch <- prometheus.MustNewConstMetric(descCheckpoints, prometheus.CounterValue,
				float64(db.wal.checkpoints[m][r].Load()), modeNames[m], resultNames[r])
		}
	}
	ch <- prometheus.MustNewConstMetric(descRestarted, prometheus.CounterValue, float64(db.wal.restarted.Load()))
	db.wal.restartSeconds.Collect(ch)
}

var _ prometheus.Collector = (*DB)(nil)

// discardLogger is the default Config.Logger.
var discardLogger = slog.New(slog.DiscardHandler)
