package store

import (
	"fmt"
	"strings"
	"time"

	"github.com/heraldhq/herald/health"
)

// The endpoint_stats table holds package health's rollup: one row per
// endpoint, span (seconds) and bucket start (Unix seconds), with a count
// per outcome, per delivery ended and per latency bucket. The engine sums
// the attempts it recorded (health.Accumulator) and adds them every few
// seconds through AddEndpointStats, which both backends write with the
// statements StatsUpsert makes.

// statsTally lists the tally's columns: outcomes, deliveries ended, then
// latency buckets.
var statsTally = func() []string {
	cols := []string{"ok", "client_errors", "server_errors", "timeouts", "connection_errors", "delivered", "gave_up"}
	for i := range health.Buckets {
		cols = append(cols, fmt.Sprintf("latency_%d", i))
	}
	return cols
}()

// StatsColumns are endpoint_stats' columns in the order StatsArgs and
// ScanStats use.
var StatsColumns = "endpoint_id, span, start, " + strings.Join(statsTally, ", ")

// statsChunks are the sizes of StatsUpsert's statements: a few, so that
// the backends' caches of prepared statements hold them all.
var statsChunks = []int{64, 16, 4, 1}

// InStatsChunks calls add with rows cut into chunks of statsChunks' sizes,
// largest first.
func InStatsChunks(rows []health.Row, add func(chunk []health.Row) error) error {
	for _, size := range statsChunks {
		for len(rows) >= size {
			if err := add(rows[:size]); err != nil {
				return err
			}
			rows = rows[size:]
		}
	}
	return nil
}

// StatsUpsert is the statement that adds n rows' tallies to the table,
// with placeholders written by ph (1-based: "?" or "$1").
func StatsUpsert(n int, ph func(i int) string) string {
	var b strings.Builder
	b.WriteString("INSERT INTO endpoint_stats (" + StatsColumns + ") VALUES ")
	width := 3 + len(statsTally)
	for r := range n {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := range width {
			if c > 0 {
				b.WriteString(", ")
			}
			b.WriteString(ph(r*width + c + 1))
		}
		b.WriteByte(')')
	}
	b.WriteString(" ON CONFLICT (endpoint_id, span, start) DO UPDATE SET ")
	for i, c := range statsTally {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c + " = endpoint_stats." + c + " + excluded." + c)
	}
	return b.String()
}

// TenantStatsQuery sums a tenant's endpoints' rows per bucket, with
// placeholders written by ph: tenant, span (seconds), from and till (Unix
// seconds). Its rows scan with ScanStats.
func TenantStatsQuery(ph func(i int) string) string {
	sums := make([]string, len(statsTally))
	for i, c := range statsTally {
		sums[i] = "sum(s." + c + ")"
	}
	return `SELECT '', s.span, s.start, ` + strings.Join(sums, ", ") + ` FROM endpoint_stats s
		JOIN endpoints e ON e.id = s.endpoint_id
		WHERE e.tenant_id = ` + ph(1) + ` AND s.span = ` + ph(2) + ` AND s.start >= ` + ph(3) + ` AND s.start < ` + ph(4) + `
		GROUP BY s.span, s.start ORDER BY s.start`
}

// StatsArgs are the arguments of StatsUpsert(len(rows), ...).
func StatsArgs(rows []health.Row) []any {
	args := make([]any, 0, len(rows)*(3+len(statsTally)))
	for _, r := range rows {
		args = append(args, r.EndpointID, int64(r.Span/time.Second), r.Start.Unix())
		for _, c := range r.Counts {
			args = append(args, c)
		}
		args = append(args, r.Delivered, r.GaveUp)
		for _, c := range r.Latency {
			args = append(args, c)
		}
	}
	return args
}

// ScanStats reads one row of SELECT StatsColumns.
func ScanStats(scan func(dest ...any) error) (health.Row, error) {
	var r health.Row
	var span, start int64
	dest := []any{&r.EndpointID, &span, &start}
	for i := range r.Counts {
		dest = append(dest, &r.Counts[i])
	}
	dest = append(dest, &r.Delivered, &r.GaveUp)
	for i := range r.Latency {
		dest = append(dest, &r.Latency[i])
	}
	if err := scan(dest...); err != nil {
		return r, err
	}
	r.Span, r.Start = time.Duration(span)*time.Second, time.Unix(start, 0).UTC()
	return r, nil
}

// StatsSamples picks the made attempts out of completions.
func StatsSamples(cs []Completion) []health.Sample {
	out := make([]health.Sample, 0, len(cs))
	for _, c := range cs {
		if c.Attempt != nil {
			out = append(out, health.Sample{EndpointID: c.EndpointID, Attempt: c.Attempt, Status: c.Status})
		}
	}
	return out
}
