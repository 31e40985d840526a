package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/health"
	"github.com/heraldhq/herald/ratelimit"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/internal/duemerge"
	"github.com/heraldhq/herald/store/internal/sqlcols"
)

func scanDelivery(row rowScanner) (*herald.Delivery, error) {
	return scanDeliveryAnd(row)
}

// scanListedDelivery reads a delivery with its event's type.
func scanListedDelivery(row rowScanner) (*herald.Delivery, error) {
	var typ *string
	d, err := scanDeliveryAnd(row, &typ)
	if d != nil && typ != nil {
		d.EventType = *typ
	}
	return d, err
}

// scanDeliveryAnd reads a delivery's columns, then into extra the ones
// the query selects after them.
func scanDeliveryAnd(row rowScanner, extra ...any) (*herald.Delivery, error) {
	var d herald.Delivery
	var status string
	var owner *string
	err := row.Scan(append([]any{&d.ID, &d.TenantID, &d.EventID, &d.EndpointID, &status, &d.Attempts, &d.NextAttemptAt, &owner,
		&d.LastStatusCode, &d.LastError, &d.CreatedAt, &d.UpdatedAt}, extra...)...)
	if err != nil {
		return nil, err
	}
	d.Status = herald.DeliveryStatus(status)
	if owner != nil {
		d.LeaseOwner = *owner
	}
	d.NextAttemptAt, d.CreatedAt, d.UpdatedAt = utcPtr(d.NextAttemptAt), utc(d.CreatedAt), utc(d.UpdatedAt)
	return &d, nil
}

// FindDeliveryByID returns one of a tenant's deliveries.
func (db *DB) FindDeliveryByID(ctx context.Context, tenantID, id string) (*herald.Delivery, error) {
	return findDelivery(ctx, db.pool, tenantID, id, false)
}

func findDelivery(ctx context.Context, q querier, tenantID, id string, forUpdate bool) (*herald.Delivery, error) {
	sql := `SELECT ` + sqlcols.Delivery + ` FROM deliveries WHERE id = $1 AND tenant_id = $2`
	if forUpdate {
		sql += ` FOR UPDATE`
	}
	d, err := scanDelivery(q.QueryRow(ctx, sql, id, tenantID))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, notFound("delivery", id)
	}
	return d, err
}

// FindDeliveries lists a tenant's deliveries, newest first.
func (db *DB) FindDeliveries(ctx context.Context, f store.DeliveryFilter) ([]*herald.Delivery, string, error) {
	if f.EventType != "" {
		return db.findDeliveriesOfType(ctx, f)
	}
	conds, args := []string{`tenant_id = $1`}, []any{f.TenantID}
	add := func(col, v string) {
		if v != "" {
			args = append(args, v)
			conds = append(conds, col+` = $`+strconv.Itoa(len(args)))
		}
	}
	between := func(col string) {
		if !f.After.IsZero() {
			args = append(args, micro(f.After))
			conds = append(conds, col+` >= $`+strconv.Itoa(len(args)))
		}
		if !f.Before.IsZero() {
			args = append(args, micro(f.Before))
			conds = append(conds, col+` < $`+strconv.Itoa(len(args)))
		}
	}
	key := func(d *herald.Delivery) (time.Time, string) { return d.CreatedAt, d.ID }
	if f.Status == herald.DeliveryPending {
		// The pending ones are deliveries_due's, in its tenant order.
		conds[0] = `q.tenant_id = $1`
		add("d.endpoint_id", f.EndpointID)
		add("d.event_id", f.EventID)
		between("q.created_at")
		return findPage(ctx, db.pool, `SELECT `+sqlcols.Qualified(sqlcols.Delivery, "d")+`, `+fmt.Sprintf(sqlcols.DeliveryEventType, "d.")+
			` FROM deliveries_due q JOIN deliveries d ON d.id = q.id`, "q.", conds, args, f.Page, scanListedDelivery, key)
	}
	add("endpoint_id", f.EndpointID)
	add("event_id", f.EventID)
	add("status", string(f.Status))
	between("created_at")
	return findPage(ctx, db.pool, `SELECT `+sqlcols.Delivery+`, `+fmt.Sprintf(sqlcols.DeliveryEventType, "deliveries.")+` FROM deliveries`,
		"", conds, args, f.Page, scanListedDelivery, key)
}

// findDeliveriesOfType lists the deliveries of events of one type: the
// tenant's events of it walked newest first on events_type, each one's
// deliveries on deliveries_event.
func (db *DB) findDeliveriesOfType(ctx context.Context, f store.DeliveryFilter) ([]*herald.Delivery, string, error) {
	conds, args := []string{`e.tenant_id = $1`, `e.type = $2`}, []any{f.TenantID, f.EventType}
	arg := func(v any) string {
		args = append(args, v)
		return `$` + strconv.Itoa(len(args))
	}
	for _, c := range [][2]string{{"d.endpoint_id", f.EndpointID}, {"d.event_id", f.EventID}, {"d.status", string(f.Status)}} {
		if c[1] != "" {
			conds = append(conds, c[0]+` = `+arg(c[1]))
		}
	}
	if !f.After.IsZero() {
		conds = append(conds, `e.created_at >= `+arg(micro(f.After)))
	}
	if !f.Before.IsZero() {
		conds = append(conds, `e.created_at < `+arg(micro(f.Before)))
	}
	if f.Page.Cursor != "" {
		ts, ev, d, err := store.DecodeEventTypeCursor(f.Page.Cursor)
		if err != nil {
			return nil, "", err
		}
		conds = append(conds, `(e.created_at, e.id, d.id) < (`+arg(ts)+`, `+arg(ev)+`, `+arg(d)+`)`)
	}
	rows, err := db.pool.Query(ctx, `SELECT `+sqlcols.Qualified(sqlcols.Delivery, "d")+`, e.type, e.created_at
		FROM events e JOIN deliveries d ON d.tenant_id = e.tenant_id AND d.event_id = e.id
		WHERE `+strings.Join(conds, ` AND `)+` ORDER BY e.created_at DESC, e.id DESC, d.id DESC LIMIT `+arg(f.Page.Size()+1), args...)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	return store.ReadEventTypePage(rows, func() (*herald.Delivery, time.Time, error) {
		var created time.Time
		d, err := scanDeliveryAnd(rows, new(string), &created)
		return d, utc(created), err
	}, f)
}

// FindAttempts lists a delivery's attempts, oldest first.
func (db *DB) FindAttempts(ctx context.Context, deliveryID string) ([]*herald.Attempt, error) {
	rows, err := db.pool.Query(ctx, `SELECT id, delivery_id, started_at, duration_us, status_code, response_body, error, trigger, request
		FROM attempts WHERE delivery_id = $1 ORDER BY id`, deliveryID)
	if err != nil {
		return nil, err
	}
	return collect(rows, func(row rowScanner) (*herald.Attempt, error) {
		var a herald.Attempt
		var dur int64
		var trigger string
		var req *string
		if err := row.Scan(&a.ID, &a.DeliveryID, &a.StartedAt, &dur, &a.StatusCode, &a.ResponseBody, &a.Error, &trigger, &req); err != nil {
			return nil, err
		}
		a.StartedAt, a.Duration, a.Trigger = utc(a.StartedAt), time.Duration(dur)*time.Microsecond, herald.Trigger(trigger)
		var err error
		a.Request, err = store.DecodeNullJSON[*herald.AttemptRequest](req, "an attempt's request")
		return &a, err
	})
}

// ClaimDeliveries leases due deliveries to owner, earliest due first
// (then by id). SKIP LOCKED lets nodes claim side by side: each takes rows
// no other claim holds, and none waits.
//
// Which deliveries to take is found on deliveries_due per endpoint
// (store/internal/duemerge): the head of each due endpoint not skipped,
// then chunks of the queues that may hold one of the limit earliest. A
// time-ordered walk read every due delivery of the skipped endpoints
// first (issue 30). The rows locked are the deliveries', and their own
// status and next_attempt_at are checked again: a row another claim leased
// meanwhile is read anew once its lock is free (PostgreSQL re-evaluates a
// locked row's conditions), and then no longer matches; the claim then
// looks again, for as many as it missed, a few times at most.
func (db *DB) ClaimDeliveries(ctx context.Context, owner string, now, leaseUntil time.Time, limit int, skip []string) ([]*store.Task, error) {
	var tasks []*store.Task
	err := db.tx(ctx, func(tx pgx.Tx) error {
		tasks = tasks[:0]
		for range 3 {
			ids, err := dueIDs(ctx, tx, micro(now), limit-len(tasks), skip)
			if err != nil || len(ids) == 0 {
				return err
			}
			rows, err := tx.Query(ctx, `WITH due AS (
					SELECT d.id, d.next_attempt_at AS due_at FROM deliveries d
					WHERE d.id = ANY($2) AND d.status = 'pending' AND d.next_attempt_at <= $1
					FOR UPDATE SKIP LOCKED
				), leased AS (
					UPDATE deliveries d SET lease_owner = $3, next_attempt_at = $4 FROM due WHERE d.id = due.id
					RETURNING d.id, d.tenant_id, d.endpoint_id, d.attempts, d.event_id, due.due_at
				)
				SELECT l.id, l.tenant_id, l.endpoint_id, l.attempts, l.due_at, e.id, e.type, e.channels, e.data, e.created_at, e.trace_parent
				FROM leased l JOIN events e ON e.tenant_id = l.tenant_id AND e.id = l.event_id
				ORDER BY l.due_at, l.id`, micro(now), ids, owner, micro(leaseUntil))
			if err != nil {
				return err
			}
			got, err := collect(rows, scanTask(herald.TriggerScheduled))
			if err != nil {
				return err
			}
			tasks = append(tasks, got...)
			if len(got) == len(ids) || len(tasks) >= limit {
				break
			}
		}
		slices.SortFunc(tasks, func(a, b *store.Task) int {
			return duemerge.Compare(duemerge.Row{Due: a.Due, ID: a.DeliveryID}, duemerge.Row{Due: b.Due, ID: b.DeliveryID})
		})
		return nil
	})
	return tasks, err
}

// headsCTE is the head of each endpoint's queue in deliveries_due, found
// with one seek each on deliveries_due_endpoint: the first entry after the
// last endpoint's (a skip scan). Entries due NULL (FIFO deliveries waiting
// their turn) sort last, so an endpoint's first entry is its earliest due,
// and NULL only when it has none due.
const headsCTE = `WITH RECURSIVE heads AS (
		(SELECT endpoint_id, due_at, id FROM deliveries_due ORDER BY endpoint_id, due_at, id COLLATE "C" LIMIT 1)
		UNION ALL
		SELECT n.endpoint_id, n.due_at, n.id FROM heads CROSS JOIN LATERAL (
			SELECT q.endpoint_id, q.due_at, q.id FROM deliveries_due q WHERE q.endpoint_id > heads.endpoint_id
			ORDER BY q.endpoint_id, q.due_at, q.id COLLATE "C" LIMIT 1) n
	)`

// dueIDs returns the ids of the limit earliest due deliveries of the
// endpoints not in skip, read per endpoint on deliveries_due_endpoint:
// first each one's head (headsCTE), then the chunks a duemerge.Merge asks
// for.
func dueIDs(ctx context.Context, tx pgx.Tx, now time.Time, limit int, skip []string) ([]string, error) {
	m := duemerge.New(limit)
	rows, err := tx.Query(ctx, headsCTE+`
		SELECT endpoint_id, due_at, id FROM heads WHERE due_at <= $1 AND NOT (endpoint_id = ANY($2::text[]))`, now, skipList(skip))
	if err != nil {
		return nil, err
	}
	heads, err := collect(rows, scanDueRow)
	if err != nil {
		return nil, err
	}
	for _, h := range heads {
		m.Add(h.Endpoint, []duemerge.Row{h}, 1)
	}
	for wants := m.Wants(); len(wants) > 0; wants = m.Wants() {
		eps, ats, after, sizes := make([]string, len(wants)), make([]time.Time, len(wants)), make([]string, len(wants)), make([]int32, len(wants))
		for i, w := range wants {
			eps[i], ats[i], after[i], sizes[i] = w.Endpoint, w.After.Due, w.After.ID, int32(w.Size)
		}
		rows, err := tx.Query(ctx, `SELECT c.endpoint_id, c.due_at, c.id
			FROM unnest($2::text[], $3::timestamptz[], $4::text[], $5::int[]) AS w(ep, at, after, n)
			CROSS JOIN LATERAL (
				SELECT q.endpoint_id, q.due_at, q.id FROM deliveries_due q
				WHERE q.endpoint_id = w.ep AND (q.due_at, q.id COLLATE "C") > (w.at, w.after) AND q.due_at <= $1
				ORDER BY q.due_at, q.id COLLATE "C" LIMIT w.n) c`, now, eps, ats, after, sizes)
		if err != nil {
			return nil, err
		}
		read, err := collect(rows, scanDueRow)
		if err != nil {
			return nil, err
		}
		chunks := make(map[string][]duemerge.Row, len(wants))
		for _, r := range read {
			chunks[r.Endpoint] = append(chunks[r.Endpoint], r)
		}
		for _, w := range wants {
			chunk := chunks[w.Endpoint]
			slices.SortFunc(chunk, duemerge.Compare)
			m.Add(w.Endpoint, chunk, w.Size)
		}
	}
	taken := m.Take()
	ids := make([]string, len(taken))
	for i, r := range taken {
		ids[i] = r.ID
	}
	return ids, nil
}

func scanDueRow(row rowScanner) (duemerge.Row, error) {
	var r duemerge.Row
	err := row.Scan(&r.Endpoint, &r.Due, &r.ID)
	r.Due = utc(r.Due)
	return r, err
}

// skipList is skip as a text[] parameter: empty, not NULL, when there is
// nothing to skip (NOT (x = ANY(NULL)) is NULL, which would skip all).
func skipList(skip []string) []string {
	if skip == nil {
		return []string{}
	}
	return skip
}

// scanTask reads a delivery's id, tenant, endpoint, attempts and due time,
// then its event's id, type, channels, data, creation time and
// traceparent.
func scanTask(trigger herald.Trigger) func(rowScanner) (*store.Task, error) {
	return func(row rowScanner) (*store.Task, error) {
		t := &store.Task{Trigger: trigger, Event: &herald.Event{}}
		var channels, data []byte
		var traceParent *string
		if err := row.Scan(&t.DeliveryID, &t.TenantID, &t.EndpointID, &t.Attempts, &t.Due,
			&t.Event.ID, &t.Event.Type, &channels, &data, &t.Event.CreatedAt, &traceParent); err != nil {
			return nil, err
		}
		t.Event.TraceParent = store.Deref(traceParent)
		if err := json.Unmarshal(channels, &t.Event.Channels); err != nil {
			return nil, err
		}
		t.Event.TenantID, t.Event.Data, t.Event.CreatedAt, t.Due = t.TenantID, data, utc(t.Event.CreatedAt), utc(t.Due)
		return t, nil
	}
}

// nextDueQuery is NextDueAt's: the earliest of the endpoints' heads
// (headsCTE) and of the deferred fan-outs.
const nextDueQuery = headsCTE + `
	SELECT least((SELECT min(due_at) FROM heads), (SELECT min(created_at) FROM fanouts))`

// NextDueAt returns when the earliest delivery not yet attempted became
// due, written or deferred (store.Store).
func (db *DB) NextDueAt(ctx context.Context) (time.Time, bool, error) {
	var next *time.Time
	err := db.pool.QueryRow(ctx, nextDueQuery).Scan(&next)
	if err != nil || next == nil {
		return time.Time{}, false, err
	}
	return utc(*next), true, nil
}

// ExtendLeases moves owner's leases on ids to until.
func (db *DB) ExtendLeases(ctx context.Context, owner string, ids []string, until time.Time) error {
	_, err := db.pool.Exec(ctx, `UPDATE deliveries SET next_attempt_at = $1
		WHERE id = ANY($2) AND lease_owner = $3 AND status = 'pending'`, micro(until), ids, owner)
	return err
}

// ReleaseLeases gives up owner's leases, making the deliveries due at at.
func (db *DB) ReleaseLeases(ctx context.Context, owner string, ids []string, at time.Time) error {
	if ids == nil {
		_, err := db.pool.Exec(ctx, `UPDATE deliveries SET lease_owner = NULL, next_attempt_at = $1
			WHERE lease_owner = $2 AND status = 'pending'`, micro(at), owner)
		return err
	}
	_, err := db.pool.Exec(ctx, `UPDATE deliveries SET lease_owner = NULL, next_attempt_at = $1
		WHERE id = ANY($2) AND lease_owner = $3 AND status = 'pending'`, micro(at), ids, owner)
	return err
}

// CompleteAttempts records attempts and their consequences in one
// transaction: the plain ones (an attempt and nothing else) with one
// statement per table, the rest one by one.
func (db *DB) CompleteAttempts(ctx context.Context, cs []store.Completion) ([]store.Disabled, error) {
	now := micro(db.now())
	var disabled []store.Disabled
	err := db.tx(ctx, func(tx pgx.Tx) error {
		disabled = disabled[:0]
		var plain, single []store.Completion
		for _, c := range cs {
			if c.Attempt != nil && c.DisableEndpoint == "" {
				plain = append(plain, c)
			} else {
				single = append(single, c)
			}
		}
		if err := completePlain(ctx, tx, plain, now); err != nil {
			return err
		}
		for _, c := range single {
			d, err := completeOne(ctx, tx, c, now)
			if err != nil {
				return err
			}
			if d != nil {
				disabled = append(disabled, *d)
			}
		}
		more, err := countFailures(ctx, tx, cs, now)
		disabled = append(disabled, more...)
		if err != nil {
			return err
		}
		ended, endpoints := store.SettleAfter(cs)
		if len(ended) > 0 {
			if _, err := tx.Exec(ctx, store.FIFOLeaveQuery(`id = ANY($1)`), ended); err != nil {
				return err
			}
		}
		return settleFIFO(ctx, tx, endpoints)
	})
	if err != nil {
		return nil, err
	}
	return disabled, nil
}

// FindEndpointStats reads an endpoint's health rollup.
func (db *DB) FindEndpointStats(ctx context.Context, endpointID string, span time.Duration, from, till time.Time) ([]health.Row, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+store.StatsColumns+` FROM endpoint_stats
		WHERE endpoint_id = $1 AND span = $2 AND start >= $3 AND start < $4 ORDER BY start`,
		endpointID, int64(span/time.Second), from.Unix(), till.Unix())
	if err != nil {
		return nil, err
	}
	return collect(rows, func(row rowScanner) (health.Row, error) { return store.ScanStats(row.Scan) })
}

// FindTenantStats sums a tenant's endpoints' rollup per bucket.
func (db *DB) FindTenantStats(ctx context.Context, tenantID string, span time.Duration, from, till time.Time) ([]health.Row, error) {
	rows, err := db.pool.Query(ctx, store.TenantStatsQuery(dollar),
		tenantID, int64(span/time.Second), from.Unix(), till.Unix())
	if err != nil {
		return nil, err
	}
	return collect(rows, func(row rowScanner) (health.Row, error) { return store.ScanStats(row.Scan) })
}

// PurgeEndpointStats deletes old rows of the rollup.
func (db *DB) PurgeEndpointStats(ctx context.Context, span time.Duration, before time.Time, limit int) (int, error) {
	n, err := affected(db.pool.Exec(ctx, `DELETE FROM endpoint_stats WHERE (endpoint_id, span, start) IN
		(SELECT endpoint_id, span, start FROM endpoint_stats WHERE span = $1 AND start < $2 LIMIT $3)`,
		int64(span/time.Second), before.Unix(), limit))
	return int(n), err
}

// AddEndpointStats adds rows to the endpoints' health rollup, in one
// transaction. Rows come in a stable order (health.Rollup, Drain), so
// that two nodes adding to the same rows lock them in the same order.
func (db *DB) AddEndpointStats(ctx context.Context, rows []health.Row) error {
	return db.tx(ctx, func(tx pgx.Tx) error {
		return store.InStatsChunks(rows, func(chunk []health.Row) error {
			_, err := tx.Exec(ctx, store.StatsUpsert(len(chunk), func(i int) string { return "$" + strconv.Itoa(i) }), store.StatsArgs(chunk)...)
			return err
		})
	})
}

// completePlain records attempts and moves their deliveries on. An attempt
// whose delivery is gone (deleted with its endpoint meanwhile) is dropped,
// as is the change to a delivery whose lease its owner lost.
func completePlain(ctx context.Context, tx pgx.Tx, cs []store.Completion, now time.Time) error {
	if len(cs) == 0 {
		return nil
	}
	// Rows are locked in id order, the same in every transaction, so that
	// two nodes' completions cannot deadlock on each other.
	cs = slices.SortedFunc(slices.Values(cs), func(a, b store.Completion) int { return strings.Compare(a.DeliveryID, b.DeliveryID) })
	n := len(cs)
	ids, dids, bodies, errs, triggers := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	requests := make([]*string, n)
	started := make([]time.Time, n)
	durations := make([]int64, n)
	codes := make([]int32, n)
	statuses, owners := make([]string, n), make([]string, n)
	next := make([]*time.Time, n)
	for i, c := range cs {
		a := c.Attempt
		ids[i], dids[i], bodies[i], errs[i], triggers[i] = a.ID, c.DeliveryID, a.ResponseBody, a.Error, string(a.Trigger)
		started[i], durations[i], codes[i] = micro(a.StartedAt), a.Duration.Microseconds(), int32(a.StatusCode)
		requests[i] = store.NullJSON(a.Request, a.Request == nil)
		statuses[i], owners[i] = string(c.Status), c.Owner
		if c.Status == herald.DeliveryPending {
			next[i] = nullTime(c.NextAttemptAt)
		}
	}
	// The deliveries' rows are locked first (KEY SHARE is what the foreign
	// key would take), so that an endpoint's deletion either finished
	// before, and the row is gone, or waits until this commits.
	_, err := tx.Exec(ctx, `INSERT INTO attempts (id, delivery_id, started_at, duration_us, status_code, response_body, error, trigger, request)
		SELECT a.* FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::bigint[], $5::integer[], $6::text[], $7::text[], $8::text[], $9::text[])
			AS a(id, delivery_id, started_at, duration_us, status_code, response_body, error, trigger, request)
		JOIN (SELECT id FROM deliveries WHERE id = ANY($2) ORDER BY id FOR KEY SHARE) d ON d.id = a.delivery_id`,
		ids, dids, started, durations, codes, bodies, errs, triggers, requests)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `UPDATE deliveries d SET status = v.status, attempts = d.attempts + 1, next_attempt_at = v.next,
			lease_owner = NULL, last_status_code = v.code, last_error = v.error, updated_at = $7
		FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::integer[], $5::text[], $6::text[])
			AS v(id, status, next, code, error, owner)
		WHERE d.id = v.id AND d.lease_owner = v.owner`,
		dids, statuses, next, codes, errs, owners, now)
	return err
}

// completeOne writes one completion, whatever it asks for, and returns the
// endpoint it disabled, if any.
func completeOne(ctx context.Context, tx pgx.Tx, c store.Completion, now time.Time) (*store.Disabled, error) {
	var endpointID, tenant string
	err := tx.QueryRow(ctx, `SELECT endpoint_id, tenant_id FROM deliveries WHERE id = $1 FOR UPDATE`, c.DeliveryID).Scan(&endpointID, &tenant)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil // deleted with its endpoint meanwhile
	}
	if err != nil {
		return nil, err
	}
	inc, code, msg := 0, 0, ""
	if a := c.Attempt; a != nil {
		inc, code, msg = 1, a.StatusCode, a.Error
		if _, err := tx.Exec(ctx, `INSERT INTO attempts (id, delivery_id, started_at, duration_us, status_code, response_body, error, trigger, request)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			a.ID, c.DeliveryID, micro(a.StartedAt), a.Duration.Microseconds(), a.StatusCode, a.ResponseBody, a.Error, string(a.Trigger),
			store.NullJSON(a.Request, a.Request == nil)); err != nil {
			return nil, err
		}
	}
	var next *time.Time
	if c.Status == herald.DeliveryPending {
		next = nullTime(c.NextAttemptAt)
	}
	n, err := affected(tx.Exec(ctx, `UPDATE deliveries SET status = $1, attempts = attempts + $2, next_attempt_at = $3, lease_owner = NULL,
		last_status_code = CASE WHEN $2 = 1 THEN $4 ELSE last_status_code END,
		last_error = CASE WHEN $2 = 1 THEN $5 ELSE last_error END, updated_at = $6
		WHERE id = $7 AND lease_owner = $8`,
		string(c.Status), inc, next, code, msg, now, c.DeliveryID, c.Owner))
	if err != nil || c.DisableEndpoint == "" || n == 0 {
		return nil, err // n == 0: lost the lease, another node decides now
	}
	if err := disableEndpoint(ctx, tx, endpointID, c.DisableEndpoint, now); err != nil {
		return nil, err
	}
	return &store.Disabled{TenantID: tenant, EndpointID: endpointID, Reason: c.DisableEndpoint, At: now}, nil
}

// countFailures moves the endpoints' counts of failed deliveries in a row
// by the batch's tallies, in one statement, and disables those that reach
// their limit. One statement, not one per endpoint: a batch of outcomes
// reaches hundreds of endpoints on a platform, and a round trip each, in
// the one transaction a node writes outcomes with at a time, held a node
// under 1,000 deliveries/s (herald-bench --only steady, issue 32). Rows
// are locked in id order, as before, against deadlocks between nodes; a
// success to an endpoint already at 0 locks and writes nothing.
func countFailures(ctx context.Context, tx pgx.Tx, cs []store.Completion, now time.Time) ([]store.Disabled, error) {
	tallies := store.FailureTallies(cs)
	if len(tallies) == 0 {
		return nil, nil
	}
	ids, fails, resets := make([]string, len(tallies)), make([]int32, len(tallies)), make([]bool, len(tallies))
	for i, t := range tallies {
		ids[i], fails[i], resets[i] = t.EndpointID, int32(t.Fails), t.Reset
	}
	rows, err := tx.Query(ctx, `WITH v AS (SELECT * FROM unnest($1::text[], $2::integer[], $3::boolean[]) AS v(id, fails, reset)),
		locked AS (SELECT e.id FROM endpoints e JOIN v ON v.id = e.id
			WHERE NOT (v.reset AND v.fails = 0 AND e.consecutive_failures = 0) ORDER BY e.id FOR UPDATE OF e)
		UPDATE endpoints e SET consecutive_failures = CASE WHEN v.reset THEN v.fails ELSE e.consecutive_failures + v.fails END
		FROM v, locked WHERE e.id = v.id AND locked.id = e.id
		RETURNING e.id, e.tenant_id, e.consecutive_failures, e.disable_after_failures, e.disabled`, ids, fails, resets)
	if err != nil {
		return nil, err
	}
	var reached []store.Disabled
	for rows.Next() {
		var id, tenant string
		var count, limit int
		var off bool
		if err := rows.Scan(&id, &tenant, &count, &limit, &off); err != nil {
			rows.Close()
			return nil, err
		}
		if limit > 0 && count >= limit && !off {
			reached = append(reached, store.Disabled{TenantID: tenant, EndpointID: id, Reason: store.DisableReason(count), At: now})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(reached, func(a, b store.Disabled) int { return strings.Compare(a.EndpointID, b.EndpointID) })
	for _, d := range reached {
		if err := disableEndpoint(ctx, tx, d.EndpointID, d.Reason, now); err != nil {
			return nil, err
		}
	}
	return reached, nil
}

// disableEndpoint disables an endpoint and pauses its pending deliveries.
func disableEndpoint(ctx context.Context, tx pgx.Tx, id, reason string, now time.Time) error {
	if _, err := tx.Exec(ctx, `UPDATE endpoints SET disabled = true, disabled_reason = $1, updated_at = $2 WHERE id = $3`,
		reason, now, id); err != nil {
		return err
	}
	return pauseDeliveries(ctx, tx, id, now)
}

// ReplayDeliveries makes an endpoint's failed deliveries due again.
func (db *DB) ReplayDeliveries(ctx context.Context, tenantID, endpointID string, since, until, now time.Time) (int, error) {
	var n int64
	err := db.tx(ctx, func(tx pgx.Tx) error {
		ep, err := db.findEndpoint(ctx, tx, tenantID, endpointID, false)
		if err != nil {
			return err
		}
		n, err = affected(tx.Exec(ctx, `UPDATE deliveries SET status = 'pending', `+store.FIFOAgain(ep.Ordering == herald.OrderingFIFO, dollar, 1, "::timestamptz")+`,
			lease_owner = NULL, updated_at = $1 WHERE endpoint_id = $2 AND status = 'failed' AND created_at >= $3 AND created_at < $4`,
			micro(now), endpointID, micro(since), micro(until)))
		if err != nil {
			return err
		}
		return settleFIFO(ctx, tx, []string{endpointID})
	})
	return int(n), err
}

// RequeueDelivery leases a delivery to owner for a manual attempt now.
func (db *DB) RequeueDelivery(ctx context.Context, tenantID, id, owner string, now, leaseUntil time.Time) (*store.Task, error) {
	var task *store.Task
	err := db.tx(ctx, func(tx pgx.Tx) error {
		d, err := findDelivery(ctx, tx, tenantID, id, true)
		if err != nil {
			return err
		}
		if err := store.CheckRequeue(d, now); err != nil {
			return err
		}
		// A FIFO endpoint's delivery waits for its turn, which may be now.
		var ordering string
		if err := tx.QueryRow(ctx, `SELECT ordering FROM endpoints WHERE id = $1`, d.EndpointID).Scan(&ordering); err != nil {
			return err
		}
		if ordering == herald.OrderingFIFO {
			if _, err := tx.Exec(ctx, `UPDATE deliveries SET status = 'pending', lease_owner = NULL, `+store.FIFOAgain(true, dollar, 1, "::timestamptz")+`,
				updated_at = $1 WHERE id = $2`, micro(now), id); err != nil {
				return err
			}
			if err := settleFIFO(ctx, tx, []string{d.EndpointID}); err != nil {
				return err
			}
		}
		n, err := affected(tx.Exec(ctx, `UPDATE deliveries SET status = 'pending', lease_owner = $1, next_attempt_at = $2, updated_at = $3
			WHERE id = $4 AND (fifo_seq IS NULL OR next_attempt_at IS NOT NULL)`, owner, micro(leaseUntil), micro(now), id))
		if err != nil || n == 0 {
			return err // waiting behind its endpoint's head: no task
		}
		ev, err := findEvent(ctx, tx, tenantID, d.EventID)
		if err != nil {
			return err
		}
		task = &store.Task{DeliveryID: d.ID, TenantID: d.TenantID, EndpointID: d.EndpointID, Attempts: d.Attempts,
			Event: ev, Trigger: herald.TriggerManual}
		return nil
	})
	return task, err
}

// TakeSendSlots takes send slots of a rate-limited endpoint. The upsert
// locks the endpoint's flow row: another node's take waits for this one.
func (db *DB) TakeSendSlots(ctx context.Context, endpointID string, l ratelimit.Limit, now time.Time, want int) (ratelimit.Decision, error) {
	var d ratelimit.Decision
	err := db.tx(ctx, func(tx pgx.Tx) error {
		last, err := lockRateTAT(ctx, tx, endpointID)
		if err != nil {
			return err
		}
		if d = ratelimit.Take(l, last, micro(now), want); !d.OK() {
			return nil
		}
		_, err = tx.Exec(ctx, `UPDATE endpoint_flow SET rate_tat = $1 WHERE endpoint_id = $2`, d.TAT, endpointID)
		return err
	})
	return d, err
}

// PauseSends holds a rate-limited endpoint's slots until until.
func (db *DB) PauseSends(ctx context.Context, endpointID string, l ratelimit.Limit, until time.Time) error {
	return db.tx(ctx, func(tx pgx.Tx) error {
		last, err := lockRateTAT(ctx, tx, endpointID)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE endpoint_flow SET rate_tat = $1 WHERE endpoint_id = $2`, ratelimit.Pause(l, last, micro(until)), endpointID)
		return err
	})
}

// lockRateTAT locks an endpoint's flow row, making it if need be, and
// returns its rate limit's TAT (zero when none is stored).
func lockRateTAT(ctx context.Context, tx pgx.Tx, endpointID string) (time.Time, error) {
	var tat *time.Time
	err := tx.QueryRow(ctx, `INSERT INTO endpoint_flow (endpoint_id) VALUES ($1)
		ON CONFLICT (endpoint_id) DO UPDATE SET endpoint_id = excluded.endpoint_id RETURNING rate_tat`, endpointID).Scan(&tat)
	if isForeignKeyViolation(err) {
		return time.Time{}, notFound("endpoint", endpointID)
	}
	if err != nil || tat == nil {
		return time.Time{}, err
	}
	return utc(*tat), nil
}

// FindFIFOHead reads a FIFO endpoint's head and how many wait behind it.
func (db *DB) FindFIFOHead(ctx context.Context, tenantID, endpointID string) (*herald.Delivery, int, error) {
	if _, err := db.findEndpoint(ctx, db.pool, tenantID, endpointID, false); err != nil {
		return nil, 0, err
	}
	var waiting int
	if err := db.pool.QueryRow(ctx, store.FIFOWaitingQuery(dollar), endpointID).Scan(&waiting); err != nil {
		return nil, 0, err
	}
	head, err := scanDelivery(db.pool.QueryRow(ctx, store.FIFOHeadQuery(sqlcols.Qualified(sqlcols.Delivery, "d"), dollar), endpointID))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, waiting, nil
	}
	return head, waiting, err
}
