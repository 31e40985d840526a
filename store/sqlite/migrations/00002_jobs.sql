-- +goose Up
-- A job's own callback is delivered through a hidden endpoint owned by the
-- job; job_id is '' for every other endpoint.
ALTER TABLE endpoints ADD COLUMN job_id TEXT NOT NULL DEFAULT '';

CREATE TABLE jobs (
    tenant_id            TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    id                   TEXT NOT NULL,
    type                 TEXT NOT NULL,
    status               TEXT NOT NULL,
    progress             REAL,
    input                BLOB,          -- JSON, as given
    result               BLOB,          -- JSON, as given
    error                BLOB,          -- JSON, as given
    channels             TEXT NOT NULL, -- JSON array
    callback_endpoint_id TEXT NOT NULL, -- '' when the job has no callback
    callback_delivery_id TEXT NOT NULL, -- '' until the job finishes
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    started_at           INTEGER,
    finished_at          INTEGER,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX jobs_tenant ON jobs (tenant_id, created_at, id);

-- +goose Down
DROP TABLE jobs;
ALTER TABLE endpoints DROP COLUMN job_id;
