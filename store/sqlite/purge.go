package sqlite

import (
	"context"
	"errors"
	"time"

	"github.com/heraldhq/herald/store"
)

// purgeChunk bounds the events, or the jobs, that one writer transaction
// deletes (each event with its deliveries and attempts), so that a purge
// holds the single writer for a few milliseconds at a time and ingest and
// completions go on between its chunks.
const purgeChunk = 100

// Purge deletes ended history older than before, across tenants in time
// order. Candidates are found on a reader, outside the writer, on the
// events_created and jobs_finished indexes and the (tenant_id, event_id)
// index of deliveries; each chunk is then deleted in a writer transaction
// that checks again that nothing became due meanwhile (a replay, a manual
// retry). Deleting an event deletes its deliveries and attempts (foreign
// keys). The cost follows what is deleted and the old events kept because
// they still have deliveries to make, never the number of tenants.
func (db *DB) Purge(ctx context.Context, before time.Time, limit int) (store.Purged, error) {
	var p store.Purged
	events, err := db.candidates(ctx, `SELECT e.tenant_id, e.id, '' FROM events e
		WHERE e.created_at < ? AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.tenant_id = e.tenant_id AND d.event_id = e.id
			AND d.status IN ('pending', 'paused'))
			AND NOT EXISTS (SELECT 1 FROM fanouts f WHERE f.tenant_id = e.tenant_id AND f.event_id = e.id)
		ORDER BY e.created_at LIMIT ?`, before, limit)
	if err != nil {
		return p, err
	}
	for chunk := range chunks(events) {
		n, err := db.deleteChunk(chunk, `DELETE FROM events WHERE tenant_id = ? AND id = ?
			AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.tenant_id = events.tenant_id AND d.event_id = events.id
				AND d.status IN ('pending', 'paused'))
			AND NOT EXISTS (SELECT 1 FROM fanouts f WHERE f.tenant_id = events.tenant_id AND f.event_id = events.id)`, nil)
		p.Events += n
		if err != nil {
			return p, err
		}
	}
	jobs, err := db.candidates(ctx, `SELECT j.tenant_id, j.id, j.callback_endpoint_id FROM jobs j
		LEFT JOIN deliveries d ON d.id = j.callback_delivery_id
		WHERE j.finished_at < ? AND (d.id IS NULL OR d.status NOT IN ('pending', 'paused'))
		ORDER BY j.finished_at LIMIT ?`, before, limit)
	if err != nil {
		return p, err
	}
	for chunk := range chunks(jobs) {
		n, err := db.deleteChunk(chunk, `DELETE FROM jobs WHERE tenant_id = ? AND id = ?
			AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.id = jobs.callback_delivery_id AND d.status IN ('pending', 'paused'))`,
			// A job's callback endpoint goes with it.
			func(tx wtx, c candidate) error {
				if c.callback == "" {
					return nil
				}
				_, err := tx.Exec(`DELETE FROM endpoints WHERE id = ? AND job_id = ?`, c.callback, c.id)
				return err
			})
		p.Jobs += n
		if err != nil {
			return p, err
		}
	}
	// Portal sessions that ended before the cutoff (refused since), found
	// on a reader so that a purge with none to delete takes no writer.
	var ended int
	if err := db.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM api_keys WHERE session AND expires_at < ? LIMIT 1)`, us(before)).Scan(&ended); err != nil || ended == 0 {
		return p, err
	}
	err = db.writer.do(func(tx wtx) error {
		res, err := tx.Exec(`DELETE FROM api_keys WHERE id IN
			(SELECT id FROM api_keys WHERE session AND expires_at < ? LIMIT ?)`, us(before), limit)
		if err == nil {
			n, _ := res.RowsAffected()
			p.Sessions = int(n)
		}
		return err
	})
	return p, err
}

// candidate is a row retention may delete: a tenant's event or job, and a
// job's callback endpoint.
type candidate struct{ tenant, id, callback string }

// candidates reads up to limit candidates with q, which takes before and
// limit.
func (db *DB) candidates(ctx context.Context, q string, before time.Time, limit int) ([]candidate, error) {
	rows, err := db.query(ctx, q, us(before), limit)
	if err != nil {
		return nil, err
	}
	var out []candidate
	for rows.Next() {
		var c candidate
		if err := rows.Scan(&c.tenant, &c.id, &c.callback); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, c)
	}
	return out, errors.Join(rows.Err(), rows.Close())
}

// chunks yields list in pieces of purgeChunk.
func chunks(list []candidate) func(yield func([]candidate) bool) {
	return func(yield func([]candidate) bool) {
		for len(list) > 0 {
			n := min(purgeChunk, len(list))
			if !yield(list[:n]) {
				return
			}
			list = list[n:]
		}
	}
}

// deleteChunk deletes each candidate with del (which takes tenant and id
// and checks again that it may go) in one writer transaction, calls also
// for each one deleted, and returns how many were.
func (db *DB) deleteChunk(chunk []candidate, del string, also func(wtx, candidate) error) (int, error) {
	var n int
	err := db.writer.do(func(tx wtx) error {
		n = 0
		for _, c := range chunk {
			res, err := tx.Exec(del, c.tenant, c.id)
			if err != nil {
				return err
			}
			if k, _ := res.RowsAffected(); k == 0 {
				continue // it became due again: kept
			}
			if also != nil {
				if err := also(tx, c); err != nil {
					return err
				}
			}
			n++
		}
		return nil
	})
	return n, err
}
