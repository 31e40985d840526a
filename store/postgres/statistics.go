package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// Planner statistics are autovacuum's to keep; where it is off, or has not
// yet got to a table that was just loaded, the planner guesses, and list
// reads on millions of rows walk a tenant's whole history (measured with
// herald-bench --only reads --analyze=false: 177–489 ms against 1–3 ms).
// Herald therefore analyses its own tables when nobody has lately: at open,
// then every statisticsEvery.
const statisticsEvery = time.Hour

// herald's tables whose statistics the list reads depend on.
var analysedTables = []string{"deliveries", "deliveries_due", "events", "attempts", "jobs", "endpoints"}

// tableStats is what pg_stat_user_tables says of one table.
type tableStats struct {
	Name     string
	Rows     float64 // pg_class.reltuples (-1: never analysed)
	Modified int64   // n_mod_since_analyze
	// SinceAnalysed is how long ago the later of last_analyze and
	// last_autoanalyze was, measured by the database's own clock (nil:
	// never). The node's clock is not compared with the server's: the
	// two may differ, and the store's clock may be a test's.
	SinceAnalysed *time.Duration
}

// needsAnalyze decides whether Herald analyses a table itself: it has rows
// changed since its last analysis (or was never analysed), a tenth of it
// at least, and no analysis within the last statisticsEvery.
func needsAnalyze(t tableStats) bool {
	if t.SinceAnalysed != nil && *t.SinceAnalysed < statisticsEvery {
		return false
	}
	if t.Modified == 0 {
		return false
	}
	return t.Rows < 0 || float64(t.Modified) >= 0.1*t.Rows
}

// keepStatistics refreshes statistics at open and then every
// statisticsEvery until ctx ends. A failure is tried again at the next
// tick; the reads it would speed up still work meanwhile.
func (db *DB) keepStatistics(ctx context.Context) {
	defer close(db.statsDone)
	tick := time.NewTicker(statisticsEvery)
	defer tick.Stop()
	for {
		_, _ = db.RefreshStatistics(ctx)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// RefreshStatistics analyses those of Herald's tables that need it (see
// needsAnalyze) and returns their names.
func (db *DB) RefreshStatistics(ctx context.Context) ([]string, error) {
	rows, err := db.pool.Query(ctx, `SELECT s.relname, c.reltuples::float8, s.n_mod_since_analyze,
			statement_timestamp() - greatest(s.last_analyze, s.last_autoanalyze)
		FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
		WHERE s.schemaname = current_schema() AND s.relname = ANY($1)`, analysedTables)
	if err != nil {
		return nil, err
	}
	stats, err := pgx.CollectRows(rows, pgx.RowToStructByPos[tableStats])
	if err != nil {
		return nil, err
	}
	var done []string
	for _, t := range stats {
		if !needsAnalyze(t) {
			continue
		}
		if _, err := db.pool.Exec(ctx, `ANALYZE `+pgx.Identifier{t.Name}.Sanitize()); err != nil {
			return done, err
		}
		done = append(done, t.Name)
	}
	return done, nil
}
