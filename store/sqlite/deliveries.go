package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/health"
	"github.com/heraldhq/herald/ratelimit"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/internal/sqlcols"
)

func scanDelivery(row rowScanner) (*herald.Delivery, error) {
	return scanDeliveryAnd(row)
}

// scanListedDelivery reads a delivery with its event's type.
func scanListedDelivery(row rowScanner) (*herald.Delivery, error) {
	var typ sql.NullString
	d, err := scanDeliveryAnd(row, &typ)
	if d != nil {
		d.EventType = typ.String
	}
	return d, err
}

// scanDeliveryAnd reads a delivery's columns, then into extra the ones
// the query selects after them.
func scanDeliveryAnd(row rowScanner, extra ...any) (*herald.Delivery, error) {
	var d herald.Delivery
	var status string
	var next sql.NullInt64
	var owner sql.NullString
	var created, updated int64
	err := row.Scan(append([]any{&d.ID, &d.TenantID, &d.EventID, &d.EndpointID, &status, &d.Attempts, &next, &owner,
		&d.LastStatusCode, &d.LastError, &created, &updated}, extra...)...)
	if err != nil {
		return nil, err
	}
	d.Status, d.LeaseOwner = herald.DeliveryStatus(status), owner.String
	if next.Valid {
		t := fromUS(next.Int64)
		d.NextAttemptAt = &t
	}
	d.CreatedAt, d.UpdatedAt = fromUS(created), fromUS(updated)
	return &d, nil
}

// FindDeliveryByID returns one of a tenant's deliveries.
func (db *DB) FindDeliveryByID(ctx context.Context, tenantID, id string) (*herald.Delivery, error) {
	return findDelivery(ctx, readQ{db}, tenantID, id)
}

func findDelivery(ctx context.Context, q queryer, tenantID, id string) (*herald.Delivery, error) {
	d, err := scanDelivery(q.QueryRowContext(ctx, `SELECT `+sqlcols.Delivery+` FROM deliveries WHERE id = ? AND tenant_id = ?`, id, tenantID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("delivery", id)
	}
	return d, err
}

// FindDeliveries lists a tenant's deliveries, newest first.
func (db *DB) FindDeliveries(ctx context.Context, f store.DeliveryFilter) ([]*herald.Delivery, string, error) {
	if f.EventType != "" {
		return db.findDeliveriesOfType(ctx, f)
	}
	conds, args := []string{`tenant_id = ?`}, []any{f.TenantID}
	if f.EndpointID != "" {
		conds, args = append(conds, `endpoint_id = ?`), append(args, f.EndpointID)
	}
	if f.EventID != "" {
		conds, args = append(conds, `event_id = ?`), append(args, f.EventID)
	}
	if f.Status != "" {
		conds, args = append(conds, `status = ?`), append(args, string(f.Status))
		if f.Status != herald.DeliverySucceeded {
			// The term of the partial index deliveries_unsettled, word for
			// word, so that the planner may use it.
			conds = append(conds, `status IN ('pending', 'paused', 'failed')`)
		}
	}
	if !f.After.IsZero() {
		conds, args = append(conds, `created_at >= ?`), append(args, us(f.After))
	}
	if !f.Before.IsZero() {
		conds, args = append(conds, `created_at < ?`), append(args, us(f.Before))
	}
	return findPage(ctx, db, `SELECT `+sqlcols.Delivery+`, `+fmt.Sprintf(sqlcols.DeliveryEventType, "deliveries.")+` FROM deliveries`,
		conds, args, f.Page, scanListedDelivery, func(d *herald.Delivery) (time.Time, string) { return d.CreatedAt, d.ID })
}

// findDeliveriesOfType lists the deliveries of events of one type: the
// tenant's events of it walked newest first on events_type (CROSS JOIN
// keeps that loop outside), each one's deliveries on deliveries_event,
// sorted only within the event.
func (db *DB) findDeliveriesOfType(ctx context.Context, f store.DeliveryFilter) ([]*herald.Delivery, string, error) {
	conds, args := []string{`e.tenant_id = ?`, `e.type = ?`}, []any{f.TenantID, f.EventType}
	for _, c := range [][2]string{{"d.endpoint_id", f.EndpointID}, {"d.event_id", f.EventID}, {"d.status", string(f.Status)}} {
		if c[1] != "" {
			conds, args = append(conds, c[0]+` = ?`), append(args, c[1])
		}
	}
	if !f.After.IsZero() {
		conds, args = append(conds, `e.created_at >= ?`), append(args, us(f.After))
	}
	if !f.Before.IsZero() {
		conds, args = append(conds, `e.created_at < ?`), append(args, us(f.Before))
	}
	if f.Page.Cursor != "" {
		ts, ev, d, err := store.DecodeEventTypeCursor(f.Page.Cursor)
		if err != nil {
			return nil, "", err
		}
		conds = append(conds, `(e.created_at < ? OR (e.created_at = ? AND (e.id < ? OR (e.id = ? AND d.id < ?))))`)
		args = append(args, us(ts), us(ts), ev, ev, d)
	}
	rows, err := db.query(ctx, `SELECT `+sqlcols.Qualified(sqlcols.Delivery, "d")+`, e.type, e.created_at
		FROM events e CROSS JOIN deliveries d ON d.tenant_id = e.tenant_id AND d.event_id = e.id
		WHERE `+strings.Join(conds, ` AND `)+` ORDER BY e.created_at DESC, e.id DESC, d.id DESC LIMIT ?`, append(args, f.Page.Size()+1)...)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	return store.ReadEventTypePage(rows, func() (*herald.Delivery, time.Time, error) {
		var created int64
		d, err := scanDeliveryAnd(rows, new(string), &created)
		return d, fromUS(created), err
	}, f)
}

// FindAttempts lists a delivery's attempts, oldest first.
func (db *DB) FindAttempts(ctx context.Context, deliveryID string) ([]*herald.Attempt, error) {
	rows, err := db.query(ctx, `SELECT id, delivery_id, started_at, duration_us, status_code, response_body, error, trigger, request
		FROM attempts WHERE delivery_id = ? ORDER BY id`, deliveryID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*herald.Attempt
	for rows.Next() {
		var a herald.Attempt
		var started, dur int64
		var trigger string
		var req sql.NullString
		if err := rows.Scan(&a.ID, &a.DeliveryID, &started, &dur, &a.StatusCode, &a.ResponseBody, &a.Error, &trigger, &req); err != nil {
			return nil, err
		}
		a.StartedAt, a.Duration, a.Trigger = fromUS(started), time.Duration(dur)*time.Microsecond, herald.Trigger(trigger)
		if a.Request, err = store.DecodeNullJSON[*herald.AttemptRequest](&req.String, "an attempt's request"); err != nil {
			return nil, err
		}
		out = append(out, &a)
	}
	return out, rows.Err()
}

// claimQuery returns the due deliveries a claim takes, each with its
// event, earliest due first (then by id), passing over the endpoints in
// the JSON array @skip, at most @limit.
//
// Ordered by time, the due index made a claim walk the due deliveries of
// every endpoint it passed over before the others' (issue 30): hanging or
// failing endpoints, whose shares of memory are full, hold the largest and
// oldest backlogs. The index leads with the endpoint instead, and the
// claim merges endpoints' queues, each read only as far as it contributes:
//
//   - eps walks the endpoints with pending deliveries, one seek each (a
//     skip scan: the next endpoint id after the last);
//   - due starts from the head of each endpoint not skipped and, a
//     recursive query whose queue is ordered (ORDER BY on the recursive
//     part), always takes the earliest row queued and queues that
//     endpoint's next due delivery after it, until @limit rows are
//     taken.
//
// So a claim reads one head per endpoint with pending deliveries and one
// row per delivery it takes, however many are due behind the heads of the
// endpoints it skips. The next row after (at, id) is looked for at the
// same instant first, then after it: the row value (at, id) > (…) alone
// is searched on next_attempt_at only, and walked every delivery due at
// one instant (a batch's) once per row taken.
const claimQuery = `WITH RECURSIVE
	eps(ep) AS (
		SELECT (SELECT min(endpoint_id) FROM deliveries WHERE status = 'pending')
		UNION ALL
		SELECT (SELECT min(endpoint_id) FROM deliveries WHERE status = 'pending' AND endpoint_id > eps.ep)
		FROM eps WHERE eps.ep IS NOT NULL
	),
	due(ep, at, id, tenant_id, event_id, attempts) AS (
		SELECT eps.ep, h.next_attempt_at, h.id, h.tenant_id, h.event_id, h.attempts
		FROM eps JOIN deliveries h ON h.id = (
			SELECT d.id FROM deliveries d WHERE d.status = 'pending' AND d.endpoint_id = eps.ep AND d.next_attempt_at <= @now
			ORDER BY d.next_attempt_at, d.id LIMIT 1)
		WHERE eps.ep IS NOT NULL AND eps.ep NOT IN (SELECT value FROM json_each(@skip))
		UNION ALL
		SELECT due.ep, n.next_attempt_at, n.id, n.tenant_id, n.event_id, n.attempts
		FROM due JOIN deliveries n ON n.id = coalesce(
			(SELECT d.id FROM deliveries d WHERE d.status = 'pending' AND d.endpoint_id = due.ep AND d.next_attempt_at = due.at
				AND d.id > due.id ORDER BY d.id LIMIT 1),
			(SELECT d.id FROM deliveries d WHERE d.status = 'pending' AND d.endpoint_id = due.ep AND d.next_attempt_at > due.at
				AND d.next_attempt_at <= @now ORDER BY d.next_attempt_at, d.id LIMIT 1))
		ORDER BY 2, 3
		LIMIT @limit
	)
	SELECT due.id, due.tenant_id, due.ep, due.attempts, due.at, e.id, e.type, e.channels, e.data, e.created_at, e.trace_parent
	FROM due JOIN events e ON e.tenant_id = due.tenant_id AND e.id = due.event_id
	ORDER BY due.at, due.id`

// ClaimDeliveries leases due deliveries to owner. The writer is the only
// writer, so reading the due rows and then leasing them in the same
// transaction cannot race with another claim.
func (db *DB) ClaimDeliveries(ctx context.Context, owner string, now, leaseUntil time.Time, limit int, skip []string) ([]*store.Task, error) {
	if skip == nil {
		skip = []string{}
	}
	list, err := json.Marshal(skip)
	if err != nil {
		return nil, err
	}
	args := []any{sql.Named("now", us(now)), sql.Named("skip", string(list)), sql.Named("limit", limit)}
	var tasks []*store.Task
	err = db.writer.do(func(tx wtx) error {
		tasks = tasks[:0]
		rows, err := tx.Query(claimQuery, args...)
		if err != nil {
			return err
		}
		events := make(map[[2]string]*herald.Event)
		for rows.Next() {
			t := &store.Task{Trigger: herald.TriggerScheduled}
			var evID, evType, channels string
			var data []byte
			var due, created int64
			var traceParent sql.NullString
			if err := rows.Scan(&t.DeliveryID, &t.TenantID, &t.EndpointID, &t.Attempts, &due, &evID, &evType, &channels, &data, &created, &traceParent); err != nil {
				rows.Close()
				return err
			}
			t.Due = fromUS(due)
			k := [2]string{t.TenantID, evID}
			if t.Event = events[k]; t.Event == nil {
				t.Event = &herald.Event{ID: evID, TenantID: t.TenantID, Type: evType, Data: data, CreatedAt: fromUS(created), TraceParent: traceParent.String}
				if err := json.Unmarshal([]byte(channels), &t.Event.Channels); err != nil {
					rows.Close()
					return err
				}
				events[k] = t.Event
			}
			tasks = append(tasks, t)
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return err
		}
		ids := make([]string, len(tasks))
		for i, t := range tasks {
			ids[i] = t.DeliveryID
		}
		return updateByIDs(tx, `UPDATE deliveries SET lease_owner = ?, next_attempt_at = ? FROM (`,
			`) AS v WHERE deliveries.id = v.column1`, []any{owner, us(leaseUntil)}, ids)
	})
	return tasks, err
}

// nextDueQuery is NextDueAt's: the earliest head of the endpoints with
// pending deliveries, found with one seek each on the due index, which
// leads with the endpoint (claimQuery), and the oldest deferred fan-out.
const nextDueQuery = `WITH RECURSIVE eps(ep) AS (
		SELECT (SELECT min(endpoint_id) FROM deliveries WHERE status = 'pending')
		UNION ALL
		SELECT (SELECT min(endpoint_id) FROM deliveries WHERE status = 'pending' AND endpoint_id > eps.ep)
		FROM eps WHERE eps.ep IS NOT NULL
	)
	SELECT min(t) FROM (
		SELECT (SELECT min(next_attempt_at) FROM deliveries WHERE status = 'pending' AND endpoint_id = eps.ep) AS t
		FROM eps WHERE eps.ep IS NOT NULL
		UNION ALL SELECT min(created_at) FROM fanouts)`

// NextDueAt returns when the earliest delivery not yet attempted became
// due, written or deferred (store.Store).
func (db *DB) NextDueAt(ctx context.Context) (time.Time, bool, error) {
	var next sql.NullInt64
	err := db.queryRow(ctx, nextDueQuery).Scan(&next)
	if err != nil || !next.Valid {
		return time.Time{}, false, err
	}
	return fromUS(next.Int64), true, nil
}

// ExtendLeases moves owner's leases on ids to until.
func (db *DB) ExtendLeases(ctx context.Context, owner string, ids []string, until time.Time) error {
	return db.writer.do(func(tx wtx) error {
		return updateByIDs(tx, `UPDATE deliveries SET next_attempt_at = ? FROM (`,
			`) AS v WHERE deliveries.id = v.column1 AND lease_owner = ? AND status = 'pending'`,
			[]any{us(until)}, ids, owner)
	})
}

// ReleaseLeases gives up owner's leases, making the deliveries due at at.
func (db *DB) ReleaseLeases(ctx context.Context, owner string, ids []string, at time.Time) error {
	return db.writer.do(func(tx wtx) error {
		if ids == nil {
			_, err := tx.Exec(`UPDATE deliveries SET lease_owner = NULL, next_attempt_at = ? WHERE lease_owner = ? AND status = 'pending'`, us(at), owner)
			return err
		}
		return updateByIDs(tx, `UPDATE deliveries SET lease_owner = NULL, next_attempt_at = ? FROM (`,
			`) AS v WHERE deliveries.id = v.column1 AND lease_owner = ? AND status = 'pending'`,
			[]any{us(at)}, ids, owner)
	})
}

// updateByIDs runs head VALUES (id), ... tail for ids, in multi-row
// statements of the fixed sizes inserts use: one statement per row cost
// more than the rows' own writes. The placeholders of head take before,
// and the placeholder of tail (if any) takes after.
func updateByIDs(tx wtx, head, tail string, before []any, ids []string, after ...any) error {
	args := make([]any, 0, len(before)+min(len(ids), insertChunks[0])+len(after))
	for len(ids) > 0 {
		n := chunk(len(ids))
		args = append(args[:0], before...)
		for _, id := range ids[:n] {
			args = append(args, id)
		}
		args = append(args, after...)
		ids = ids[n:]
		if _, err := tx.Exec(valuesSQL(head, 1, n, tail), args...); err != nil {
			return err
		}
	}
	return nil
}

// Plain completions share one INSERT and one UPDATE per chunk, of these
// sizes, largest first: per-statement overhead, not rows, dominated the
// writer's time. Fewer than the smallest are written one by one.
var completeChunks = []int{32, 8}

const (
	insertAttemptsHead   = `INSERT INTO attempts (id, delivery_id, started_at, duration_us, status_code, response_body, error, trigger, request)`
	updateDeliveriesHead = `UPDATE deliveries SET status = v.column2, attempts = attempts + 1, next_attempt_at = v.column3,
		lease_owner = NULL, last_status_code = v.column4, last_error = v.column5, updated_at = v.column6
		FROM (`
	updateDeliveriesTail = `) AS v WHERE deliveries.id = v.column1 AND deliveries.lease_owner = v.column7`
)

// CompleteAttempts records attempts and their consequences.
func (db *DB) CompleteAttempts(ctx context.Context, cs []store.Completion) ([]store.Disabled, error) {
	now := us(db.now())
	var disabled []store.Disabled
	err := db.writer.do(func(tx wtx) error {
		disabled = disabled[:0]
		// Plain completions (an attempt, nothing else to do) go in chunks;
		// the rest, and the remainder, one by one.
		var plain, single []store.Completion
		for _, c := range cs {
			if c.Attempt != nil && c.DisableEndpoint == "" {
				plain = append(plain, c)
			} else {
				single = append(single, c)
			}
		}
		for _, size := range completeChunks {
			for len(plain) >= size {
				chunk := plain[:size]
				plain = plain[size:]
				ok, err := completeChunkOf(tx, chunk, now)
				if err != nil {
					return err
				}
				if !ok {
					single = append(single, chunk...)
				}
			}
		}
		single = append(single, plain...)
		for _, c := range single {
			d, err := completeOne(tx, c, now)
			if err != nil {
				return err
			}
			if d != nil {
				disabled = append(disabled, *d)
			}
		}
		more, err := countFailures(tx, cs, now)
		disabled = append(disabled, more...)
		if err != nil {
			return err
		}
		ended, endpoints := store.SettleAfter(cs)
		if len(ended) > 0 {
			if _, err := tx.Exec(store.FIFOLeaveQuery(`id IN (SELECT value FROM json_each(?))`), store.JSONText(ended)); err != nil {
				return err
			}
		}
		return settleFIFO(tx, endpoints)
	})
	if err != nil {
		return nil, err
	}
	return disabled, nil
}

// FindEndpointStats reads an endpoint's health rollup.
func (db *DB) FindEndpointStats(ctx context.Context, endpointID string, span time.Duration, from, till time.Time) ([]health.Row, error) {
	return db.findStats(ctx, `SELECT `+store.StatsColumns+` FROM endpoint_stats
		WHERE endpoint_id = ? AND span = ? AND start >= ? AND start < ? ORDER BY start`,
		endpointID, int64(span/time.Second), from.Unix(), till.Unix())
}

func (db *DB) findStats(ctx context.Context, q string, args ...any) ([]health.Row, error) {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []health.Row
	for rows.Next() {
		r, err := store.ScanStats(rows.Scan)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// FindTenantStats sums a tenant's endpoints' rollup per bucket.
func (db *DB) FindTenantStats(ctx context.Context, tenantID string, span time.Duration, from, till time.Time) ([]health.Row, error) {
	return db.findStats(ctx, store.TenantStatsQuery(question), tenantID, int64(span/time.Second), from.Unix(), till.Unix())
}

// PurgeEndpointStats deletes old rows of the rollup, found on a reader
// first so that a purge with nothing to delete takes no writer.
func (db *DB) PurgeEndpointStats(ctx context.Context, span time.Duration, before time.Time, limit int) (int, error) {
	var old int
	if err := db.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM endpoint_stats WHERE span = ? AND start < ? LIMIT 1)`,
		int64(span/time.Second), before.Unix()).Scan(&old); err != nil || old == 0 {
		return 0, err
	}
	var n int64
	err := db.writer.do(func(tx wtx) error {
		res, err := tx.Exec(`DELETE FROM endpoint_stats WHERE (endpoint_id, span, start) IN
			(SELECT endpoint_id, span, start FROM endpoint_stats WHERE span = ? AND start < ? LIMIT ?)`,
			int64(span/time.Second), before.Unix(), limit)
		if err == nil {
			n, err = res.RowsAffected()
		}
		return err
	})
	return int(n), err
}

// AddEndpointStats adds rows to the endpoints' health rollup, in one
// transaction.
func (db *DB) AddEndpointStats(ctx context.Context, rows []health.Row) error {
	return db.writer.do(func(tx wtx) error {
		return store.InStatsChunks(rows, func(chunk []health.Row) error {
			_, err := tx.Exec(store.StatsUpsert(len(chunk), func(int) string { return "?" }), store.StatsArgs(chunk)...)
			return err
		})
	})
}

// countFailures moves each endpoint's count of failed deliveries in a row
// by the deliveries that ended in cs, in order, and disables the endpoints
// that reach their limit.
func countFailures(tx wtx, cs []store.Completion, now int64) ([]store.Disabled, error) {
	var disabled []store.Disabled
	for _, t := range store.FailureTallies(cs) {
		id := t.EndpointID
		var err error
		switch {
		case t.Reset:
			// Most batches are all successes to endpoints already at 0: the
			// condition keeps those rows, and their pages, untouched.
			_, err = tx.Exec(`UPDATE endpoints SET consecutive_failures = ? WHERE id = ? AND consecutive_failures != ?`, t.Fails, id, t.Fails)
		case t.Fails > 0:
			_, err = tx.Exec(`UPDATE endpoints SET consecutive_failures = consecutive_failures + ? WHERE id = ?`, t.Fails, id)
		}
		if err != nil {
			return nil, err
		}
		if t.Fails == 0 {
			continue
		}
		var tenant string
		var count, limit int
		var off bool
		err = tx.QueryRow(`SELECT tenant_id, consecutive_failures, disable_after_failures, disabled FROM endpoints WHERE id = ?`, id).
			Scan(&tenant, &count, &limit, &off)
		if errors.Is(err, sql.ErrNoRows) {
			continue // deleted meanwhile
		}
		if err != nil {
			return nil, err
		}
		if limit > 0 && count >= limit && !off {
			reason := store.DisableReason(count)
			if err := disableEndpoint(tx, id, reason, now); err != nil {
				return nil, err
			}
			disabled = append(disabled, store.Disabled{TenantID: tenant, EndpointID: id, Reason: reason, At: fromUS(now)})
		}
	}
	return disabled, nil
}

// disableEndpoint disables an endpoint and pauses its pending deliveries.
func disableEndpoint(tx wtx, id, reason string, now int64) error {
	if _, err := tx.Exec(`UPDATE endpoints SET disabled = 1, disabled_reason = ?, updated_at = ? WHERE id = ?`, reason, now, id); err != nil {
		return err
	}
	return pauseDeliveries(tx, id, fromUS(now))
}

// ReplayDeliveries makes an endpoint's failed deliveries due again.
func (db *DB) ReplayDeliveries(ctx context.Context, tenantID, endpointID string, since, until, now time.Time) (int, error) {
	var n int64
	err := db.writer.do(func(tx wtx) error {
		ep, err := db.findEndpoint(ctx, tx, tenantID, endpointID)
		if err != nil {
			return err
		}
		fifo := ep.Ordering == herald.OrderingFIFO
		res, err := tx.Exec(`UPDATE deliveries SET status = 'pending', `+store.FIFOAgain(fifo, question, 1, "")+`,
			lease_owner = NULL, updated_at = ? WHERE endpoint_id = ? AND status = 'failed' AND created_at >= ? AND created_at < ?`,
			us(now), us(now), endpointID, us(since), us(until))
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		return settleFIFO(tx, []string{endpointID})
	})
	return int(n), err
}

// completeChunkOf writes completeChunk plain completions with two
// statements. It reports false, having written nothing, when one of the
// deliveries no longer exists, so the caller can go one by one.
func completeChunkOf(tx wtx, cs []store.Completion, now int64) (bool, error) {
	args := make([]any, 0, 9*len(cs))
	for _, c := range cs {
		a := c.Attempt
		args = append(args, a.ID, c.DeliveryID, us(a.StartedAt), a.Duration.Microseconds(), a.StatusCode, a.ResponseBody, a.Error, string(a.Trigger),
			store.NullJSON(a.Request, a.Request == nil))
	}
	if _, err := tx.Exec(`SAVEPOINT chunk`); err != nil {
		return false, err
	}
	if _, err := tx.Exec(valuesSQL(insertAttemptsHead, 9, len(cs), ""), args...); err != nil {
		if _, rerr := tx.Exec(`ROLLBACK TO chunk`); rerr != nil {
			return false, rerr
		}
		_, rerr := tx.Exec(`RELEASE chunk`)
		if isForeignKeyViolation(err) {
			return false, rerr
		}
		return false, errors.Join(err, rerr)
	}
	args = args[:0]
	for _, c := range cs {
		var next sql.NullInt64
		if c.Status == herald.DeliveryPending {
			next = nullUS(c.NextAttemptAt)
		}
		args = append(args, c.DeliveryID, string(c.Status), next, c.Attempt.StatusCode, c.Attempt.Error, now, c.Owner)
	}
	if _, err := tx.Exec(valuesSQL(updateDeliveriesHead, 7, len(cs), updateDeliveriesTail), args...); err != nil {
		return false, err
	}
	_, err := tx.Exec(`RELEASE chunk`)
	return true, err
}

// completeOne writes one completion, whatever it asks for, and returns the
// endpoint it disabled, if any.
func completeOne(tx wtx, c store.Completion, now int64) (*store.Disabled, error) {
	inc := 0
	if a := c.Attempt; a != nil {
		inc = 1
		_, err := tx.Exec(`INSERT INTO attempts (id, delivery_id, started_at, duration_us, status_code, response_body, error, trigger, request)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.ID, c.DeliveryID, us(a.StartedAt), a.Duration.Microseconds(), a.StatusCode, a.ResponseBody, a.Error, string(a.Trigger),
			store.NullJSON(a.Request, a.Request == nil))
		if isForeignKeyViolation(err) {
			return nil, nil // the delivery was deleted with its endpoint meanwhile
		}
		if err != nil {
			return nil, err
		}
	}
	var next sql.NullInt64
	if c.Status == herald.DeliveryPending {
		next = nullUS(c.NextAttemptAt)
	}
	var code int
	var msg string
	if c.Attempt != nil {
		code, msg = c.Attempt.StatusCode, c.Attempt.Error
	}
	res, err := tx.Exec(`UPDATE deliveries SET status = ?, attempts = attempts + ?, next_attempt_at = ?, lease_owner = NULL,
		last_status_code = CASE WHEN ? THEN ? ELSE last_status_code END,
		last_error = CASE WHEN ? THEN ? ELSE last_error END, updated_at = ?
		WHERE id = ? AND lease_owner = ?`,
		string(c.Status), inc, next, inc == 1, code, inc == 1, msg, now, c.DeliveryID, c.Owner)
	if err != nil || c.DisableEndpoint == "" {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, nil // lost the lease: another node decides now
	}
	var endpointID, tenant string
	if err := tx.QueryRow(`SELECT endpoint_id, tenant_id FROM deliveries WHERE id = ?`, c.DeliveryID).Scan(&endpointID, &tenant); err != nil {
		return nil, err
	}
	if err := disableEndpoint(tx, endpointID, c.DisableEndpoint, now); err != nil {
		return nil, err
	}
	return &store.Disabled{TenantID: tenant, EndpointID: endpointID, Reason: c.DisableEndpoint, At: fromUS(now)}, nil
}

// RequeueDelivery leases a delivery to owner for a manual attempt now.
func (db *DB) RequeueDelivery(ctx context.Context, tenantID, id, owner string, now, leaseUntil time.Time) (*store.Task, error) {
	var task *store.Task
	err := db.writer.do(func(tx wtx) error {
		d, err := findDelivery(ctx, tx, tenantID, id)
		if err != nil {
			return err
		}
		if err := store.CheckRequeue(d, now); err != nil {
			return err
		}
		// A FIFO endpoint's delivery waits for its turn, which may be now.
		var ordering string
		if err := tx.QueryRow(`SELECT ordering FROM endpoints WHERE id = ?`, d.EndpointID).Scan(&ordering); err != nil {
			return err
		}
		if ordering == herald.OrderingFIFO {
			if _, err := tx.Exec(`UPDATE deliveries SET status = 'pending', lease_owner = NULL, `+store.FIFOAgain(true, question, 1, "")+`,
				updated_at = ? WHERE id = ?`, us(now), us(now), id); err != nil {
				return err
			}
			if err := settleFIFO(tx, []string{d.EndpointID}); err != nil {
				return err
			}
		}
		res, err := tx.Exec(`UPDATE deliveries SET status = 'pending', lease_owner = ?, next_attempt_at = ?, updated_at = ?
			WHERE id = ? AND (fifo_seq IS NULL OR next_attempt_at IS NOT NULL)`, owner, us(leaseUntil), us(now), id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
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

// TakeSendSlots takes send slots of a rate-limited endpoint.
func (db *DB) TakeSendSlots(ctx context.Context, endpointID string, l ratelimit.Limit, now time.Time, want int) (ratelimit.Decision, error) {
	var d ratelimit.Decision
	err := db.writer.do(func(tx wtx) error {
		last, err := rateTAT(tx, endpointID)
		if err != nil {
			return err
		}
		if d = ratelimit.Take(l, last, now, want); !d.OK() {
			return nil
		}
		return setRateTAT(tx, endpointID, d.TAT)
	})
	return d, err
}

// PauseSends holds a rate-limited endpoint's slots until until.
func (db *DB) PauseSends(ctx context.Context, endpointID string, l ratelimit.Limit, until time.Time) error {
	return db.writer.do(func(tx wtx) error {
		last, err := rateTAT(tx, endpointID)
		if err != nil {
			return err
		}
		return setRateTAT(tx, endpointID, ratelimit.Pause(l, last, until))
	})
}

// rateTAT reads an endpoint's stored rate-limit TAT (zero: none yet).
func rateTAT(tx wtx, endpointID string) (time.Time, error) {
	var tat sql.NullInt64
	err := tx.QueryRow(`SELECT rate_tat FROM endpoint_flow WHERE endpoint_id = ?`, endpointID).Scan(&tat)
	switch {
	case errors.Is(err, sql.ErrNoRows) || err == nil && !tat.Valid:
		return time.Time{}, nil
	case err != nil:
		return time.Time{}, err
	}
	return fromUS(tat.Int64), nil
}

func setRateTAT(tx wtx, endpointID string, tat time.Time) error {
	_, err := tx.Exec(`INSERT INTO endpoint_flow (endpoint_id, rate_tat) VALUES (?, ?)
		ON CONFLICT (endpoint_id) DO UPDATE SET rate_tat = excluded.rate_tat`, endpointID, us(tat))
	if isForeignKeyViolation(err) {
		return notFound("endpoint", endpointID)
	}
	return err
}

// FindFIFOHead reads a FIFO endpoint's head and how many wait behind it.
func (db *DB) FindFIFOHead(ctx context.Context, tenantID, endpointID string) (*herald.Delivery, int, error) {
	if _, err := db.findEndpoint(ctx, readQ{db}, tenantID, endpointID); err != nil {
		return nil, 0, err
	}
	var waiting int
	if err := db.queryRow(ctx, store.FIFOWaitingQuery(question), endpointID).Scan(&waiting); err != nil {
		return nil, 0, err
	}
	head, err := scanDelivery(db.queryRow(ctx, store.FIFOHeadQuery(sqlcols.Qualified(sqlcols.Delivery, "d"), question), endpointID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, waiting, nil
	}
	return head, waiting, err
}
