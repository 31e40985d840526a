package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/heraldhq/herald/store"
)

// Purge deletes ended history older than before, across tenants in time
// order on the events_created and jobs_finished indexes, in one
// transaction of at most limit events and limit jobs: its cost follows
// what it deletes (and the old events kept because they still have
// deliveries to make), never the number of tenants. Several nodes may purge
// at once: candidates are locked with SKIP LOCKED. The deliveries of each
// candidate are locked before the delete checks them again, so a delivery
// made due meanwhile (a replay, a manual retry) keeps its event. The
// delete finds the locked candidates by their row addresses (ctid, which
// their lock keeps), so that no plan can join them to the whole table: a
// hash join did, scanning every event for every batch.
func (db *DB) Purge(ctx context.Context, before time.Time, limit int) (store.Purged, error) {
	var p store.Purged
	err := db.tx(ctx, func(tx pgx.Tx) error {
		p = store.Purged{}
		n, err := affected(tx.Exec(ctx, `WITH cand AS (
				SELECT e.ctid AS row, e.tenant_id, e.id FROM events e
				WHERE e.created_at < $1
				AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.tenant_id = e.tenant_id AND d.event_id = e.id
					AND d.status IN ('pending', 'paused'))
				AND NOT EXISTS (SELECT 1 FROM fanouts f WHERE f.tenant_id = e.tenant_id AND f.event_id = e.id)
				ORDER BY e.created_at LIMIT $2 FOR UPDATE SKIP LOCKED
			), live AS (
				SELECT d.tenant_id, d.event_id, d.status FROM deliveries d
				WHERE (d.tenant_id, d.event_id) IN (SELECT tenant_id, id FROM cand)
				ORDER BY d.id FOR UPDATE OF d
			)
			DELETE FROM events e WHERE e.ctid = ANY(ARRAY(
				SELECT c.row FROM cand c
				WHERE NOT EXISTS (SELECT 1 FROM live l WHERE l.tenant_id = c.tenant_id AND l.event_id = c.id
					AND l.status IN ('pending', 'paused'))))`,
			micro(before), limit))
		if err != nil {
			return err
		}
		p.Events = int(n)
		rows, err := tx.Query(ctx, `WITH done AS (
				SELECT j.tenant_id, j.id, j.callback_endpoint_id FROM jobs j
				LEFT JOIN deliveries d ON d.id = j.callback_delivery_id
				WHERE j.finished_at < $1 AND (d.id IS NULL OR d.status NOT IN ('pending', 'paused'))
				ORDER BY j.finished_at LIMIT $2 FOR UPDATE OF j SKIP LOCKED
			)
			DELETE FROM jobs j USING done WHERE j.tenant_id = done.tenant_id AND j.id = done.id
			RETURNING j.id, j.callback_endpoint_id`, micro(before), limit)
		if err != nil {
			return err
		}
		type gone struct{ ID, Callback string }
		done, err := pgx.CollectRows(rows, pgx.RowToStructByPos[gone])
		if err != nil {
			return err
		}
		for _, g := range done {
			if g.Callback == "" {
				continue
			}
			if _, err := tx.Exec(ctx, `DELETE FROM endpoints WHERE id = $1 AND job_id = $2`, g.Callback, g.ID); err != nil {
				return err
			}
		}
		p.Jobs = len(done)
		// Portal sessions that ended before the cutoff (refused since).
		ended, err := affected(tx.Exec(ctx, `DELETE FROM api_keys WHERE id IN
			(SELECT id FROM api_keys WHERE session AND expires_at < $1 LIMIT $2)`, micro(before), limit))
		p.Sessions = int(ended)
		return err
	})
	return p, err
}
