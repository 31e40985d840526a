package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/heraldhq/herald"
	"github.com/heraldhq/herald/store"
	"github.com/heraldhq/herald/store/internal/sqlcols"
)

// CreateJob stores a job with its callback endpoint and creation event.
func (db *DB) CreateJob(ctx context.Context, job *herald.Job, callback *herald.Endpoint, created store.NewEvent) (bool, error) {
	isNew := false
	err := db.writer.do(func(tx wtx) error {
		cbEndpoint := ""
		if callback != nil {
			cbEndpoint = callback.ID
		}
		var progress sql.NullFloat64
		if job.Progress != nil {
			progress = sql.NullFloat64{Float64: *job.Progress, Valid: true}
		}
		res, err := tx.Exec(`INSERT INTO jobs (tenant_id, id, type, status, progress, input, result, error, attributes, channels,
				callback_endpoint_id, callback_delivery_id, created_at, updated_at, started_at, finished_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, NULL, NULL) ON CONFLICT (tenant_id, id) DO NOTHING`,
			job.TenantID, job.ID, job.Type, job.Status, progress, rawOrNil(job.Input), rawOrNil(job.Result), rawOrNil(job.Error),
			rawOrNil(job.Attributes), store.JSONText(job.Channels), cbEndpoint, us(job.CreatedAt), us(job.UpdatedAt))
		if isForeignKeyViolation(err) {
			return notFound("tenant", job.TenantID)
		}
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // the same job id again
		}
		isNew = true
		if callback != nil {
			if err := db.insertEndpoint(tx, callback); err != nil {
				return err
			}
		}
		_, err = insertEvent(tx, created)
		return err
	})
	if err != nil {
		return false, err
	}
	return isNew, nil
}

// UpdateJob applies a status report to a job that has not finished.
func (db *DB) UpdateJob(ctx context.Context, tenantID, id string, upd herald.JobUpdate, ev *store.NewEvent, callback *herald.Delivery) (*herald.Job, error) {
	var job *herald.Job
	err := db.writer.do(func(tx wtx) error {
		var err error
		if job, err = findJob(ctx, tx, tenantID, id); err != nil {
			return err
		}
		if herald.JobTerminal(job.Status) {
			return herald.Errorf(herald.ECONFLICT, "job %s is already %s; a finished job cannot change", id, job.Status)
		}
		upd.Apply(job)
		var progress sql.NullFloat64
		if job.Progress != nil {
			progress = sql.NullFloat64{Float64: *job.Progress, Valid: true}
		}
		if ev != nil {
			if _, err := insertEvent(tx, *ev); err != nil {
				return err
			}
		}
		cbDelivery := ""
		if callback != nil && herald.JobTerminal(upd.Status) && job.Callback != nil {
			if err := insertDeliveries(tx, []*herald.Delivery{callback}); err != nil {
				return err
			}
			cbDelivery = callback.ID
			job.Callback.DeliveryID, job.Callback.State = callback.ID, herald.CallbackPending
		}
		var started, finished sql.NullInt64
		if job.StartedAt != nil {
			started = nullUS(*job.StartedAt)
		}
		if job.FinishedAt != nil {
			finished = nullUS(*job.FinishedAt)
		}
		_, err = tx.Exec(`UPDATE jobs SET status = ?, progress = ?, result = ?, error = ?, attributes = ?, updated_at = ?, started_at = ?,
				finished_at = ?, callback_delivery_id = CASE WHEN ? = '' THEN callback_delivery_id ELSE ? END
			WHERE tenant_id = ? AND id = ?`,
			job.Status, progress, rawOrNil(job.Result), rawOrNil(job.Error), rawOrNil(job.Attributes), us(upd.At), started, finished, cbDelivery, cbDelivery, tenantID, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return job, nil
}

func scanJob(row rowScanner) (*herald.Job, error) {
	var j herald.Job
	var progress sql.NullFloat64
	var input, result, jobErr, attrs []byte
	var channels, cbEndpoint, cbDelivery, cbURL, cbStatus string
	var cbAttempts int
	var created, updated int64
	var started, finished sql.NullInt64
	if err := row.Scan(&j.TenantID, &j.ID, &j.Type, &j.Status, &progress, &input, &result, &jobErr, &attrs, &channels,
		&cbEndpoint, &cbDelivery, &created, &updated, &started, &finished, &cbURL, &cbStatus, &cbAttempts); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(channels), &j.Channels); err != nil {
		return nil, err
	}
	if progress.Valid {
		j.Progress = &progress.Float64
	}
	j.Input, j.Result, j.Error, j.Attributes = nilIfEmpty(input), nilIfEmpty(result), nilIfEmpty(jobErr), nilIfEmpty(attrs)
	j.CreatedAt, j.UpdatedAt = fromUS(created), fromUS(updated)
	if started.Valid {
		t := fromUS(started.Int64)
		j.StartedAt = &t
	}
	if finished.Valid {
		t := fromUS(finished.Int64)
		j.FinishedAt = &t
	}
	if cbEndpoint != "" {
		j.Callback = &herald.JobCallback{URL: cbURL, EndpointID: cbEndpoint, DeliveryID: cbDelivery, State: herald.CallbackWaiting, Attempts: cbAttempts}
		if cbDelivery != "" {
			j.Callback.State = herald.CallbackState(herald.DeliveryStatus(cbStatus))
		}
	}
	return &j, nil
}

func findJob(ctx context.Context, q queryer, tenantID, id string) (*herald.Job, error) {
	j, err := scanJob(q.QueryRowContext(ctx, sqlcols.JobSelect+` WHERE j.tenant_id = ? AND j.id = ?`, tenantID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("job", id)
	}
	return j, err
}

// FindJobByID returns a job with its callback's state.
func (db *DB) FindJobByID(ctx context.Context, tenantID, id string) (*herald.Job, error) {
	return findJob(ctx, readQ{db}, tenantID, id)
}

// FindJobs lists a tenant's jobs, newest first.
func (db *DB) FindJobs(ctx context.Context, f store.JobFilter) ([]*herald.Job, string, error) {
	conds, args := []string{`j.tenant_id = ?`}, []any{f.TenantID}
	if f.Status != "" {
		conds, args = append(conds, `j.status = ?`), append(args, f.Status)
	}
	return findPageAs(ctx, db, sqlcols.JobSelect, "j.", conds, args, f.Page, scanJob,
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
