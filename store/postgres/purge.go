package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/heraldhq/herald/store"
)

// Purge deletes ended history older than before, tenant by tenant, on the
// (tenant_id, created_at) indexes the tables have anyway. Several nodes may
// purge at once: candidates are locked with SKIP LOCKED. The deliveries of
// each candidate are locked before the delete checks them again, so a
// delivery made due meanwhile (a replay, a manual retry) keeps its event.
func (db *DB) Purge(ctx context.Context, before time.Time, limit int) (store.Purged, error) {
	rows, err := db.pool.Query(ctx, `SELECT id FROM tenants ORDER BY id`)
	if err != nil {
		return store.Purged{}, err
	}
	tenants, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return store.Purged{}, err
	}
	var p store.Purged
	for _, tenant := range tenants {
		if p.Events >= limit && p.Jobs >= limit {
			break
		}
		var events, jobs int // this tenant's, once its transaction commits
		err := db.tx(ctx, func(tx pgx.Tx) error {
			events, jobs = 0, 0
			if p.Events < limit {
				n, err := affected(tx.Exec(ctx, `WITH cand AS (
						SELECT e.tenant_id, e.id FROM events e
						WHERE e.tenant_id = $1 AND e.created_at < $2
						AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.tenant_id = e.tenant_id AND d.event_id = e.id
							AND d.status IN ('pending', 'paused'))
						ORDER BY e.created_at LIMIT $3 FOR UPDATE SKIP LOCKED
					), live AS (
						SELECT d.tenant_id, d.event_id, d.status FROM deliveries d
						JOIN cand c ON d.tenant_id = c.tenant_id AND d.event_id = c.id
						ORDER BY d.id FOR UPDATE OF d
					)
					DELETE FROM events e USING cand c
					WHERE e.tenant_id = c.tenant_id AND e.id = c.id
					AND NOT EXISTS (SELECT 1 FROM live l WHERE l.tenant_id = c.tenant_id AND l.event_id = c.id
						AND l.status IN ('pending', 'paused'))`,
					tenant, micro(before), limit-p.Events))
				if err != nil {
					return err
				}
				events = int(n)
			}
			if p.Jobs < limit {
				rows, err := tx.Query(ctx, `WITH done AS (
						SELECT j.tenant_id, j.id, j.callback_endpoint_id FROM jobs j
						LEFT JOIN deliveries d ON d.id = j.callback_delivery_id
						WHERE j.tenant_id = $1 AND j.finished_at < $2 AND (d.id IS NULL OR d.status NOT IN ('pending', 'paused'))
						LIMIT $3 FOR UPDATE OF j SKIP LOCKED
					)
					DELETE FROM jobs j USING done WHERE j.tenant_id = done.tenant_id AND j.id = done.id
					RETURNING j.id, j.callback_endpoint_id`, tenant, micro(before), limit-p.Jobs)
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
				jobs = len(done)
			}
			return nil
		})
		if err != nil {
			return p, err
		}
		p.Events += events
		p.Jobs += jobs
	}
	return p, nil
}
