package sqlite

import (
	"context"
	"time"

	"github.com/heraldhq/herald/store"
)

// Purge deletes ended history older than before, tenant by tenant, so that
// every lookup runs on an index the tables have anyway: (tenant_id,
// created_at) for events and jobs, (tenant_id, event_id) for the check that
// an event has nothing left to deliver. The writer runs it in one
// transaction, so nothing can become due again between the check and the
// delete; deleting an event deletes its deliveries and attempts (foreign
// keys).
func (db *DB) Purge(ctx context.Context, before time.Time, limit int) (store.Purged, error) {
	var tenants []string
	rows, err := db.query(ctx, `SELECT id FROM tenants ORDER BY id`)
	if err != nil {
		return store.Purged{}, err
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return store.Purged{}, err
		}
		tenants = append(tenants, id)
	}
	if err := rows.Close(); err != nil {
		return store.Purged{}, err
	}
	var p store.Purged
	err = db.writer.do(func(tx wtx) error {
		p = store.Purged{}
		for _, tenant := range tenants {
			if p.Events < limit {
				res, err := tx.Exec(`DELETE FROM events WHERE tenant_id = ? AND id IN (
						SELECT e.id FROM events e WHERE e.tenant_id = ? AND e.created_at < ?
						AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.tenant_id = e.tenant_id AND d.event_id = e.id
							AND d.status IN ('pending', 'paused'))
						LIMIT ?)`, tenant, tenant, us(before), limit-p.Events)
				if err != nil {
					return err
				}
				n, _ := res.RowsAffected()
				p.Events += int(n)
			}
			if p.Jobs < limit {
				n, err := purgeJobs(tx, tenant, before, limit-p.Jobs)
				if err != nil {
					return err
				}
				p.Jobs += n
			}
			if p.Events >= limit && p.Jobs >= limit {
				break
			}
		}
		return nil
	})
	return p, err
}

// purgeJobs deletes up to limit of a tenant's jobs that finished before
// before and whose callback has nothing left to deliver, with their
// callback endpoints.
func purgeJobs(tx wtx, tenant string, before time.Time, limit int) (int, error) {
	rows, err := tx.Query(`SELECT j.id, j.callback_endpoint_id FROM jobs j
		LEFT JOIN deliveries d ON d.id = j.callback_delivery_id
		WHERE j.tenant_id = ? AND j.finished_at < ? AND (d.id IS NULL OR d.status NOT IN ('pending', 'paused'))
		LIMIT ?`, tenant, us(before), limit)
	if err != nil {
		return 0, err
	}
	var ids, callbacks []string
	for rows.Next() {
		var id, cb string
		if err := rows.Scan(&id, &cb); err != nil {
			rows.Close()
			return 0, err
		}
		ids, callbacks = append(ids, id), append(callbacks, cb)
	}
	if err := rows.Close(); err != nil {
		return 0, err
	}
	for i, id := range ids {
		if _, err := tx.Exec(`DELETE FROM jobs WHERE tenant_id = ? AND id = ?`, tenant, id); err != nil {
			return 0, err
		}
		if callbacks[i] != "" {
			if _, err := tx.Exec(`DELETE FROM endpoints WHERE id = ? AND job_id = ?`, callbacks[i], id); err != nil {
				return 0, err
			}
		}
	}
	return len(ids), nil
}
