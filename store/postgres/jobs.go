package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/internal/sqlcols"
)

// CreateJob stores a job with its callback endpoint and creation event.
func (db *DB) CreateJob(ctx context.Context, job *herald.Job, callback *herald.Endpoint, created store.NewEvent) (bool, error) {
	isNew := false
	err := db.tx(ctx, func(tx pgx.Tx) error {
		isNew = false
		cbEndpoint := ""
		if callback != nil {
			cbEndpoint = callback.ID
		}
		n, err := affected(tx.Exec(ctx, `INSERT INTO jobs (tenant_id, id, type, status, progress, input, result, error, attributes,
				channels, callback_endpoint_id, callback_delivery_id, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, '', $12, $13) ON CONFLICT (tenant_id, id) DO NOTHING`,
			job.TenantID, job.ID, job.Type, job.Status, job.Progress, rawOrNil(job.Input), rawOrNil(job.Result), rawOrNil(job.Error),
			rawOrNil(job.Attributes), jsonb(job.Channels), cbEndpoint, micro(job.CreatedAt), micro(job.UpdatedAt)))
		if isForeignKeyViolation(err) {
			return notFound("tenant", job.TenantID)
		}
		if err != nil || n == 0 {
			return err // n == 0: the same job id again
		}
		isNew = true
		if callback != nil {
			if err := db.insertEndpoint(ctx, tx, callback); err != nil {
				return err
			}
		}
		return insertEvents(ctx, tx, []store.NewEvent{created}, make([]bool, 1))
	})
	if err != nil {
		return false, err
	}
	return isNew, nil
}

// UpdateJob applies a status report to a job that has not finished. The
// job's row is locked first, so that two reports to one job, on any nodes,
// apply one after the other.
func (db *DB) UpdateJob(ctx context.Context, tenantID, id string, upd herald.JobUpdate, ev *store.NewEvent, callback *herald.Delivery) (*herald.Job, error) {
	var job *herald.Job
	err := db.tx(ctx, func(tx pgx.Tx) error {
		var err error
		if job, err = findJob(ctx, tx, tenantID, id, true); err != nil {
			return err
		}
		if herald.JobTerminal(job.Status) {
			return herald.Errorf(herald.ECONFLICT, "job %s is already %s; a finished job cannot change", id, job.Status)
		}
		upd.Apply(job)
		if ev != nil {
			if err := insertEvents(ctx, tx, []store.NewEvent{*ev}, make([]bool, 1)); err != nil {
				return err
			}
		}
		cbDelivery := ""
		if callback != nil && herald.JobTerminal(upd.Status) && job.Callback != nil {
			if err := insertDeliveries(ctx, tx, []*herald.Delivery{callback}); err != nil {
				return err
			}
			cbDelivery = callback.ID
			job.Callback.DeliveryID, job.Callback.State = callback.ID, herald.CallbackPending
		}
		var started, finished *time.Time
		if job.StartedAt != nil {
			started = nullTime(*job.StartedAt)
		}
		if job.FinishedAt != nil {
			finished = nullTime(*job.FinishedAt)
		}
		_, err = tx.Exec(ctx, `UPDATE jobs SET status = $1, progress = $2, result = $3, error = $4, attributes = $5, updated_at = $6,
				started_at = $7, finished_at = $8, callback_delivery_id = CASE WHEN $9 = '' THEN callback_delivery_id ELSE $9 END
			WHERE tenant_id = $10 AND id = $11`,
			job.Status, job.Progress, rawOrNil(job.Result), rawOrNil(job.Error), rawOrNil(job.Attributes), micro(upd.At),
			started, finished, cbDelivery, tenantID, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return job, nil
}

func scanJob(row rowScanner) (*herald.Job, error) {
	var j herald.Job
	var input, result, jobErr, attrs, channels []byte
	var cbEndpoint, cbDelivery, cbURL, cbStatus string
	var cbAttempts int
	if err := row.Scan(&j.TenantID, &j.ID, &j.Type, &j.Status, &j.Progress, &input, &result, &jobErr, &attrs, &channels,
		&cbEndpoint, &cbDelivery, &j.CreatedAt, &j.UpdatedAt, &j.StartedAt, &j.FinishedAt, &cbURL, &cbStatus, &cbAttempts); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(channels, &j.Channels); err != nil {
		return nil, err
	}
	j.Input, j.Result, j.Error, j.Attributes = nilIfEmpty(input), nilIfEmpty(result), nilIfEmpty(jobErr), nilIfEmpty(attrs)
	j.CreatedAt, j.UpdatedAt = utc(j.CreatedAt), utc(j.UpdatedAt)
	j.StartedAt, j.FinishedAt = utcPtr(j.StartedAt), utcPtr(j.FinishedAt)
	if cbEndpoint != "" {
		j.Callback = &herald.JobCallback{URL: cbURL, EndpointID: cbEndpoint, DeliveryID: cbDelivery, State: herald.CallbackWaiting, Attempts: cbAttempts}
		if cbDelivery != "" {
			j.Callback.State = herald.CallbackState(herald.DeliveryStatus(cbStatus))
		}
	}
	return &j, nil
}

func findJob(ctx context.Context, q querier, tenantID, id string, forUpdate bool) (*herald.Job, error) {
	sql := sqlcols.JobSelect + ` WHERE j.tenant_id = $1 AND j.id = $2`
	if forUpdate {
		sql += ` FOR UPDATE OF j`
	}
	j, err := scanJob(q.QueryRow(ctx, sql, tenantID, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, notFound("job", id)
	}
	return j, err
}

// FindJobByID returns a job with its callback's state.
func (db *DB) FindJobByID(ctx context.Context, tenantID, id string) (*herald.Job, error) {
	return findJob(ctx, db.pool, tenantID, id, false)
}

// FindJobs lists a tenant's jobs, newest first.
func (db *DB) FindJobs(ctx context.Context, f store.JobFilter) ([]*herald.Job, string, error) {
	conds, args := []string{`j.tenant_id = $1`}, []any{f.TenantID}
	if f.Status != "" {
		conds, args = append(conds, `j.status = $2`), append(args, f.Status)
	}
	return findPage(ctx, db.pool, sqlcols.JobSelect, "j.", conds, args, f.Page, scanJob,
		func(j *herald.Job) (time.Time, string) { return j.CreatedAt, j.ID })
}

func rawOrNil(r json.RawMessage) []byte {
	if len(r) == 0 {
		return nil
	}
	return r
}

func nilIfEmpty(b []byte) json.RawMessage {
	if len(b) == 0 {
		return nil
	}
	return json.RawMessage(b)
}
