package sqlite

import (
	"context"
	"database/sql"
	"strings"
	"testing"
)

// A claim and NextDueAt read deliveries only by seeks on the due index
// led by the endpoint (or by primary key), never by a walk in time order
// past the deliveries of skipped endpoints (issue 30): the plan of each
// seeks deliveries_due with endpoint_id as the first term, and scans no
// index or table of deliveries. The claim before the change searched
// deliveries_due on (next_attempt_at<?) and walked it.
func TestClaimSeeksPerEndpoint(t *testing.T) {
	db := openTestDB(t)
	for name, q := range map[string]string{"claim": claimQuery, "NextDueAt": nextDueQuery} {
		rows, err := db.read.QueryContext(context.Background(), `EXPLAIN QUERY PLAN `+q,
			sql.Named("now", 1), sql.Named("skip", `["e1"]`), sql.Named("limit", 500))
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
		seeks := 0
		for _, line := range plan {
			switch {
			case strings.HasPrefix(line, "SCAN") && (strings.Contains(line, "deliveries") ||
				strings.HasPrefix(line, "SCAN d ") || strings.HasPrefix(line, "SCAN h ") || strings.HasPrefix(line, "SCAN n ")):
				t.Errorf("%s scans deliveries: %q\n%s", name, line, strings.Join(plan, "\n"))
			case strings.Contains(line, "INDEX deliveries_due (endpoint_id"):
				seeks++
			case strings.HasSuffix(line, "INDEX deliveries_due"):
				// min(endpoint_id): the index's first entry, one row.
			case strings.Contains(line, "INDEX deliveries_due"):
				t.Errorf("%s uses the due index without the endpoint: %q\n%s", name, line, strings.Join(plan, "\n"))
			}
		}
		if seeks == 0 {
			t.Errorf("%s does not seek on the due index by endpoint:\n%s", name, strings.Join(plan, "\n"))
		}
	}
}
