// Package backups takes rotated copies of a node's store on a schedule:
// `herald serve --backup-every D --backup-dir DIR --backup-keep N`. Each
// copy is the one `herald backup` makes (a consistent snapshot, checked,
// 0600, written beside its name and only then given it), named by the
// time it began, and the newest N are kept. A copy is as old as the time
// it began: a lost disk costs what was acknowledged since, about Every
// plus one copy's duration at worst.
//
// The decisions (a copy's name, which copies to delete, how long until
// the next) are pure functions; Runner is the loop around them.
package backups

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

const (
	prefix = "herald-"
	suffix = ".db"
	layout = "20060102T150405.000Z"
)

// Name is the file name of a copy that began at began: it sorts by time,
// and says in UTC what the copy holds, everything acknowledged before then.
func Name(began time.Time) string {
	return prefix + began.UTC().Format(layout) + suffix
}

// Parse is the time a copy named name began, and false for a name that
// is not a copy's.
func Parse(name string) (time.Time, bool) {
	s, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return time.Time{}, false
	}
	if s, ok = strings.CutSuffix(s, suffix); !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(layout, s)
	return t, err == nil
}

// partial says whether name is a copy left unfinished: the temporary file
// a copy is written to (".NAME.partial-RANDOM") when its process was
// killed before it was named.
func partial(name string) bool {
	s, ok := strings.CutPrefix(name, ".")
	if !ok {
		return false
	}
	i := strings.Index(s, ".partial-")
	if i < 0 {
		return false
	}
	_, ok = Parse(s[:i])
	return ok
}

// Prune says which of the files named names (a backup directory's) are
// deleted when the newest keep copies are kept: the older copies, and
// copies left unfinished (it runs only while no copy is being written).
// Files that are neither are never touched.
func Prune(names []string, keep int) []string {
	type copyFile struct {
		name  string
		began time.Time
	}
	var copies []copyFile
	var out []string
	for _, n := range names {
		if t, ok := Parse(n); ok {
			copies = append(copies, copyFile{n, t})
		} else if partial(n) {
			out = append(out, n)
		}
	}
	slices.SortFunc(copies, func(a, b copyFile) int { return b.began.Compare(a.began) })
	for i, c := range copies {
		if i >= max(keep, 1) {
			out = append(out, c.name)
		}
	}
	return out
}

// Newest is when the newest copy among names began, zero when none is.
func Newest(names []string) time.Time {
	var newest time.Time
	for _, n := range names {
		if t, ok := Parse(n); ok && t.After(newest) {
			newest = t
		}
	}
	return newest
}

// Wait is how long after now the next copy begins: every after the
// newest copy began (at once when there is none, or it is older), or,
// after a failed copy (failed), every or retryAfter after it, whichever
// is sooner (never at once: a disk that is full stays full for a while,
// and a copy that fails at once would be tried in a loop); but never sooner after
// the last copy ended than that copy took (lastTook): a store that takes
// longer to copy than every is copied at most half the time, so that the
// copy's snapshot, which holds back the WAL's restarts, is let go as long
// as it was held.
func Wait(newest, now time.Time, every, lastTook time.Duration, failed bool) time.Duration {
	wait := time.Duration(0)
	if !newest.IsZero() {
		wait = newest.Add(every).Sub(now)
	}
	if failed {
		wait = min(every, retryAfter)
	}
	return max(wait, lastTook, 0)
}

// retryAfter is how soon a failed copy is tried again, at most.
const retryAfter = time.Minute

// Config configures a Runner.
type Config struct {
	// Dir is where copies are kept. Required; made 0700 if missing.
	Dir string
	// Every is how often a copy is taken. Required.
	Every time.Duration
	// Keep is how many copies are kept, the newest (default 7).
	Keep int
	// Copy writes a copy of the store to out, which does not exist, and
	// returns its size. Required.
	Copy func(ctx context.Context, out string) (int64, error)
	// Logger, Metrics (optional) and Now (default time.Now).
	Logger  *slog.Logger
	Metrics prometheus.Registerer
	Now     func() time.Time
}

// Validate checks cfg and fills its defaults.
func (c *Config) Validate() error {
	switch {
	case c.Dir == "":
		return errors.New("backups: Dir is required")
	case c.Every <= 0:
		return errors.New("backups: Every must be positive")
	case c.Copy == nil:
		return errors.New("backups: Copy is required")
	case c.Keep < 0:
		return errors.New("backups: Keep must be positive")
	}
	if c.Keep == 0 {
		c.Keep = 7
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return nil
}

// Runner takes a copy every Config.Every and keeps the newest.
type Runner struct {
	cfg     Config
	metrics *metrics
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	copied  chan string // tests: each copy's name, once it is in place
}

type metrics struct {
	lastSuccess prometheus.Gauge
	duration    prometheus.Gauge
	bytes       prometheus.Gauge
	failures    prometheus.Counter
	interval    prometheus.Gauge
}

// New checks cfg, makes the directory and registers the metrics.
func New(cfg Config) (*Runner, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("--backup-dir: %w", err)
	}
	// Whoever may write in the directory may replace a finished copy with
	// a store of their own, which herald restore would bring back: refused.
	// A copy is written with the umask's mode until it is whole and made
	// 0600: a directory others may enter is warned of.
	fi, err := os.Stat(cfg.Dir)
	if err != nil {
		return nil, fmt.Errorf("--backup-dir: %w", err)
	}
	switch perm := fi.Mode().Perm(); {
	case perm&0o022 != 0:
		return nil, fmt.Errorf("--backup-dir %s may be written by other users (mode %#o): they could replace a copy, "+
			"which herald restore would bring back; make it the node's own (chmod 700 %s) or name another", cfg.Dir, perm, cfg.Dir)
	case perm&0o055 != 0:
		cfg.Logger.Warn("--backup-dir may be entered by other users: its copies hold every tenant's events, and a copy is readable "+
			"by the umask's mode until it is whole; make it the node's own (chmod 700)", "dir", cfg.Dir, "mode", fmt.Sprintf("%#o", perm))
	}
	m := &metrics{
		lastSuccess: prometheus.NewGauge(prometheus.GaugeOpts{Name: "herald_backup_last_success_timestamp_seconds",
			Help: "When the newest rotated backup began (Unix time): a lost disk loses what was acknowledged since. 0 before the first."}),
		duration: prometheus.NewGauge(prometheus.GaugeOpts{Name: "herald_backup_duration_seconds",
			Help: "How long the last successful rotated backup took."}),
		bytes: prometheus.NewGauge(prometheus.GaugeOpts{Name: "herald_backup_bytes",
			Help: "Size of the newest rotated backup."}),
		failures: prometheus.NewCounter(prometheus.CounterOpts{Name: "herald_backup_failures_total",
			Help: "Rotated backups that failed (the node's log says why)."}),
		interval: prometheus.NewGauge(prometheus.GaugeOpts{Name: "herald_backup_interval_seconds",
			Help: "--backup-every: how often a rotated backup is taken."}),
	}
	m.interval.Set(cfg.Every.Seconds())
	if cfg.Metrics != nil {
		for _, c := range []prometheus.Collector{m.lastSuccess, m.duration, m.bytes, m.failures, m.interval} {
			if err := cfg.Metrics.Register(c); err != nil {
				return nil, err
			}
		}
	}
	return &Runner{cfg: cfg, metrics: m}, nil
}

// Start runs the loop until Stop or ctx ends.
func (r *Runner) Start(ctx context.Context) {
	ctx, r.cancel = context.WithCancel(ctx)
	r.wg.Go(func() { r.run(ctx) })
}

// Stop ends the loop, cutting a copy under way short (its partial file
// removed), and waits for it.
func (r *Runner) Stop() {
	if r.cancel != nil {
		r.cancel()
	}
	r.wg.Wait()
}

func (r *Runner) names() []string {
	entries, err := os.ReadDir(r.cfg.Dir)
	if err != nil {
		r.cfg.Logger.Warn("backups: reading --backup-dir failed", "dir", r.cfg.Dir, "err", err)
		return nil
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if e.Type().IsRegular() {
			names = append(names, e.Name())
		}
	}
	return names
}

func (r *Runner) prune() {
	for _, n := range Prune(r.names(), r.cfg.Keep) {
		if err := os.Remove(filepath.Join(r.cfg.Dir, n)); err != nil && !errors.Is(err, os.ErrNotExist) {
			r.cfg.Logger.Warn("backups: removing an old copy failed", "file", n, "err", err)
		}
	}
}

func (r *Runner) run(ctx context.Context) {
	r.prune() // what a killed node left unfinished
	newest := Newest(r.names())
	if !newest.IsZero() {
		r.metrics.lastSuccess.Set(float64(newest.UnixMilli()) / 1000)
	}
	var lastTook time.Duration
	failed := false
	for {
		t := time.NewTimer(Wait(newest, r.cfg.Now(), r.cfg.Every, lastTook, failed))
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		began := r.cfg.Now()
		name := Name(began)
		size, err := r.cfg.Copy(ctx, filepath.Join(r.cfg.Dir, name))
		lastTook = r.cfg.Now().Sub(began)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			failed = true
			r.metrics.failures.Inc()
			r.cfg.Logger.Error("backups: the rotated backup failed; the newest copy is older than --backup-every",
				"file", name, "err", err, "newest", newest)
			continue
		}
		failed, newest = false, began
		r.metrics.lastSuccess.Set(float64(began.UnixMilli()) / 1000)
		r.metrics.duration.Set(lastTook.Seconds())
		r.metrics.bytes.Set(float64(size))
		r.cfg.Logger.Info("backups: copy in place", "file", filepath.Join(r.cfg.Dir, name), "began", began.UTC(),
			"took", lastTook.Round(time.Millisecond), "bytes", size)
		r.prune()
		if r.copied != nil {
			r.copied <- name
		}
	}
}
