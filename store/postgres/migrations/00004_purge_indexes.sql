-- +goose Up
-- Retention finds old history across all tenants in time order, so that
-- its cost follows what it deletes, not the number of tenants.
CREATE INDEX events_created ON events (created_at);
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;

-- +goose Down
DROP INDEX jobs_finished;
DROP INDEX events_created;
