package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"time"

	_ "modernc.org/sqlite" // the bench writes history straight into the store's file

	"github.com/heraldhq/herald/client"
)

// reads measures the API's reads on a tenant with a long history: Herald
// makes the tenant and two endpoints, stops, the bench writes --history
// events with a delivery each straight into the SQLite file (a month of
// them; the 200 oldest still pending, as behind an endpoint long down, 1 %
// failed, the rest succeeded; one delivery in 1,000 to a second, quiet
// endpoint), and Herald, started
// again on it, answers each read five times; the slowest is reported.
func (b *bench) reads() error {
	h, dir, args, err := b.startFresh()
	if err != nil {
		return err
	}
	a := newAPI(h.addr, 4)
	ctx := context.Background()
	if _, err := a.herald.CreateTenant(ctx, client.TenantInput{ID: "big", Name: "big"}); err != nil {
		h.stop()
		return err
	}
	var eps []string
	for i := range 2 {
		ep, err := a.herald.CreateEndpoint(ctx, "big", client.EndpointInput{URL: fmt.Sprintf("http://%s/ep/%d", b.rcvAddr, i)})
		if err != nil {
			h.stop()
			return err
		}
		eps = append(eps, ep.ID)
	}
	h.stop()

	n := b.cfg.history
	start := time.Now()
	if b.pg != nil {
		err = b.pg.writeHistory(ctx, n, eps, b.cfg.analyze)
	} else {
		err = writeHistory(filepath.Join(dir, "herald.db"), n, eps)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "  %d events and deliveries written in %v\n", n, time.Since(start).Round(time.Second))
	if h, err = startHerald(b.cfg.herald, dir, args...); err != nil {
		return err
	}
	defer h.stop()
	a = newAPI(h.addr, 4)
	mid := fmt.Sprintf("e%09d", n/2)
	base := "/v1/tenants/big/"
	reads := []struct{ name, path string }{
		{"events, first page", "events?limit=50"},
		{"events by type (rare)", "events?type=rare&limit=50"},
		{"one event", "events/" + mid},
		{"deliveries, first page", "deliveries?limit=50"},
		{"deliveries of one event", "deliveries?event_id=" + mid},
		{"deliveries of a quiet endpoint (0.1 %)", "deliveries?endpoint_id=" + eps[1] + "&limit=50"},
		{"deliveries pending (200, the oldest)", "deliveries?status=pending&limit=50"},
		{"deliveries failed (1 %)", "deliveries?status=failed&limit=50"},
		{"deliveries of a rare event type (0.1 %)", "deliveries?event_type=rare&limit=50"},
		{"deliveries of the common event type", "deliveries?event_type=job.completed&limit=50"},
	}
	for _, r := range reads {
		var times []time.Duration
		for range 5 {
			t0 := time.Now()
			code, err := a.get(base + r.path)
			if err != nil {
				return err
			}
			if code != http.StatusOK {
				return fmt.Errorf("GET %s answered %d", r.path, code)
			}
			times = append(times, time.Since(t0))
		}
		slowest := slices.Max(times)
		b.add(fmt.Sprintf("reads at %d deliveries: %s", n, r.name), fmt.Sprintf("slowest of 5: %v", ms(slowest)), "≤ 20 ms", verdict(slowest <= 20*time.Millisecond))
	}
	return nil
}

// writeHistory inserts n events of tenant "big" over the last 30 days,
// each with one delivery to one of eps in turn; one event in 1,000 has the
// type "rare".
func writeHistory(path string, n int, eps []string) error {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(OFF)")
	if err != nil {
		return err
	}
	defer db.Close()
	end := time.Now().Add(-time.Hour).UnixMicro()
	step := (30 * 24 * time.Hour).Microseconds() / int64(max(1, n))
	const chunk = 200_000
	for first := 0; first < n; first += chunk {
		last := min(n, first+chunk) - 1
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		series := fmt.Sprintf(`WITH RECURSIVE s(i) AS (SELECT %d UNION ALL SELECT i + 1 FROM s WHERE i < %d) `, first, last)
		if _, err := tx.Exec(series+`INSERT INTO events (tenant_id, id, type, channels, data, created_at)
			SELECT 'big', printf('e%09d', i), CASE WHEN i % 1000 = 7 THEN 'rare' ELSE 'job.completed' END, '[]',
				'{"job_id":"j","status":"completed"}', ? - (? - i) * ? FROM s`, end, n, step); err != nil {
			tx.Rollback()
			return err
		}
		if _, err := tx.Exec(series+`INSERT INTO deliveries (id, tenant_id, event_id, endpoint_id, status, attempts,
				next_attempt_at, lease_owner, last_status_code, last_error, created_at, updated_at)
			SELECT printf('d%09d', i), 'big', printf('e%09d', i), CASE WHEN i % 1000 = 11 THEN ? ELSE ? END,
				CASE WHEN i < 200 THEN 'pending' WHEN i % 100 = 5 THEN 'failed' ELSE 'succeeded' END, 1,
				CASE WHEN i < 200 THEN ? + 86400000000 END, NULL, 200, '', ? - (? - i) * ?, ? - (? - i) * ? FROM s`,
			eps[1], eps[0], end, end, n, step, end, n, step); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}
