package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// pgSchemas gives each Herald run of the bench a fresh schema in the
// PostgreSQL database at base, and drops them all at the end.
type pgSchemas struct {
	base  string
	names []string
}

// connect opens a plain connection to the database: without the pool
// settings (pool_max_conns and the like) that only Herald's pool reads.
func (s *pgSchemas) connect(ctx context.Context) (*pgx.Conn, error) {
	u, err := url.Parse(s.base)
	if err != nil {
		return nil, err
	}
	q := u.Query()
	for k := range q {
		if strings.HasPrefix(k, "pool_") {
			q.Del(k)
		}
	}
	u.RawQuery = q.Encode()
	return pgx.Connect(ctx, u.String())
}

// next makes an empty schema and returns a URL whose connections use it.
func (s *pgSchemas) next(ctx context.Context) (string, error) {
	conn, err := s.connect(ctx)
	if err != nil {
		return "", fmt.Errorf("--postgres: %w", err)
	}
	defer conn.Close(ctx)
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "herald_bench_" + hex.EncodeToString(b[:])
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+name); err != nil {
		return "", fmt.Errorf("--postgres: %w", err)
	}
	s.names = append(s.names, name)
	u, err := url.Parse(s.base)
	if err != nil {
		return "", fmt.Errorf("--postgres: %w", err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// dropAll drops the schemas made, once every Herald run has stopped.
func (s *pgSchemas) dropAll(ctx context.Context) error {
	if len(s.names) == 0 {
		return nil
	}
	conn, err := s.connect(ctx)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	for _, n := range s.names {
		if _, err := conn.Exec(ctx, `DROP SCHEMA `+n+` CASCADE`); err != nil {
			return err
		}
	}
	return nil
}

// use measures the newest schema: its tables' total size, and their dead
// rows, updates and HOT updates from pg_stat_user_tables.
func (s *pgSchemas) use(ctx context.Context) (storeUse, error) {
	var u storeUse
	if len(s.names) == 0 {
		return u, nil
	}
	conn, err := s.connect(ctx)
	if err != nil {
		return u, err
	}
	defer conn.Close(ctx)
	name := s.names[len(s.names)-1]
	err = conn.QueryRow(ctx, `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`, name).Scan(&u.bytes)
	if err != nil {
		return u, err
	}
	rows, err := conn.Query(ctx, `SELECT relname, n_dead_tup, n_tup_upd, n_tup_hot_upd, pg_total_relation_size(relid)
		FROM pg_stat_user_tables WHERE schemaname = $1 ORDER BY relname`, name)
	if err != nil {
		return u, err
	}
	for rows.Next() {
		var t tableUse
		if err := rows.Scan(&t.name, &t.dead, &t.updates, &t.hot, &t.bytes); err != nil {
			return u, err
		}
		u.dead, u.updates, u.hot = u.dead+t.dead, u.updates+t.updates, u.hot+t.hot
		u.tables = append(u.tables, t)
	}
	return u, rows.Err()
}

// writeHistory is the reads run's history (see writeHistory) written into
// the newest schema, followed by ANALYZE, as autovacuum would do after such
// a load.
func (s *pgSchemas) writeHistory(ctx context.Context, n int, eps []string, analyze bool) error {
	conn, err := s.connect(ctx)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	name := s.names[len(s.names)-1]
	if _, err := conn.Exec(ctx, `SET search_path = `+name); err != nil {
		return err
	}
	end := time.Now().Add(-time.Hour)
	step := 30 * 24 * time.Hour / time.Duration(max(1, n))
	const chunk = 500_000
	for first := 0; first < n; first += chunk {
		last := min(n, first+chunk) - 1
		if _, err := conn.Exec(ctx, `INSERT INTO events (tenant_id, id, type, channels, data, created_at)
			SELECT 'big', 'e' || lpad(i::text, 9, '0'), CASE WHEN i % 1000 = 7 THEN 'rare' ELSE 'job.completed' END, '[]',
				convert_to('{"job_id":"j","status":"completed"}', 'UTF8'), $1::timestamptz - ($2 - i) * $3::interval
			FROM generate_series($4::int, $5::int) i`, end, n, step, first, last); err != nil {
			return err
		}
		if _, err := conn.Exec(ctx, `INSERT INTO deliveries (id, tenant_id, event_id, endpoint_id, status, attempts,
				next_attempt_at, lease_owner, last_status_code, last_error, created_at, updated_at)
			SELECT 'd' || lpad(i::text, 9, '0'), 'big', 'e' || lpad(i::text, 9, '0'), CASE WHEN i % 1000 = 11 THEN $6 ELSE $7 END,
				CASE WHEN i < 200 THEN 'pending' WHEN i % 100 = 5 THEN 'failed' ELSE 'succeeded' END, 1,
				CASE WHEN i < 200 THEN $1::timestamptz + interval '1 day' END, NULL, 200, '',
				$1::timestamptz - ($2 - i) * $3::interval, $1::timestamptz - ($2 - i) * $3::interval
			FROM generate_series($4::int, $5::int) i`, end, n, step, first, last, eps[1], eps[0]); err != nil {
			return err
		}
	}
	if !analyze {
		return nil
	}
	_, err = conn.Exec(ctx, `ANALYZE`)
	return err
}

// walPosition is the server's WAL position in bytes: two readings apart,
// the WAL written between them (by every database on the server).
func (s *pgSchemas) walPosition(ctx context.Context) (int64, error) {
	conn, err := s.connect(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close(ctx)
	var n int64
	err = conn.QueryRow(ctx, `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint`).Scan(&n)
	return n, err
}
