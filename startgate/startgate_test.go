package startgate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/heraldhq/herald/store"
)

var errRefused = errors.New("dial tcp 10.1.2.3:5432: connect: connection refused")

func unavailable(err error) string {
	if errors.Is(err, errRefused) {
		return store.ReasonUnreachable
	}
	return ""
}

func TestReasonAndPermanent(t *testing.T) {
	badURL := errors.New("cannot parse URL")
	for _, c := range []struct {
		err       error
		reason    string
		permanent bool
	}{
		{errRefused, store.ReasonUnreachable, false},
		{fmt.Errorf("postgres: cannot reach the database: %w", errRefused), store.ReasonUnreachable, false},
		{errors.New("postgres: migrating: ERROR: relation already exists"), ReasonOther, false},
		{fmt.Errorf("postgres: %w", store.ErrWrongKey), ReasonOther, true},
		{store.CheckSchemaVersion(30, 24), ReasonOther, true},
		{badURL, ReasonOther, true},
	} {
		if got := Reason(c.err, unavailable); got != c.reason {
			t.Errorf("Reason(%v) = %q, want %q", c.err, got, c.reason)
		}
		if strings.Contains(Reason(c.err, unavailable), "10.1.2.3") {
			t.Errorf("Reason(%v) shows the raw error", c.err)
		}
		if got := Permanent(c.err, func(err error) bool { return err == badURL }); got != c.permanent {
			t.Errorf("Permanent(%v) = %v, want %v", c.err, got, c.permanent)
		}
	}
	if Reason(nil, unavailable) != "" {
		t.Error("Reason(nil) is not empty")
	}
}

func get(t *testing.T, h http.Handler, method, path string) (int, map[string]any) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	var body map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("%s %s answered no JSON: %q", method, path, rec.Body.String())
	}
	return rec.Code, body
}

// Until the store opens: alive, not ready with the reason, every other
// request a 503 in the API's error shape; after, the real handler.
func TestGate(t *testing.T) {
	g := New()
	if code, body := get(t, g, "GET", "/healthz"); code != 200 || body["status"] != "ok" {
		t.Fatalf("/healthz = %d %v", code, body)
	}
	if code, body := get(t, g, "GET", "/readyz"); code != 503 || body["reason"] != ReasonStarting {
		t.Fatalf("/readyz = %d %v", code, body)
	}
	g.setReason(store.ReasonUnreachable)
	if code, body := get(t, g, "GET", "/readyz"); code != 503 || body["reason"] != store.ReasonUnreachable {
		t.Fatalf("/readyz = %d %v", code, body)
	}
	code, body := get(t, g, "POST", "/v1/tenants/acme/events")
	if e, _ := body["error"].(map[string]any); code != 503 || e["code"] != "unavailable" || !strings.Contains(e["message"].(string), store.ReasonUnreachable) {
		t.Fatalf("POST /v1/... = %d %v", code, body)
	}
	g.Open(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
		_, _ = w.Write([]byte(`{"status":"real"}`))
	}))
	if code, body := get(t, g, "GET", "/readyz"); code != http.StatusTeapot || body["status"] != "real" {
		t.Fatalf("after Open, /readyz = %d %v", code, body)
	}
}

func TestWaitRetriesUntilOpen(t *testing.T) {
	var log bytes.Buffer
	g := New()
	tries := 0
	var reasons []string
	err := g.Wait(context.Background(), Config{
		Open: func(context.Context) error {
			tries++
			if tries > 1 {
				reasons = append(reasons, *g.reason.Load())
			}
			if tries < 6 {
				return errRefused
			}
			return nil
		},
		Unavailable: unavailable, Logger: slog.New(slog.NewTextHandler(&log, nil)),
		Min: time.Microsecond, Max: 2 * time.Microsecond, LogEvery: time.Hour,
	})
	if err != nil || tries != 6 {
		t.Fatalf("Wait = %v after %d tries, want nil after 6", err, tries)
	}
	for _, r := range reasons {
		if r != store.ReasonUnreachable {
			t.Fatalf("while failing, /readyz said %q", r)
		}
	}
	if n := strings.Count(log.String(), "the store did not open"); n != 1 {
		t.Fatalf("5 failures within LogEvery logged %d lines, want 1:\n%s", n, log.String())
	}
	if !strings.Contains(log.String(), "connection refused") {
		t.Fatalf("the log does not hold the raw error:\n%s", log.String())
	}
}

func TestWaitStops(t *testing.T) {
	logger := slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil))
	tries := 0
	err := New().Wait(context.Background(), Config{
		Open:        func(context.Context) error { tries++; return fmt.Errorf("postgres: %w", store.ErrWrongKey) },
		Unavailable: unavailable, Logger: logger, Min: time.Microsecond,
	})
	if !errors.Is(err, store.ErrWrongKey) || tries != 1 {
		t.Fatalf("a permanent error: Wait = %v after %d tries, want it at once", err, tries)
	}
	ctx, cancel := context.WithCancel(context.Background())
	err = New().Wait(ctx, Config{
		Open:        func(context.Context) error { cancel(); return errRefused },
		Unavailable: unavailable, Logger: logger, Min: time.Hour,
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("ended while waiting: Wait = %v, want context.Canceled", err)
	}
}
