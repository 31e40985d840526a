// Package startgate lets a node come up before its store does. A database
// that is not reachable yet (still starting, its DNS name not yet
// published, its credentials not yet made) or a migration that fails is
// a reason to wait, not to exit: a supervisor restarting a node that
// exits at once only turns an outage of the database into a crash loop.
// Until the store opens, the gate answers /healthz as alive and /readyz
// as not ready with a short reason; everything else is a 503 to retry.
// The raw error goes to the log only, at a bounded rate.
//
// What is never waited for is what waiting cannot mend: the wrong
// encryption key, a schema newer than the binary, a URL that does not
// parse. Those end the start with their message.
package startgate

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/backoff"
	"github.com/heraldhq/herald/ratelog"
	"github.com/heraldhq/herald/store"
)

// Reasons the gate gives on /readyz.
const (
	ReasonStarting = "starting: opening the store"
	// ReasonOther is given when the store's error maps to no short
	// reason (a migration that failed, credentials refused).
	ReasonOther = "the store did not open; the server log says why"
)

// Reason is the short, public reason for an error opening the store: the
// store's own outage reason when it has one (unreachable, full, ...),
// else ReasonOther. The raw error, which may name hosts and users, is
// never part of it.
func Reason(err error, unavailable func(error) string) string {
	if err == nil {
		return ""
	}
	if r := unavailable(err); r != "" {
		return r
	}
	return ReasonOther
}

// Permanent reports whether err is one waiting cannot mend: the wrong
// key, a newer schema, or what isPermanent (the backend's own, such as a
// URL that does not parse; may be nil) says.
func Permanent(err error, isPermanent func(error) bool) bool {
	switch {
	case errors.Is(err, store.ErrWrongKey), errors.Is(err, store.ErrSchemaNewer):
		return true
	case isPermanent != nil:
		return isPermanent(err)
	}
	return false
}

// Gate is an http.Handler that answers for a node whose store is not open
// yet, and passes every request to the real handler once Open is called.
type Gate struct {
	next   atomic.Pointer[http.Handler]
	reason atomic.Pointer[string]
}

// New returns a closed gate, not ready for ReasonStarting.
func New() *Gate {
	g := &Gate{}
	g.setReason(ReasonStarting)
	return g
}

func (g *Gate) setReason(r string) { g.reason.Store(&r) }

// Open sends every request from now on to h.
func (g *Gate) Open(h http.Handler) { g.next.Store(&h) }

// ServeHTTP answers as the handler given to Open, or as a node not ready.
func (g *Gate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h := g.next.Load(); h != nil {
		(*h).ServeHTTP(w, r)
		return
	}
	reason := *g.reason.Load()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	switch {
	case r.URL.Path == "/healthz" && r.Method == http.MethodGet:
		w.WriteHeader(http.StatusOK)
		_ = json.NewEncoder(w).Encode(map[string]string{"status": "ok"})
		return
	case r.URL.Path == "/readyz" && r.Method == http.MethodGet:
		w.Header().Set("Retry-After", "5")
		w.WriteHeader(http.StatusServiceUnavailable)
		_ = json.NewEncoder(w).Encode(map[string]string{"status": "unavailable", "reason": reason})
		return
	}
	var body struct {
		Error struct {
			Code    herald.Code `json:"code"`
			Message string      `json:"message"`
		} `json:"error"`
	}
	body.Error.Code = herald.EUNAVAILABLE
	body.Error.Message = "the server is starting and its store is not open yet (" + reason + "); nothing was changed: retry after a few seconds"
	w.Header().Set("Retry-After", "5")
	w.WriteHeader(http.StatusServiceUnavailable)
	_ = json.NewEncoder(w).Encode(body)
}

// Config is how Wait opens the store.
type Config struct {
	// Open tries once to open the store. Required.
	Open func(ctx context.Context) error
	// Unavailable maps an error to the store's short outage reason, or ""
	// (store.Store's UnavailableReason, for a store not open yet).
	// Required.
	Unavailable func(error) string
	// IsPermanent names the backend's errors that waiting cannot mend,
	// beyond the wrong key and a newer schema. Optional.
	IsPermanent func(error) bool
	// Logger gets each failure, at most one line per LogEvery. Required.
	Logger *slog.Logger
	// Min and Max bound the wait between tries (default 250 ms and 10 s).
	Min, Max time.Duration
	// AttemptTimeout bounds one try (default 10 min: a migration may wait
	// for another node's lock that long).
	AttemptTimeout time.Duration
	// LogEvery is how often a failure that repeats is logged (default 10 s).
	LogEvery time.Duration
}

// Wait calls cfg.Open until it succeeds, waiting more between tries while
// it fails, the gate's /readyz saying why. It returns nil once the store
// is open, the error when it is permanent, and ctx's error when ctx ends
// first (a SIGTERM while waiting).
func (g *Gate) Wait(ctx context.Context, cfg Config) error {
	if cfg.Min <= 0 {
		cfg.Min = 250 * time.Millisecond
	}
	if cfg.Max <= 0 {
		cfg.Max = 10 * time.Second
	}
	if cfg.AttemptTimeout <= 0 {
		cfg.AttemptTimeout = 10 * time.Minute
	}
	if cfg.LogEvery <= 0 {
		cfg.LogEvery = 10 * time.Second
	}
	limit := ratelog.New(cfg.LogEvery)
	b := backoff.Backoff{Min: cfg.Min, Max: cfg.Max}
	for {
		actx, cancel := context.WithTimeout(ctx, cfg.AttemptTimeout)
		err := cfg.Open(actx)
		cancel()
		if err == nil {
			if b.Failures() > 0 {
				cfg.Logger.Info("store open after waiting for it", "tries", b.Failures()+1)
			}
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if Permanent(err, cfg.IsPermanent) {
			return err
		}
		reason := Reason(err, cfg.Unavailable)
		g.setReason(reason)
		wait := b.Failure()
		if ok, n := limit.Allow("open", time.Now()); ok {
			cfg.Logger.Warn("the store did not open; not ready, trying again", "reason", reason, "err", err,
				"tries", b.Failures(), "next_try_in", wait, "similar_not_logged", n)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}
